/**
 * Statistics of dossier handling: measures per period and group, growth, ranking. Month-aligned periods are answered
 * from the stored monthly cells, which a refresh keeps at most `staleMs` behind the dossiers; other periods straight
 * from the dossiers. Both go through the same per-dossier rules (on-time.ts).
 *
 * A build computes the cells of the months it rebuilds without writing (refresh-compute.ts), then replaces them in
 * one transaction. The current month's cells are the sums of what each dossier adds to them (its contribution,
 * stored): within a month, a refresh recounts only the dossiers changed since the last one and applies the
 * difference. On SQLite, whose driver runs each statement on the calling thread, a build's computation runs in a
 * worker thread on its own connection to the file (refresh-thread.ts; WAL lets it read beside the app's writes), so
 * its long reads do not hold up requests; on PostgreSQL, and with an in-memory SQLite database, it runs in-process.
 */
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { addDays, parseIsoDate, vietnamInstant } from '../../lib/vn-time.ts';
import type { Translator } from '../../web/i18n/index.ts';
import { type Agency, AgencyTree, listAgencies } from '../agencies/agencies.service.ts';
import type { CatalogIndex } from '../catalog/catalog-index.ts';
import {
  type AgencyOf,
  agencyOfProcedures,
  type Cell,
  contributionDelta,
  type Dims,
  factsOf,
  fromRow,
  monthOf,
  monthPeriod,
  monthsBetween,
  nextMonth,
  periodCells,
  previousMonth,
  procedureAgenciesKey,
} from './cells.ts';
import {
  computeIndicators,
  defaultFullMarksAt,
  dossierDrills,
  type Indicator,
  type IndicatorSources,
  isComplete,
} from './indicators.ts';
import { addInto, chain, emptyMeasures, type Measures, type Rates, ratesOf } from './measures.ts';
import type { Period } from './on-time.ts';
import { contribution, endOfProcessing } from './on-time.ts';
import { computeCells, monthBounds, type RefreshPlan, recount } from './refresh-compute.ts';
import { RefreshThread } from './refresh-thread.ts';
import * as repo from './statistics.repo.ts';

export const groupings = ['agency', 'field', 'procedure', 'channel', 'mode', 'level'] as const;
export type GroupBy = (typeof groupings)[number];

export interface SummaryQuery {
  /** First day, `YYYY-MM-DD` (Vietnam time). */
  from: string;
  /** Last day, included. */
  to: string;
  groupBy?: GroupBy | undefined;
  /** An agency identifier: only its dossiers and those of the agencies below it. */
  agency?: string | undefined;
  /** Only dossiers received through this channel. */
  channel?: 1 | 2 | 3 | undefined;
}

export type Figures = Measures & Rates;
export interface SummaryGroup extends Figures {
  key: string;
  name: string;
}
export interface Summary {
  from: string;
  to: string;
  totals: Figures;
  groups: SummaryGroup[];
}
export interface MonthFigures extends Figures {
  month: string;
}

/** What the statistics need of the catalogue: its published procedures. */
export interface ProcedureCatalogue {
  index(): Promise<CatalogIndex>;
  list(): Promise<{ code: string; status: string }[]>;
}

export interface StatisticsOptions {
  db: Db;
  catalogue: ProcedureCatalogue;
  clock?: Clock;
  /** Cells older than this are refreshed in the background (default 20 s). */
  staleMs?: number;
  /**
   * Figures are never answered from cells older than this: a request waits for the refresh instead (default three
   * times `staleMs`, a minute). Meanwhile requests are answered from the cells there are, so a refresh that takes
   * longer than `staleMs` holds nobody up as long as it ends within `maxStaleMs` of the cells it replaces.
   */
  maxStaleMs?: number;
  onRefreshError?: (error: unknown) => void;
  /** Other areas' data for the 766 indicators; each missing one leaves its indicators without data. */
  sources?: IndicatorSources;
  /** Per indicator code, the rate that earns full marks (defaults: `defaultFullMarksAt`). */
  fullMarksAt?: Readonly<Record<string, number>>;
}

