/**
 * Fees and payments of dossiers: what is owed (from the frozen procedure case and the officers' payment requests),
 * online payment through a gateway adapter, counter payments, refunds and e-receipts. The browser's return from the
 * gateway is never trusted on its own: an attempt is settled only by the gateway's signed IPN or by our own query.
 * Booking a payment, its receipt number, the dossier's `confirm_payment` action and the outbox message commit in one
 * transaction; the attempt's move out of `pending` in that same transaction makes every confirmation count once.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../../db/database.ts';
import { type DbOrTx, inTransaction, type Tx } from '../../db/transaction.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { addDays, vietnamDateOf, vietnamInstant } from '../../lib/vn-time.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';
import type { Actor, DossierDetail } from '../dossiers/dossiers.schema.ts';
import type { DossierService } from '../dossiers/dossiers.service.ts';
import { finalStatuses, statuses } from '../dossiers/lifecycle.ts';
import { enqueue } from '../outbox/outbox.service.ts';
import { type Due, dossierDue, type FeeChoices, type FeeLine, feeLines, totalOf } from './fees.ts';
import type { GatewayOutcome, PaymentGateway } from './gateway.ts';
import * as repo from './payments.repo.ts';
import type { AttemptStatus, PaymentMethod } from './payments.tables.ts';
import type { StatementLine } from './statement.ts';

/** The dossier actor the gateway's confirmations act as. */
const gatewayActor: Actor = { userId: 'payment-gateway', kind: 'system', roles: [] };
export const PAYMENT_CHECK_TOPIC = 'payment.check';
export const PAYMENT_BOOKED_TOPIC = 'payment.booked';
export const PAYMENT_REFUNDED_TOPIC = 'payment.refunded';

export interface PaymentsOptions {
  db: Db;
  dossiers: DossierService;
  catalog: Pick<CatalogService, 'getVersion'>;
  /** Absent when no gateway is configured: then only counter payments and transfers are possible. */
  gateway?: PaymentGateway;
  clock?: Clock;
  /** How long an online attempt may stay open at the gateway (default 15 minutes). */
  attemptTtlMs?: number;
  /** The portal's public address (the gateway's return URL, receipt QR codes). */
  baseUrl: () => string;
  logger?: Pick<Logger, 'warn' | 'error' | 'info'>;
}

export type { Due } from './fees.ts';

export interface PaymentView {
  id: string;
  dossierCode: string;
  agencyId: string;
  kind: 'fee' | 'overpayment';
  method: PaymentMethod;
  amount: number;
  refunded: number;
  reference: string | null;
  payerName: string;
  lines: FeeLine[];
  receiptNumber: string;
  verifyToken: string;
  recordedBy: string;
  paidAt: string;
}

export interface AttemptView {
  txnRef: string;
  amount: number;
  status: repo.AttemptRow['status'];
  createdAt: string;
  expiresAt: string;
}

export interface PaymentState {
  dossier: DossierDetail;
  due: Due;
  payments: PaymentView[];
  attempts: AttemptView[];
}

/** An exemption in force: which fee, under which of its exemptions. */
export interface ExemptionChoice {
  fee: string;
  exemption: string;
}

export interface ExemptionDecisionView {
  revision: number;
  exemptions: ExemptionChoice[];
  reason: string;
  decidedBy: string;
  role: 'intake' | 'cashier';
  agencyId: string;
  decidedAt: string;
}

export interface FeeExemptions {
  dossier: DossierDetail;
  /** The case's fees as the schedule has them, with their possible exemptions and the one in force. */
  fees: { code: string; name: string; exemptions: { code: string; name: string }[]; chosen: string | null }[];
  /** The case's fee lines with the exemptions in force. */
  lines: FeeLine[];
  /** Every decision, oldest first; the last is in force. */
  decisions: ExemptionDecisionView[];
  /** The number of decisions so far: a new decision names it (optimistic concurrency). */
  revision: number;
  /** Why exemptions cannot be changed now, if they cannot. */
  closed: ExemptionsClosed | null;
}

export type ExemptionsClosed = 'paid' | 'final' | 'paymentUnderWay';

/** The officer who decides, and in which role at which agency (electronic identifier). */
export interface ExemptingOfficer {
  userId: string;
  role: 'intake' | 'cashier';
  agencyId: string;
}

/** The IPN answer VNPAY expects: `00` confirmed, `01` unknown order, `02` already confirmed, `04` wrong amount, `97` bad signature, `99` anything else. */
export interface IpnAnswer {
  RspCode: '00' | '01' | '02' | '04' | '97' | '99';
  Message: string;
}

export type ReturnResult =
  | { kind: 'invalid' }
  | { kind: 'succeeded' | 'failed' | 'pending' | 'expired'; dossierCode: string; amount: number };

