import { type Insertable, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import { isPostgres } from '../../db/migrate.ts';
import type { DbOrTx } from '../../db/transaction.ts';
import '../dossiers/dossiers.tables.ts';
import './statistics.tables.ts';
import { type ContributionRow, measureColumns } from './cells.ts';
import { type MeasureName, measureNames } from './measures.ts';
import type { StateChange } from './on-time.ts';
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
  reused_files: number;
  /** 1 when the dossier has an electronic result, all components as files, a VNeID-authenticated applicant. */
  e_result: number;
  digitised: number;
  vneid: number;
  /** The actions that paused, resumed or moved the due date of the dossier (none loaded: the current state holds). */
  changes?: StateChange[];
}

/** Statuses of a dossier whose processing has not ended: it may count in any period since its acceptance. */
const OPEN_STATUSES = [2, 4, 5, 6];
const PAGE = 20_000;
/** Cells per INSERT: 28 values each, well under SQLite's 32,766 bound variables. */
const CELL_BATCH = 500;
/** Dossiers per query when a list of them is read or deleted (a refresh at 10M reads the actions of 300,000). */
const ID_BATCH = 5000;

function* batches(ids: readonly string[]): Generator<string[]> {
  for (let i = 0; i < ids.length; i += ID_BATCH) yield ids.slice(i, i + ID_BATCH);
}

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
  'reused_files',
] as const;

/*
 * Facts computed in SQL, shared by the per-dossier reads and the set-based build so that both count alike.
 * A `resolve` action always carries the result files (the command refuses it without), so it marks an electronic
 * result. Components are stored as `JSON.stringify`d `{code, fileIds}` objects: digitised when there is at least one
 * and none has an empty file list.
 */
const E_RESULT = sql<number>`case when exists (select 1 from dossier_actions ra where ra.dossier_id = dossiers.id and ra.action = 'resolve') then 1 else 0 end`;
const DIGITISED = sql<number>`case when dossiers.components <> '[]' and dossiers.components not like '%"fileIds":[]%' then 1 else 0 end`;
const VNEID = sql<number>`case when exists (select 1 from users vu where vu.id = dossiers.applicant_user_id and vu.sso_subject is not null) then 1 else 0 end`;
/**
 * An action that paused or resumed the dossier or moved its due date: a past moment's state differs from now. The
 * partial index `dossier_actions_state_change_idx` (0140) has this condition: change both or neither.
 */
const changesState = (alias: string) =>
  sql.raw(
    `(${alias}.new_status in (5, 6) or ${alias}.old_status in (5, 6) or ${alias}.old_due_at <> ${alias}.new_due_at)`,
  );
const HAS_HISTORY = sql<SqlBool>`exists (select 1 from dossier_actions ha where ha.dossier_id = dossiers.id and ${changesState('ha')})`;

/**
 * Every dossier that can count in a period starting at `since` (all dossiers when null, a page at a time), with the
 * actions that changed its state. A dossier counts in such a period only if something happened to it since (accepted,
 * finished, refused, withdrawn — each moves updated_at) or it is still open: two index reads, by updated_at and by
 * status. `withHistory` keeps only the dossiers whose state changed in ways the set-based build does not undo.
 */
