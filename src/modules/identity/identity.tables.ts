import type { Generated } from 'kysely';

export type UserKind = 'citizen' | 'business' | 'officer';
export type OfficerRole = 'intake' | 'processor' | 'leader' | 'cashier' | 'petition_handler' | 'admin' | 'auditor';
export type UserStatus = 'active' | 'suspended' | 'unverified';
export type UserTokenPurpose = 'verify_email' | 'password_reset' | 'invite';

export interface UsersTable {
  id: string;
  username: string;
  kind: UserKind;
  password_hash: string | null;
  full_name: string;
  email: string | null;
  phone: string | null;
  status: UserStatus;
  demo: number;
  created_at: string;
  totp_secret: string | null;
  totp_enrolled_at: string | null;
  totp_last_step: number | null;
  email_verified_at: string | null;
  /** CCCD (citizen identity card) number. */
  identity_number: string | null;
  date_of_birth: string | null;
  address: string | null;
  tax_code: string | null;
  representative: string | null;
  sso_subject: string | null;
  /** JSON array of profile field names verified by the SSO identity provider. */
  verified_fields: Generated<string>;
}

export interface OfficerRolesTable {
  user_id: string;
  agency_id: string;
  role: OfficerRole;
  granted_at: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  idle_seconds: number;
  idle_expires_at: string;
  absolute_expires_at: string;
  second_factor: number;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
}

export interface UserTokensTable {
  hash: string;
  user_id: string;
  purpose: UserTokenPurpose;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface ApiTokensTable {
  id: string;
  hash: string;
  name: string;
  agency_id: string;
  /** JSON array of action names. */
  actions: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

declare module '../../db/schema.ts' {
  interface Database {
    users: UsersTable;
    officer_roles: OfficerRolesTable;
    sessions: SessionsTable;
    login_throttle: LoginThrottleTable;
    user_tokens: UserTokensTable;
    api_tokens: ApiTokensTable;
  }
}
