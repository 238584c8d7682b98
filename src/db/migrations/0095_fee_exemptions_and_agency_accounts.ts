import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migrate.ts';

/**
 * Fee exemptions chosen by an officer, as an append-only history per dossier (the newest decision is in force), and
 * each receiving agency's own bank account for fee transfers (VietQR), falling back to the province's setting.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // `revision` counts the decisions on a dossier (1, 2, …): an officer decides on the revision they saw, and the
  // unique pair turns a concurrent second decision into a conflict.
  await db.schema
    .createTable('fee_exemption_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dossier_code', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
    // JSON: `{ fee, exemption }[]`, the exemptions in force after this decision (empty: none).
    .addColumn('exemptions', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(reason) > 0`))
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('intake', 'cashier')`))
    // The receiving agency's electronic identifier, where the officer holds that role.
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('fee_exemption_decisions_revision_key', ['dossier_code', 'revision'])
    .execute();

  await db.schema
    .createTable('agency_transfer_accounts')
    // The agency's id (not its identifier, which an administrator may change).
    .addColumn('agency_id', 'text', (c) => c.primaryKey())
    .addColumn('bank_bin', 'text', (c) => c.notNull().check(sql`length(bank_bin) = 6`))
    .addColumn('account_number', 'text', (c) => c.notNull())
    .addColumn('account_name', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  if (isPostgres(db)) {
    await sql`create function fee_exemption_decisions_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'fee_exemption_decisions is append-only: % refused', tg_op using errcode = 'restrict_violation';
      end
    $$`.execute(db);
    await sql`create trigger fee_exemption_decisions_no_change before update or delete on fee_exemption_decisions
      for each row execute function fee_exemption_decisions_append_only()`.execute(db);
    await sql`create trigger fee_exemption_decisions_no_truncate before truncate on fee_exemption_decisions
      for each statement execute function fee_exemption_decisions_append_only()`.execute(db);
    await sql`comment on table fee_exemption_decisions is 'Fee exemptions chosen by officers with their reason, one row per decision (the newest is in force); UPDATE, DELETE and TRUNCATE are refused'`.execute(
      db,
    );
    await sql`comment on table agency_transfer_accounts is 'Each receiving agency''s bank account for fee transfers (VietQR); agencies without one use PAYMENT_TRANSFER_ACCOUNT'`.execute(
      db,
    );
  }
}
