import type { Generated } from 'kysely';

export type DossierSource = 'native' | 'import';

/** The month and the group of dossiers a cell (or a dossier's contribution to one) is of. */
interface CellKeyColumns {
  /** `YYYY-MM`, Vietnam time. */
  month: string;
  agency_id: string;
  procedure_code: string;
  field_code: string;
  channel: 1 | 2 | 3;
  online_mode: 'full' | 'partial' | 'none';
}

export interface StatsMonthCellsTable extends CellKeyColumns {
  received: number;
  received_online: number;
  received_in_person: number;
  received_postal: number;
  carried_over: number;
  resolved: number;
  resolved_early: number;
  resolved_on_time: number;
  resolved_late: number;
  returned: number;
  in_progress: number;
  in_progress_within: number;
  overdue: number;
  awaiting_supplement: number;
  stopped: number;
  stopped_late: number;
  refused: number;
  withdrawn: number;
  resolved_electronic: number;
  resolved_digitised: number;
  received_reusing: number;
  received_vneid: number;
}

export interface StatsRefreshTable {
  id: number;
  built_at: string | null;
  /** The newest dossier `updated_at` the cells include. */
  changes_through: string | null;
  /** The first month with cells (`YYYY-MM`). */
  first_month: string | null;
  /** The months `stats_contributions` holds: the first that changes may still reach … the last refresh's month. */
  contributions_from: string | null;
  contributions_month: string | null;
  /** The agency each procedure counted for then, as `procedureAgenciesKey` writes it. */
  procedure_agencies: string | null;
}

/** What one dossier adds to the cells of one month. */
export interface StatsContributionsTable extends CellKeyColumns {
  dossier_id: string;
  /** Bit i is the i-th measure of `measureNames`. */
  bits: number;
}

/**
 * Columns this area adds to `dossiers` (migration 0050). They are kept out of the dossier module's table type, so its
 * rows need not mention them; queries here see them through `withDossierColumns`.
 */
export interface DossierStatsColumns {
  source: Generated<DossierSource>;
  /** The agency an imported record named; null for native dossiers (their procedure's agency counts). */
  handling_agency_id: string | null;
}

declare module '../../db/schema.ts' {
  interface Database {
    stats_month_cells: StatsMonthCellsTable;
    stats_refresh: StatsRefreshTable;
    stats_contributions: StatsContributionsTable;
  }
}
