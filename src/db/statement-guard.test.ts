import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { abortReason, abortWhen } from './statement-guard.ts';

interface Scratch {
  guard_scratch: { id: number };
}

// The guard exists for statements of several parts, which only PostgreSQL writes this way.
describe.skipIf(!process.env.TEST_DATABASE_URL)('abortWhen (PostgreSQL)', () => {
  let t: TestDb;
  let db: Kysely<Scratch>;
  const ids = async () => (await db.selectFrom('guard_scratch').select('id').orderBy('id').execute()).map((r) => r.id);
  const insertThenCheck = (id: number, expected: number) =>
    db
      .with('inserted', (qc) => qc.insertInto('guard_scratch').values({ id }).returning('id'))
      .selectNoFrom((eb) =>
        abortWhen(
          eb(
            eb.selectFrom('inserted').select((i) => i.fn.countAll<number>().as('n')),
            '<>',
            expected,
          ),
          'scratch_short',
        ).as('ok'),
      )
      .execute();

  beforeAll(async () => {
    t = await createTestDb();
    db = t.db.kysely as unknown as Kysely<Scratch>;
    await sql`create table guard_scratch (id integer primary key)`.execute(db);
  });
  afterAll(() => t.cleanup());

  it('keeps what the statement wrote when the check holds', async () => {
    await insertThenCheck(1, 1);
    expect(await ids()).toEqual([1]);
  });

  it('undoes every part of the statement when it fails, with an error that names the reason', async () => {
    const error = await insertThenCheck(2, 2).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(abortReason(error)).toBe('scratch_short');
    expect(await ids()).toEqual([1]);
  });

  it('names no reason for other errors', async () => {
    const error = await insertThenCheck(1, 1).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(abortReason(error)).toBeUndefined();
  });
});