/** Statistics feed: how a dossier's fee was paid. POS card payments count as "at the counter". */
export type PaidVia = 'online' | 'counter' | 'transfer' | 'cash';

interface Booking {
  code: string;
  method: PaymentMethod;
  amount: number;
  reference: string | null;
  attemptId?: string;
  statementRef?: string;
  payerName?: string;
  recordedBy: string;
  /** Who confirms the payment on the dossier (the gateway, or the cashier). */
  actor: Actor;
  paidAt: Date;
}

export type StatementOutcome =
  | 'booked'
  | 'alreadyBooked'
  | 'noReference'
  | 'noDossierCode'
  | 'ambiguous'
  | 'unknownDossier'
  | 'notDue'
  | 'amountMismatch';
export type StatementResult = StatementLine & { outcome: StatementOutcome; receiptNumber?: string };

export interface ReconciliationRow {
  txnRef: string;
  dossierCode: string;
  createdAt: string;
  amount: number;
  ours: AttemptStatus;
  gateway: GatewayOutcome['status'] | 'notFound' | 'unchecked';
  /** The amount booked for this attempt, if any. */
  booked: number | null;
  problem: 'paidNotBooked' | 'bookedNotPaid' | 'amountDiffers' | 'unchecked' | null;
}

export interface Reconciliation {
  from: string;
  to: string;
  rows: ReconciliationRow[];
  payments: PaymentView[];
  totals: Record<PaymentMethod | 'refunded', number>;
  openOverpayments: PaymentView[];
}

export class PaymentsService {
  readonly #db: Db;
  readonly #dossiers: DossierService;
  readonly #catalog: Pick<CatalogService, 'getVersion'>;
  readonly #gateway: PaymentGateway | undefined;
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #baseUrl: () => string;
  readonly #logger: PaymentsOptions['logger'];

  constructor(options: PaymentsOptions) {
    this.#db = options.db;
    this.#dossiers = options.dossiers;
    this.#catalog = options.catalog;
    this.#gateway = options.gateway;
    this.#clock = options.clock ?? systemClock;
    this.#ttlMs = options.attemptTtlMs ?? 15 * 60_000;
    this.#baseUrl = options.baseUrl;
    this.#logger = options.logger;
  }

  get onlineAvailable(): boolean {
    return this.#gateway !== undefined;
  }

  /**
   * For the apply wizard: the fee lines of a procedure case, shown before submission, and whether they must be paid
   * at submission (procedures configured so) rather than when an officer asks.
   */
  async feesBeforeSubmission(
    procedureVersionId: string,
    caseCode: string,
  ): Promise<{ lines: FeeLine[]; total: number; dueAtSubmission: boolean }> {
    const { definition } = await this.#catalog.getVersion(procedureVersionId);
    const procedureCase = definition.cases.find((c) => c.code === caseCode);
    if (!procedureCase) throw new NotFoundError('payments.errors.caseNotFound', { caseCode }, 'case_not_found');
    const lines = feeLines(procedureCase);
    const total = totalOf(lines);
    return { lines, total, dueAtSubmission: definition.paymentAtSubmission && total > 0 };
  }

