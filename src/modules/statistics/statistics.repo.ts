import type { Insertable, Selectable } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import type { DbOrTx } from '../../db/transaction.ts';
import '../dossiers/dossiers.tables.ts';
import './statistics.tables.ts';
import type { DossierStatsColumns, StatsMonthCellsTable, StatsRefreshTable } from './statistics.tables.ts';

/** The database with the dossier columns this area adds. */
export const withDossierColumns = (db: DbOrTx) => db.withTables<{ dossiers: DossierStatsColumns }>();

export type CellRow = Selectable<StatsMonthCellsTable>;
export type RefreshState = Selectable<StatsRefreshTable>;

/** The dossier columns the statistics read. */
export interface FactRow {
  id: string;
  code: string;
  procedure_code: string;
  field_code: string;
  receiving_agency_id: string;
  handling_agency_id: string | null;
  channel: 1 | 2 | 3;
  online_mode: 'full' | 'partial' | 'none';
  status: number;
  accepted_at: string | null;
  due_at: string | null;
  resolved_at: string | null;
  returned_at: string | null;
  stopped_at: string | null;
  refused_at: string | null;
  withdrawn_at: string | null;
  paused_at: string | null;
  supplement_count: number;
}

/** Statuses of a dossier whose processing has not ended: it may count in any period since its acceptance. */
const OPEN_STATUSES = [2, 4, 5, 6];
const PAGE = 20_000;

const FACT_COLUMNS = [
  'id',
  'code',
  'procedure_code',
  'field_code',
  'receiving_agency_id',
  'handling_agency_id',
  'channel',
  'online_mode',
  'status',
  'accepted_at',
  'due_at',
  'resolved_at',
  'returned_at',
  'stopped_at',
  'refused_at',
  'withdrawn_at',
  'paused_at',
  'supplement_count',
] as const;

/**
 * Every dossier that can count in a period starting at `since` (all dossiers when null, a page at a time). A dossier
 * counts in such a period only if something happened to it since (accepted, finished, refused, withdrawn — each moves
 * updated_at) or it is still open: two index reads, by updated_at and by status.
 */
export async function* factsSince(db: DbOrTx, since: string | null): AsyncGenerator<FactRow[]> {
  const base = () =>
    withDossierColumns(db)
      .selectFrom('dossiers')
      .select([...FACT_COLUMNS]);
  if (since !== null) {
    yield (await base().where('updated_at', '>=', since).execute()) as FactRow[];
    yield (await base().where('status', 'in', OPEN_STATUSES).where('updated_at', '<', since).execute()) as FactRow[];
    return;
  }
  let after = '';
  for (;;) {
    const rows = (await base().where('id', '>', after).orderBy('id').limit(PAGE).execute()) as FactRow[];
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** The earliest acceptance, refusal or withdrawal on record: where the monthly cells begin. */
export async function firstEvent(db: DbOrTx): Promise<string | null> {
  const row = await db
    .selectFrom('dossiers')
    .select((eb) => [
      eb.fn.min('accepted_at').as('accepted'),
      eb.fn.min('refused_at').as('refused'),
      eb.fn.min('withdrawn_at').as('withdrawn'),
    ])
    .executeTakeFirst();
  const candidates = [row?.accepted, row?.refused, row?.withdrawn].filter((v): v is string => typeof v === 'string');
  return candidates.length ? candidates.sort()[0]! : null;
}

/** The smallest first-event instant among dossiers changed since `since`. */
export async function firstEventChangedSince(db: DbOrTx, since: string): Promise<string | null> {
  const row = await db
    .selectFrom('dossiers')
    .where('updated_at', '>=', since)
    .select((eb) => eb.fn.min(eb.fn.coalesce('accepted_at', 'refused_at', 'withdrawn_at', 'submitted_at')).as('first'))
    .executeTakeFirst();
  return (row?.first as string | null | undefined) ?? null;
}

export async function refreshState(db: DbOrTx, dialect: Dialect, lock = false): Promise<RefreshState> {
  const query = db.selectFrom('stats_refresh').selectAll().where('id', '=', 1);
  // PostgreSQL: two processes refreshing at once write one after the other; SQLite transactions already are.
  return (lock && dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirstOrThrow();
}

export async function saveRefreshState(db: DbOrTx, state: Omit<RefreshState, 'id'>): Promise<void> {
  await db.updateTable('stats_refresh').set(state).where('id', '=', 1).execute();
}

/** Replaces the cells of every month from `fromMonth` on. */
export async function replaceCells(
  db: DbOrTx,
  fromMonth: string,
  cells: readonly Insertable<StatsMonthCellsTable>[],
): Promise<void> {
  await db.deleteFrom('stats_month_cells').where('month', '>=', fromMonth).execute();
  // 24 columns: 500 rows per statement stays under both databases' parameter limits.
  for (let i = 0; i < cells.length; i += 500) {
    await db
      .insertInto('stats_month_cells')
      .values(cells.slice(i, i + 500))
      .execute();
  }
}

export async function cellsBetween(db: DbOrTx, fromMonth: string, toMonth: string): Promise<CellRow[]> {
  return db
    .selectFrom('stats_month_cells')
    .selectAll()
    .where('month', '>=', fromMonth)
    .where('month', '<=', toMonth)
    .execute();
}

/** Makes the next refresh rebuild every month (after records were loaded into past months). */
export async function resetCells(db: DbOrTx): Promise<void> {
  await db.updateTable('stats_refresh').set({ built_at: null, changes_through: null }).where('id', '=', 1).execute();
}
