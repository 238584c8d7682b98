export type AgencyKind =
  | 'people_committee'
  | 'department'
  | 'board'
  | 'one_stop_centre'
  | 'city'
  | 'district'
  | 'ward'
  | 'commune';
export type AgencyLevel = 'province' | 'district' | 'commune';

export interface AgenciesTable {
  id: string;
  identifier: string;
  name: string;
  kind: AgencyKind;
  level: AgencyLevel;
  parent_id: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

declare module '../../db/schema.ts' {
  interface Database {
    agencies: AgenciesTable;
  }
}
