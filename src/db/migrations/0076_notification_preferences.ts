import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migrate.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A person's choice of channels for news of their dossiers; no row: every channel they have an address for.
  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('email', 'integer', (c) => c.notNull())
    .addColumn('sms', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('notification_preferences_flags_check', sql`email in (0, 1) and sms in (0, 1)`)
    .execute();
  if (isPostgres(db)) {
    await sql`comment on table notification_preferences is 'Channels (e-mail, SMS) each person wants news of their dossiers on'`.execute(
      db,
    );
  }
}
