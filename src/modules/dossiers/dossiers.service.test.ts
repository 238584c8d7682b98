import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/transaction.ts';
import { runChild } from '../../testing/run-child.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import { parseDossierCode } from './dossier-code.ts';
import { allocateDossierCode } from './dossiers.service.ts';

const fixture = fileURLToPath(new URL('./allocate-codes.fixture.ts', import.meta.url));
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const allocate = (agency: string, at: string) =>
  inTransaction(t.db.kysely, (tx) => allocateDossierCode(tx, agency, new Date(at)));

describe('dossier code allocation', () => {
  it('numbers per agency per Vietnam reception day, from 0001', async () => {
    expect(await allocate('000.00.10.H08', '2026-10-08T01:00:00Z')).toBe('000.00.10.H08-261008-0001');
    expect(await allocate('000.00.10.H08', '2026-10-08T09:00:00Z')).toBe('000.00.10.H08-261008-0002');
    expect(await allocate('000.01.21.H08', '2026-10-08T09:00:00Z')).toBe('000.01.21.H08-261008-0001');
    // 17:30 UTC on the 8th is 00:30 on the 9th in Vietnam: a new day, a new sequence.
    expect(await allocate('000.00.10.H08', '2026-10-08T17:30:00Z')).toBe('000.00.10.H08-261009-0001');
  });

  it('gives the number back when the submitting transaction rolls back', async () => {
    await expect(
      inTransaction(t.db.kysely, async (tx) => {
        await allocateDossierCode(tx, '000.00.11.H08', new Date('2026-10-08T02:00:00Z'));
        throw new Error('submission failed');
      }),
    ).rejects.toThrow('submission failed');
    expect(await allocate('000.00.11.H08', '2026-10-08T03:00:00Z')).toBe('000.00.11.H08-261008-0001');
  });

  it('writes sequences past 9999 with more digits', async () => {
    await t.db.kysely
      .insertInto('dossier_code_counters')
      .values({ agency_identifier: '000.00.12.H08', day: '2026-10-08', last_sequence: 9999 })
      .execute();
    expect(await allocate('000.00.12.H08', '2026-10-08T03:00:00Z')).toBe('000.00.12.H08-261008-10000');
  });

  it('hands out 1,000 distinct, gap-free codes to two processes submitting at once', async () => {
    const at = '2026-11-27T03:00:00.000Z';
    const [a, b] = await Promise.all([runChild(fixture, [t.url, '500', at]), runChild(fixture, [t.url, '500', at])]);
    const codes = [...a.split('\n'), ...b.split('\n')].filter(Boolean);
    expect(new Set(codes).size).toBe(1000);
    const sequences = codes.map((c) => parseDossierCode(c).sequence).sort((x, y) => x - y);
    expect(sequences).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
  }, 120_000);
});
