export interface ApplicationDraftsTable {
  id: string;
  account_id: string;
  procedure_code: string;
  procedure_name: string;
  procedure_version_id: string;
  case_code: string;
  submission_key: string;
  /** JSON: `DraftData`. */
  data: string;
  created_at: string;
  updated_at: string;
  expires_at: string;
  /** Set once the draft became a dossier. */
  dossier_code: string | null;
}

declare module '../../db/schema.ts' {
  interface Database {
    application_drafts: ApplicationDraftsTable;
  }
}
