/**
 * Cells: the measures of one group of dossiers (agency, procedure, field, channel, online mode) over one period. The
 * monthly cells are stored; any period is answered from the cells of its months, or from the dossiers directly when it
 * does not start and end on month boundaries.
 */
import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import { vietnamDateOf, vietnamInstant } from '../../lib/vn-time.ts';
import { addInto, emptyMeasures, type MeasureName, type Measures, measureNames } from './measures.ts';
import { contribution, type DossierFacts, type Period } from './on-time.ts';
import type { CellRow, FactRow } from './statistics.repo.ts';
import type { StatsContributionsTable, StatsMonthCellsTable } from './statistics.tables.ts';

export interface Dims {
  agencyId: string;
  procedureCode: string;
  fieldCode: string;
  channel: 1 | 2 | 3;
  onlineMode: 'full' | 'partial' | 'none';
}

export interface Cell {
  dims: Dims;
  measures: Measures;
}

/** Which agency a dossier counts for: the one an imported record names, else its procedure's, else the receiver. */
export type AgencyOf = (row: FactRow) => string;

/** `AgencyOf` with the agency of each published procedure (plain data: it crosses to the refresh thread). */
export function agencyOfProcedures(agencyOfProcedure: ReadonlyMap<string, string>): AgencyOf {
  return (row) => row.handling_agency_id ?? agencyOfProcedure.get(row.procedure_code) ?? row.receiving_agency_id;
}

/** A digest of the agency each procedure counts for: contributions computed with another one are recomputed. */
export function procedureAgenciesKey(agencyOfProcedure: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256');
  for (const [code, agency] of [...agencyOfProcedure].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    hash.update(`${code}\t${agency}\n`);
  }
  return hash.digest('base64url');
}

export const monthOf = (instant: string): string => vietnamDateOf(new Date(instant)).slice(0, 7);

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

const periods = new Map<string, Period>();

/** The instants a Vietnam-time month runs over (kept: a refresh asks for the same months for every dossier). */
export function monthPeriod(month: string): Period {
  let period = periods.get(month);
  if (!period) {
    period = {
      start: vietnamInstant(`${month}-01`).toISOString(),
      end: vietnamInstant(`${nextMonth(month)}-01`).toISOString(),
    };
    periods.set(month, period);
  }
  return period;
}

export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = first; m <= last; m = nextMonth(m)) out.push(m);
  return out;
}

export const dimsKey = (d: Dims): string =>
  `${d.agencyId}|${d.procedureCode}|${d.fieldCode}|${d.channel}|${d.onlineMode}`;

export function factsOf(row: FactRow): DossierFacts {
  return {
    channel: row.channel,
    status: row.status,
    acceptedAt: row.accepted_at,
    dueAt: row.due_at,
    resolvedAt: row.resolved_at,
    returnedAt: row.returned_at,
    stoppedAt: row.stopped_at,
    refusedAt: row.refused_at,
    withdrawnAt: row.withdrawn_at,
    pausedAt: row.paused_at,
    supplementCount: Number(row.supplement_count),
    electronicResult: Number(row.e_result) === 1,
    digitised: Number(row.digitised) === 1,
    reusedFiles: Number(row.reused_files),
    vneid: Number(row.vneid) === 1,
    changes: row.changes,
  };
}

/** The earlier and later of two ISO instants or months (they sort as text). */
const earlier = (a: string, b: string): string => [a, b].sort()[0]!;
const later = (a: string, b: string): string => [a, b].sort()[1]!;

const isEmpty = (m: Measures) => measureNames.every((name) => m[name] === 0);

/** The months in which a dossier can count: from its first event to its last (or to now while it is open). */
function activeMonths(f: DossierFacts, now: string): [string, string] | undefined {
  const first = f.acceptedAt ?? f.refusedAt ?? f.withdrawnAt;
  if (!first) return undefined;
  const events = [f.resolvedAt, f.returnedAt, f.stoppedAt, f.refusedAt, f.withdrawnAt].filter(
    (v): v is string => v !== null,
  );
  const last = events.length > 0 ? events.sort()[events.length - 1]! : now;
  return [monthOf(first), monthOf(later(first, last))];
}

/** Adds dossiers into monthly cells for the months `first`…`last`; open periods are judged at `now`. */
export class MonthlyCells {
  readonly cells = new Map<string, { month: string; cell: Cell }>();

  constructor(
    private readonly first: string,
    private readonly last: string,
    private readonly now: string,
    private readonly agencyOf: AgencyOf,
  ) {}

  add(rows: readonly FactRow[]): void {
    for (const row of rows) {
      const facts = factsOf(row);
      const active = activeMonths(facts, this.now);
      if (!active) continue;
      const from = later(active[0], this.first);
      const to = earlier(active[1], this.last);
      let dims: Dims | undefined;
      for (let month = from; month <= to; month = nextMonth(month)) {
        const period = monthPeriod(month);
        const m = contribution(facts, period, earlier(period.end, this.now));
        if (isEmpty(m)) continue;
        dims ??= dimsOf(row, this.agencyOf);
        const key = `${month}|${dimsKey(dims)}`;
        const slot = this.cells.get(key);
        if (slot) addInto(slot.cell.measures, m);
        else this.cells.set(key, { month, cell: { dims, measures: m } });
      }
    }
  }

  rows(): Insertable<StatsMonthCellsTable>[] {
    return [...this.cells.values()].map(({ month, cell }) => toRow(month, cell));
  }
}

