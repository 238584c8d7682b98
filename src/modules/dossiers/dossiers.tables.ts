import type { Generated } from 'kysely';

export interface DossierCodeCountersTable {
  agency_identifier: string;
  day: string;
  last_sequence: number;
}

/** Each distinct frozen procedure definition once, keyed by the SHA-256 of its JSON text; never changed. */
export interface FrozenProceduresTable {
  hash: string;
  /** JSON: a `FrozenProcedure`. */
  definition: string;
}

export interface DossiersTable {
  id: string;
  code: string;
  submitted_by: string;
  submission_key: string;
  procedure_code: string;
  procedure_name: string;
  procedure_version_id: string;
  procedure_version: number;
  /** The `frozen_procedures` row of the `FrozenProcedure` the dossier was submitted under (migration 0110). */
  frozen_hash: string;
  field_code: string;
  case_code: string;
  receiving_agency_id: string;
  current_agency_id: string;
  current_step: number;
  channel: 1 | 2 | 3;
  online_mode: 'full' | 'partial' | 'none';
  status: number;
  resume_status: number | null;
  applicant_user_id: string | null;
  applicant_name: string;
  /** The applicant's name folded for accent-insensitive search. */
  applicant_search: string;
  applicant_id_number: string;
  applicant_phone: string | null;
  applicant_email: string | null;
  applicant_address: string | null;
  /** JSON or null. */
  on_behalf: string | null;
  /** JSON: the normalised e-form values. */
  form_data: string;
  /** JSON: `{ code, fileIds }[]`. */
  components: string;
  delivery_method: 'counter' | 'postal' | 'electronic';
  delivery_address: string | null;
  submitted_at: string;
  accepted_at: string | null;
  due_at: string | null;
  due_date: string | null;
  paused_at: string | null;
  total_paused_ms: Generated<number>;
  resolved_at: string | null;
  returned_at: string | null;
  refused_at: string | null;
  stopped_at: string | null;
  withdrawn_at: string | null;
  assignee_id: string | null;
  supplement_count: Generated<number>;
  /** How many attachments reuse a document of an earlier dossier of the same applicant (migration 0080). */
  reused_files: Generated<number>;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface DossierActionsTable {
  id: Generated<number>;
  dossier_id: string;
  action: string;
  /** A user id, or a partner system's name (`system` role). */
  actor_id: string;
  role: string;
  agency_id: string | null;
  at: string;
  comment: string | null;
  old_status: number | null;
  new_status: number;
  old_due_at: string | null;
  new_due_at: string | null;
  /** JSON or null. */
  data: string | null;
  /** JSON array of file ids, or null. */
  attachment_ids: string | null;
}

declare module '../../db/schema.ts' {
  interface Database {
    dossier_code_counters: DossierCodeCountersTable;
    dossiers: DossiersTable;
    frozen_procedures: FrozenProceduresTable;
    dossier_actions: DossierActionsTable;
  }
}
