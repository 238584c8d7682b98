import type { Kysely } from 'kysely';

interface Tables {
  reference_revisions: { name: string; revision: number };
  calendar_revision: { id: number; revision: number };
}

/**
 * The calendar's revision joins the other reference data's (0125): processes check all of them in one query at most once
 * a second instead of reading `calendar_revision` on every request that computes a deadline.
 */
export async function up(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as Kysely<Tables>;
  const calendar = await db.selectFrom('calendar_revision').select('revision').where('id', '=', 1).executeTakeFirst();
  await db
    .insertInto('reference_revisions')
    .values({ name: 'calendar', revision: Number(calendar?.revision ?? 0) })
    .execute();
  await db.schema.dropTable('calendar_revision').execute();
}