export interface DrillRow {
  code: string;
  name: string;
  receivedAt?: string | null;
  dueAt?: string | null;
  endedAt?: string | null;
  meets: boolean;
}
export interface Drill {
  indicator: string;
  kind: 'dossiers' | 'procedures';
  total: number;
  rows: DrillRow[];
}

/** The cell dimensions a grouping reads (beside the agency, which every question keeps for its scope). */
const cellDimensionOf: Record<GroupBy, repo.CellDimension[]> = {
  agency: [],
  field: ['field_code'],
  procedure: ['procedure_code'],
  channel: ['channel'],
  mode: ['online_mode'],
  level: ['online_mode'],
};

/** Old service levels as reports still show them: full online ≈ level 4, partial ≈ level 3, none = level 2. */
export const levelOfMode = { full: 4, partial: 3, none: 2 } as const;
/** How long a dossier command may take to commit: changes newer than the last refresh minus this are read again. */
const COMMIT_MARGIN_MS = 60_000;
const MEMO_SIZE = 200;
const MAX_DAYS = 366 * 10;

export class PeriodError extends Error {}

/** The instants of a day range, and whether it runs from a first of month to a last of month. */
export function periodOf(from: string, to: string): { period: Period; months: [string, string] | undefined } {
  const start = parseIsoDate(from);
  const end = parseIsoDate(to);
  if (start === undefined || end === undefined || end < start || end - start > MAX_DAYS) {
    throw new PeriodError(`invalid period ${from}..${to}`);
  }
  const period = { start: vietnamInstant(from).toISOString(), end: vietnamInstant(addDays(to, 1)).toISOString() };
  const aligned = from.endsWith('-01') && addDays(to, 1).endsWith('-01');
  return { period, months: aligned ? [from.slice(0, 7), to.slice(0, 7)] : undefined };
}

function figures(m: Measures): Figures {
  return { ...m, ...ratesOf(m) };
}

export class StatisticsService {
  readonly #db: Db;
  readonly #catalogue: ProcedureCatalogue;
  readonly #clock: Clock;
  readonly #staleMs: number;
  readonly #maxStaleMs: number;
  readonly #onRefreshError: (error: unknown) => void;
  readonly #sources: IndicatorSources;
  readonly #fullMarksAt: Readonly<Record<string, number>>;
  #checkedAt = Number.NEGATIVE_INFINITY;
  #refreshing: Promise<void> | undefined;
  #checking: Promise<void> | undefined;
  #built = false;
  /** Changes whenever the cells this process reads may have changed. */
  #version = '';
  /** The cells' version before the current one: figures from them may be served while new ones are computed. */
  #previousVersion = '';
  readonly #memo = new Map<string, Kept<unknown>>();
  /** On SQLite with a database file, where refreshes compute their cells; elsewhere they do it on the event loop. */
  readonly #thread: RefreshThread | undefined;
  #computedIn: number | undefined;
  #lastRefresh: LastRefresh | undefined;

  constructor(options: StatisticsOptions) {
    this.#db = options.db;
    this.#catalogue = options.catalogue;
    this.#clock = options.clock ?? systemClock;
    this.#staleMs = options.staleMs ?? 20_000;
    this.#maxStaleMs = options.maxStaleMs ?? 3 * this.#staleMs;
    this.#onRefreshError = options.onRefreshError ?? (() => {});
    this.#sources = options.sources ?? {};
    this.#fullMarksAt = { ...defaultFullMarksAt, ...options.fullMarksAt };
    // An in-memory database cannot be opened by another thread.
    const inMemory = options.db.url === 'sqlite:' || options.db.url.includes(':memory:');
    this.#thread = options.db.dialect === 'sqlite' && !inMemory ? new RefreshThread(options.db.url) : undefined;
  }

