import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { type Db, openDatabase } from '../db/database.ts';
import { fixedClock } from '../lib/clock.ts';
import { Browser, csrfFrom } from '../testing/http.ts';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { RateLimitCounter } from './rate-limit-store.ts';
import type { App } from './types.ts';

let t: TestDb;
/** A second connection (pool) to the same database, as a second process has. */
let other: Db;
beforeAll(async () => {
  t = await createTestDb();
  other = openDatabase(t.url);
});
afterAll(async () => {
  await other.close();
  await t.cleanup();
});

describe('the rate-limit counter', () => {
  it('counts in fixed windows and starts again at one in the next window', async () => {
    const clock = fixedClock('2026-11-28T03:00:10.000Z');
    const counter = new RateLimitCounter(t.db.kysely, clock);
    expect(await counter.hit('route:GET /x', '10.0.0.1', 60_000)).toEqual({ current: 1, ttl: 50_000 });
    clock.advance(20_000);
    expect(await counter.hit('route:GET /x', '10.0.0.1', 60_000)).toEqual({ current: 2, ttl: 30_000 });
    expect(await counter.read('route:GET /x', '10.0.0.1', 60_000)).toEqual({ current: 2, ttl: 30_000 });
    // Another key and another route count apart.
    expect((await counter.hit('route:GET /x', '10.0.0.2', 60_000)).current).toBe(1);
    expect((await counter.hit('route:GET /y', '10.0.0.1', 60_000)).current).toBe(1);
    clock.advance(30_000);
    expect(await counter.hit('route:GET /x', '10.0.0.1', 60_000)).toEqual({ current: 1, ttl: 60_000 });
  });

  it('loses no hit when two processes count the same key at once', async () => {
    const clock = fixedClock('2026-11-28T03:10:00.000Z');
    const a = new RateLimitCounter(t.db.kysely, clock);
    const b = new RateLimitCounter(other.kysely, clock);
    const counts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).hit('group:track', '10.1.1.1', 60_000)),
    );
    expect(counts.map((c) => c.current).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect((await a.read('group:track', '10.1.1.1', 60_000)).current).toBe(40);
  });

  it('stores a digest of the client key, never the address, and sweeps ended windows on write', async () => {
    const clock = fixedClock('2026-11-28T04:00:00.000Z');
    const counter = new RateLimitCounter(t.db.kysely, clock);
    const rows = () => t.db.kysely.selectFrom('rate_limit_counters').selectAll().orderBy('window_start').execute();
    // The first hit of a process sweeps what earlier tests left.
    await counter.hit('route:POST /login', '198.51.100.7', 60_000);
    clock.advance(30_000);
    await counter.hit('route:POST /login', '198.51.100.8', 60_000);
    expect(await rows()).toHaveLength(2);
    for (const row of await rows()) expect(row.bucket).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await rows())).not.toContain('198.51.100');
    // A minute after the last sweep, the next hit sweeps the windows that have ended.
    clock.advance(40_000);
    await counter.hit('route:POST /login', '198.51.100.9', 60_000);
    expect((await rows()).map((r) => r.window_start)).toEqual(['2026-11-28T04:01:00.000Z']);
    clock.advance(50_000);
    expect(await counter.sweepExpired()).toBe(1);
    expect(await rows()).toEqual([]);
  });
});

describe('two app processes on one database', () => {
  let a: App;
  let b: App;
  beforeAll(async () => {
    const config = loadConfig({
      MOTCUA_DATA_DIR: t.dataDir,
      MOTCUA_SESSION_SECRET: 'x'.repeat(40),
      MOTCUA_TRACK_LOOKUPS_PER_MINUTE: '6',
    });
    // One clock in the middle of a window, so the test cannot straddle two windows.
    const clock = fixedClock('2026-11-28T05:00:30.000Z');
    a = await buildApp({ config, db: t.db, clock });
    b = await buildApp({ config, db: other, clock });
    await Promise.all([a.ready(), b.ready()]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  const lookup = (app: App, remoteAddress: string) =>
    app.inject({ url: '/api/v1/track/H15.50.05.13-261008-0975?verifier=1234', remoteAddress });

  it('limit the lookup as one: the allowance is shared by the page and the API of both, then 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await lookup(a, '10.2.2.2')).statusCode);
    for (let i = 0; i < 2; i++) statuses.push((await lookup(b, '10.2.2.2')).statusCode);
    // The page's post counts against the same allowance (the sixth request of six).
    const browser = new Browser(b);
    const csrf = csrfFrom((await browser.get('/track')).body);
    const postPage = () =>
      b.inject({
        method: 'POST',
        url: '/track',
        remoteAddress: '10.2.2.2',
        headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        cookies: browser.jar.object,
        payload: new URLSearchParams({ _csrf: csrf, code: 'H15.50.05.13-261008-0975', verifier: '1234' }).toString(),
      });
    statuses.push((await postPage()).statusCode);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 404]);

    const refused = await lookup(a, '10.2.2.2');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('30');
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'rate_limited', detail: expect.stringContaining('30 giây') });

    const page429 = await postPage();
    expect(page429.statusCode).toBe(429);
    expect(page429.headers['retry-after']).toBe('30');
    expect(page429.headers['content-type']).toContain('text/html');
    expect(page429.body).toContain('<html lang="vi"');
    expect(page429.body).toContain('Bạn thao tác quá nhanh. Vui lòng thử lại sau 30 giây.');

    // Another address still has its allowance.
    expect((await lookup(b, '10.2.2.3')).statusCode).toBe(404);
  });

  it('limit logins as one too', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const app = i % 2 === 0 ? a : b;
      const res = await app.inject({
        method: 'POST',
        url: '/login',
        remoteAddress: '10.3.3.3',
        headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'username=nobody&password=x',
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s !== 429)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});
