import type { Insertable, Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../../db/transaction.ts';
import './payments.tables.ts';
import type {
  AgencyTransferAccountsTable,
  AttemptStatus,
  FeeExemptionDecisionsTable,
  PaymentAttemptsTable,
  PaymentRefundsTable,
  PaymentsTable,
} from './payments.tables.ts';

export type AttemptRow = Selectable<PaymentAttemptsTable>;
export type PaymentRow = Selectable<PaymentsTable>;
export type RefundRow = Selectable<PaymentRefundsTable>;
export type ExemptionDecisionRow = Selectable<FeeExemptionDecisionsTable>;
export type TransferAccountRow = Selectable<AgencyTransferAccountsTable>;

export async function insertAttempt(db: DbOrTx, row: Insertable<PaymentAttemptsTable>): Promise<void> {
  await db.insertInto('payment_attempts').values(row).execute();
}

export function attemptByRef(db: DbOrTx, txnRef: string): Promise<AttemptRow | undefined> {
  return db.selectFrom('payment_attempts').selectAll().where('txn_ref', '=', txnRef).executeTakeFirst();
}

export function attemptsOf(db: DbOrTx, code: string): Promise<AttemptRow[]> {
  return db
    .selectFrom('payment_attempts')
    .selectAll()
    .where('dossier_code', '=', code)
    .orderBy('created_at', 'desc')
    .execute();
}

export function pendingAttempts(db: DbOrTx, createdBefore: string, limit: number): Promise<AttemptRow[]> {
  return db
    .selectFrom('payment_attempts')
    .selectAll()
    .where('status', '=', 'pending')
    .where('created_at', '<=', createdBefore)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

export function attemptsBetween(db: DbOrTx, agencyIds: readonly string[], from: string, to: string) {
  return db
    .selectFrom('payment_attempts')
    .selectAll()
    .where('agency_id', 'in', agencyIds)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .orderBy('created_at')
    .execute();
}

/**
 * Moves an attempt out of `pending` (or `expired`: money can still arrive for an attempt we gave up on). Answers
 * whether this call made the move: the row lock and the status condition let exactly one confirmation through.
 */
export async function settleAttempt(
  tx: Tx,
  id: string,
  to: Exclude<AttemptStatus, 'pending'>,
  fields: Partial<Pick<AttemptRow, 'gateway_transaction_no' | 'gateway_response_code' | 'bank_code'>> & {
    settled_at: string;
    settled_via: 'ipn' | 'query';
  },
  from: readonly AttemptStatus[] = ['pending', 'expired'],
): Promise<boolean> {
  const result = await tx
    .updateTable('payment_attempts')
    .set({ status: to, ...fields })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markQueried(db: DbOrTx, id: string, at: string): Promise<void> {
  await db.updateTable('payment_attempts').set({ last_queried_at: at }).where('id', '=', id).execute();
}

export async function expireAttempt(db: DbOrTx, id: string): Promise<void> {
  await db
    .updateTable('payment_attempts')
    .set({ status: 'expired' })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

export async function insertPayment(tx: Tx, row: Insertable<PaymentsTable>): Promise<void> {
  await tx.insertInto('payments').values(row).execute();
}

export function paymentsOf(db: DbOrTx, code: string): Promise<PaymentRow[]> {
  return db.selectFrom('payments').selectAll().where('dossier_code', '=', code).orderBy('paid_at').execute();
}

export function paymentsOfMany(db: DbOrTx, codes: readonly string[]): Promise<PaymentRow[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('payments').selectAll().where('dossier_code', 'in', codes).orderBy('paid_at').execute();
}

export function paymentById(db: DbOrTx, id: string): Promise<PaymentRow | undefined> {
  return db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
}

export function paymentByToken(db: DbOrTx, token: string): Promise<PaymentRow | undefined> {
  return db.selectFrom('payments').selectAll().where('verify_token', '=', token).executeTakeFirst();
}

export function paymentsBetween(db: DbOrTx, agencyIds: readonly string[], from: string, to: string) {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('agency_id', 'in', agencyIds)
    .where('paid_at', '>=', from)
    .where('paid_at', '<', to)
    .orderBy('paid_at')
    .execute();
}

/** What the dossier has paid towards its fees (overpayments are not counted). */
export async function feePaid(db: DbOrTx, code: string): Promise<number> {
  const row = await db
    .selectFrom('payments')
    .select((eb) => eb.fn.sum<number>('amount').as('total'))
    .where('dossier_code', '=', code)
    .where('kind', '=', 'fee')
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

export async function insertRefund(tx: Tx, row: Insertable<PaymentRefundsTable>): Promise<void> {
  await tx.insertInto('payment_refunds').values(row).execute();
}

export function refundsOf(db: DbOrTx, paymentIds: readonly string[]): Promise<RefundRow[]> {
  if (paymentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('payment_refunds')
    .selectAll()
    .where('payment_id', 'in', paymentIds)
    .orderBy('recorded_at')
    .execute();
}

/** Overpayments at the agencies, with what has been refunded of each so far. */
export function overpayments(db: DbOrTx, agencyIds: readonly string[]) {
  return db
    .selectFrom('payments')
    .leftJoin('payment_refunds', 'payment_refunds.payment_id', 'payments.id')
    .select((eb) => [
      'payments.id',
      'payments.dossier_code',
      'payments.amount',
      'payments.method',
      'payments.reference',
      'payments.paid_at',
      'payments.receipt_number',
      eb.fn.coalesce(eb.fn.sum<number>('payment_refunds.amount'), eb.lit(0)).as('refunded'),
    ])
    .where('payments.kind', '=', 'overpayment')
    .where('payments.agency_id', 'in', agencyIds)
    .groupBy([
      'payments.id',
      'payments.dossier_code',
      'payments.amount',
      'payments.method',
      'payments.reference',
      'payments.paid_at',
      'payments.receipt_number',
    ])
    .orderBy('payments.paid_at')
    .execute();
}

/** The next receipt number of the agency's series for the year; the upsert holds the counter row until commit. */
export async function nextReceiptNumber(tx: Tx, agencyId: string, year: number): Promise<number> {
  const row = await tx
    .insertInto('receipt_counters')
    .values({ agency_id: agencyId, year, last_number: 1 })
    .onConflict((oc) =>
      oc
        .columns(['agency_id', 'year'])
        .doUpdateSet((eb) => ({ last_number: eb('receipt_counters.last_number', '+', 1) })),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return Number(row.last_number);
}

/** The dossiers with a fee booked in `[start, end)`, with the methods their fees were paid by. */
export function feeMethodsBetween(
  db: DbOrTx,
  start: string,
  end: string,
): Promise<{ dossier_code: string; agency_id: string; method: PaymentsTable['method'] }[]> {
  return db
    .selectFrom('payments')
    .select(['dossier_code', 'agency_id', 'method'])
    .where('kind', '=', 'fee')
    .where('paid_at', '>=', start)
    .where('paid_at', '<', end)
    .execute();
}

/**
 * Takes the row lock of the agency's receipt series without using a number: bookings hold the same lock (see
 * `nextReceiptNumber`), so a fee decision and a booking at one agency never interleave.
 */
export async function lockReceiptSeries(tx: Tx, agencyId: string, year: number): Promise<void> {
  await tx
    .insertInto('receipt_counters')
    .values({ agency_id: agencyId, year, last_number: 0 })
    .onConflict((oc) =>
      oc.columns(['agency_id', 'year']).doUpdateSet((eb) => ({ last_number: eb.ref('receipt_counters.last_number') })),
    )
    .execute();
}

/** A dossier's fee exemption decisions, oldest first (the last is in force). */
export function exemptionDecisionsOf(db: DbOrTx, code: string): Promise<ExemptionDecisionRow[]> {
  return db
    .selectFrom('fee_exemption_decisions')
    .selectAll()
    .where('dossier_code', '=', code)
    .orderBy('revision')
    .execute();
}

export async function insertExemptionDecision(tx: Tx, row: Insertable<FeeExemptionDecisionsTable>): Promise<void> {
  await tx.insertInto('fee_exemption_decisions').values(row).execute();
}

export function transferAccountOf(db: DbOrTx, agencyId: string): Promise<TransferAccountRow | undefined> {
  return db.selectFrom('agency_transfer_accounts').selectAll().where('agency_id', '=', agencyId).executeTakeFirst();
}

export function transferAccounts(db: DbOrTx): Promise<TransferAccountRow[]> {
  return db.selectFrom('agency_transfer_accounts').selectAll().execute();
}

export async function saveTransferAccount(db: DbOrTx, row: Insertable<AgencyTransferAccountsTable>): Promise<void> {
  const { agency_id: _, ...fields } = row;
  await db
    .insertInto('agency_transfer_accounts')
    .values(row)
    .onConflict((oc) => oc.column('agency_id').doUpdateSet(fields))
    .execute();
}

export async function removeTransferAccount(db: DbOrTx, agencyId: string): Promise<void> {
  await db.deleteFrom('agency_transfer_accounts').where('agency_id', '=', agencyId).execute();
}
