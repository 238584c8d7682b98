import { type Kysely, sql } from 'kysely';
import { withSerialId } from '../columns.ts';

/**
 * Every exchange with a partner system (national portal, postal service, SMS gateway, …), in either direction: when,
 * where, digests of what went and came back, and the outcome. Bodies are not kept (they hold personal data); the
 * digests let an administrator match an entry with the partner's own records.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withSerialId(db, db.schema.createTable('partner_exchanges'))
    .addColumn('partner', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('outbound', 'inbound')`))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('endpoint', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('request_digest', 'text', (c) => c.notNull())
    .addColumn('response_digest', 'text')
    .addColumn('status_code', 'integer')
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('ok', 'rejected', 'failed', 'refused')`))
    .addColumn('detail', 'text')
    // What the exchange was about (a dossier code, an outbox dedupe key), to find its entries.
    .addColumn('reference', 'text')
    .execute();
  await db.schema.createIndex('partner_exchanges_at_idx').on('partner_exchanges').columns(['at', 'id']).execute();
  await db.schema
    .createIndex('partner_exchanges_reference_idx')
    .on('partner_exchanges')
    .columns(['reference', 'id'])
    .execute();
}
