import { type Kysely, sql } from 'kysely';
import { withSerialId } from '../columns.ts';
import { isPostgres } from '../migrate.ts';

const KINDS = sql`kind in ('pickup', 'delivery')`;
const STATES = sql`status in ('queued', 'accepted', 'picked_up', 'in_transit', 'delivered', 'failed')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  // A pickup of papers at the applicant's home or a delivery of the result, ordered from the public postal service.
  await db.schema
    .createTable('postal_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dossier_id', 'text', (c) => c.notNull().references('dossiers.id'))
    .addColumn('dossier_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // Our order number, also the idempotency key the postal service deduplicates on.
    .addColumn('order_number', 'text', (c) => c.notNull().unique())
    // A pre-printed waybill code the officer stuck on, sent with the order; null: the partner assigns one.
    .addColumn('requested_item_code', 'text')
    // The waybill code (mã vận đơn) the order travels under, once known.
    .addColumn('item_code', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('receiver', 'text', (c) => c.notNull())
    .addColumn('cod_amount', 'bigint', (c) => c.notNull())
    .addColumn('failure_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('postal_orders_kind_check', KINDS)
    .addCheckConstraint('postal_orders_status_check', STATES)
    .addCheckConstraint('postal_orders_cod_check', sql`cod_amount >= 0`)
    .execute();
  await db.schema
    .createIndex('postal_orders_dossier_idx')
    .on('postal_orders')
    .columns(['dossier_id', 'created_at'])
    .execute();

  // Every status the postal service reported, once each (a repeated callback finds its event id here).
  await withSerialId(db, db.schema.createTable('postal_events'))
    .addColumn('order_id', 'text', (c) => c.notNull().references('postal_orders.id'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('postal_events_unique', ['order_id', 'event_id'])
    .addCheckConstraint('postal_events_status_check', STATES)
    .execute();

  if (isPostgres(db)) {
    await sql`comment on table postal_orders is 'Pickup and delivery orders sent to the public postal service (BCCI) through the outbox'`.execute(
      db,
    );
    await sql`comment on table postal_events is 'Status callbacks of the postal service, verified by signature, one row per partner event id'`.execute(
      db,
    );
  }
}