  /**
   * Brings the monthly cells up to date with the dossiers. Within a month and into the next, only the dossiers changed
   * since the last refresh (or whose due date passed since) are recounted, and the difference applied; otherwise it
   * builds the months that may have moved (all of them the first time).
   */
  async refresh(): Promise<void> {
    const now = this.#clock.now();
    const nowIso = now.toISOString();
    const state = await repo.refreshState(this.#db.kysely, this.#db.dialect);
    const currentMonth = monthOf(nowIso);
    const agencyOfProcedure = await this.#procedureAgencies();
    const basis = { nowIso, agencyOfProcedure, agenciesKey: procedureAgenciesKey(agencyOfProcedure) };
    const changesThrough = new Date(now.getTime() - COMMIT_MARGIN_MS).toISOString();
    if (state.built_at === null || state.changes_through === null) {
      const first = await repo.firstEvent(this.#db.kysely);
      const fromMonth = first && monthOf(first) < currentMonth ? monthOf(first) : currentMonth;
      await this.#build({ ...basis, currentMonth, fromMonth, since: null }, changesThrough);
    } else if (this.#contributionsHold(state, basis.agenciesKey, currentMonth)) {
      // Recount what changed since, in every month a change since may reach (the one of the last refresh's "changes
      // through", up to the current one), and carry the last refresh's month into the current one if it is new.
      const months = monthsBetween(monthOf(state.changes_through), currentMonth);
      await this.#update(
        { ...basis, months, since: state.changes_through, lastNowIso: state.built_at },
        changesThrough,
      );
    } else {
      // From the month of the first change the last refresh may not have seen. Earlier months cannot have moved: a
      // command stamps what it changes with its own time, and a month's figures undo every later change of a dossier
      // (on-time.ts). Imports, which write any month, reset the cells.
      const fromMonth = [currentMonth, monthOf(state.built_at), monthOf(state.changes_through)].sort()[0]!;
      await this.#build({ ...basis, currentMonth, fromMonth, since: monthPeriod(fromMonth).start }, changesThrough);
    }
    this.#built = true;
    this.#setVersion(nowIso);
  }

  /** Rebuilds the months from `plan.fromMonth` on and the contributions to the current month. */
  async #build(plan: RefreshPlan & { agenciesKey: string }, changesThrough: string): Promise<void> {
    const { fromMonth, currentMonth, nowIso } = plan;
    const cells = this.#thread ? await this.#thread.compute(plan) : await computeCells(this.#db, plan);
    this.#computedIn = cells.threadId;
    this.#lastRefresh = { kind: 'build', fromMonth };
    await inTransaction(this.#db.kysely, async (tx) => {
      const latest = await repo.refreshState(tx, this.#db.dialect, true);
      // Another process refreshed after this one started: its cells are as new as these.
      if (latest.built_at !== null && latest.built_at > nowIso) return;
      await repo.deleteCellsFrom(tx, fromMonth);
      await repo.insertCells(tx, cells.setBased);
      await repo.addCells(tx, cells.history);
      await repo.deleteAllContributions(tx);
      await repo.insertContributions(tx, cells.contributions);
      if (this.#db.dialect === 'postgres') {
        await repo.insertSetBasedContributions(tx, { ...plan, month: monthBounds(currentMonth, nowIso) });
      }
      await repo.insertCellsFromContributions(tx, currentMonth);
      await repo.analyseContributions(tx);
      await repo.saveRefreshState(tx, {
        built_at: nowIso,
        changes_through: changesThrough,
        first_month: latest.first_month && latest.first_month < fromMonth ? latest.first_month : fromMonth,
        contributions_from: currentMonth,
        contributions_month: currentMonth,
        procedure_agencies: plan.agenciesKey,
      });
    });
  }

