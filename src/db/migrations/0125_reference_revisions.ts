import type { Kysely } from 'kysely';

interface Tables {
  reference_revisions: { name: string; revision: number };
  catalog_revision: { id: number; revision: number };
}

/**
 * One revision per kind of reference data a process keeps in memory (see db/reference-cache.ts), bumped in the
 * transaction of every write that changes it. The catalogue's revision moves here from `catalog_revision` (0010).
 */
export async function up(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as Kysely<Tables>;
  await db.schema
    .createTable('reference_revisions')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .execute();
  const catalog = await db.selectFrom('catalog_revision').select('revision').where('id', '=', 1).executeTakeFirst();
  await db
    .insertInto('reference_revisions')
    .values([
      { name: 'agencies', revision: 0 },
      { name: 'catalog', revision: Number(catalog?.revision ?? 0) },
    ])
    .execute();
  await db.schema.dropTable('catalog_revision').execute();
}
