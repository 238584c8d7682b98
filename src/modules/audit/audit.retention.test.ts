import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { fixedClock } from '../../lib/clock.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import { createWorker } from '../../worker.ts';
import { anonymous } from '../identity/policy.ts';
import { recordEvent } from './audit.service.ts';

const clock = fixedClock('2026-11-24T02:00:00.000Z');
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const officer = { ...anonymous, kind: 'officer' as const, id: 'u-1', name: 'Cán bộ', username: 'canbo' };
const record = (occurredAt: string) =>
  recordEvent(t.db, {
    occurredAt,
    actor: officer,
    agencyId: null,
    action: 'agency.update',
    method: 'POST',
    route: '/admin/agencies/:id',
    resourceIds: 'a-1',
    summary: null,
    statusCode: 303,
    clientHash: 'h',
    requestId: occurredAt,
  });

describe('audit retention', () => {
  it('is off by default: events are kept forever', () => {
    expect(loadConfig({}).env.MOTCUA_AUDIT_RETENTION_DAYS).toBe(0);
    expect(() => loadConfig({ MOTCUA_AUDIT_RETENTION_DAYS: '-1' })).toThrow(/MOTCUA_AUDIT_RETENTION_DAYS/);
  });

  it('the worker sweeps the events older than the period, and only those', async () => {
    await record('2026-10-01T00:00:00.000Z');
    await record('2026-10-24T01:59:59.999Z');
    await record('2026-10-24T02:00:00.000Z');
    await record('2026-11-24T01:00:00.000Z');
    const worker = createWorker(t.db, clock, pino({ level: 'silent' }), {
      mailFrom: 'x@example.vn',
      dataDir: t.dataDir,
      maxFileBytes: 1024,
      sweepEveryMs: 20,
      baseUrl: () => 'http://localhost',
      postal: () => undefined,
      sms: () => undefined,
      auditRetentionDays: 31,
    });
    worker.start();
    const left = async () =>
      (await t.db.kysely.selectFrom('audit_events').select('occurred_at').orderBy('id').execute()).map(
        (r) => r.occurred_at,
      );
    for (let i = 0; i < 200 && (await left()).length > 2; i++) await new Promise((r) => setTimeout(r, 25));
    await worker.stop();
    expect(await left()).toEqual(['2026-10-24T02:00:00.000Z', '2026-11-24T01:00:00.000Z']);
  });
});
