import { type Kysely, sql } from 'kysely';
import { withSerialId } from '../columns.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Messages to partners and notifications, written in the same transaction as the change they announce.
  await withSerialId(db, db.schema.createTable('outbox'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('ordering_key', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('available_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addCheckConstraint('outbox_status_check', sql`status in ('pending', 'done', 'dead')`)
    .execute();
  await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['status', 'available_at']).execute();
  await db.schema.createIndex('outbox_ordering_idx').on('outbox').columns(['ordering_key', 'id']).execute();

  // Secrets the processes must share (cookie signing), generated once on first start.
  await db.schema
    .createTable('app_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
