/**
 * The read-only half of a refresh: the cells of the months it rebuilds, computed from the dossiers without writing.
 * Its input is plain data so that on SQLite it runs in the refresh thread (refresh-thread.ts) on its own connection.
 */
import { threadId } from 'node:worker_threads';
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import { agencyOfProcedures, MonthlyCells, monthPeriod, monthsBetween } from './cells.ts';
import * as repo from './statistics.repo.ts';
import type { StatsMonthCellsTable } from './statistics.tables.ts';

export interface RefreshPlan {
  /** The first month rebuilt; the last is `currentMonth`. */
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
  /** The thread that computed them. */
  threadId: number;
}

const SLICE = 1000;

export async function computeCells(db: Db, plan: RefreshPlan): Promise<ComputedCells> {
  const { fromMonth, currentMonth, since, nowIso, agencyOfProcedure } = plan;
  // Dossiers whose due date or pauses changed go through the per-dossier rules, which undo later history; all the
  // others are counted by one set-based statement. On PostgreSQL the two run at once, on two connections.
  const perDossier = async () => {
    const history = new MonthlyCells(fromMonth, currentMonth, nowIso, agencyOfProcedures(agencyOfProcedure));
    for await (const page of repo.factsSince(db.kysely, since, { withHistory: true })) {
      // In slices, letting requests through in between when this runs on the event loop (PostgreSQL).
      for (let i = 0; i < page.length; i += SLICE) {
        history.add(page.slice(i, i + SLICE));
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    return history.rows();
  };
  const months = monthsBetween(fromMonth, currentMonth).map((month) => {
    const { start, end } = monthPeriod(month);
    return { month, start, end, judgedAt: [end, nowIso].sort()[0]! };
  });
  const [history, setBased] = await Promise.all([
    perDossier(),
    repo.setBasedCells(db.kysely, db.dialect, { months, agencyOfProcedure, since }),
  ]);
  return { setBased, history, threadId };
}
