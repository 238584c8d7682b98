// In-process timings of the statistics cells on a kept database (BENCH_DATABASE_URL): the full set-based build, a
// refresh a minute later (the current month and the open dossiers), and the year summary by agency read from the cells
// without the in-memory copy (a new service each time). The HTTP scenarios (`--only stats`) measure the kept copies.
//   BENCH_DATABASE_URL=sqlite:<file> npx tsx bench/stats-timing.ts [--year 2025] [--repeat 20]
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { fixedClock } from '../src/lib/clock.ts';
import { CatalogService } from '../src/modules/catalog/catalog.service.ts';
import { resetCells } from '../src/modules/statistics/statistics.repo.ts';
import { StatisticsService } from '../src/modules/statistics/statistics.service.ts';
import { translator } from '../src/web/i18n/index.ts';

const { values } = parseArgs({
  options: {
    year: { type: 'string', default: String(new Date().getUTCFullYear() - 1) },
    repeat: { type: 'string', default: '20' },
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
const out = (line: string) => process.stdout.write(`${line}\n`);
out(`${db.dialect}, ${Number(count).toLocaleString('en')} dossiers`);

const stats = new StatisticsService({ db, catalogue, clock });
await resetCells(db.kysely);
out(`full build of the cells: ${(await timed(() => stats.refresh())).toFixed(0)} ms`);
clock.advance(60_000);
out(`refresh a minute later: ${(await timed(() => stats.refresh())).toFixed(0)} ms`);

const query = { from: `${values.year}-01-01`, to: `${values.year}-12-31`, groupBy: 'agency' as const };
const times: number[] = [];
for (let i = 0; i < Number(values.repeat); i++) {
  const fresh = new StatisticsService({ db, catalogue, clock });
  times.push(await timed(() => fresh.summary(query, t)));
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
out(`year ${values.year} summary by agency from the cells, uncached: p50 ${at(0.5)} ms, max ${at(1)} ms`);
await db.close();
