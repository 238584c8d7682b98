import { type Kysely, sql } from 'kysely';

const list = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per trip to the payment gateway; `txn_ref` is the gateway's order reference (vnp_TxnRef), new per attempt.
  // An attempt is booked once: the update that moves it out of `pending` is the idempotency guard.
  await db.schema
    .createTable('payment_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('txn_ref', 'text', (c) => c.notNull().unique())
    .addColumn('gateway', 'text', (c) => c.notNull())
    .addColumn('dossier_code', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in (${list(['pending', 'succeeded', 'failed', 'expired'])})`),
    )
    .addColumn('payment_url', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('gateway_transaction_no', 'text')
    .addColumn('gateway_response_code', 'text')
    .addColumn('bank_code', 'text')
    .addColumn('settled_at', 'text')
    // How the outcome was learnt: `ipn` (the gateway's call) or `query` (our transaction query).
    .addColumn('settled_via', 'text')
    .addColumn('last_queried_at', 'text')
    .execute();
  await db.schema
    .createIndex('payment_attempts_dossier_idx')
    .on('payment_attempts')
    .columns(['dossier_code', 'created_at'])
    .execute();
  await db.schema.createIndex('payment_attempts_status_idx').on('payment_attempts').columns(['status']).execute();
  await db.schema
    .createIndex('payment_attempts_agency_idx')
    .on('payment_attempts')
    .columns(['agency_id', 'created_at'])
    .execute();

  // Money received. `kind` is `fee` for what the dossier owed, `overpayment` for money beyond it (to refund).
  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dossier_code', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in (${list(['fee', 'overpayment'])})`))
    .addColumn('method', 'text', (c) =>
      c.notNull().check(sql`method in (${list(['online', 'pos', 'transfer', 'cash'])})`),
    )
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('reference', 'text')
    // At most one payment per gateway attempt or per bank-statement line: a repeated confirmation books nothing.
    .addColumn('attempt_id', 'text', (c) => c.unique())
    .addColumn('statement_ref', 'text', (c) => c.unique())
    .addColumn('payer_name', 'text', (c) => c.notNull())
    // JSON: the fee lines paid, `{ code, name, amount }[]`.
    .addColumn('fee_lines', 'text', (c) => c.notNull())
    .addColumn('receipt_number', 'text', (c) => c.notNull().unique())
    // A random token in the receipt's public verification URL.
    .addColumn('verify_token', 'text', (c) => c.notNull().unique())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payments_dossier_idx').on('payments').columns(['dossier_code']).execute();
  await db.schema.createIndex('payments_agency_idx').on('payments').columns(['agency_id', 'paid_at']).execute();

  await db.schema
    .createTable('payment_refunds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id'))
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payment_refunds_payment_idx').on('payment_refunds').columns(['payment_id']).execute();

  // E-receipt number series: per agency per year, without gaps, allocated inside the booking transaction.
  await db.schema
    .createTable('receipt_counters')
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('receipt_counters_pk', ['agency_id', 'year'])
    .execute();
}