  /**
   * Whether the stored contributions can be brought up to date by recounting what changed: they were computed with the
   * same procedures' agencies, for every month from that of the last refresh's "changes through" to that of the last
   * refresh, and that month is the current one or the one before.
   */
  #contributionsHold(state: repo.RefreshState, agenciesKey: string, currentMonth: string): boolean {
    const { built_at, changes_through, contributions_from, contributions_month } = state;
    if (!built_at || !changes_through || !contributions_from || !contributions_month) return false;
    return (
      state.procedure_agencies === agenciesKey &&
      contributions_month === monthOf(built_at) &&
      contributions_from <= monthOf(changes_through) &&
      (contributions_month === currentMonth || nextMonth(contributions_month) === currentMonth)
    );
  }

  /**
   * Recounts the dossiers that changed and applies the difference to the cells of the months recounted. When a new
   * month began, the last refresh's month is final by then, and the new month's contributions are carried over from
   * it and from the recounted dossiers'. The contributions of months no change can reach any more are dropped.
   */
  async #update(plan: Parameters<typeof recount>[1] & { agenciesKey: string }, changesThrough: string): Promise<void> {
    const { nowIso, months } = plan;
    const { dossierIds, contributions } = await recount(this.#db, plan);
    this.#lastRefresh = { kind: 'update', months, recounted: dossierIds.length };
    await inTransaction(this.#db.kysely, async (tx) => {
      const latest = await repo.refreshState(tx, this.#db.dialect, true);
      if (latest.built_at !== null && latest.built_at > nowIso) return;
      const lastMonth = latest.contributions_month;
      // Another process built in between: the next refresh starts from what it left.
      const held = latest.contributions_from !== null && latest.contributions_from <= months[0]!;
      if (!held || !lastMonth || !months.includes(lastMonth) || latest.procedure_agencies !== plan.agenciesKey) return;
      for (const month of months) {
        if (month > lastMonth) {
          await repo.carryContributions(tx, previousMonth(month), month);
          await repo.deleteContributionsOf(tx, month, dossierIds);
          await repo.insertContributions(tx, contributions.get(month)!);
          await repo.deleteCellsFrom(tx, month);
          await repo.insertCellsFromContributions(tx, month);
          continue;
        }
        // What those dossiers added before, read under the lock: the cells hold exactly the sum of the contributions.
        const before = await repo.contributionsOf(tx, month, dossierIds);
        const after = contributions.get(month)!;
        await repo.deleteContributionsOf(tx, month, dossierIds);
        await repo.insertContributions(tx, after);
        await repo.addCells(tx, contributionDelta(month, before, after));
        await repo.deleteEmptyCells(tx, month);
      }
      const reachable = monthOf(changesThrough);
      if (latest.contributions_from! < reachable) await repo.deleteContributionsBefore(tx, reachable);
      await repo.saveRefreshState(tx, {
        built_at: nowIso,
        changes_through: changesThrough,
        first_month: latest.first_month,
        contributions_from: reachable,
        contributions_month: months.at(-1)!,
        procedure_agencies: plan.agenciesKey,
      });
    });
  }

  /** What the last refresh of this process did. */
  get lastRefresh(): LastRefresh | undefined {
    return this.#lastRefresh;
  }

  /** The thread that computed the cells of the last build (the tests check where that ran). */
  get computedIn(): number | undefined {
    return this.#computedIn;
  }

  /**
   * Makes sure the cells exist and are recent: a refresh starts in the background once they are `staleMs` old, and a
   * request waits for it once they are `maxStaleMs` old. Concurrent requests share one check.
   */
  #fresh(): Promise<void> {
    const now = this.#clock.now().getTime();
    if (this.#built && now - this.#checkedAt < this.#staleMs) return Promise.resolve();
    this.#checking ??= this.#check().finally(() => {
      this.#checking = undefined;
    });
    // While the cells this process last saw are younger than `maxStaleMs`, it answers from them and checks beside:
    // a request need not wait for the database connection (on SQLite, one shared by every request).
    if (this.#built && now - Date.parse(this.#version) < this.#maxStaleMs) {
      this.#checking.catch(this.#onRefreshError);
      return Promise.resolve();
    }
    return this.#checking;
  }

  async #check(): Promise<void> {
    const state = await repo.refreshState(this.#db.kysely, this.#db.dialect);
    this.#built = state.built_at !== null;
    const age = state.built_at ? this.#clock.now().getTime() - Date.parse(state.built_at) : Number.POSITIVE_INFINITY;
    if (age < this.#staleMs) {
      this.#setVersion(state.built_at ?? '');
      this.#checkedAt = this.#clock.now().getTime();
      return;
    }
    this.#refreshing ??= this.refresh()
      .catch((error) => this.#onRefreshError(error))
      .finally(() => {
        this.#refreshing = undefined;
      });
    this.#checkedAt = this.#clock.now().getTime();
    if (!this.#built || age >= this.#maxStaleMs) await this.#refreshing;
  }

  #setVersion(version: string): void {
    if (version === this.#version) return;
    this.#previousVersion = this.#version;
    this.#version = version;
  }

  /** Whether figures from the cells built at `version` are recent enough to be served while newer ones are computed. */
  #servable(version: string): boolean {
    const builtAt = Date.parse(version);
    return !Number.isNaN(builtAt) && this.#clock.now().getTime() - builtAt < this.#maxStaleMs;
  }

  /**
   * How many seconds a copy of figures read from the cells now may be kept (HTTP max-age) so that it is never more
   * than `maxAgeMs` behind the dossiers: what is left of that once the cells' own age is taken off.
   */
  freshFor(maxAgeMs = 60_000): number {
    // The figures served may still be those of the previous cells (see #remember).
    const oldest = this.#servable(this.#previousVersion) ? this.#previousVersion : this.#version;
    const builtAt = Date.parse(oldest);
    if (Number.isNaN(builtAt)) return 0;
    const age = this.#clock.now().getTime() - builtAt;
    return Math.max(0, Math.floor((maxAgeMs - age) / 1000));
  }

  /** Keeps what `compute` gives from the monthly cells until they change (at most a minute). */
  cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    return this.#remember(`cached|${key}`, compute);
  }

  async #remember<T>(key: string, compute: () => Promise<T>, live = false): Promise<T> {
    // Figures read straight from the dossiers are live: never kept.
    if (live) return compute();
    await this.#fresh();
    const kept = this.#memo.get(key) as Kept<T> | undefined;
    if (kept && kept.version === this.#version) return kept.fallback ? kept.fallback.value : kept.pending;
    // The promise is kept, not only its value: requests arriving while the figures are computed wait for that one
    // computation instead of each starting its own. Once the cells change, the previous figures are served while the
    // new ones are computed, if those cells are recent enough (#servable): after each refresh, under load, requests
    // would otherwise all queue behind the first.
    const pending = compute();
    const entry: Kept<T> = {
      version: this.#version,
      pending,
      fallback: kept?.settled && this.#servable(kept.version) ? kept.settled : undefined,
    };
    pending.then(
      (value) => {
        entry.settled = { value };
        entry.fallback = undefined;
      },
      () => {
        if (this.#memo.get(key) === entry) this.#memo.delete(key);
      },
    );
    if (this.#memo.size >= MEMO_SIZE && !this.#memo.has(key)) {
      this.#memo.delete(this.#memo.keys().next().value as string);
    }
    this.#memo.set(key, entry as Kept<unknown>);
    return entry.fallback ? entry.fallback.value : pending;
  }

  /** The agency each published procedure counts for. */
  async #procedureAgencies(): Promise<Map<string, string>> {
    const [index, list] = await Promise.all([this.#catalogue.index(), this.#catalogue.list()]);
    const out = new Map<string, string>();
    for (const { code } of list) {
      const agency = index.get(code)?.definition.agency.id;
      if (agency) out.set(code, agency);
    }
    return out;
  }

  async #agencyOf(): Promise<AgencyOf> {
    return agencyOfProcedures(await this.#procedureAgencies());
  }

  /**
   * The cells of a period, with a key per month when `byMonth`: from the stored months when the period is
   * month-aligned (unless `direct`), else from the dossiers.
   */
  async cellsOf(
    from: string,
    to: string,
    options: { direct?: boolean; groupBy?: GroupBy | undefined; channel?: 1 | 2 | 3 | undefined } = {},
  ): Promise<{ month: string; cell: Cell }[]> {
    const { period, months } = periodOf(from, to);
    if (months && !options.direct) {
      await this.#fresh();
      // Summed in the database over what the question does not group or filter by.
      const keep = new Set<repo.CellDimension>(options.groupBy ? cellDimensionOf[options.groupBy] : []);
      if (options.channel !== undefined) keep.add('channel');
      const rows = await repo.cellSums(this.#db.kysely, months[0], months[1], keep, options.channel);
      return rows.map(fromRow);
    }
    const rows: repo.FactRow[] = [];
    // Not `push(...page)`: a page may hold millions of rows, more than a call takes arguments.
    for await (const page of repo.factsSince(this.#db.kysely, period.start)) for (const row of page) rows.push(row);
    const cells = periodCells(rows, period, this.#clock.now().toISOString(), await this.#agencyOf());
    return cells.map((cell) => ({ month: from.slice(0, 7), cell }));
  }

  /** Measures of a period, in total and per group (agencies with the agencies below them rolled up). */
  summary(query: SummaryQuery, t: Translator, options: { direct?: boolean } = {}): Promise<Summary> {
    const key = `summary|${JSON.stringify(query)}|${t('statistics.channel.2')}|${options.direct === true}`;
    return this.#remember(
      key,
      async () => {
        const cells = await this.cellsOf(query.from, query.to, {
          ...options,
          groupBy: query.groupBy,
          channel: query.channel,
        });
        const names = await this.#names(t);
        const scope = await this.#scope(query.agency);
        const groupOf = this.#grouping(query.groupBy, scope);
        // Per group, then per month: months chain (flows add, stocks at the ends), groups add.
        const perGroup = new Map<string, Map<string, Measures>>();
        for (const { month, cell } of cells) {
          if (!scope.covers(cell.dims.agencyId)) continue;
          if (query.channel !== undefined && cell.dims.channel !== query.channel) continue;
          for (const key of ['', groupOf(cell.dims)]) {
            if (key === undefined) continue;
            const months = perGroup.get(key) ?? new Map<string, Measures>();
            perGroup.set(key, months);
            addInto(months.get(month) ?? months.set(month, emptyMeasures()).get(month)!, cell.measures);
          }
        }
        const chained = (key: string) => {
          const months = perGroup.get(key);
          return months ? chain([...months.keys()].sort().map((m) => months.get(m)!)) : emptyMeasures();
        };
        const groups = query.groupBy
          ? [...perGroup.keys()]
              .filter((k) => k !== '')
              .map((k) => ({ key: k, name: names.group(query.groupBy!, k), ...figures(chained(k)) }))
              .sort((a, b) => b.received - a.received || a.key.localeCompare(b.key))
          : [];
        return { from: query.from, to: query.to, totals: figures(chained('')), groups };
      },
      options.direct === true || periodOf(query.from, query.to).months === undefined,
    );
  }

  /** Month by month figures of a month-aligned period, in total (for the charts). */
  monthly(query: Omit<SummaryQuery, 'groupBy'>): Promise<MonthFigures[]> {
    return this.#remember(`monthly|${JSON.stringify(query)}`, async () => {
      const { months } = periodOf(query.from, query.to);
      if (!months) throw new PeriodError('monthly figures need whole months');
      const cells = await this.cellsOf(query.from, query.to);
      const scope = await this.#scope(query.agency);
      const byMonth = new Map(monthsBetween(months[0], months[1]).map((m) => [m, emptyMeasures()]));
      for (const { month, cell } of cells) {
        if (scope.covers(cell.dims.agencyId)) addInto(byMonth.get(month)!, cell.measures);
      }
      return [...byMonth].map(([month, m]) => ({ month, ...figures(m) }));
    });
  }

  /** The same figures for the period just before and for the same period a year earlier. */
  async comparison(query: SummaryQuery, t: Translator): Promise<{ previous: Summary; lastYear: Summary }> {
    const [previous, lastYear] = [previousPeriod(query.from, query.to), shiftYears(query.from, query.to, -1)];
    return {
      previous: await this.summary({ ...query, ...previous }, t),
      lastYear: await this.summary({ ...query, ...lastYear }, t),
    };
  }

  /** Published procedures of the agencies in scope. */
  async #procedures(agency: string | undefined) {
    const [index, list, scope] = await Promise.all([
      this.#catalogue.index(),
      this.#catalogue.list(),
      this.#scope(agency),
    ]);
    return list
      .filter((p) => p.status === 'published')
      .flatMap((p) => {
        const definition = index.get(p.code)?.definition;
        return definition && scope.covers(definition.agency.id) ? [definition] : [];
      });
  }

  /** The Decision 766 indicators of a period that our data (and the wired sources) compute. */
  indicators(query: Omit<SummaryQuery, 'groupBy' | 'channel'>, t: Translator): Promise<Indicator[]> {
    return this.#remember(`indicators|${JSON.stringify(query)}`, async () => {
      const byProcedure = await this.summary({ ...query, groupBy: 'procedure' }, t);
      const procedures = await this.#procedures(query.agency);
      return computeIndicators({ byProcedure, procedures }, query, this.#sources, this.#fullMarksAt);
    });
  }

  /** What is behind an indicator: the dossiers (or procedures) it counts, and whether each meets it. */
  async drill(indicator: string, query: Omit<SummaryQuery, 'groupBy' | 'channel'>, limit = 200): Promise<Drill> {
    const procedures = await this.#procedures(query.agency);
    if (['1.3', '3.1', '3.2'].includes(indicator)) {
      const withDossiers = new Set(
        (await this.summary({ ...query, groupBy: 'procedure' }, () => '')).groups
          .filter((g) => g.received > 0)
          .map((g) => g.key),
      );
      const counted = indicator === '3.2' ? procedures.filter((p) => p.onlineMode !== 'none') : procedures;
      const rows = counted.map((p) => ({
        code: p.code,
        name: p.name,
        meets:
          indicator === '1.3'
            ? isComplete(p)
            : indicator === '3.1'
              ? p.onlineMode !== 'none'
              : withDossiers.has(p.code),
      }));
      return { indicator, kind: 'procedures', total: rows.length, rows: rows.slice(0, limit) };
    }
    if (!(dossierDrills as readonly string[]).includes(indicator)) {
      throw new PeriodError(`no drill-down for indicator ${indicator}`);
    }
    const { period } = periodOf(query.from, query.to);
    const now = this.#clock.now().toISOString();
    const judgedAt = [period.end, now].sort()[0]!;
    const scope = await this.#scope(query.agency);
    const agencyOf = await this.#agencyOf();
    const names = new Map(procedures.map((p) => [p.code, p]));
    const rows: DrillRow[] = [];
    for await (const page of repo.factsSince(this.#db.kysely, period.start)) {
      for (const row of page) {
        if (!scope.covers(agencyOf(row))) continue;
        const facts = factsOf(row);
        const m = contribution(facts, period, judgedAt);
        const procedure = names.get(row.procedure_code);
        const meets = drillRule(indicator, m, procedure);
        if (meets === undefined) continue;
        rows.push({
          code: row.code,
          name: procedure?.name ?? row.procedure_code,
          receivedAt: row.accepted_at,
          dueAt: row.due_at,
          endedAt: endOfProcessing(facts) ?? row.withdrawn_at,
          meets,
        });
      }
    }
    // Those that miss the indicator first, then by reception.
    rows.sort((a, b) => Number(a.meets) - Number(b.meets) || String(a.receivedAt).localeCompare(String(b.receivedAt)));
    return { indicator, kind: 'dossiers', total: rows.length, rows: rows.slice(0, limit) };
  }

  /** Agencies in scope (immediate children of the scope agency, with their sub-trees): for the filters. */
  async agencies(): Promise<Agency[]> {
    return listAgencies(this.#db.kysely);
  }

  async #scope(agencyIdentifier: string | undefined): Promise<Scope> {
    const all = await listAgencies(this.#db.kysely);
    const tree = new AgencyTree(all.map((a) => ({ id: a.id, parentId: a.parentId, active: a.active })));
    const byIdentifier = new Map(all.map((a) => [a.identifier, a]));
    const byId = new Map(all.map((a) => [a.id, a]));
    const root = agencyIdentifier ? byIdentifier.get(agencyIdentifier) : all.find((a) => a.parentId === null);
    if (agencyIdentifier && !root) throw new PeriodError(`unknown agency ${agencyIdentifier}`);
    const inScope = new Set(root ? tree.subtree(root.id).map((id) => byId.get(id)!.identifier) : []);
    /** For each agency in scope, the child of the scope agency it sits under (or the scope agency itself). */
    const branch = new Map<string, string>();
    if (root) {
      branch.set(root.identifier, root.identifier);
      for (const child of all.filter((a) => a.parentId === root.id)) {
        for (const id of tree.subtree(child.id)) branch.set(byId.get(id)!.identifier, child.identifier);
      }
    }
    return {
      // Without a filter, dossiers of agencies outside the tree (or with none) still count in the province's totals.
      covers: (identifier: string) => !agencyIdentifier || inScope.has(identifier),
      branchOf: (identifier: string) => branch.get(identifier) ?? identifier,
    };
  }

  #grouping(groupBy: GroupBy | undefined, scope: Scope): (d: Dims) => string | undefined {
    switch (groupBy) {
      case undefined:
        return () => undefined;
      case 'agency':
        return (d) => scope.branchOf(d.agencyId);
      case 'field':
        return (d) => d.fieldCode;
      case 'procedure':
        return (d) => d.procedureCode;
      case 'channel':
        return (d) => String(d.channel);
      case 'mode':
        return (d) => d.onlineMode;
      case 'level':
        return (d) => String(levelOfMode[d.onlineMode]);
    }
  }

  async #names(t: Translator): Promise<Names> {
    const [index, agencies] = await Promise.all([this.#catalogue.index(), listAgencies(this.#db.kysely)]);
    const agencyNames = new Map(agencies.map((a) => [a.identifier, a.name]));
    const fieldNames = new Map(index.facets().fields.map((f) => [f.code, f.name]));
    return {
      group(groupBy, key) {
        switch (groupBy) {
          case 'agency':
            return agencyNames.get(key) ?? key;
          case 'field':
            return fieldNames.get(key) ?? key;
          case 'procedure':
            return index.get(key)?.definition.name ?? key;
          case 'channel':
            return t(`statistics.channel.${key}`);
          case 'mode':
            return t(`statistics.mode.${key}`);
          case 'level':
            return t('statistics.level', { level: key });
        }
      },
    };
  }
}

/** Whether a dossier's contribution is in an indicator's denominator (undefined when not) and in its numerator. */
function drillRule(indicator: string, m: Measures, procedure: { onlineMode: string } | undefined): boolean | undefined {
  switch (indicator) {
    case '2.1':
      return m.resolved + m.stopped + m.inProgress === 0 ? undefined : m.resolvedLate + m.stoppedLate + m.overdue === 0;
    case '3.3':
      return m.received === 0 || !procedure || procedure.onlineMode === 'none' ? undefined : m.receivedOnline === 1;
    case '4.1':
      return m.resolved === 0 ? undefined : m.resolvedElectronic === 1;
    case '4.2':
      return m.resolved === 0 ? undefined : m.resolvedDigitised === 1;
    case '4.3':
      return m.received === 0 ? undefined : m.receivedReusing === 1;
    case '4.5':
      return m.received === 0 ? undefined : m.receivedVneid === 1;
    default:
      return undefined;
  }
}

/** A build of the months from `fromMonth` on, or an update of `months` that recounted `recounted` dossiers. */
export type LastRefresh =
  | { kind: 'build'; fromMonth: string }
  | { kind: 'update'; months: string[]; recounted: number };

/** Figures computed from the cells of one version (their `built_at`), and while computing, the previous ones. */
interface Kept<T> {
  version: string;
  pending: Promise<T>;
  settled?: { value: T };
  fallback?: { value: T } | undefined;
}

interface Scope {
  covers(identifier: string): boolean;
  branchOf(identifier: string): string;
}

interface Names {
  group(groupBy: GroupBy, key: string): string;
}

/** The period of the same length just before: whole months shift by months, other periods by days. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const { months } = periodOf(from, to);
  if (months) {
    const count = monthsBetween(months[0], months[1]).length;
    let first = months[0];
    for (let i = 0; i < count; i++) first = previousMonth(first);
    return { from: `${first}-01`, to: addDays(from, -1) };
  }
  const days = (parseIsoDate(to) as number) - (parseIsoDate(from) as number) + 1;
  return { from: addDays(from, -days), to: addDays(from, -1) };
}

/** The same days `years` years away; 29 February becomes the 28th, and a month's last day stays its last. */
export function shiftYears(from: string, to: string, years: number): { from: string; to: string } {
  const shift = (date: string, lastDay: boolean) => {
    const y = Number(date.slice(0, 4)) + years;
    const month = date.slice(5, 7);
    if (lastDay) return addDays(`${nextMonth(`${y}-${month}`)}-01`, -1);
    const candidate = `${y}-${date.slice(5)}`;
    return parseIsoDate(candidate) === undefined ? `${y}-${month}-28` : candidate;
  };
  const toIsMonthEnd = addDays(to, 1).endsWith('-01');
  return { from: shift(from, false), to: shift(to, toIsMonthEnd) };
}
