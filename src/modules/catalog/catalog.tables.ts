export type ProcedureStatus = 'draft' | 'published' | 'unpublished';
export type VersionStatus = 'draft' | 'published' | 'retired';

export interface ProceduresTable {
  id: string;
  code: string;
  agency_id: string;
  status: ProcedureStatus;
  published_version_id: string | null;
  draft_version_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProcedureVersionsTable {
  id: string;
  procedure_id: string;
  version: number;
  status: VersionStatus;
  /** The definition as JSON text, as `assertProcedureDefinition` returned it. */
  definition: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  published_by: string | null;
  published_at: string | null;
  retired_at: string | null;
}

declare module '../../db/schema.ts' {
  interface Database {
    procedures: ProceduresTable;
    procedure_versions: ProcedureVersionsTable;
  }
}
