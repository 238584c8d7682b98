import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDossiers } from '../../../bench/dossier-generator.ts';
import { fixedClock } from '../../lib/clock.ts';
import { seedDemo } from '../../seed/seed-demo.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import { translator } from '../../web/i18n/index.ts';
import { CatalogService } from '../catalog/catalog.service.ts';
import { groupings, periodOf, previousPeriod, StatisticsService, shiftYears } from './statistics.service.ts';

const NOW = '2026-11-20T03:00:00.000Z';
const t = translator('vi');

describe('statistics from the monthly cells agree with a direct count', () => {
  let tdb: TestDb;
  let stats: StatisticsService;
  const clock = fixedClock(NOW);

  beforeAll(async () => {
    tdb = await createTestDb();
    await seedDemo(tdb.db, 'motcua@2026');
    await generateDossiers(tdb.db.kysely, { count: 4000, now: new Date(NOW) });
    stats = new StatisticsService({ db: tdb.db, catalogue: new CatalogService(tdb.db), clock, staleMs: 0 });
    await stats.refresh();
  }, 120_000);
  afterAll(() => tdb.cleanup());

  const periods: [string, string][] = [
    ['2026-01-01', '2026-12-31'],
    ['2025-01-01', '2025-12-31'],
    ['2025-04-01', '2025-06-30'],
    ['2026-10-01', '2026-10-31'],
    ['2026-11-01', '2026-11-30'],
    ['2023-01-01', '2026-12-31'],
  ];

  it.each(periods)('%s … %s, in total and in every grouping', async (from, to) => {
    for (const groupBy of [undefined, ...groupings]) {
      const fromCells = await stats.summary({ from, to, groupBy }, t);
      const direct = await stats.summary({ from, to, groupBy }, t, { direct: true });
      expect(fromCells).toEqual(direct);
    }
  });

  it('counts received and resolved dossiers as plain SQL does', async () => {
    const { period } = periodOf('2025-01-01', '2025-12-31');
    const counted = await sql<{ received: number; resolved: number }>`
      select
        sum(case when accepted_at >= ${period.start} and accepted_at < ${period.end} then 1 else 0 end) as received,
        sum(case when accepted_at is not null and coalesce(resolved_at, returned_at) >= ${period.start}
                  and coalesce(resolved_at, returned_at) < ${period.end} then 1 else 0 end) as resolved
      from dossiers`.execute(tdb.db.kysely);
    const summary = await stats.summary({ from: '2025-01-01', to: '2025-12-31' }, t);
    expect(summary.totals.received).toBe(Number(counted.rows[0]?.received));
    expect(summary.totals.resolved).toBe(Number(counted.rows[0]?.resolved));
    expect(summary.totals.received).toBeGreaterThan(500);
    expect(summary.totals.resolvedLate).toBeGreaterThan(0);
    expect(summary.totals.resolvedEarly + summary.totals.resolvedOnTime).toBeGreaterThan(summary.totals.resolvedLate);
  });

  it('after dossiers change, a refresh brings the cells back in line with the dossiers', async () => {
    const open = await tdb.db.kysely
      .selectFrom('dossiers')
      .select(['id', 'accepted_at'])
      .where('status', '=', 4)
      .limit(20)
      .execute();
    expect(open.length).toBeGreaterThan(0);
    clock.advance(120_000);
    const at = clock.now().toISOString();
    for (const d of open) {
      await tdb.db.kysely
        .updateTable('dossiers')
        .set({ status: 9, resolved_at: at, updated_at: at })
        .where('id', '=', d.id)
        .execute();
    }
    const before = await stats.summary({ from: '2026-11-01', to: '2026-11-30' }, t, { direct: true });
    await stats.refresh();
    const after = await stats.summary({ from: '2026-11-01', to: '2026-11-30' }, t);
    expect(after).toEqual(before);
    const year = await stats.summary({ from: '2026-01-01', to: '2026-12-31', groupBy: 'agency' }, t);
    expect(year).toEqual(
      await stats.summary({ from: '2026-01-01', to: '2026-12-31', groupBy: 'agency' }, t, { direct: true }),
    );
  });

  it('rolls an agency filter up over the agencies below it', async () => {
    const province = await stats.summary({ from: '2026-01-01', to: '2026-12-31', groupBy: 'agency' }, t);
    const sum = province.groups.reduce((n, g) => n + g.received, 0);
    expect(sum).toBe(province.totals.received);
    const city = province.groups.find((g) => g.key === '000.00.21.H08');
    if (city) {
      const scoped = await stats.summary({ from: '2026-01-01', to: '2026-12-31', agency: '000.00.21.H08' }, t);
      expect(scoped.totals.received).toBe(city.received);
    }
  });
});

describe('period arithmetic', () => {
  it.each([
    ['2026-01-01', '2026-12-31', '2025-01-01', '2025-12-31'],
    ['2026-03-01', '2026-03-31', '2026-02-01', '2026-02-28'],
    ['2026-01-01', '2026-03-31', '2025-10-01', '2025-12-31'],
    ['2026-03-10', '2026-03-19', '2026-02-28', '2026-03-09'],
  ])('the period before %s … %s is %s … %s', (from, to, pFrom, pTo) => {
    expect(previousPeriod(from, to)).toEqual({ from: pFrom, to: pTo });
  });

  it('a year back keeps month ends and leap days sensible', () => {
    expect(shiftYears('2024-02-01', '2024-02-29', -1)).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    expect(shiftYears('2025-02-01', '2025-02-28', -1)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(shiftYears('2024-02-29', '2024-03-05', -1)).toEqual({ from: '2023-02-28', to: '2023-03-05' });
  });

  it('knows month-aligned periods and Vietnam-time boundaries', () => {
    expect(periodOf('2026-01-01', '2026-03-31')).toEqual({
      period: { start: '2025-12-31T17:00:00.000Z', end: '2026-03-31T17:00:00.000Z' },
      months: ['2026-01', '2026-03'],
    });
    expect(periodOf('2026-01-02', '2026-03-31').months).toBeUndefined();
    expect(() => periodOf('2026-03-31', '2026-01-01')).toThrow();
  });
});
