import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { groupCommitCounts, inTransaction, type Tx } from './transaction.ts';

interface Scratch {
  tx_scratch: { id: number; note: string };
}

describe('inTransaction', () => {
  let t: TestDb;
  const scratch = (db: Tx) => db as unknown as Kysely<Scratch>;
  const rows = async () =>
    (
      await (t.db.kysely as unknown as Kysely<Scratch>)
        .selectFrom('tx_scratch')
        .select(['id', 'note'])
        .orderBy('id')
        .execute()
    ).map((r) => `${r.id}:${r.note}`);

  beforeAll(async () => {
    t = await createTestDb();
    await sql`create table tx_scratch (id integer primary key, note text not null)`.execute(t.db.kysely);
  });
  afterAll(() => t.cleanup());

  it('commits each of many concurrent transactions whole, and rolls back only the one that fails', async () => {
    const before = { ...(groupCommitCounts(t.db.kysely) ?? { transactions: 0, commits: 0 }) };
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        inTransaction(t.db.kysely, async (tx) => {
          await scratch(tx).insertInto('tx_scratch').values({ id: i, note: 'first' }).execute();
          // Yields between the two writes, so that the transactions overlap.
          await new Promise((resolve) => setImmediate(resolve));
          await scratch(tx)
            .insertInto('tx_scratch')
            .values({ id: 100 + i, note: 'second' })
            .execute();
          if (i === 5) throw new Error('refused on purpose');
          return i;
        }),
      ),
    );
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      0,
      1,
      2,
      3,
      4,
      'refused on purpose',
      6,
      7,
      8,
      9,
      10,
      11,
    ]);
    const stored = await rows();
    expect(stored).toHaveLength(22);
    expect(stored).not.toContain('5:first');
    expect(stored).not.toContain('105:second');
    const counts = groupCommitCounts(t.db.kysely);
    if (t.db.dialect === 'sqlite') {
      // Twelve transactions that arrived together need fewer commits than twelve.
      expect(counts!.transactions - before.transactions).toBe(12);
      expect(counts!.commits - before.commits).toBeLessThan(11);
    } else {
      expect(counts).toBeUndefined();
    }
  });

  // PostgreSQL runs the two side by side: neither sees the other's uncommitted row.
  it.skipIf(Boolean(process.env.TEST_DATABASE_URL))(
    'on SQLite, lets a later transaction of a group see what an earlier one wrote',
    async () => {
      const [, seen] = await Promise.all([
        inTransaction(t.db.kysely, (tx) =>
          scratch(tx).insertInto('tx_scratch').values({ id: 500, note: 'earlier' }).execute(),
        ),
        inTransaction(t.db.kysely, async (tx) => {
          const row = await scratch(tx)
            .selectFrom('tx_scratch')
            .select('note')
            .where('id', '=', 500)
            .executeTakeFirst();
          return row?.note;
        }),
      ]);
      expect(seen).toBe('earlier');
    },
  );

  it('gives a failed statement inside a transaction to its caller, leaving the table as it was', async () => {
    const before = await rows();
    const outcome = await Promise.allSettled([
      inTransaction(t.db.kysely, (tx) =>
        scratch(tx).insertInto('tx_scratch').values({ id: 600, note: 'kept' }).execute(),
      ),
      inTransaction(t.db.kysely, async (tx) => {
        await scratch(tx).insertInto('tx_scratch').values({ id: 601, note: 'undone' }).execute();
        // The primary key is taken: the statement fails, and this transaction with it.
        await scratch(tx).insertInto('tx_scratch').values({ id: 0, note: 'duplicate' }).execute();
      }),
    ]);
    expect(outcome.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
    expect(await rows()).toEqual(
      [...before, '600:kept'].sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10)),
    );
  });
});
