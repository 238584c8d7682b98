export type UserKind = 'citizen' | 'business' | 'officer';
export type OfficerRole = 'intake' | 'processor' | 'leader' | 'cashier' | 'petition_handler' | 'admin' | 'auditor';

export interface UsersTable {
  id: string;
  username: string;
  kind: UserKind;
  password_hash: string | null;
  full_name: string;
  email: string | null;
  phone: string | null;
  status: 'active' | 'suspended' | 'unverified';
  demo: number;
  created_at: string;
}

export interface OfficerRolesTable {
  user_id: string;
  agency_id: string;
  role: OfficerRole;
  granted_at: string;
}

declare module '../../db/schema.ts' {
  interface Database {
    users: UsersTable;
    officer_roles: OfficerRolesTable;
  }
}
