import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing/test-db.ts';

describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL connections', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.cleanup());

  it('run without JIT compilation, whatever the server default', async () => {
    const { rows } = await sql<{ jit: string }>`show jit`.execute(t.db.kysely);
    expect(rows[0]?.jit).toBe('off');
  });
});