export async function* factsSince(
  db: DbOrTx,
  since: string | null,
  options: { withHistory?: boolean } = {},
): AsyncGenerator<FactRow[]> {
  const base = () => {
    const query = withDossierColumns(db)
      .selectFrom('dossiers')
      .select([...FACT_COLUMNS])
      .select([E_RESULT.as('e_result'), DIGITISED.as('digitised'), VNEID.as('vneid')]);
    return options.withHistory ? query.where(HAS_HISTORY) : query;
  };
  const withChanges = async (rows: FactRow[]) => {
    await attachChanges(db, rows);
    return rows;
  };
  if (since !== null) {
    yield withChanges((await base().where('updated_at', '>=', since).execute()) as FactRow[]);
    yield withChanges(
      (await base().where('status', 'in', OPEN_STATUSES).where('updated_at', '<', since).execute()) as FactRow[],
    );
    return;
  }
  let after = '';
  for (;;) {
    const rows = (await base().where('id', '>', after).orderBy('id').limit(PAGE).execute()) as FactRow[];
    if (rows.length === 0) return;
    yield withChanges(rows);
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** Loads, in time order, the state-changing actions of the dossiers that have any. */
async function attachChanges(db: DbOrTx, rows: FactRow[]): Promise<void> {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ids = [...byId.keys()];
  for (const batch of batches(ids)) {
    const actions = await db
      .selectFrom('dossier_actions as a')
      .select(['a.dossier_id', 'a.at', 'a.action', 'a.old_status', 'a.new_status', 'a.old_due_at', 'a.new_due_at'])
      .where('a.dossier_id', 'in', batch)
      .where(sql<SqlBool>`${changesState('a')}`)
      .orderBy('a.at')
      .orderBy('a.id')
      .execute();
    for (const a of actions) {
      const row = byId.get(a.dossier_id)!;
      row.changes ??= [];
      row.changes.push({
        at: a.at,
        action: a.action,
        oldStatus: a.old_status === null ? null : Number(a.old_status),
        newStatus: Number(a.new_status),
        oldDueAt: a.old_due_at,
        newDueAt: a.new_due_at,
      });
    }
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
export async function refreshState(db: DbOrTx, dialect: Dialect, lock = false): Promise<RefreshState> {
  const query = db.selectFrom('stats_refresh').selectAll().where('id', '=', 1);
  // PostgreSQL: two processes refreshing at once write one after the other; SQLite transactions already are.
  return (lock && dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirstOrThrow();
}

export async function saveRefreshState(db: DbOrTx, state: Omit<RefreshState, 'id'>): Promise<void> {
  await db.updateTable('stats_refresh').set(state).where('id', '=', 1).execute();
}

/** A month to build: its bounds, and when its open dossiers are judged (its end, or now for the current month). */
export interface MonthBounds {
  month: string;
  start: string;
  end: string;
  judgedAt: string;
}

interface SetBasedOptions {
  agencyOfProcedure: ReadonlyMap<string, string>;
  /** Only dossiers changed since then, or still open (all when null). */
  since: string | null;
}

/**
 * The parts of the set-based statements: the dossiers that can count (`f`, one row per dossier without a state
 * history, with its agency and its events) and, per measure column, the SQL condition under which a dossier of `f`
 * counts in it for the month `m`. The conditions are the rules of on-time.ts, in SQL; the statistics tests hold the
 * two to the same figures.
 */
function setBasedParts(dialect: Dialect, options: SetBasedOptions & { withId?: boolean }) {
  const vnDate = (x: string) =>
    dialect === 'sqlite'
      ? `date(${x}, '+7 hours')`
      : `(cast(${x} as timestamptz) at time zone 'UTC' + interval '7 hours')::date`;
  const greatest = dialect === 'sqlite' ? 'max' : 'greatest';
  const within = (x: string) => `(${x} >= m.s and ${x} < m.e)`;
  const openAt = (i: string) =>
    `(f.accepted_at < ${i} and (f.ended is null or f.ended >= ${i}) and (f.withdrawn_at is null or f.withdrawn_at >= ${i}))`;
  const late = (x: string) => `(f.supplement_count >= 2 or (f.due_at is not null and ${x} > f.due_at))`;
  const early = (x: string) => `(f.due_at is not null and ${vnDate(x)} < ${vnDate('f.due_at')})`;
  const resolved = `(${within('f.finished')} and f.accepted_at is not null)`;
  const received = within('f.accepted_at');
  const stopped = `(f.finished is null and ${within('f.stopped_at')})`;
  const judged = 'case when f.paused_at < m.j then f.paused_at else m.j end';
  const measures: Record<string, string> = {
    received,
    received_online: `${received} and f.channel = 2`,
    received_in_person: `${received} and f.channel not in (2, 3)`,
    received_postal: `${received} and f.channel = 3`,
    carried_over: openAt('m.s'),
    resolved,
    resolved_early: `${resolved} and not ${late('f.finished')} and ${early('f.finished')}`,
    resolved_on_time: `${resolved} and not ${late('f.finished')} and not ${early('f.finished')}`,
    resolved_late: `${resolved} and ${late('f.finished')}`,
    returned: within('f.returned_at'),
    in_progress: openAt('m.e'),
    in_progress_within: `${openAt('m.e')} and not ${late(`(${judged})`)}`,
    overdue: `${openAt('m.e')} and ${late(`(${judged})`)}`,
    awaiting_supplement: `${openAt('m.e')} and f.paused_at < m.j and f.status = 5`,
    stopped,
    stopped_late: `${stopped} and ${late('f.stopped_at')}`,
    refused: within('f.refused_at'),
    withdrawn: within('f.withdrawn_at'),
    resolved_electronic: `${resolved} and f.e_result = 1`,
    resolved_digitised: `${resolved} and f.e_result = 1 and f.digitised = 1`,
    received_reusing: `${received} and f.reused_files > 0`,
    received_vneid: `${received} and f.vneid = 1`,
  };
  const conditions = measureColumns.map((c) => {
    const when = measures[c];
    if (!when) throw new Error(`no SQL for measure ${c}`);
    return [c, when] as const;
  });
  const agencies = [...options.agencyOfProcedure];
  const procedureAgencies = agencies.length
    ? sql.join(agencies.map(([code, agency]) => sql`(${code}, ${agency})`))
    : sql`(cast(null as text), cast(null as text))`;
  const events = ['resolved_at', 'returned_at', 'stopped_at', 'refused_at', 'withdrawn_at']
    .map((c) => `coalesce(dossiers.${c}, '')`)
    .join(', ');
  const changed =
    options.since === null
      ? sql`1 = 1`
      : sql`(dossiers.updated_at >= ${options.since} or dossiers.status in (${sql.join(OPEN_STATUSES)}))`;
  const facts = sql`pa(code, agency) as (values ${procedureAgencies}),
    f as materialized (
      select ${sql.raw(options.withId ? 'dossiers.id, ' : '')}dossiers.procedure_code, dossiers.field_code,
        dossiers.channel, dossiers.online_mode, dossiers.status,
        dossiers.accepted_at, dossiers.due_at, dossiers.resolved_at, dossiers.returned_at, dossiers.stopped_at,
        dossiers.refused_at, dossiers.withdrawn_at, dossiers.paused_at, dossiers.supplement_count, dossiers.reused_files,
        coalesce(dossiers.handling_agency_id, pa.agency, dossiers.receiving_agency_id) as agency_id,
        coalesce(dossiers.resolved_at, dossiers.returned_at) as finished,
        coalesce(dossiers.resolved_at, dossiers.returned_at, dossiers.stopped_at, dossiers.refused_at) as ended,
        coalesce(dossiers.accepted_at, dossiers.refused_at, dossiers.withdrawn_at) as first_at,
        nullif(${sql.raw(`${greatest}(${events})`)}, '') as last_at,
        ${E_RESULT} as e_result, ${DIGITISED} as digitised, ${VNEID} as vneid
      from dossiers left join pa on pa.code = dossiers.procedure_code
      where ${changed} and not ${HAS_HISTORY}
    )`;
  const months = (list: readonly MonthBounds[]) =>
    sql`months(month, s, e, j) as (values ${sql.join(list.map((m) => sql`(${m.month}, ${m.start}, ${m.end}, ${m.judgedAt})`))})`;
  /** The months from a dossier's first event to its last (to now while open): the only ones it can count in. */
  const active = sql`m.e > f.first_at and (f.last_at is null or m.s <= f.last_at)`;
  return { conditions, facts, months, active };
}

/**
 * The cells of `months` in one SELECT … GROUP BY over the dossiers that can count in them (those changed since `since`
 * or still open; all when null), leaving out those with a state history (`factsSince` with `withHistory` reads them
 * for the per-dossier rules).
 */
export async function setBasedCells(
  db: DbOrTx,
  dialect: Dialect,
  options: SetBasedOptions & { months: readonly MonthBounds[] },
): Promise<Insertable<StatsMonthCellsTable>[]> {
  if (options.months.length === 0) return [];
  const { conditions, facts, months, active } = setBasedParts(dialect, options);
  const sums = conditions.map(([c, when]) => [c, `sum(case when ${when} then 1 else 0 end)`] as const);
  const { rows } = await sql<Insertable<StatsMonthCellsTable>>`
    with ${months(options.months)}, ${facts}
    select m.month, f.agency_id, f.procedure_code, f.field_code, f.channel, f.online_mode,
      ${sql.raw(sums.map(([c, e]) => `${e} as ${c}`).join(',\n      '))}
    from f join months m on ${active}
    group by m.month, f.agency_id, f.procedure_code, f.field_code, f.channel, f.online_mode
    having ${sql.raw(sums.map(([, e]) => e).join(' + '))} > 0`.execute(db);
  return rows;
}

const CONTRIBUTION_COLUMNS = [
  'month',
  'dossier_id',
  'agency_id',
  'procedure_code',
  'field_code',
  'channel',
  'online_mode',
  'bits',
] as const;

/**
 * What each dossier without a state history adds to the cells of `month` (set-based, like `setBasedCells`): a SELECT
 * of `stats_contributions` rows, for those that add anything.
 */
export function setBasedContributions(dialect: Dialect, options: SetBasedOptions & { month: MonthBounds }) {
  const { conditions, facts, months, active } = setBasedParts(dialect, { ...options, withId: true });
  const bits = conditions.map(([, when], i) => `(case when ${when} then ${2 ** i} else 0 end)`).join(' + ');
  return sql<ContributionRow>`
    with ${months([options.month])}, ${facts}
    select * from (
      select m.month, f.id as dossier_id, f.agency_id, f.procedure_code, f.field_code, f.channel, f.online_mode,
        ${sql.raw(bits)} as bits
      from f join months m on ${active}
    ) c where c.bits > 0`;
}

/** Writes the set-based contributions of `month` (PostgreSQL: in the database, without reading them out). */
export async function insertSetBasedContributions(
  db: DbOrTx,
  options: SetBasedOptions & { month: MonthBounds },
): Promise<void> {
  await sql`insert into stats_contributions (${sql.raw(CONTRIBUTION_COLUMNS.join(', '))})
    ${setBasedContributions('postgres', options)}`.execute(db);
}

/** Contributions per INSERT: 8 values each. */
const CONTRIBUTION_BATCH = 2000;

export async function insertContributions(db: DbOrTx, rows: readonly ContributionRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CONTRIBUTION_BATCH) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    await db
      .insertInto('stats_contributions')
      .values(rows.slice(i, i + CONTRIBUTION_BATCH))
      .execute();
  }
}

/**
 * Refreshes PostgreSQL's statistics of the contributions after they were all rewritten: without them, the first
 * updates after a build planned their reads of a few rows as scans of millions.
 */
export async function analyseContributions(db: DbOrTx): Promise<void> {
  if (isPostgres(db as Kysely<unknown>)) await sql`analyze stats_contributions`.execute(db);
}

export async function deleteAllContributions(db: DbOrTx): Promise<void> {
  // PostgreSQL empties the table without visiting millions of rows; only refreshes, one at a time, use it.
  if (isPostgres(db as Kysely<unknown>)) await sql`truncate stats_contributions`.execute(db);
  else await db.deleteFrom('stats_contributions').execute();
}

export async function contributionsOf(db: DbOrTx, month: string, ids: readonly string[]): Promise<ContributionRow[]> {
  const out: ContributionRow[] = [];
  for (const batch of batches(ids)) {
    const rows = await db
      .selectFrom('stats_contributions')
      .selectAll()
      .where('month', '=', month)
      .where('dossier_id', 'in', batch)
      .execute();
    for (const row of rows) out.push(row);
  }
  return out;
}

export async function deleteContributionsOf(db: DbOrTx, month: string, ids: readonly string[]): Promise<void> {
  for (const batch of batches(ids)) {
    await db.deleteFrom('stats_contributions').where('month', '=', month).where('dossier_id', 'in', batch).execute();
  }
}

/** Deletes the contributions to the months before `month`: no change can reach those any more. */
export async function deleteContributionsBefore(db: DbOrTx, month: string): Promise<void> {
  await db.deleteFrom('stats_contributions').where('month', '<', month).execute();
}

const bit = (name: MeasureName) => 2 ** measureNames.indexOf(name);

/**
 * Writes the contributions to `month` of the dossiers that did not change since `ended` ended, from those to `ended`:
 * only a dossier open at the month's end counts in the next month without a change; there it is carried over and in
 * progress, judged as it was at that end (whether within its deadline or overdue, whether awaiting a supplement).
 * Those whose due date passed since, and those that changed, are recounted after this.
 */
export async function carryContributions(db: DbOrTx, ended: string, month: string): Promise<void> {
  const open = bit('inProgress');
  const judged = bit('inProgressWithin') | bit('overdue') | bit('awaitingSupplement');
  await sql`insert into stats_contributions (${sql.raw(CONTRIBUTION_COLUMNS.join(', '))})
    select cast(${month} as text), dossier_id, agency_id, procedure_code, field_code, channel, online_mode,
      ${sql.lit(bit('carriedOver') | open)} | (bits & ${sql.lit(judged)})
    from stats_contributions where month = ${ended} and (bits & ${sql.lit(open)}) <> 0`.execute(db);
}

/** Writes the cells of `month` as the sums of the contributions (after the month's cells were deleted). */
export async function insertCellsFromContributions(db: DbOrTx, month: string): Promise<void> {
  const dims = 'agency_id, procedure_code, field_code, channel, online_mode';
  const sums = measureColumns.map((_, i) => `sum((bits >> ${i}) & 1)`).join(', ');
  await sql`insert into stats_month_cells (month, ${sql.raw(dims)}, ${sql.raw(measureColumns.join(', '))})
    select cast(${month} as text), ${sql.raw(dims)}, ${sql.raw(sums)}
    from stats_contributions where month = ${month} group by ${sql.raw(dims)}`.execute(db);
}

/** Deletes the cells of `month` in which nothing counts any more (contributions moved out of them). */
export async function deleteEmptyCells(db: DbOrTx, month: string): Promise<void> {
  let query = db.deleteFrom('stats_month_cells').where('month', '=', month);
  for (const column of measureColumns) query = query.where(column, '=', 0);
  await query.execute();
}

/**
 * The dossiers a refresh recounts: those changed since `since`, and the open ones whose due date fell in
 * [`dueFrom`, `dueTo`) — they turned overdue by the clock alone. Literal statuses: the partial index
 * `dossiers_open_due_idx` (0145) has the same condition.
 */
export async function dossiersToRecount(db: DbOrTx, since: string, dueFrom: string, dueTo: string): Promise<string[]> {
  const rows = await db
    .selectFrom('dossiers')
    .select('id')
    .where('updated_at', '>=', since)
    .union(
      db
        .selectFrom('dossiers')
        .select('id')
        .where(sql<SqlBool>`status in (2, 4, 5, 6)`)
        .where('due_at', '>=', dueFrom)
        .where('due_at', '<', dueTo),
    )
    .execute();
  return rows.map((r) => r.id);
}

/** The facts of the given dossiers, with the actions that changed their state. */
export async function factsOf(db: DbOrTx, ids: readonly string[]): Promise<FactRow[]> {
  const out: FactRow[] = [];
  for (const batch of batches(ids)) {
    const rows = (await withDossierColumns(db)
      .selectFrom('dossiers')
      .select([...FACT_COLUMNS])
      .select([E_RESULT.as('e_result'), DIGITISED.as('digitised'), VNEID.as('vneid')])
      .where('id', 'in', batch)
      .execute()) as FactRow[];
    await attachChanges(db, rows);
    out.push(...rows);
  }
  return out;
}

/**
 * Writes new cells (the set-based part of a build), a batch at a time. Between batches, requests that need no database
 * go through: on SQLite the statements run synchronously, so a full build would otherwise hold the event loop.
 */
export async function insertCells(db: DbOrTx, cells: readonly Insertable<StatsMonthCellsTable>[]): Promise<void> {
  for (let i = 0; i < cells.length; i += CELL_BATCH) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    await db
      .insertInto('stats_month_cells')
      .values(cells.slice(i, i + CELL_BATCH))
      .execute();
  }
}

/** Adds cells into those stored (the per-dossier part of a build, after the set-based part). */
export async function addCells(db: DbOrTx, cells: readonly Insertable<StatsMonthCellsTable>[]): Promise<void> {
  for (let i = 0; i < cells.length; i += CELL_BATCH) {
    await db
      .insertInto('stats_month_cells')
      .values(cells.slice(i, i + CELL_BATCH))
      .onConflict((oc) =>
        oc
          .columns(['month', 'agency_id', 'procedure_code', 'field_code', 'channel', 'online_mode'])
          .doUpdateSet((eb) =>
            Object.fromEntries(
              measureColumns.map((c) => [c, eb(eb.ref(`stats_month_cells.${c}`), '+', eb.ref(`excluded.${c}`))]),
            ),
          ),
      )
      .execute();
  }
}

/** Deletes the cells of every month from `fromMonth` on. */
export async function deleteCellsFrom(db: DbOrTx, fromMonth: string): Promise<void> {
  await db.deleteFrom('stats_month_cells').where('month', '>=', fromMonth).execute();
}

export type CellDimension = 'procedure_code' | 'field_code' | 'channel' | 'online_mode';

/**
 * The cells of the months `fromMonth`…`toMonth` summed in the database over the dimensions a question does not need
 * (per month and agency, and per `keep`): a year summary by agency reads months × agencies rows, not every cell. The
 * dimensions summed over read as '' (0 for the channel).
 */
export async function cellSums(
  db: DbOrTx,
  fromMonth: string,
  toMonth: string,
  keep: ReadonlySet<CellDimension>,
  channel?: number,
): Promise<CellRow[]> {
  const dimensions: CellDimension[] = ['procedure_code', 'field_code', 'channel', 'online_mode'];
  const kept = dimensions.filter((d) => keep.has(d));
  let query = db
    .selectFrom('stats_month_cells')
    .select(['month', 'agency_id', ...kept])
    .select(dimensions.filter((d) => !keep.has(d)).map((d) => sql.lit(d === 'channel' ? 0 : '').as(d)))
    .select((eb) => measureColumns.map((c) => eb.fn.sum<number>(c).as(c)))
    .where('month', '>=', fromMonth)
    .where('month', '<=', toMonth)
    .groupBy(['month', 'agency_id', ...kept]);
  if (channel !== undefined) query = query.where('channel', '=', channel as 1 | 2 | 3);
  return (await query.execute()) as unknown as CellRow[];
}

/** Makes the next refresh rebuild every month (after records were loaded into past months). */
export async function resetCells(db: DbOrTx): Promise<void> {
  await db.updateTable('stats_refresh').set({ built_at: null, changes_through: null }).where('id', '=', 1).execute();
}