  /**
   * What the dossier owes: its fees if due at submission, plus every amount an officer requested (status 6), with
   * the exemptions in force.
   */
  async due(dossier: DossierDetail, paid?: number): Promise<Due> {
    const [atSubmission, decisions, alreadyPaid] = await Promise.all([
      this.#paymentAtSubmission(dossier),
      repo.exemptionDecisionsOf(this.#db.kysely, dossier.code),
      paid ?? repo.feePaid(this.#db.kysely, dossier.code),
    ]);
    return dossierDue(dossier, atSubmission, choicesOf(decisions.at(-1)), alreadyPaid);
  }

  #paymentAtSubmission(dossier: DossierDetail): Promise<boolean> {
    return this.#catalog
      .getVersion(dossier.procedure.versionId)
      .then((v) => v.definition.paymentAtSubmission)
      .catch(() => false);
  }

  async state(code: string): Promise<PaymentState> {
    const dossier = await this.#dossiers.getDossier(code);
    const [payments, attempts] = await Promise.all([
      this.#paymentViews(await repo.paymentsOf(this.#db.kysely, code)),
      repo.attemptsOf(this.#db.kysely, code),
    ]);
    return {
      dossier,
      due: await this.due(dossier),
      payments,
      attempts: attempts.map((a) => ({
        txnRef: a.txn_ref,
        amount: a.amount,
        status: a.status,
        createdAt: a.created_at,
        expiresAt: a.expires_at,
      })),
    };
  }

  /**
   * Opens an online payment of what the dossier owes and answers the gateway URL to send the payer to. An open
   * attempt for the same amount is reused until it expires; after a failure or expiry a new attempt (new TxnRef) starts.
   */
  async startOnline(
    code: string,
    payer: { userId: string; ip: string; locale: 'vi' | 'en' },
  ): Promise<{ paymentUrl: string; txnRef: string }> {
    const gateway = this.#gateway;
    if (!gateway) throw new ConflictError('gateway_unavailable', 'payments.errors.gatewayUnavailable');
    const { due } = await this.state(code);
    if (!due.payable) throw new ConflictError('payment_not_due', 'payments.errors.notDue');
    const now = this.#clock.now();
    for (const attempt of await repo.attemptsOf(this.#db.kysely, code)) {
      if (attempt.status !== 'pending') continue;
      if (attempt.amount === due.outstanding && Date.parse(attempt.expires_at) > now.getTime()) {
        return { paymentUrl: attempt.payment_url, txnRef: attempt.txn_ref };
      }
    }
    const dossier = await this.#dossiers.getDossier(code);
    const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
    // DOMAIN.md §3.3: "dvc" + dossier code + time; letters and digits only, plus a random tail per attempt.
    const txnRef = `dvc${code.replace(/[^A-Za-z0-9]/g, '')}${stamp}${randomBytes(2).toString('hex')}`;
    const expiresAt = new Date(now.getTime() + this.#ttlMs);
    const paymentUrl = gateway.paymentUrl({
      txnRef,
      amount: due.outstanding,
      orderInfo: `Thanh toan phi ho so ${code}`,
      createdAt: now,
      expiresAt,
      returnUrl: `${this.#baseUrl()}/payments/return`,
      payerIp: payer.ip,
      locale: payer.locale,
    });
    await inTransaction(this.#db.kysely, async (tx) => {
      await repo.insertAttempt(tx, {
        id: randomUUID(),
        txn_ref: txnRef,
        gateway: gateway.name,
        dossier_code: code,
        agency_id: dossier.receivingAgencyId,
        amount: due.outstanding,
        status: 'pending',
        payment_url: paymentUrl,
        created_by: payer.userId,
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
        gateway_transaction_no: null,
        gateway_response_code: null,
        bank_code: null,
        settled_at: null,
        settled_via: null,
        last_queried_at: null,
      });
      // If neither the IPN nor the payer comes back, the worker asks the gateway once the attempt has expired.
      await enqueue(
        tx,
        {
          topic: PAYMENT_CHECK_TOPIC,
          dedupeKey: `${PAYMENT_CHECK_TOPIC}:${txnRef}`,
          payload: { txnRef },
          notBefore: new Date(expiresAt.getTime() + 60_000),
        },
        this.#clock,
      );
    });
    return { paymentUrl, txnRef };
  }

  /** The gateway's server-to-server notification: checked, settled at most once, answered in the gateway's codes. */
  async handleIpn(params: Readonly<Record<string, string>>): Promise<IpnAnswer> {
    try {
      const reading = this.#gateway?.readCallback(params);
      if (!reading) return { RspCode: '99', Message: 'Gateway not configured' };
      if (!reading.ok) {
        return reading.reason === 'signature'
          ? { RspCode: '97', Message: 'Invalid signature' }
          : { RspCode: '99', Message: 'Invalid request' };
      }
      const { outcome } = reading;
      const attempt = await repo.attemptByRef(this.#db.kysely, outcome.txnRef);
      if (!attempt) return { RspCode: '01', Message: 'Order not found' };
      if (attempt.amount !== outcome.amount) return { RspCode: '04', Message: 'Invalid amount' };
      if (attempt.status === 'succeeded' || attempt.status === 'failed') {
        return { RspCode: '02', Message: 'Order already confirmed' };
      }
      const settled = await this.#settle(attempt, outcome, 'ipn');
      return settled
        ? { RspCode: '00', Message: 'Confirm Success' }
        : { RspCode: '02', Message: 'Order already confirmed' };
    } catch (error) {
      this.#logger?.error({ err: error }, 'payment IPN failed');
      return { RspCode: '99', Message: 'Unknown error' };
    }
  }

  /**
   * The payer's browser back from the gateway. Its parameters only say which attempt it was (after checking the
   * signature); the outcome comes from our records, or from asking the gateway when no IPN has arrived yet.
   */
  async handleReturn(params: Readonly<Record<string, string>>): Promise<ReturnResult> {
    const reading = this.#gateway?.readCallback(params);
    if (!reading?.ok) return { kind: 'invalid' };
    let attempt = await repo.attemptByRef(this.#db.kysely, reading.outcome.txnRef);
    if (!attempt) return { kind: 'invalid' };
    if (attempt.status === 'pending') {
      await this.checkAttempt(attempt.txn_ref).catch((error: unknown) => {
        this.#logger?.warn({ err: error, txnRef: attempt?.txn_ref }, 'payment query failed');
      });
      attempt = (await repo.attemptByRef(this.#db.kysely, attempt.txn_ref)) ?? attempt;
    }
    return { kind: attempt.status, dossierCode: attempt.dossier_code, amount: attempt.amount };
  }

  /**
   * Asks the gateway about one attempt and settles it by the answer; an attempt past its expiry that the gateway
   * never saw paid becomes `expired`. Throws `GatewayUnavailableError` when the gateway does not answer (the attempt
   * stays pending, to be asked again).
   */
  async checkAttempt(txnRef: string): Promise<repo.AttemptRow['status'] | undefined> {
    const gateway = this.#gateway;
    const attempt = await repo.attemptByRef(this.#db.kysely, txnRef);
    if (!gateway || !attempt || attempt.status !== 'pending') return attempt?.status;
    const now = this.#clock.now();
    await repo.markQueried(this.#db.kysely, attempt.id, now.toISOString());
    const answer = await gateway.query(txnRef, new Date(attempt.created_at));
    if (answer.found && answer.outcome.status !== 'pending') {
      if (answer.outcome.amount !== attempt.amount) {
        this.#logger?.error({ txnRef }, 'gateway reports another amount for this attempt');
        return attempt.status;
      }
      await this.#settle(attempt, answer.outcome, 'query');
    } else if (Date.parse(attempt.expires_at) <= now.getTime()) {
      await repo.expireAttempt(this.#db.kysely, attempt.id);
    }
    return (await repo.attemptByRef(this.#db.kysely, txnRef))?.status;
  }

  /** The reconciliation job: asks the gateway about every attempt still pending after `olderThanMs`. */
  async reconcilePending(olderThanMs = 60_000): Promise<{ checked: number; unreachable: number }> {
    const before = new Date(this.#clock.now().getTime() - olderThanMs).toISOString();
    let checked = 0;
    let unreachable = 0;
    for (const attempt of await repo.pendingAttempts(this.#db.kysely, before, 500)) {
      checked += 1;
      await this.checkAttempt(attempt.txn_ref).catch((error: unknown) => {
        unreachable += 1;
        this.#logger?.warn({ err: error, txnRef: attempt.txn_ref }, 'payment query failed');
      });
    }
    return { checked, unreachable };
  }

  /** A counter payment (POS card, bank transfer, cash) recorded by the cashier: exactly what the dossier owes. */
  async recordCounterPayment(
    code: string,
    cashier: Actor,
    input: { method: 'pos' | 'transfer' | 'cash'; amount: number; reference?: string; payerName?: string },
  ): Promise<PaymentView> {
    const { due } = await this.state(code);
    if (!due.payable) throw new ConflictError('payment_not_due', 'payments.errors.notDue');
    const reference = input.reference?.trim() ?? '';
    const problems = [];
    if (!Number.isInteger(input.amount) || input.amount !== due.outstanding) {
      problems.push({
        path: 'amount',
        messageKey: 'payments.counter.amountMismatch',
        params: { due: due.outstanding },
      });
    }
    if (input.method !== 'cash' && reference === '') {
      problems.push({ path: 'reference', messageKey: 'payments.counter.referenceRequired' });
    }
    if (reference.length > 100) problems.push({ path: 'reference', messageKey: 'payments.counter.referenceTooLong' });
    if (problems.length > 0) throw new ValidationError(problems);
    const booked = await this.#book({
      code,
      method: input.method,
      amount: input.amount,
      reference: reference || null,
      ...(input.payerName?.trim() && { payerName: input.payerName.trim() }),
      recordedBy: cashier.userId,
      actor: cashier,
      paidAt: this.#clock.now(),
    });
    if (!booked) throw new ConflictError('payment_already_booked', 'payments.errors.alreadyBooked');
    return booked;
  }

  /**
   * A refund recorded by the cashier with its reason (a refused or withdrawn dossier, an overpayment). An online
   * payment is refunded through the gateway first; the refund is recorded only once the gateway has accepted it.
   */
  async recordRefund(
    paymentId: string,
    cashierId: string,
    input: { amount: number; reason: string },
  ): Promise<PaymentView> {
    const payment = await repo.paymentById(this.#db.kysely, paymentId);
    if (!payment) throw new NotFoundError('payments.errors.paymentNotFound', {}, 'payment_not_found');
    const [view] = await this.#paymentViews([payment]);
    const reason = input.reason.trim();
    const left = payment.amount - (view?.refunded ?? 0);
    const problems = [];
    if (!Number.isInteger(input.amount) || input.amount < 1 || input.amount > left) {
      problems.push({ path: 'amount', messageKey: 'payments.refund.badAmount', params: { max: left } });
    }
    if (reason === '') problems.push({ path: 'reason', messageKey: 'payments.refund.reasonRequired' });
    if (reason.length > 2000) problems.push({ path: 'reason', messageKey: 'payments.refund.reasonTooLong' });
    if (problems.length > 0) throw new ValidationError(problems);
    if (payment.method === 'online' && payment.attempt_id && this.#gateway) {
      const attempt = await this.#db.kysely
        .selectFrom('payment_attempts')
        .selectAll()
        .where('id', '=', payment.attempt_id)
        .executeTakeFirstOrThrow();
      await this.#gateway.refund({
        txnRef: attempt.txn_ref,
        transactionNo: attempt.gateway_transaction_no,
        amount: input.amount,
        full: input.amount === payment.amount,
        paidAt: new Date(payment.paid_at),
        createdBy: cashierId,
      });
    }
    const at = this.#clock.now().toISOString();
    await inTransaction(this.#db.kysely, async (tx) => {
      await repo.insertRefund(tx, {
        id: randomUUID(),
        payment_id: payment.id,
        amount: input.amount,
        reason,
        recorded_by: cashierId,
        recorded_at: at,
      });
      await enqueue(
        tx,
        {
          topic: PAYMENT_REFUNDED_TOPIC,
          dedupeKey: `${PAYMENT_REFUNDED_TOPIC}:${payment.id}:${at}`,
          orderingKey: payment.dossier_code,
          payload: { code: payment.dossier_code, paymentId: payment.id, amount: input.amount, at },
        },
        this.#clock,
      );
    });
    const [updated] = await this.#paymentViews([(await repo.paymentById(this.#db.kysely, payment.id))!]);
    return updated!;
  }

  /** The dossier's fees with their possible exemptions, the decisions taken, and whether a new one may be taken. */
  async exemptions(code: string): Promise<FeeExemptions> {
    const dossier = await this.#dossiers.getDossier(code);
    const view = await feeExemptionsOf(this.#db.kysely, dossier);
    return { dossier, ...view, revision: view.decisions.length, closed: await this.#exemptionsClosed(dossier) };
  }

  /**
   * An officer's choice of the exemptions in force (each fee: none, or one of the frozen case's exemptions for it),
   * with the reason, decided on the revision the officer saw. Refused once a fee has been paid, on a closed dossier,
   * while an online payment is under way, and when it would leave nothing to pay on a payment request (status 6).
   * The decision is appended to the dossier's exemption history; the fee owed follows at once.
   */
  async chooseExemptions(
    code: string,
    officer: ExemptingOfficer,
    input: { exemptions: readonly ExemptionChoice[]; reason: string; revision: number },
  ): Promise<FeeExemptions> {
    const dossier = await this.#dossiers.getDossier(code);
    const fees = dossier.definition.case.fees;
    const reason = input.reason.trim();
    const problems = [];
    const chosen = new Map<string, string>();
    for (const { fee, exemption } of input.exemptions) {
      if (!exemption) continue;
      const known = fees.find((f) => f.code === fee)?.exemptions?.some((e) => e.code === exemption);
      if (!known || chosen.has(fee)) {
        problems.push({ path: `exemption.${fee}`, messageKey: 'payments.fees.unknownExemption' });
      }
      chosen.set(fee, exemption);
    }
    if (reason === '') problems.push({ path: 'reason', messageKey: 'payments.fees.reasonRequired' });
    if (reason.length > 2000) problems.push({ path: 'reason', messageKey: 'payments.exemptions.reasonTooLong' });
    if (problems.length > 0) throw new ValidationError(problems);

    const closed = await this.#exemptionsClosed(dossier);
    if (closed) throw new ConflictError(`exemptions_${closed}`, `payments.exemptions.closed.${closed}`);
    const exemptions = [...chosen].map(([fee, exemption]) => ({ fee, exemption }));
    const atSubmission = await this.#paymentAtSubmission(dossier);
    const after = dossierDue(dossier, atSubmission, choicesOf({ exemptions: JSON.stringify(exemptions), reason }), 0);
    if (dossier.status === statuses.awaitingPayment && after.outstanding === 0) {
      // Nobody could confirm a payment of nothing: the request would never end.
      throw new ConflictError('exemptions_waive_request', 'payments.exemptions.closed.wouldWaiveRequest');
    }
    const now = this.#clock.now();
    await inTransaction(this.#db.kysely, async (tx) => {
      // Bookings at the agency wait for this decision (and it for them): a fee is booked at the amount in force.
      await repo.lockReceiptSeries(tx, dossier.receivingAgencyId, Number(vietnamDateOf(now).slice(0, 4)));
      if ((await repo.feePaid(tx, code)) > 0) {
        throw new ConflictError('exemptions_paid', 'payments.exemptions.closed.paid');
      }
      if ((await repo.exemptionDecisionsOf(tx, code)).length !== input.revision) {
        throw new ConflictError('stale_version', 'payments.exemptions.stale');
      }
      await repo.insertExemptionDecision(tx, {
        id: randomUUID(),
        dossier_code: code,
        revision: input.revision + 1,
        exemptions: JSON.stringify(exemptions),
        reason,
        decided_by: officer.userId,
        role: officer.role,
        agency_id: officer.agencyId,
        decided_at: now.toISOString(),
      });
    });
    return this.exemptions(code);
  }

  async #exemptionsClosed(dossier: DossierDetail): Promise<ExemptionsClosed | null> {
    if (finalStatuses.includes(dossier.status)) return 'final';
    if ((await repo.feePaid(this.#db.kysely, dossier.code)) > 0) return 'paid';
    const now = this.#clock.now().getTime();
    const attempts = await repo.attemptsOf(this.#db.kysely, dossier.code);
    if (attempts.some((a) => a.status === 'pending' && Date.parse(a.expires_at) > now)) return 'paymentUnderWay';
    return null;
  }

  /** Overpayments at the agencies (electronic identifiers) with what is left to refund. */
  async overpayments(agencyIds: readonly string[]) {
    if (agencyIds.length === 0) return [];
    const rows = await repo.overpayments(this.#db.kysely, agencyIds);
    return rows.map((r) => ({
      id: r.id,
      dossierCode: r.dossier_code,
      amount: Number(r.amount),
      refunded: Number(r.refunded),
      method: r.method,
      reference: r.reference,
      paidAt: r.paid_at,
      receiptNumber: r.receipt_number,
    }));
  }

  async payment(id: string): Promise<PaymentView> {
    const row = await repo.paymentById(this.#db.kysely, id);
    if (!row) throw new NotFoundError('payments.errors.paymentNotFound', {}, 'payment_not_found');
    return (await this.#paymentViews([row]))[0]!;
  }

  /** A payment with the dossier it was made for (the applicant's mail about it). */
  async paymentWithDossier(id: string): Promise<{ payment: PaymentView; dossier: DossierDetail }> {
    const payment = await this.payment(id);
    return { payment, dossier: await this.#dossiers.getDossier(payment.dossierCode) };
  }

  /** A receipt by the token printed in its QR code (the public verification page). */
  async paymentByToken(token: string): Promise<PaymentView | undefined> {
    const row = await repo.paymentByToken(this.#db.kysely, token);
    return row ? (await this.#paymentViews([row]))[0] : undefined;
  }

  /** Statistics feed: how each dossier's fee was paid (its first fee payment), for the dossiers that paid one. */
  async paidVia(codes: readonly string[]): Promise<Map<string, PaidVia>> {
    const result = new Map<string, PaidVia>();
    for (const row of await repo.paymentsOfMany(this.#db.kysely, codes)) {
      if (row.kind !== 'fee' || result.has(row.dossier_code)) continue;
      result.set(row.dossier_code, row.method === 'pos' ? 'counter' : row.method);
    }
    return result;
  }

  /**
   * Books the transfers of a bank statement: a line whose message names a dossier owing exactly the line's amount
   * becomes a transfer payment with a receipt; anything else is reported for a manual match. A line already booked
   * (same bank reference) is reported as such, so importing the same statement twice books nothing more.
   */
  async importStatement(
    lines: readonly StatementLine[],
    cashier: Actor,
    agencyIds: readonly string[],
  ): Promise<StatementResult[]> {
    const results: StatementResult[] = [];
    for (const line of lines) {
      const result = (outcome: StatementOutcome, receiptNumber?: string) =>
        results.push({ ...line, outcome, ...(receiptNumber && { receiptNumber }) });
      if (!line.reference) {
        result('noReference');
        continue;
      }
      const statementRef = `bank:${line.reference}`;
      const earlier = await this.#db.kysely
        .selectFrom('payments')
        .select('receipt_number')
        .where('statement_ref', '=', statementRef)
        .executeTakeFirst();
      if (earlier) {
        result('alreadyBooked', earlier.receipt_number);
        continue;
      }
      if (!line.dossierCode) {
        result(line.candidates.length > 1 ? 'ambiguous' : 'noDossierCode');
        continue;
      }
      const state = await this.state(line.dossierCode).catch(() => undefined);
      if (!state || !agencyIds.includes(state.dossier.receivingAgencyId)) {
        result('unknownDossier');
        continue;
      }
      if (!state.due.payable) {
        result('notDue');
        continue;
      }
      if (line.amount !== state.due.outstanding) {
        result('amountMismatch');
        continue;
      }
      const booked = await this.#book({
        code: line.dossierCode,
        method: 'transfer',
        amount: line.amount,
        reference: line.reference,
        statementRef,
        recordedBy: cashier.userId,
        actor: cashier,
        paidAt: this.#clock.now(),
      });
      result('booked', booked?.receiptNumber);
    }
    return results;
  }

  /**
   * Reconciliation for agencies and a date range (Vietnam dates, both included): every online attempt as the gateway
   * reports it now (querydr) against what was booked, every booked payment, and the mismatches. At most 500 attempts
   * are asked about, one after another; an attempt the gateway does not answer for is listed as unchecked.
   */
  async reconciliation(agencyIds: readonly string[], from: string, to: string): Promise<Reconciliation> {
    const start = vietnamInstant(from).toISOString();
    const end = vietnamInstant(addDays(to, 1)).toISOString();
    const attempts = await repo.attemptsBetween(this.#db.kysely, agencyIds, start, end);
    const payments = await this.#paymentViews(await repo.paymentsBetween(this.#db.kysely, agencyIds, start, end));
    const byAttempt = new Map(
      (
        await this.#db.kysely
          .selectFrom('payments')
          .select(['attempt_id', 'amount'])
          .where('attempt_id', 'is not', null)
          .execute()
      ).map((p) => [p.attempt_id, Number(p.amount)]),
    );
    const rows: ReconciliationRow[] = [];
    for (const attempt of attempts.slice(0, 500)) {
      let gateway: ReconciliationRow['gateway'] = 'unchecked';
      let gatewayAmount: number | null = null;
      try {
        const answer = this.#gateway
          ? await this.#gateway.query(attempt.txn_ref, new Date(attempt.created_at))
          : undefined;
        if (answer) {
          gateway = answer.found ? answer.outcome.status : 'notFound';
          gatewayAmount = answer.found ? answer.outcome.amount : null;
        }
      } catch {
        gateway = 'unchecked';
      }
      const booked = byAttempt.get(attempt.id) ?? null;
      const problem: ReconciliationRow['problem'] =
        gateway === 'succeeded' && booked === null
          ? 'paidNotBooked'
          : booked !== null && gateway !== 'succeeded' && gateway !== 'unchecked'
            ? 'bookedNotPaid'
            : gatewayAmount !== null && booked !== null && gatewayAmount !== booked
              ? 'amountDiffers'
              : gateway === 'unchecked'
                ? 'unchecked'
                : null;
      rows.push({
        txnRef: attempt.txn_ref,
        dossierCode: attempt.dossier_code,
        createdAt: attempt.created_at,
        amount: attempt.amount,
        ours: attempt.status,
        gateway,
        booked,
        problem,
      });
    }
    const totals = { online: 0, pos: 0, transfer: 0, cash: 0, refunded: 0 };
    for (const p of payments) {
      totals[p.method] += p.amount;
      totals.refunded += p.refunded;
    }
    const openOverpayments = payments.filter((p) => p.kind === 'overpayment' && p.refunded < p.amount);
    return { from, to, rows, payments, totals, openOverpayments };
  }

  // -------------------------------------------------------------------------------------------------------------

  async #settle(attempt: repo.AttemptRow, outcome: GatewayOutcome, via: 'ipn' | 'query'): Promise<boolean> {
    const fields = {
      gateway_transaction_no: outcome.transactionNo,
      gateway_response_code: outcome.responseCode,
      bank_code: outcome.bankCode,
      settled_at: this.#clock.now().toISOString(),
      settled_via: via,
    };
    if (outcome.status === 'failed') {
      return inTransaction(this.#db.kysely, (tx) => repo.settleAttempt(tx, attempt.id, 'failed', fields));
    }
    if (outcome.status !== 'succeeded') return false;
    const booked = await this.#book(
      {
        code: attempt.dossier_code,
        method: 'online',
        amount: attempt.amount,
        reference: outcome.transactionNo ?? attempt.txn_ref,
        attemptId: attempt.id,
        recordedBy: gatewayActor.userId,
        actor: gatewayActor,
        paidAt: outcome.paidAt ?? this.#clock.now(),
      },
      (tx) => repo.settleAttempt(tx, attempt.id, 'succeeded', fields),
    );
    return booked !== undefined;
  }

  /**
   * Books money received: a fee while the dossier owes something, an overpayment (to refund) beyond that. With
   * `claim`, nothing is booked unless the claim succeeds inside the same transaction (the attempt's settlement).
   */
  async #book(booking: Booking, claim?: (tx: Tx) => Promise<boolean>): Promise<PaymentView | undefined> {
    const context = await this.#dossiers.commandContext();
    const dossier = await this.#dossiers.getDossier(booking.code);
    const atSubmission = await this.#paymentAtSubmission(dossier);
    const id = randomUUID();
    const booked = await inTransaction(this.#db.kysely, async (tx) => {
      if (claim && !(await claim(tx))) return false;
      // The receipt counter's row lock comes first: bookings at one agency queue on it, so each reads what the
      // one before it committed and two confirmations can never both count as the fee.
      // The series restarts on 1 January in Vietnam, not in UTC.
      const year = Number(vietnamDateOf(booking.paidAt).slice(0, 4));
      const number = await repo.nextReceiptNumber(tx, dossier.receivingAgencyId, year);
      // Under that lock too: the exemptions in force (a decision takes the same lock).
      const decision = (await repo.exemptionDecisionsOf(tx, booking.code)).at(-1);
      const due = dossierDue(dossier, atSubmission, choicesOf(decision), 0);
      const outstanding = due.total - (await repo.feePaid(tx, booking.code));
      const kind = outstanding > 0 ? 'fee' : 'overpayment';
      await repo.insertPayment(tx, {
        id,
        dossier_code: booking.code,
        agency_id: dossier.receivingAgencyId,
        kind,
        method: booking.method,
        amount: booking.amount,
        reference: booking.reference,
        attempt_id: booking.attemptId ?? null,
        statement_ref: booking.statementRef ?? null,
        payer_name: booking.payerName ?? dossier.applicant.name,
        fee_lines: JSON.stringify(kind === 'fee' ? due.lines : []),
        receipt_number: `${String(number).padStart(7, '0')}/${year}/${dossier.receivingAgencyId}`,
        verify_token: randomBytes(16).toString('base64url'),
        recorded_by: booking.recordedBy,
        paid_at: booking.paidAt.toISOString(),
      });
      if (kind === 'fee' && dossier.status === statuses.awaitingPayment && booking.amount >= outstanding) {
        await this.#dossiers.actWithin(tx, context, booking.code, booking.actor, {
          action: 'confirm_payment',
          amount: booking.amount,
          method: booking.method,
          ...(booking.reference && { reference: booking.reference }),
        });
      }
      await enqueue(
        tx,
        {
          topic: PAYMENT_BOOKED_TOPIC,
          dedupeKey: `${PAYMENT_BOOKED_TOPIC}:${id}`,
          orderingKey: booking.code,
          payload: { code: booking.code, paymentId: id, kind, method: booking.method, amount: booking.amount },
        },
        this.#clock,
      );
      return true;
    });
    return booked ? this.payment(id) : undefined;
  }

  async #paymentViews(rows: readonly repo.PaymentRow[]): Promise<PaymentView[]> {
    const refunds = await repo.refundsOf(
      this.#db.kysely,
      rows.map((r) => r.id),
    );
    return rows.map((row) => ({
      id: row.id,
      dossierCode: row.dossier_code,
      agencyId: row.agency_id,
      kind: row.kind,
      method: row.method,
      amount: Number(row.amount),
      refunded: refunds.filter((r) => r.payment_id === row.id).reduce((sum, r) => sum + Number(r.amount), 0),
      reference: row.reference,
      payerName: row.payer_name,
      lines: JSON.parse(row.fee_lines) as FeeLine[],
      receiptNumber: row.receipt_number,
      verifyToken: row.verify_token,
      recordedBy: row.recorded_by,
      paidAt: row.paid_at,
    }));
  }
}

/**
 * A dossier's case fee lines with the exemptions in force, and every exemption decision (oldest first): for the
 * back-office dossier page, which shows them beside its timeline.
 */
export async function feeExemptionsOf(
  db: DbOrTx,
  dossier: Pick<DossierDetail, 'code' | 'definition'>,
): Promise<Pick<FeeExemptions, 'fees' | 'lines' | 'decisions'>> {
  const rows = await repo.exemptionDecisionsOf(db, dossier.code);
  const decisions = rows.map(decisionView);
  const inForce = new Map((decisions.at(-1)?.exemptions ?? []).map((c) => [c.fee, c.exemption]));
  return {
    fees: dossier.definition.case.fees.map((fee) => ({
      code: fee.code,
      name: fee.name,
      exemptions: (fee.exemptions ?? []).map((e) => ({ code: e.code, name: e.name })),
      chosen: inForce.get(fee.code) ?? null,
    })),
    lines: feeLines(dossier.definition.case, choicesOf(rows.at(-1))),
    decisions,
  };
}

/** The fee choices of the decision in force: each exempted fee with its exemption and the decision's reason. */
function choicesOf(decision: Pick<repo.ExemptionDecisionRow, 'exemptions' | 'reason'> | undefined): FeeChoices {
  if (!decision) return {};
  const chosen = JSON.parse(decision.exemptions) as ExemptionChoice[];
  return {
    exemptions: Object.fromEntries(chosen.map((c) => [c.fee, { code: c.exemption, reason: decision.reason }])),
  };
}

function decisionView(row: repo.ExemptionDecisionRow): ExemptionDecisionView {
  return {
    revision: row.revision,
    exemptions: JSON.parse(row.exemptions) as ExemptionChoice[],
    reason: row.reason,
    decidedBy: row.decided_by,
    role: row.role,
    agencyId: row.agency_id,
    decidedAt: row.decided_at,
  };
}
