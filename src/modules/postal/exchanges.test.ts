import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import { listExchanges } from '../partners/partners.service.ts';
import { digest, storeExchanges } from './exchanges.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

describe('postal and SMS exchanges in the partner exchange log', () => {
  it('stores each exchange with its digests; a duplicate callback is an ok exchange that says so', async () => {
    const record = storeExchanges(t.db.kysely, pino({ level: 'silent' }));
    const base = { partner: 'postal', direction: 'inbound', endpoint: 'callback', responseDigest: null } as const;
    await record({
      ...base,
      at: '2026-11-27T01:00:00.000Z',
      requestDigest: digest('a'),
      outcome: 'refused',
      detail: 'bad signature',
    });
    await record({
      ...base,
      at: '2026-11-27T01:01:00.000Z',
      requestDigest: digest('b'),
      outcome: 'duplicate',
      detail: 'BD1 IN_TRANSIT',
    });
    const logged = await listExchanges(t.db.kysely, { partner: 'postal' });
    expect(logged.map((e) => [e.outcome, e.detail])).toEqual([
      ['ok', 'duplicate BD1 IN_TRANSIT'],
      ['refused', 'bad signature'],
    ]);
    expect(logged[1]).toMatchObject({ requestDigest: `sha256:${digest('a')}`, direction: 'inbound' });
  });
});
