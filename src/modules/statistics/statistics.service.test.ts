import { threadId } from 'node:worker_threads';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateDossiers } from '../../../bench/dossier-generator.ts';
import { fixedClock } from '../../lib/clock.ts';
import { addDays } from '../../lib/vn-time.ts';
import { seedDemo } from '../../seed/seed-demo.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import { translator } from '../../web/i18n/index.ts';
import { CatalogService } from '../catalog/catalog.service.ts';
import type { CatalogIndex } from '../catalog/catalog-index.ts';
import { nextMonth } from './cells.ts';
import { resetCells } from './statistics.repo.ts';
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
    await addDigitisationAndHistory(tdb);
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

  it.each(periods)(
    '%s … %s, in total and in every grouping',
    async (from, to) => {
      for (const groupBy of [undefined, ...groupings]) {
        const fromCells = await stats.summary({ from, to, groupBy }, t);
        const direct = await stats.summary({ from, to, groupBy }, t, { direct: true });
        expect(fromCells).toEqual(direct);
      }
      // Fourteen summaries, half of them reading every dossier of the period with its history.
    },
    60_000,
  );

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

  it('counts the digitisation measures as plain SQL does', async () => {
    const { period } = periodOf('2025-01-01', '2025-12-31');
    const inPeriod = (column: string) => sql.raw(`${column} >= '${period.start}' and ${column} < '${period.end}'`);
    const counted = await sql<{ electronic: number; digitised: number; reusing: number; vneid: number }>`
      select
        sum(case when ${inPeriod('coalesce(resolved_at, returned_at)')} and accepted_at is not null
          and exists (select 1 from dossier_actions a where a.dossier_id = d.id and a.action = 'resolve')
          then 1 else 0 end) as electronic,
        sum(case when ${inPeriod('coalesce(resolved_at, returned_at)')} and accepted_at is not null
          and exists (select 1 from dossier_actions a where a.dossier_id = d.id and a.action = 'resolve')
          and components like '%"fileIds":["%' then 1 else 0 end) as digitised,
        sum(case when ${inPeriod('accepted_at')} and reused_files > 0 then 1 else 0 end) as reusing,
        sum(case when ${inPeriod('accepted_at')} and exists (select 1 from users u where u.id = d.applicant_user_id
          and u.sso_subject is not null) then 1 else 0 end) as vneid
      from dossiers d`.execute(tdb.db.kysely);
    const row = counted.rows[0]!;
    const { totals } = await stats.summary({ from: '2025-01-01', to: '2025-12-31' }, t);
    expect(totals.resolvedElectronic).toBe(Number(row.electronic));
    expect(totals.resolvedDigitised).toBe(Number(row.digitised));
    expect(totals.receivedReusing).toBe(Number(row.reusing));
    expect(totals.receivedVneid).toBe(Number(row.vneid));
    for (const n of [
      totals.resolvedElectronic,
      totals.resolvedDigitised,
      totals.receivedReusing,
      totals.receivedVneid,
    ]) {
      expect(n).toBeGreaterThan(0);
    }
  });

  it('a past month keeps its figures when an open dossier moves on: judged as it stood at the month end', async () => {
    const october = { from: '2026-10-01', to: '2026-10-31' };
    const november = { from: '2026-11-01', to: '2026-11-30' };
    const dossier = await tdb.db.kysely
      .selectFrom('dossiers')
      .select(['id'])
      .where('status', '=', 4)
      .where('accepted_at', '<', '2026-09-30T17:00:00.000Z')
      .where('supplement_count', '=', 0)
      .executeTakeFirstOrThrow();
    const due = '2026-11-25T10:00:00.000Z';
    clock.advance(60_000);
    let at = clock.now().toISOString();
    await tdb.db.kysely
      .updateTable('dossiers')
      .set({ due_at: due, due_date: '2026-11-25', updated_at: at })
      .where('id', '=', dossier.id)
      .execute();
    // That due date is part of the setup, not a change a command makes (those are stamped now): build anew.
    await resetCells(tdb.db.kysely);
    await stats.refresh();
    const before = await stats.summary(october, t);
    expect(before.totals.inProgress).toBeGreaterThan(0);

    // Two supplement rounds now: the due date moves and the second request makes the dossier late from now on.
    const moved = '2026-11-28T10:00:00.000Z';
    const rounds: [number, number, string, string][] = [
      [4, 5, due, due],
      [5, 4, due, moved],
      [4, 5, moved, moved],
    ];
    for (const [from, to, oldDue, newDue] of rounds) {
      clock.advance(60_000);
      at = clock.now().toISOString();
      await recordStateChange(tdb, {
        dossierId: dossier.id,
        action: to === 5 ? 'request_supplement' : 'receive_supplement',
        at,
        from,
        to,
        oldDue,
        newDue,
      });
    }
    await tdb.db.kysely
      .updateTable('dossiers')
      .set({ status: 5, resume_status: 4, paused_at: at, due_at: moved, supplement_count: 2, updated_at: at })
      .where('id', '=', dossier.id)
      .execute();
    await stats.refresh();
    expect(await stats.summary(october, t)).toEqual(before);
    expect(await stats.summary(october, t, { direct: true })).toEqual(before);
    const now = await stats.summary(november, t);
    expect(now).toEqual(await stats.summary(november, t, { direct: true }));
    expect(now.totals.awaitingSupplement).toBeGreaterThan(0);
  });

  it('computes the cells of a refresh in its own thread on SQLite, on the event loop on PostgreSQL', () => {
    if (tdb.db.dialect === 'sqlite') {
      expect(stats.computedIn).toBeTypeOf('number');
      expect(stats.computedIn).not.toBe(threadId);
    } else {
      expect(stats.computedIn).toBe(threadId);
    }
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

/**
 * What the generator leaves out: digitised components, reused documents, a VNeID-linked account, and dossiers whose
 * due date moved (a supplement round, an extension) after periods in which they were open.
 */
async function addDigitisationAndHistory(tdb: TestDb): Promise<void> {
  const db = tdb.db.kysely;
  await db.updateTable('users').set({ sso_subject: 'vneid-congdan' }).where('username', '=', 'congdan').execute();
  const ids = (await db.selectFrom('dossiers').select('id').orderBy('code').execute()).map((r) => r.id);
  const digitised = ids.filter((_, i) => i % 3 === 0);
  const reusing = ids.filter((_, i) => i % 7 === 0);
  await db
    .updateTable('dossiers')
    .set({ components: JSON.stringify([{ code: 'TP1', fileIds: ['f1'] }]) })
    .where('id', 'in', digitised)
    .execute();
  await db.updateTable('dossiers').set({ reused_files: 1 }).where('id', 'in', reusing).execute();
  const finished = await db
    .selectFrom('dossiers')
    .select(['id', 'accepted_at', 'due_at', 'resolved_at'])
    .where('status', 'in', [9, 10])
    .where('due_at', 'is not', null)
    .where('accepted_at', '>=', '2025-01-01T00:00:00.000Z')
    .orderBy('code')
    .limit(60)
    .execute();
  const day = 86_400_000;
  const shift = (iso: string, days: number) => new Date(Date.parse(iso) + days * day).toISOString();
  for (const [i, d] of finished.entries()) {
    const due = d.due_at as string;
    const accepted = d.accepted_at as string;
    // Half had a supplement round (the due date moved by the pause), half an extension; all before the result.
    const actions =
      i % 2 === 0
        ? [
            { at: shift(accepted, 1), action: 'request_supplement', from: 4, to: 5, oldDue: shift(due, -9) },
            { at: shift(accepted, 10), action: 'receive_supplement', from: 5, to: 4, oldDue: shift(due, -9) },
          ]
        : [{ at: shift(due, -1), action: 'extend_with_apology', from: 4, to: 4, oldDue: shift(due, -20) }];
    for (const a of actions) {
      await recordStateChange(tdb, {
        dossierId: d.id,
        ...a,
        newDue: a.action === 'request_supplement' ? a.oldDue : due,
      });
    }
  }
}

describe('a refresh within the month recounts only what changed', () => {
  let tdb: TestDb;
  let stats: StatisticsService;
  const clock = fixedClock(NOW);
  afterAll(() => tdb.cleanup());

  beforeAll(async () => {
    tdb = await createTestDb();
    await seedDemo(tdb.db, 'motcua@2026');
    await generateDossiers(tdb.db.kysely, { count: 800, now: new Date(NOW) });
    stats = new StatisticsService({ db: tdb.db, catalogue: new CatalogService(tdb.db), clock, staleMs: 0 });
    await stats.refresh();
    expect(stats.lastRefresh).toMatchObject({ kind: 'build' });
  }, 60_000);

  const db = () => tdb.db.kysely;
  const openIds = async (status: number, limit: number) =>
    (
      await db().selectFrom('dossiers').select('id').where('status', '=', status).orderBy('code').limit(limit).execute()
    ).map((r) => r.id);
  /** Resolves the dossiers at `at`, as the resolve command stamps them. */
  const resolveAt = (ids: string[], at: string) =>
    db().updateTable('dossiers').set({ status: 9, resolved_at: at, updated_at: at }).where('id', 'in', ids).execute();
  /** The cells agree with a direct count: the current month in every grouping, and the year by agency. */
  const expectInLine = async (month: string) => {
    const last = addDays(`${nextMonth(month)}-01`, -1);
    for (const groupBy of [undefined, ...groupings]) {
      const query = { from: `${month}-01`, to: last, groupBy };
      expect(await stats.summary(query, t)).toEqual(await stats.summary(query, t, { direct: true }));
    }
    const year = { from: `${month.slice(0, 4)}-01-01`, to: `${month.slice(0, 4)}-12-31`, groupBy: 'agency' as const };
    expect(await stats.summary(year, t)).toEqual(await stats.summary(year, t, { direct: true }));
  };

  it('applies the difference of dossiers received, resolved, withdrawn and refused', async () => {
    clock.advance(60_000);
    const at = clock.now().toISOString();
    const due = new Date(clock.now().getTime() + 2 * 86_400_000).toISOString();
    const [resolved, submitted, withdrawn] = [await openIds(4, 5), await openIds(1, 4), await openIds(2, 1)];
    expect(resolved.length * submitted.length * withdrawn.length).toBeGreaterThan(0);
    await resolveAt(resolved, at);
    await db()
      .updateTable('dossiers')
      .set({ status: 2, accepted_at: at, due_at: due, due_date: due.slice(0, 10), updated_at: at })
      .where('id', 'in', submitted.slice(1))
      .execute();
    await db()
      .updateTable('dossiers')
      .set({ status: 3, refused_at: at, updated_at: at })
      .where('id', '=', submitted[0]!)
      .execute();
    await db()
      .updateTable('dossiers')
      .set({ status: 7, withdrawn_at: at, updated_at: at })
      .where('id', 'in', withdrawn)
      .execute();
    await stats.refresh();
    // Those ten and the few the generator changed in the minute before the build, not the 800.
    expect(stats.lastRefresh).toMatchObject({ kind: 'update' });
    const { recounted } = stats.lastRefresh as { recounted: number };
    expect(recounted).toBeGreaterThanOrEqual(10);
    expect(recounted).toBeLessThan(40);
    await expectInLine('2026-11');
  });

  it('recounts the open dossiers whose due date passed since, which turn overdue without a change', async () => {
    const query = { from: '2026-11-01', to: '2026-11-30' };
    const overdue = (await stats.summary(query, t, { direct: true })).totals.overdue;
    clock.advance(3 * 86_400_000);
    const later = (await stats.summary(query, t, { direct: true })).totals.overdue;
    expect(later).toBeGreaterThan(overdue);
    await stats.refresh();
    expect(stats.lastRefresh).toMatchObject({ kind: 'update' });
    expect((stats.lastRefresh as { recounted: number }).recounted).toBeGreaterThanOrEqual(later - overdue);
    await expectInLine('2026-11');
  });

  it('recounts a dossier sent for a supplement by its history, and carries the open dossiers into a new month', async () => {
    const monthEnd = '2026-11-30T17:00:00.000Z';
    const [paused, ...extended] = await db()
      .selectFrom('dossiers')
      .select(['id', 'due_at', 'supplement_count'])
      .where('status', '=', 4)
      .where('paused_at', 'is', null)
      .where('supplement_count', '<', 2)
      .where('accepted_at', '>=', monthEnd.replace('11-30', '10-31'))
      .where('due_at', '<', monthEnd)
      .orderBy('code')
      .limit(3)
      .execute();
    expect(extended).toHaveLength(2);
    clock.advance(60_000);
    const at = clock.now().toISOString();
    // One is sent for a supplement; two get new due dates, one on the last day of November and one on the first of
    // December (Vietnam time), both passed by the time of the first refresh in December.
    const due = paused!.due_at;
    await recordStateChange(tdb, {
      dossierId: paused!.id,
      action: 'request_supplement',
      at,
      from: 4,
      to: 5,
      oldDue: due,
      newDue: due,
    });
    await db()
      .updateTable('dossiers')
      .set({
        status: 5,
        resume_status: 4,
        paused_at: at,
        supplement_count: Number(paused!.supplement_count) + 1,
        updated_at: at,
      })
      .where('id', '=', paused!.id)
      .execute();
    const newDues = ['2026-11-30T10:00:00.000Z', '2026-12-01T05:00:00.000Z'];
    for (const [i, d] of extended.entries()) {
      const extension = { dossierId: d.id, action: 'extend_with_apology', at, from: 4, to: 4 };
      await recordStateChange(tdb, { ...extension, oldDue: d.due_at, newDue: newDues[i]! });
      await db().updateTable('dossiers').set({ due_at: newDues[i]!, updated_at: at }).where('id', '=', d.id).execute();
    }
    await stats.refresh();
    expect(stats.lastRefresh).toMatchObject({ kind: 'update' });
    await expectInLine('2026-11');
    // A refresh later, those changes are behind it: from now on only their due dates passing gets them recounted.
    clock.advance(120_000);
    await stats.refresh();

    // 1 December, 19:00 Vietnam time: November is judged at its end, December starts from the dossiers open then.
    clock.set('2026-12-01T12:00:00.000Z');
    await stats.refresh();
    expect(stats.lastRefresh).toMatchObject({ kind: 'update', months: ['2026-11', '2026-12'] });
    await expectInLine('2026-11');
    await expectInLine('2026-12');
    clock.advance(60_000);
    const [resolved] = await openIds(4, 1);
    const at2 = clock.now().toISOString();
    await resolveAt([resolved!], at2);
    await stats.refresh();
    expect(stats.lastRefresh).toMatchObject({ kind: 'update', months: ['2026-12'] });
    await expectInLine('2026-12');
  });

  it('builds anew when a procedure moves to another agency: its dossiers count for the new one', async () => {
    const catalogue = new CatalogService(tdb.db);
    const index = await catalogue.index();
    const moved = (await catalogue.list())[0]!.code;
    const entry = index.get(moved)!;
    const elsewhere = {
      ...entry,
      definition: { ...entry.definition, agency: { ...entry.definition.agency, id: 'KHAC' } },
    };
    const movedCatalogue = {
      list: () => catalogue.list(),
      // What the statistics ask of the index: a procedure's definition, and the fields.
      index: async () =>
        ({
          get: (code: string) => (code === moved ? elsewhere : index.get(code)),
          facets: () => index.facets(),
        }) as unknown as CatalogIndex,
    };
    const after = new StatisticsService({ db: tdb.db, catalogue: movedCatalogue, clock, staleMs: 0 });
    clock.advance(60_000);
    await after.refresh();
    expect(after.lastRefresh).toEqual({ kind: 'build', fromMonth: '2026-12' });
    const query = { from: '2026-12-01', to: '2026-12-31', groupBy: 'agency' as const };
    const byAgency = await after.summary(query, t);
    expect(byAgency).toEqual(await after.summary(query, t, { direct: true }));
    expect(byAgency.groups.some((g) => g.key === 'KHAC')).toBe(true);
  });

  it('builds after a month without a refresh: the contributions are of a month that is not the last', async () => {
    clock.set('2027-02-01T02:00:00.000Z');
    await stats.refresh();
    expect(stats.lastRefresh).toEqual({ kind: 'build', fromMonth: '2026-12' });
    await expectInLine('2027-01');
    await expectInLine('2027-02');
  });

  it('keeps the month that ended while changes stamped in it may still come, and counts one that comes late', async () => {
    clock.set('2027-02-28T16:59:50.000Z');
    await stats.refresh();
    expect(stats.lastRefresh).toMatchObject({ kind: 'update', months: ['2027-02'] });
    // 1 March, 00:00:20 Vietnam time: the first refresh of March, within a minute of February's end.
    clock.set('2027-02-28T17:00:20.000Z');
    await stats.refresh();
    expect(stats.lastRefresh).toMatchObject({ kind: 'update', months: ['2027-02', '2027-03'] });
    // A command that ran at 23:59:55 commits after that refresh: its change is stamped in February.
    const [late] = await openIds(4, 1);
    const stamped = '2027-02-28T16:59:55.000Z';
    await resolveAt([late!], stamped);
    clock.set('2027-02-28T17:01:00.000Z');
    await stats.refresh();
    expect(stats.lastRefresh).toMatchObject({ kind: 'update', months: ['2027-02', '2027-03'] });
    await expectInLine('2027-02');
    await expectInLine('2027-03');
    clock.advance(120_000);
    await stats.refresh();
    expect(stats.lastRefresh).toMatchObject({ kind: 'update', months: ['2027-03'] });
    await expectInLine('2027-03');
  });
});

describe('a refresh whose computation fails', () => {
  let tdb: TestDb;
  afterAll(() => tdb.cleanup());

  it('is rejected and leaves the cells as they were; the next refresh (in a new thread on SQLite) succeeds', async () => {
    tdb = await createTestDb();
    await seedDemo(tdb.db, 'motcua@2026');
    await generateDossiers(tdb.db.kysely, { count: 300, now: new Date(NOW) });
    const clock = fixedClock(NOW);
    const stats = new StatisticsService({ db: tdb.db, catalogue: new CatalogService(tdb.db), clock, staleMs: 0 });
    await stats.refresh();
    const firstThread = stats.computedIn;
    const builtAt = () => tdb.db.kysely.selectFrom('stats_refresh').select('built_at').executeTakeFirstOrThrow();
    expect(await builtAt()).toEqual({ built_at: NOW });

    // Only the computation reads the actions: without them it fails, both an update's recount and a build's
    // computation (on SQLite, in its thread, which fails with it).
    await sql`alter table dossier_actions rename to dossier_actions_away`.execute(tdb.db.kysely);
    clock.advance(60_000);
    await expect(stats.refresh()).rejects.toThrow(/dossier_actions/);
    expect(await builtAt()).toEqual({ built_at: NOW });
    await resetCells(tdb.db.kysely);
    await expect(stats.refresh()).rejects.toThrow(/dossier_actions/);
    expect(await builtAt()).toEqual({ built_at: null });

    await sql`alter table dossier_actions_away rename to dossier_actions`.execute(tdb.db.kysely);
    clock.advance(60_000);
    await stats.refresh();
    expect(await builtAt()).toEqual({ built_at: clock.now().toISOString() });
    if (tdb.db.dialect === 'sqlite') expect(stats.computedIn).not.toBe(firstThread);
    const month = { from: '2026-11-01', to: '2026-11-30', groupBy: 'agency' as const };
    expect(await stats.summary(month, t)).toEqual(await stats.summary(month, t, { direct: true }));
  }, 60_000);
});

describe('requests during a refresh', () => {
  let tdb: TestDb;
  afterAll(() => tdb.cleanup());

  it('are answered from the cells there are until they are maxStaleMs old, then wait for new ones', async () => {
    tdb = await createTestDb();
    await seedDemo(tdb.db, 'motcua@2026');
    await generateDossiers(tdb.db.kysely, { count: 300, now: new Date(NOW) });
    const clock = fixedClock(NOW);
    const catalogue = new CatalogService(tdb.db);
    const stats = new StatisticsService({ db: tdb.db, catalogue, clock, staleMs: 1000, maxStaleMs: 3000 });
    const month = { from: '2026-11-01', to: '2026-11-30' };
    const direct = () => stats.summary(month, t, { direct: true });
    const resolveOpen = async (count: number) => {
      const at = clock.now().toISOString();
      const open = await tdb.db.kysely
        .selectFrom('dossiers')
        .select('id')
        .where('status', '=', 4)
        .limit(count)
        .execute();
      expect(open).toHaveLength(count);
      const ids = open.map((d) => d.id);
      await tdb.db.kysely
        .updateTable('dossiers')
        .set({ status: 9, resolved_at: at, updated_at: at })
        .where('id', 'in', ids)
        .execute();
    };
    const first = await stats.summary(month, t);
    expect(first).toEqual(await direct());

    // Older than twice staleMs, but not maxStaleMs: the answer comes from the cells there are, at once, and a refresh
    // starts beside.
    clock.advance(2500);
    await resolveOpen(3);
    expect(await stats.summary(month, t)).toEqual(first);
    await vi.waitFor(async () => expect(await stats.summary(month, t)).toEqual(await direct()));

    // Older than maxStaleMs: the request waits for the refresh.
    clock.advance(3500);
    await resolveOpen(2);
    const fresh = await stats.summary(month, t);
    expect(fresh.totals.resolved).toBeGreaterThan(first.totals.resolved);
    expect(fresh).toEqual(await direct());
  }, 60_000);
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

/** Records a processor's action that changed a dossier's status or due date, as the lifecycle commands do. */
function recordStateChange(
  tdb: TestDb,
  change: {
    dossierId: string;
    action: string;
    at: string;
    from: number;
    to: number;
    oldDue: string | null;
    newDue: string | null;
  },
) {
  return tdb.db.kysely
    .insertInto('dossier_actions')
    .values({
      dossier_id: change.dossierId,
      action: change.action,
      actor_id: 'test',
      role: 'processor',
      agency_id: null,
      at: change.at,
      comment: null,
      old_status: change.from,
      new_status: change.to,
      old_due_at: change.oldDue,
      new_due_at: change.newDue,
      data: null,
      attachment_ids: null,
    })
    .execute();
}
