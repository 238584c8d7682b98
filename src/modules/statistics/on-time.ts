/**
 * How one dossier counts in a period — the rules of national indicator 2.1 (DOMAIN.md §6.3), pure and in one place:
 * - the end of processing is the first of resolved → returned → stopped/refused (in that priority order);
 * - on time when that end ≤ the due date; the time spent waiting for a supplement is subtracted — the stored due
 *   date already moved by it when the dossier resumed — and a second supplement request counts as late;
 * - a dossier still open at the end of the period is judged at that end (or at the moment it went to wait for a
 *   supplement, if it is waiting), with the due date, pause and supplement count it had then: its later history
 *   (`changes`) is undone, so a past period's figures do not move when the dossier moves on;
 * - a dossier without a due date is on time.
 * Early means finished on a day before the due day (Vietnam time).
 */
import { vietnamDateOf } from '../../lib/vn-time.ts';
import { emptyMeasures, type Measures } from './measures.ts';

/** The columns of a dossier the statistics read; instants are ISO-8601 UTC text, as stored. */
export interface DossierFacts {
  channel: 1 | 2 | 3;
  status: number;
  acceptedAt: string | null;
  dueAt: string | null;
  resolvedAt: string | null;
  returnedAt: string | null;
  stoppedAt: string | null;
  refusedAt: string | null;
  withdrawnAt: string | null;
  /** When the current pause (supplement or payment) began; null while the clock runs. */
  pausedAt: string | null;
  supplementCount: number;
  /** Digitisation (indicators 4.x): a result file issued electronically, every component held as files. */
  electronicResult?: boolean;
  digitised?: boolean;
  /** Attachments reused from an earlier dossier of the applicant (indicator 4.3). */
  reusedFiles?: number;
  /** Filed from an account authenticated with the national (VNeID) sign-on (indicator 4.5). */
  vneid?: boolean;
  /**
   * The dossier's actions that paused or resumed it or moved its due date, in time order; without them the current
   * state stands for every moment (imported records, dossiers never paused or extended).
   */
  changes?: readonly StateChange[];
}

/** One action from the dossier's history, as far as the judgement needs it. */
export interface StateChange {
  at: string;
  action: string;
  oldStatus: number | null;
  newStatus: number;
  oldDueAt: string | null;
  newDueAt: string | null;
}

/** A half-open interval of instants [start, end). */
export interface Period {
  start: string;
  end: string;
}

export type Timeliness = 'early' | 'onTime' | 'late';

const AWAITING_SUPPLEMENT = 5;
const PAUSED = new Set([5, 6]);

/** What an open dossier is judged on at one moment. */
interface JudgedState {
  status: number;
  dueAt: string | null;
  pausedAt: string | null;
  supplementCount: number;
}

/** The dossier's state at `instant`: the current one with every change made since undone. */
export function stateAt(d: DossierFacts, instant: string): JudgedState {
  const current = { status: d.status, dueAt: d.dueAt, pausedAt: d.pausedAt, supplementCount: d.supplementCount };
  const changes = d.changes ?? [];
  const since = changes.filter((c) => c.at >= instant);
  if (since.length === 0) return current;
  const status = since[0]!.oldStatus ?? d.status;
  const dueMove = since.find((c) => c.oldDueAt !== c.newDueAt);
  const requests = since.filter((c) => c.action === 'request_supplement').length;
  const pauseStart = PAUSED.has(status)
    ? changes.filter((c) => c.at < instant && c.newStatus === status).at(-1)?.at
    : undefined;
  return {
    status,
    dueAt: dueMove ? dueMove.oldDueAt : d.dueAt,
    pausedAt: pauseStart ?? null,
    supplementCount: Math.max(0, d.supplementCount - requests),
  };
}

/** The end of processing: resolved, else returned, else stopped or refused. */
export function endOfProcessing(d: DossierFacts): string | null {
  return d.resolvedAt ?? d.returnedAt ?? d.stoppedAt ?? d.refusedAt;
}

/** Whether processing that ended (or is judged) at `end` was early, on time or late. */
export function timeliness(d: Pick<DossierFacts, 'dueAt' | 'supplementCount'>, end: string): Timeliness {
  if (d.supplementCount >= 2) return 'late';
  if (!d.dueAt) return 'onTime';
  if (end > d.dueAt) return 'late';
  return vietnamDateOf(new Date(end)) < vietnamDateOf(new Date(d.dueAt)) ? 'early' : 'onTime';
}

const within = (at: string | null, p: Period): at is string => at !== null && at >= p.start && at < p.end;
const before = (at: string | null, instant: string): at is string => at !== null && at < instant;

/** Open at `instant`: accepted before it and neither finished nor withdrawn before it. */
function openAt(d: DossierFacts, instant: string): boolean {
  return before(d.acceptedAt, instant) && !before(endOfProcessing(d), instant) && !before(d.withdrawnAt, instant);
}

/**
 * What one dossier adds to the measures of `period`. `judgedAt` is when open dossiers are judged: the period's end,
 * or now when the period has not ended yet (nobody is late in the future).
 */
export function contribution(d: DossierFacts, period: Period, judgedAt: string = period.end): Measures {
  const m = emptyMeasures();
  if (within(d.acceptedAt, period)) {
    m.received = 1;
    if (d.channel === 2) m.receivedOnline = 1;
    else if (d.channel === 3) m.receivedPostal = 1;
    else m.receivedInPerson = 1;
    if ((d.reusedFiles ?? 0) > 0) m.receivedReusing = 1;
    if (d.vneid) m.receivedVneid = 1;
  }
  if (openAt(d, period.start)) m.carriedOver = 1;

  const finished = d.resolvedAt ?? d.returnedAt;
  if (within(finished, period) && d.acceptedAt !== null) {
    m.resolved = 1;
    if (d.electronicResult) {
      m.resolvedElectronic = 1;
      if (d.digitised) m.resolvedDigitised = 1;
    }
    const t = timeliness(d, finished);
    if (t === 'early') m.resolvedEarly = 1;
    else if (t === 'onTime') m.resolvedOnTime = 1;
    else m.resolvedLate = 1;
  } else if (finished === null && within(d.stoppedAt, period)) {
    m.stopped = 1;
    if (timeliness(d, d.stoppedAt) === 'late') m.stoppedLate = 1;
  }
  if (within(d.returnedAt, period)) m.returned = 1;
  if (within(d.refusedAt, period)) m.refused = 1;
  if (within(d.withdrawnAt, period)) m.withdrawn = 1;

  if (openAt(d, period.end)) {
    m.inProgress = 1;
    const state = stateAt(d, judgedAt);
    // A dossier waiting for a supplement is judged at the request; the pause must have begun within what is judged.
    const waiting = before(state.pausedAt, judgedAt);
    if (waiting && state.status === AWAITING_SUPPLEMENT) m.awaitingSupplement = 1;
    const judged = waiting ? state.pausedAt : judgedAt;
    if (timeliness(state, judged as string) === 'late') m.overdue = 1;
    else m.inProgressWithin = 1;
  }
  return m;
}
