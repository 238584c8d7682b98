/**
 * The read-only half of a refresh, computed from the dossiers without writing. A build computes the cells of the
 * months before the current one and what each dossier adds to the current month (its contribution); the current
 * month's cells are the sums of those. An update (also the first refresh of a month) recounts only the dossiers that
 * changed since, or whose due date passed. A build's input is plain data so that on SQLite it runs in the refresh
 * thread (refresh-thread.ts) on its own connection.
 */
import { threadId } from 'node:worker_threads';
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import {
  agencyOfProcedures,
  type ContributionRow,
  contributionOf,
  MonthlyCells,
  monthPeriod,
  monthsBetween,
  previousMonth,
} from './cells.ts';
import * as repo from './statistics.repo.ts';
import type { StatsMonthCellsTable } from './statistics.tables.ts';

export interface RefreshPlan {
  /** The first month rebuilt; the months up to the one before `currentMonth` get cells, the current contributions. */
  fromMonth: string;
  currentMonth: string;
  /** Only dossiers changed since then, or still open, can count (all when null). */
  since: string | null;
  /** The refresh's "now": the current month's open dossiers are judged at it. */
  nowIso: string;
  /** The agency each published procedure counts for. */
  agencyOfProcedure: ReadonlyMap<string, string>;
}

export interface ComputedCells {
  /** Cells of the dossiers without a state history, one row per cell. */
  setBased: Insertable<StatsMonthCellsTable>[];
  /** Cells of the dossiers with one, to add into those (a cell may hold both kinds). */
  history: Insertable<StatsMonthCellsTable>[];
  /**
   * Contributions to the current month of the dossiers with a state history and, on SQLite, of the others too; on
   * PostgreSQL the refresh writes those in the database (`repo.insertSetBasedContributions`), without reading them.
   */
  contributions: ContributionRow[];
  /** The thread that computed them. */
  threadId: number;
}

const SLICE = 1000;

/** The bounds of a month; its open dossiers are judged at its end, or at `nowIso` if that comes first. */
export function monthBounds(month: string, nowIso: string): repo.MonthBounds {
  const { start, end } = monthPeriod(month);
  return { month, start, end, judgedAt: [end, nowIso].sort()[0]! };
}

export async function computeCells(db: Db, plan: RefreshPlan): Promise<ComputedCells> {
  const { fromMonth, currentMonth, since, nowIso, agencyOfProcedure } = plan;
  const lastClosed = previousMonth(currentMonth);
  const agencyOf = agencyOfProcedures(agencyOfProcedure);
  const current = monthBounds(currentMonth, nowIso);
  const contributions: ContributionRow[] = [];
  // Dossiers whose due date or pauses changed go through the per-dossier rules, which undo later history; all the
  // others are counted by set-based statements. On PostgreSQL the two run at once, on two connections.
  const perDossier = async () => {
    const history = new MonthlyCells(fromMonth, lastClosed, nowIso, agencyOf);
    for await (const page of repo.factsSince(db.kysely, since, { withHistory: true })) {
      // In slices, letting requests through in between when this runs on the event loop (PostgreSQL).
      for (let i = 0; i < page.length; i += SLICE) {
        const slice = page.slice(i, i + SLICE);
        history.add(slice);
        for (const row of slice) {
          const contribution = contributionOf(row, currentMonth, nowIso, agencyOf);
          if (contribution) contributions.push(contribution);
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    return history.rows();
  };
  const months = fromMonth <= lastClosed ? monthsBetween(fromMonth, lastClosed).map((m) => monthBounds(m, nowIso)) : [];
  const setBasedContributions = async () => {
    if (db.dialect !== 'sqlite') return [];
    const query = repo.setBasedContributions(db.dialect, { month: current, agencyOfProcedure, since });
    return (await query.execute(db.kysely)).rows;
  };
  const [history, setBased, more] = await Promise.all([
    perDossier(),
    repo.setBasedCells(db.kysely, db.dialect, { months, agencyOfProcedure, since }),
    setBasedContributions(),
  ]);
  // Hundreds of thousands of rows: too many to spread into one call.
  return { setBased, history, contributions: contributions.concat(more), threadId };
}

/** The dossiers an update recounts, and what each adds to each month recounted. */
export interface Recount {
  dossierIds: string[];
  /** Per month recounted, the contributions of those dossiers that add anything. */
  contributions: Map<string, ContributionRow[]>;
}

/**
 * Recounts, for `months`, the dossiers changed since `since` and the open ones whose due date fell since `lastNowIso`
 * (the last refresh's "now"): every other dossier adds what it added then.
 */
export async function recount(
  db: Db,
  plan: Pick<RefreshPlan, 'nowIso' | 'agencyOfProcedure'> & { months: string[]; since: string; lastNowIso: string },
): Promise<Recount> {
  const dossierIds = await repo.dossiersToRecount(db.kysely, plan.since, plan.lastNowIso, plan.nowIso);
  const agencyOf = agencyOfProcedures(plan.agencyOfProcedure);
  const facts = await repo.factsOf(db.kysely, dossierIds);
  const contributions = new Map<string, ContributionRow[]>();
  for (const month of plan.months) {
    const rows: ContributionRow[] = [];
    for (const row of facts) {
      const contribution = contributionOf(row, month, plan.nowIso, agencyOf);
      if (contribution) rows.push(contribution);
    }
    contributions.set(month, rows);
  }
  return { dossierIds, contributions };
}