/** Measures of one dossier as bits: bit i is the i-th of `measureNames` (each is 0 or 1 for one dossier). */
export function bitsOf(m: Measures): number {
  let bits = 0;
  for (let i = 0; i < measureNames.length; i++) if (m[measureNames[i]!] !== 0) bits |= 1 << i;
  return bits;
}

export function measuresOfBits(bits: number, sign: 1 | -1 = 1): Measures {
  const m = emptyMeasures();
  for (let i = 0; i < measureNames.length; i++) if (bits & (1 << i)) m[measureNames[i]!] = sign;
  return m;
}

export type ContributionRow = Insertable<StatsContributionsTable>;

/** What one dossier adds to the cells of `month` (judged at `now` while it runs); undefined when nothing. */
export function contributionOf(
  row: FactRow,
  month: string,
  now: string,
  agencyOf: AgencyOf,
): ContributionRow | undefined {
  const period = monthPeriod(month);
  const m = contribution(factsOf(row), period, earlier(period.end, now));
  if (isEmpty(m)) return undefined;
  const dims = dimsOf(row, agencyOf);
  return {
    month,
    dossier_id: row.id,
    agency_id: dims.agencyId,
    procedure_code: dims.procedureCode,
    field_code: dims.fieldCode,
    channel: dims.channel,
    online_mode: dims.onlineMode,
    bits: bitsOf(m),
  };
}

/**
 * The difference that replacing dossiers' contributions to `month` (`before`) with new ones (`after`) makes to its
 * cells, one row per cell that moves.
 */
export function contributionDelta(
  month: string,
  before: readonly ContributionRow[],
  after: readonly ContributionRow[],
): Insertable<StatsMonthCellsTable>[] {
  const cells = new Map<string, Cell>();
  const apply = (rows: readonly ContributionRow[], sign: 1 | -1) => {
    for (const row of rows) {
      const dims = dimsOfColumns(row);
      const key = dimsKey(dims);
      const m = measuresOfBits(Number(row.bits), sign);
      const cell = cells.get(key);
      if (cell) addInto(cell.measures, m);
      else cells.set(key, { dims, measures: m });
    }
  };
  apply(before, -1);
  apply(after, 1);
  return [...cells.values()].filter((c) => !isEmpty(c.measures)).map((cell) => toRow(month, cell));
}

/** The cells of one arbitrary period, straight from the dossiers. */
export function periodCells(rows: Iterable<FactRow>, period: Period, now: string, agencyOf: AgencyOf): Cell[] {
  const judgedAt = earlier(period.end, now);
  const out = new Map<string, Cell>();
  for (const row of rows) {
    const m = contribution(factsOf(row), period, judgedAt);
    if (isEmpty(m)) continue;
    const dims = dimsOf(row, agencyOf);
    const key = dimsKey(dims);
    const cell = out.get(key);
    if (cell) addInto(cell.measures, m);
    else out.set(key, { dims, measures: m });
  }
  return [...out.values()];
}

function dimsOf(row: FactRow, agencyOf: AgencyOf): Dims {
  return {
    agencyId: agencyOf(row),
    procedureCode: row.procedure_code,
    fieldCode: row.field_code,
    channel: Number(row.channel) as Dims['channel'],
    onlineMode: row.online_mode,
  };
}

const columns: Record<MeasureName, keyof StatsMonthCellsTable> = {
  received: 'received',
  receivedOnline: 'received_online',
  receivedInPerson: 'received_in_person',
  receivedPostal: 'received_postal',
  carriedOver: 'carried_over',
  resolved: 'resolved',
  resolvedEarly: 'resolved_early',
  resolvedOnTime: 'resolved_on_time',
  resolvedLate: 'resolved_late',
  returned: 'returned',
  inProgress: 'in_progress',
  inProgressWithin: 'in_progress_within',
  overdue: 'overdue',
  awaitingSupplement: 'awaiting_supplement',
  stopped: 'stopped',
  stoppedLate: 'stopped_late',
  refused: 'refused',
  withdrawn: 'withdrawn',
  resolvedElectronic: 'resolved_electronic',
  resolvedDigitised: 'resolved_digitised',
  receivedReusing: 'received_reusing',
  receivedVneid: 'received_vneid',
};

/** The cell column of each measure, in `measureNames` order (the set-based build writes them in SQL). */
export const measureColumns = measureNames.map((name) => columns[name]);

function toRow(month: string, { dims, measures }: Cell): Insertable<StatsMonthCellsTable> {
  const row: Record<string, unknown> = {
    month,
    agency_id: dims.agencyId,
    procedure_code: dims.procedureCode,
    field_code: dims.fieldCode,
    channel: dims.channel,
    online_mode: dims.onlineMode,
  };
  for (const name of measureNames) row[columns[name]] = measures[name];
  return row as unknown as Insertable<StatsMonthCellsTable>;
}

/** The group a stored cell or contribution is of (the channel may come back from the driver as text). */
function dimsOfColumns(
  row: Pick<CellRow, 'agency_id' | 'procedure_code' | 'field_code' | 'channel' | 'online_mode'>,
): Dims {
  return {
    agencyId: row.agency_id,
    procedureCode: row.procedure_code,
    fieldCode: row.field_code,
    channel: Number(row.channel) as Dims['channel'],
    onlineMode: row.online_mode,
  };
}

export function fromRow(row: CellRow): { month: string; cell: Cell } {
  const measures = emptyMeasures();
  for (const name of measureNames) measures[name] = Number(row[columns[name]]);
  return {
    month: row.month,
    cell: { dims: dimsOfColumns(row), measures },
  };
}
