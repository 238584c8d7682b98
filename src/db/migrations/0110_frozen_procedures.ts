import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migrate.ts';

interface Tables {
  dossiers: { id: string; frozen_definition: string; frozen_hash: string | null };
  frozen_procedures: { hash: string; definition: string };
}

/** Dossiers moved per read: a page of ids and their definitions, then one update per distinct definition. */
const PAGE = 2000;

/**
 * Each frozen procedure definition (the procedure header and case a dossier was submitted under, ~5 KB of JSON) is
 * stored once, keyed by the SHA-256 of its text, instead of in every dossier row: the dossiers of one procedure
 * version share a handful of texts, and the copies made up most of the table. Existing dossiers are moved here.
 */
export async function up(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as Kysely<Tables>;
  await db.schema
    .createTable('frozen_procedures')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('definition', 'text', (c) => c.notNull())
    .execute();
  // SQLite adds a referencing column only as nullable; PostgreSQL makes it NOT NULL once it is filled.
  await db.schema
    .alterTable('dossiers')
    .addColumn('frozen_hash', 'text', (c) => c.references('frozen_procedures.hash'))
    .execute();

  const stored = new Set<string>();
  let after = '';
  for (;;) {
    const page = await db
      .selectFrom('dossiers')
      .select(['id', 'frozen_definition'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (page.length === 0) break;
    const idsByHash = new Map<string, string[]>();
    for (const { id, frozen_definition: text } of page) {
      const hash = createHash('sha256').update(text).digest('hex');
      if (!stored.has(hash)) {
        await db
          .insertInto('frozen_procedures')
          .values({ hash, definition: text })
          .onConflict((oc) => oc.column('hash').doNothing())
          .execute();
        stored.add(hash);
      }
      const ids = idsByHash.get(hash);
      if (ids) ids.push(id);
      else idsByHash.set(hash, [id]);
    }
    for (const [hash, ids] of idsByHash) {
      await db.updateTable('dossiers').set({ frozen_hash: hash }).where('id', 'in', ids).execute();
    }
    after = page[page.length - 1]!.id;
  }

  await db.schema.alterTable('dossiers').dropColumn('frozen_definition').execute();
  if (isPostgres(untyped)) {
    await db.schema
      .alterTable('dossiers')
      .alterColumn('frozen_hash', (c) => c.setNotNull())
      .execute();
    await sql`comment on table frozen_procedures is 'Procedure header and case as frozen onto dossiers at submission, once per distinct text (key: SHA-256 of the JSON); never changed'`.execute(
      db,
    );
  }
}
