export interface NationalPortalProcedureMapTable {
  national_code: string;
  procedure_code: string;
  case_code: string | null;
  updated_at: string;
}

export interface NationalPortalInboundTable {
  /** The dossier's code on the national portal. */
  national_code: string;
  national_procedure_code: string | null;
  state: 'created' | 'parked';
  /** Why it is parked: an i18n key. */
  reason: string | null;
  dossier_code: string | null;
  /** JSON: the last packet as received. */
  packet: string;
  revisions: number;
  received_at: string;
  updated_at: string;
}

export interface NationalPortalSyncTable {
  dossier_code: string;
  synced_version: number;
  first_synced_at: string;
  synced_at: string;
  /** Copied from the dossier when first synced, for the sync rate by agency and period. */
  receiving_agency_id: string | null;
  submitted_at: string | null;
}

export interface NationalPortalCursorTable {
  name: string;
  position: number;
}

export interface NationalPortalCataloguePullsTable {
  id: string;
  /** The administrator's user id; null from the command line. */
  started_by: string | null;
  started_at: string;
  finished_at: string;
  outcome: 'done' | 'failed';
  error: string | null;
  /** JSON: `PullEntry[]`. */
  report: string;
}

declare module '../../db/schema.ts' {
  interface Database {
    national_portal_procedure_map: NationalPortalProcedureMapTable;
    national_portal_inbound: NationalPortalInboundTable;
    national_portal_sync: NationalPortalSyncTable;
    national_portal_cursor: NationalPortalCursorTable;
    national_portal_catalogue_pulls: NationalPortalCataloguePullsTable;
  }
}
