// In-process timings of the statistics cells on a kept database (BENCH_DATABASE_URL): the full build, the updates a
// minute later (with nothing changed, then after 1,000 and 10,000 open dossiers changed), the year summary by agency
// read from the cells without the in-memory copy (a new service each time), and the first refresh of the next month.
// The HTTP scenarios (`--only stats`) measure the kept copies. `--check` also holds the figures of the months the
// updates touched to a direct count from the dossiers (it reads every dossier of the month: minutes at 10M).
//   BENCH_DATABASE_URL=sqlite:<file> npx tsx bench/stats-timing.ts [--year 2025] [--repeat 20] [--check]
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { fixedClock } from '../src/lib/clock.ts';
import { addDays, vietnamInstant } from '../src/lib/vn-time.ts';
import { CatalogService } from '../src/modules/catalog/catalog.service.ts';
import { monthOf, nextMonth } from '../src/modules/statistics/cells.ts';
import { resetCells } from '../src/modules/statistics/statistics.repo.ts';
import { StatisticsService } from '../src/modules/statistics/statistics.service.ts';
import { translator } from '../src/web/i18n/index.ts';

const { values } = parseArgs({
  options: {
    year: { type: 'string', default: String(new Date().getUTCFullYear() - 1) },
    repeat: { type: 'string', default: '20' },
    check: { type: 'boolean', default: false },
  },
});
const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL names the kept database');
const db = openDatabase(url);
await migrateToLatest(db.kysely);
const catalogue = new CatalogService(db);
const clock = fixedClock(new Date());
const t = translator('vi');
const timed = async (work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};
const { count } = await db.kysely
  .selectFrom('dossiers')
  .select((eb) => eb.fn.countAll<number>().as('count'))
  .executeTakeFirstOrThrow();
const describe = (service: StatisticsService) => {
  const last = service.lastRefresh;
  return last?.kind === 'update'
    ? `update of ${last.months.join(', ')}, ${last.recounted.toLocaleString('en')} recounted`
    : `build from ${last?.fromMonth}`;
};
const out = (line: string) => process.stdout.write(`${line}\n`);
/** With --check: the month's figures, by agency, from the cells and counted directly, must be the same. */
const check = async (month: string) => {
  if (!values.check) return;
  const to = addDays(`${nextMonth(month)}-01`, -1);
  const query = { from: `${month}-01`, to, groupBy: 'agency' as const };
  const started = performance.now();
  const [cells, direct] = [await stats.summary(query, t), await stats.summary(query, t, { direct: true })];
  if (!isDeepStrictEqual(cells, direct)) throw new Error(`${month}: the cells and the direct count differ`);
  out(
    `  ${month} from the cells = direct count (${cells.totals.received.toLocaleString('en')} received, ${cells.totals.inProgress.toLocaleString('en')} in progress; checked in ${((performance.now() - started) / 1000).toFixed(0)} s)`,
  );
};
out(`${db.dialect}, ${Number(count).toLocaleString('en')} dossiers`);

const stats = new StatisticsService({ db, catalogue, clock });
await resetCells(db.kysely);
out(`full build of the cells: ${(await timed(() => stats.refresh())).toFixed(0)} ms`);
clock.advance(60_000);
out(`refresh a minute later: ${(await timed(() => stats.refresh())).toFixed(0)} ms (${describe(stats)})`);
for (const touched of [1000, 10_000]) {
  // As many open dossiers changed: their updated_at moves, so the next refresh recounts them.
  clock.advance(60_000);
  const at = clock.now().toISOString();
  const ids = db.kysely.selectFrom('dossiers').select('id').where('status', 'in', [2, 4]).orderBy('id').limit(touched);
  await db.kysely.updateTable('dossiers').set({ updated_at: at }).where('id', 'in', ids).execute();
  const ms = await timed(() => stats.refresh());
  out(`refresh after ${touched.toLocaleString('en')} dossiers changed: ${ms.toFixed(0)} ms (${describe(stats)})`);
}
await check(monthOf(clock.now().toISOString()));

const query = { from: `${values.year}-01-01`, to: `${values.year}-12-31`, groupBy: 'agency' as const };
const times: number[] = [];
for (let i = 0; i < Number(values.repeat); i++) {
  const fresh = new StatisticsService({ db, catalogue, clock });
  times.push(await timed(() => fresh.summary(query, t)));
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
out(`year ${values.year} summary by agency from the cells, uncached: p50 ${at(0.5)} ms, max ${at(1)} ms`);

// The first refresh of a month, 20 s into it, finishes the month that ended and carries its open dossiers into the
// new one; the next, a minute later, recounts both (changes stamped in the old month may still have been committing).
// Then the cells, built at a moment still to come, are left to be built anew.
const now = clock.now();
clock.set(vietnamInstant(`${nextMonth(monthOf(now.toISOString()))}-01`));
clock.advance(20_000);
out(`first refresh of the next month: ${(await timed(() => stats.refresh())).toFixed(0)} ms (${describe(stats)})`);
clock.advance(60_000);
out(`the refresh a minute later: ${(await timed(() => stats.refresh())).toFixed(0)} ms (${describe(stats)})`);
await check(monthOf(now.toISOString()));
await check(monthOf(clock.now().toISOString()));
await resetCells(db.kysely);
await db.close();
