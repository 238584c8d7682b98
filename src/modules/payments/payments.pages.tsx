import type { VNode } from 'preact';
import { formatVnd } from '../../lib/money.ts';
import { ErrorSummary, Field, type FormErrors, PostForm, Select } from '../../web/forms.tsx';
import type { PageContext } from '../../web/layout.tsx';
import { ScrollTable } from '../../web/scroll-table.tsx';
import type { FeeLine } from './fees.ts';
import type {
  Due,
  ExemptionDecisionView,
  FeeExemptions,
  PaymentState,
  PaymentView,
  Reconciliation,
  ReturnResult,
  StatementResult,
} from './payments.service.ts';
import type { TransferAccount } from './vietqr.ts';

const dateTime = (ctx: PageContext, iso: string) =>
  new Date(iso).toLocaleString(ctx.locale === 'en' ? 'en-GB' : 'vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });

function FeeTable({ ctx, lines, due }: { ctx: PageContext; lines: readonly FeeLine[]; due: Due }) {
  const { t } = ctx;
  return (
    <div class="table-wrap">
      <table>
        <caption>{t('payments.page.feesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('payments.page.fee')}</th>
            <th scope="col" class="num">
              {t('payments.page.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.code}>
              <td>
                {line.name}
                {line.quantity !== undefined && ` (${line.quantity} ${line.unitName ?? ''})`}
                {line.exemption && ` — ${t('payments.page.exempted', { name: line.exemption.name })}`}
              </td>
              <td class="num">{formatVnd(line.amount)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('payments.page.total')}</th>
            <td class="num">{formatVnd(due.total)}</td>
          </tr>
          <tr>
            <th scope="row">{t('payments.page.paid')}</th>
            <td class="num">{formatVnd(due.paid)}</td>
          </tr>
          <tr>
            <th scope="row">{t('payments.page.outstanding')}</th>
            <td class="num">
              <strong id="outstanding">{formatVnd(due.outstanding)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function PaymentsTable({
  ctx,
  payments,
  receiptHref,
}: {
  ctx: PageContext;
  payments: readonly PaymentView[];
  receiptHref: (p: PaymentView) => string;
}) {
  const { t } = ctx;
  if (payments.length === 0) return <p>{t('payments.page.noPayments')}</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption>{t('payments.page.paymentsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('payments.page.receiptNumber')}</th>
            <th scope="col">{t('payments.page.method')}</th>
            <th scope="col" class="num">
              {t('payments.page.amount')}
            </th>
            <th scope="col">{t('payments.page.paidAt')}</th>
            <th scope="col">{t('payments.page.receipt')}</th>
          </tr>
        </thead>
        <tbody>
          {payments.map((p) => (
            <tr key={p.id}>
              <td>{p.receiptNumber}</td>
              <td>
                {t(`payments.method.${p.method}`)}
                {p.kind === 'overpayment' && ` — ${t('payments.page.overpayment')}`}
                {p.refunded > 0 && ` — ${t('payments.page.refunded', { amount: formatVnd(p.refunded) })}`}
              </td>
              <td class="num">{formatVnd(p.amount)}</td>
              <td>{dateTime(ctx, p.paidAt)}</td>
              <td>
                <a href={receiptHref(p)} download>
                  {t('payments.page.downloadReceipt', { number: p.receiptNumber })}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface PayPageProps {
  ctx: PageContext;
  state: PaymentState;
  online: boolean;
  transfer: { account: TransferAccount; bankName: string; message: string; qrDataUrl: string } | undefined;
  notice?: string;
}

/** The citizen's fee page: what is owed, pay online, or transfer with the VietQR code; receipts of what was paid. */
export function PayPage({ ctx, state, online, transfer, notice }: PayPageProps) {
  const { t } = ctx;
  const { dossier, due } = state;
  return (
    <>
      <h1>{t('payments.page.title', { code: dossier.code })}</h1>
      <p class="lead">{dossier.procedure.name}</p>
      {notice && (
        <div class="notice" role="status">
          {notice}
        </div>
      )}
      <FeeTable ctx={ctx} lines={due.lines} due={due} />
      {due.payable ? (
        <>
          <h2>{t('payments.page.onlineTitle')}</h2>
          {online ? (
            <PostForm ctx={ctx} action={`/payments/${encodeURIComponent(dossier.code)}/online`}>
              <p>{t('payments.page.onlineHint')}</p>
              <button type="submit" class="button">
                {t('payments.page.payOnline', { amount: formatVnd(due.outstanding) })}
              </button>
            </PostForm>
          ) : (
            <p>{t('payments.errors.gatewayUnavailable')}</p>
          )}
          {transfer && (
            <>
              <h2>{t('payments.page.transferTitle')}</h2>
              <img
                src={transfer.qrDataUrl}
                width={200}
                height={200}
                alt={t('payments.page.transferQrAlt', { amount: formatVnd(due.outstanding) })}
              />
              <dl>
                <dt>{t('payments.page.transferAccount')}</dt>
                <dd>
                  {transfer.bankName} — {transfer.account.accountNumber} — {transfer.account.accountName}
                </dd>
                <dt>{t('payments.page.amount')}</dt>
                <dd>{formatVnd(due.outstanding)}</dd>
                <dt>{t('payments.page.transferMessage')}</dt>
                <dd>
                  <code>{transfer.message}</code>
                </dd>
              </dl>
              <p>{t('payments.page.transferHint')}</p>
            </>
          )}
          <h2>{t('payments.page.counterTitle')}</h2>
          <p>{t('payments.page.counterHint')}</p>
        </>
      ) : (
        <p>{due.total > 0 ? t('payments.page.paidInFull') : t('payments.errors.notDue')}</p>
      )}
      <h2>{t('payments.page.paymentsTitle')}</h2>
      <PaymentsTable
        ctx={ctx}
        payments={state.payments}
        receiptHref={(p) => `/payments/${encodeURIComponent(dossier.code)}/receipts/${p.id}`}
      />
      {state.attempts.length > 0 && (
        <>
          <h2>{t('payments.page.attemptsTitle')}</h2>
          <ul>
            {state.attempts.map((a) => (
              <li key={a.txnRef}>
                {dateTime(ctx, a.createdAt)} — {formatVnd(a.amount)} — {t(`payments.attempt.${a.status}`)}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** Back from the gateway: what our records (not the browser's parameters) say about the attempt. */
export function ReturnPage({ ctx, result }: { ctx: PageContext; result: ReturnResult }) {
  const { t } = ctx;
  if (result.kind === 'invalid') {
    return (
      <>
        <h1>{t('payments.return.invalidTitle')}</h1>
        <p>{t('payments.return.invalid')}</p>
      </>
    );
  }
  return (
    <>
      <h1>{t(`payments.return.${result.kind}Title`)}</h1>
      <p>{t(`payments.return.${result.kind}`, { amount: formatVnd(result.amount), code: result.dossierCode })}</p>
      <p>
        <a href={`/payments/${encodeURIComponent(result.dossierCode)}`}>{t('payments.return.back')}</a>
      </p>
    </>
  );
}

/** The public check of a receipt reached by its QR code: no personal data beyond what the receipt proves. */
export function VerifyPage({
  ctx,
  payment,
  agencyName,
}: {
  ctx: PageContext;
  payment: PaymentView;
  agencyName: string;
}) {
  const { t } = ctx;
  return (
    <>
      <h1>{t('payments.verify.title')}</h1>
      <p class="notice" role="status">
        {payment.refunded >= payment.amount ? t('payments.verify.refunded') : t('payments.verify.valid')}
      </p>
      <dl>
        <dt>{t('payments.page.receiptNumber')}</dt>
        <dd id="receipt-number">{payment.receiptNumber}</dd>
        <dt>{t('payments.verify.agency')}</dt>
        <dd>{agencyName}</dd>
        <dt>{t('payments.verify.dossier')}</dt>
        <dd>{payment.dossierCode}</dd>
        <dt>{t('payments.page.amount')}</dt>
        <dd id="receipt-amount">{formatVnd(payment.amount)}</dd>
        <dt>{t('payments.page.method')}</dt>
        <dd>{t(`payments.method.${payment.method}`)}</dd>
        <dt>{t('payments.page.paidAt')}</dt>
        <dd>{dateTime(ctx, payment.paidAt)}</dd>
      </dl>
    </>
  );
}

export interface CashierHomeProps {
  ctx: PageContext;
  awaiting: readonly { code: string; applicantName: string; procedureName: string }[];
  overpayments: readonly { id: string; dossierCode: string; amount: number; refunded: number; paidAt: string }[];
  lookupError?: string;
  statementError?: string;
  notice?: string;
}

/** The cashier's desk: find a dossier, the dossiers waiting for payment, overpayments still to refund. */
export function CashierHome({ ctx, awaiting, overpayments, lookupError, statementError, notice }: CashierHomeProps) {
  const { t } = ctx;
  const errors: FormErrors = lookupError ? { code: lookupError } : {};
  return (
    <>
      <h1>{t('payments.office.title')}</h1>
      {notice && (
        <div class="notice" role="status">
          {notice}
        </div>
      )}
      <form method="get" action="/office/payments/find" noValidate>
        <ErrorSummary ctx={ctx} errors={errors} />
        <Field ctx={ctx} name="code" label={t('payments.office.findLabel')} errors={errors} width="full" />
        <button type="submit" class="button">
          {t('payments.office.find')}
        </button>
      </form>
      <p>
        <a href="/office/payments/reconciliation">{t('payments.reconcile.title')}</a>
      </p>
      <form
        method="post"
        action={`/office/payments/statement?_csrf=${encodeURIComponent(ctx.csrfToken())}`}
        encType="multipart/form-data"
        noValidate
      >
        <h2>{t('payments.statement.title')}</h2>
        {statementError && (
          <p class="error-message" role="alert">
            {statementError}
          </p>
        )}
        <label for="statement-file">{t('payments.statement.fileLabel')}</label>
        <div id="statement-hint" class="hint">
          {t('payments.statement.hint')}
        </div>
        <input
          id="statement-file"
          type="file"
          name="statement"
          accept=".csv,text/csv"
          aria-describedby="statement-hint"
        />
        <button type="submit" class="button">
          {t('payments.statement.import')}
        </button>
      </form>
      <h2>{t('payments.office.awaitingTitle')}</h2>
      {awaiting.length === 0 ? (
        <p>{t('payments.office.noneAwaiting')}</p>
      ) : (
        <ul>
          {awaiting.map((d) => (
            <li key={d.code}>
              <a href={`/office/payments/${encodeURIComponent(d.code)}`}>{d.code}</a> — {d.applicantName} —{' '}
              {d.procedureName}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('payments.office.overpaymentsTitle')}</h2>
      {overpayments.length === 0 ? (
        <p>{t('payments.office.noOverpayments')}</p>
      ) : (
        <ul id="overpayments">
          {overpayments.map((o) => (
            <li key={o.id}>
              <a href={`/office/payments/${encodeURIComponent(o.dossierCode)}`}>{o.dossierCode}</a> —{' '}
              {t('payments.office.toRefund', { amount: formatVnd(o.amount - o.refunded) })} — {dateTime(ctx, o.paidAt)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export interface CashierDossierProps {
  ctx: PageContext;
  state: PaymentState;
  counter?: { errors: FormErrors; values: Record<string, string> };
  refund?: { paymentId: string; errors: FormErrors; values: Record<string, string> };
  notice?: string;
  /** The officer may choose the dossier's fee exemptions (and the case has some). */
  exemptions?: boolean;
}

/** One dossier at the cashier's desk: what is owed, a counter payment, refunds of what was paid. */
export function CashierDossier({ ctx, state, counter, refund, notice, exemptions }: CashierDossierProps) {
  const { t } = ctx;
  const { dossier, due } = state;
  const base = `/office/payments/${encodeURIComponent(dossier.code)}`;
  const counterErrors = counter?.errors ?? {};
  return (
    <>
      <h1>{t('payments.office.dossierTitle', { code: dossier.code })}</h1>
      <p class="lead">
        {dossier.applicant.name} — {dossier.procedure.name}
      </p>
      {notice && (
        <div class="notice" role="status">
          {notice}
        </div>
      )}
      <FeeTable ctx={ctx} lines={due.lines} due={due} />
      {exemptions && (
        <p>
          <a href={`${base}/exemptions`}>{t('payments.exemptions.link')}</a>
        </p>
      )}
      {due.payable && (
        <PostForm ctx={ctx} action={`${base}/counter`}>
          <h2>{t('payments.office.counterTitle')}</h2>
          <ErrorSummary ctx={ctx} errors={counterErrors} />
          <Select
            ctx={ctx}
            name="method"
            label={t('payments.page.method')}
            errors={counterErrors}
            value={counter?.values.method ?? 'pos'}
            options={(['pos', 'transfer', 'cash'] as const).map((m) => ({
              value: m,
              label: t(`payments.method.${m}`),
            }))}
          />
          <Field
            ctx={ctx}
            name="amount"
            label={t('payments.office.amountLabel')}
            inputmode="numeric"
            errors={counterErrors}
            value={counter?.values.amount ?? String(due.outstanding)}
            width="short"
          />
          <Field
            ctx={ctx}
            name="reference"
            label={t('payments.office.referenceLabel')}
            hint={t('payments.office.referenceHint')}
            errors={counterErrors}
            value={counter?.values.reference ?? ''}
          />
          <Field
            ctx={ctx}
            name="payerName"
            label={t('payments.office.payerLabel')}
            errors={counterErrors}
            value={counter?.values.payerName ?? dossier.applicant.name}
          />
          <button type="submit" class="button">
            {t('payments.office.record')}
          </button>
        </PostForm>
      )}
      <h2>{t('payments.page.paymentsTitle')}</h2>
      <PaymentsTable
        ctx={ctx}
        payments={state.payments}
        receiptHref={(p) => `/payments/${encodeURIComponent(dossier.code)}/receipts/${p.id}`}
      />
      {state.payments
        .filter((p) => p.refunded < p.amount)
        .map((p) => {
          const mine = refund?.paymentId === p.id ? refund : undefined;
          const errors: FormErrors = Object.fromEntries(
            Object.entries(mine?.errors ?? {}).map(([k, v]) => [`${k}-${p.id}`, v]),
          );
          return (
            <PostForm key={p.id} ctx={ctx} action={`${base}/refunds`}>
              <h3>{t('payments.office.refundTitle', { number: p.receiptNumber })}</h3>
              <ErrorSummary ctx={ctx} errors={errors} />
              <input type="hidden" name="paymentId" value={p.id} />
              <Field
                ctx={ctx}
                name={`amount-${p.id}`}
                label={t('payments.office.refundAmount')}
                inputmode="numeric"
                errors={errors}
                value={mine?.values.amount ?? String(p.amount - p.refunded)}
                width="short"
              />
              <Field
                ctx={ctx}
                name={`reason-${p.id}`}
                label={t('payments.office.refundReason')}
                errors={errors}
                value={mine?.values.reason ?? ''}
              />
              <button type="submit" class="button button--secondary">
                {t('payments.office.refund')}
              </button>
            </PostForm>
          );
        })}
    </>
  );
}

/** What the statement import did with each line; lines not booked are left for a manual match at the desk. */
export function StatementResultsPage({ ctx, results }: { ctx: PageContext; results: readonly StatementResult[] }) {
  const { t } = ctx;
  const booked = results.filter((r) => r.outcome === 'booked').length;
  return (
    <>
      <h1>{t('payments.statement.resultTitle')}</h1>
      <p class="notice" role="status">
        {t('payments.statement.summary', { booked, total: results.length })}
      </p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{t('payments.statement.resultTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('payments.statement.line')}</th>
              <th scope="col">{t('payments.reconcile.reference')}</th>
              <th scope="col" class="num">
                {t('payments.page.amount')}
              </th>
              <th scope="col">{t('payments.verify.dossier')}</th>
              <th scope="col">{t('payments.statement.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.line}>
                <td>{r.line}</td>
                <td>{r.reference}</td>
                <td class="num">{r.amount === null ? '—' : formatVnd(r.amount)}</td>
                <td>
                  {r.dossierCode ? (
                    <a href={`/office/payments/${encodeURIComponent(r.dossierCode)}`}>{r.dossierCode}</a>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  {t(`payments.statement.outcome.${r.outcome}`)}
                  {r.receiptNumber && ` (${r.receiptNumber})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href="/office/payments">{t('payments.office.title')}</a>
      </p>
    </>
  );
}

export interface ReconciliationPageProps {
  ctx: PageContext;
  agencies: readonly { id: string; name: string }[];
  values: { agency: string; from: string; to: string };
  errors: FormErrors;
  report?: Reconciliation;
}

/** Gateway transactions against booked payments for an agency and a date range, with the mismatches first. */
export function ReconciliationPage({ ctx, agencies, values, errors, report }: ReconciliationPageProps) {
  const { t } = ctx;
  const query = new URLSearchParams({ ...values, format: 'xlsx' });
  const problems = report?.rows.filter((r) => r.problem !== null) ?? [];
  return (
    <>
      <h1>{t('payments.reconcile.title')}</h1>
      <form method="get" action="/office/payments/reconciliation" noValidate>
        <ErrorSummary ctx={ctx} errors={errors} />
        <Select
          ctx={ctx}
          name="agency"
          label={t('payments.verify.agency')}
          errors={errors}
          value={values.agency}
          options={agencies.map((a) => ({ value: a.id, label: a.name }))}
        />
        <Field
          ctx={ctx}
          name="from"
          type="date"
          label={t('payments.reconcile.from')}
          errors={errors}
          value={values.from}
        />
        <Field ctx={ctx} name="to" type="date" label={t('payments.reconcile.to')} errors={errors} value={values.to} />
        <button type="submit" class="button">
          {t('payments.reconcile.show')}
        </button>
      </form>
      {report && (
        <>
          <p>
            <a href={`/office/payments/reconciliation?${query}`} download>
              {t('payments.reconcile.xlsx')}
            </a>
          </p>
          <h2>{t('payments.reconcile.totalsTitle')}</h2>
          <dl>
            {(['online', 'pos', 'transfer', 'cash'] as const).map((m) => (
              <div key={m}>
                <dt>{t(`payments.method.${m}`)}</dt>
                <dd>{formatVnd(report.totals[m])}</dd>
              </div>
            ))}
            <div>
              <dt>{t('payments.reconcile.refunded')}</dt>
              <dd>{formatVnd(report.totals.refunded)}</dd>
            </div>
          </dl>
          <h2>{t('payments.reconcile.problemsTitle', { count: problems.length })}</h2>
          {problems.length === 0 ? (
            <p>{t('payments.reconcile.noProblems', { count: report.rows.length })}</p>
          ) : (
            <ul id="mismatches">
              {problems.map((r) => (
                <li key={r.txnRef}>
                  {r.dossierCode} — {r.txnRef} — {formatVnd(r.amount)} — {t(`payments.reconcile.problem.${r.problem}`)}
                </li>
              ))}
            </ul>
          )}
          <h2>{t('payments.office.overpaymentsTitle')}</h2>
          <p>{t('payments.reconcile.openOverpayments', { count: report.openOverpayments.length })}</p>
        </>
      )}
    </>
  );
}

type Page = (ctx: PageContext) => VNode;
type FeeSchedule = FeeExemptions['fees'];

/** The case's fee lines with the exemptions in force and their total. */
function CaseFeeTable({ ctx, lines }: { ctx: PageContext; lines: readonly FeeLine[] }) {
  const { t } = ctx;
  return (
    <ScrollTable label={t('payments.exemptions.feesCaption')}>
      <caption>{t('payments.exemptions.feesCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('payments.page.fee')}</th>
          <th scope="col">{t('payments.exemptions.exemption')}</th>
          <th scope="col" class="num">
            {t('payments.page.amount')}
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.code}>
            <td>
              {line.name}
              {line.quantity !== undefined && ` (${line.quantity} ${line.unitName ?? ''})`}
            </td>
            <td>{line.exemption?.name ?? t('payments.exemptions.none')}</td>
            <td class="num">{formatVnd(line.amount)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2}>
            {t('payments.page.total')}
          </th>
          <td class="num">{formatVnd(lines.reduce((sum, l) => sum + l.amount, 0))}</td>
        </tr>
      </tfoot>
    </ScrollTable>
  );
}

/** Every exemption decision: when, who (role and agency), what was in force after it, and why. */
function DecisionsTable({
  ctx,
  decisions,
  fees,
  userName,
}: {
  ctx: PageContext;
  decisions: readonly ExemptionDecisionView[];
  fees: FeeSchedule;
  userName: (id: string) => string;
}) {
  const { t } = ctx;
  if (decisions.length === 0) return <p>{t('payments.exemptions.noDecisions')}</p>;
  const describe = (d: ExemptionDecisionView) =>
    d.exemptions.length === 0
      ? t('payments.exemptions.none')
      : d.exemptions
          .map((c) => {
            const fee = fees.find((f) => f.code === c.fee);
            return `${fee?.name ?? c.fee}: ${fee?.exemptions.find((e) => e.code === c.exemption)?.name ?? c.exemption}`;
          })
          .join('; ');
  return (
    <ScrollTable label={t('payments.exemptions.historyCaption')}>
      <caption>{t('payments.exemptions.historyCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('payments.exemptions.decidedAt')}</th>
          <th scope="col">{t('payments.exemptions.decidedBy')}</th>
          <th scope="col">{t('payments.exemptions.inForce')}</th>
          <th scope="col">{t('payments.exemptions.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {[...decisions].reverse().map((d) => (
          <tr key={d.revision}>
            <td>{dateTime(ctx, d.decidedAt)}</td>
            <td>
              {userName(d.decidedBy)} ({t(`identity.role.${d.role}`)} – {d.agencyId})
            </td>
            <td>{describe(d)}</td>
            <td>{d.reason}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** A section of the back-office dossier page: the fees with the exemptions in force and the decisions taken. */
export function feeSection(
  code: string,
  view: { lines: FeeLine[]; decisions: ExemptionDecisionView[]; fees: FeeSchedule },
  options: { mayExempt: boolean; userName: (id: string) => string },
): Page {
  return (ctx) => {
    const { t } = ctx;
    const exemptible = view.fees.some((f) => f.exemptions.length > 0);
    return (
      <section aria-labelledby="fees-heading">
        <h2 id="fees-heading">{t('payments.exemptions.sectionTitle')}</h2>
        {view.lines.length === 0 ? (
          <p>{t('payments.exemptions.noFees')}</p>
        ) : (
          <>
            <CaseFeeTable ctx={ctx} lines={view.lines} />
            <DecisionsTable ctx={ctx} decisions={view.decisions} fees={view.fees} userName={options.userName} />
          </>
        )}
        {options.mayExempt && exemptible && (
          <p>
            <a href={`/office/payments/${encodeURIComponent(code)}/exemptions`}>{t('payments.exemptions.link')}</a>
          </p>
        )}
      </section>
    );
  };
}

export interface ExemptionsPageProps {
  ctx: PageContext;
  state: FeeExemptions;
  userName: (id: string) => string;
  errors?: FormErrors;
  values?: Record<string, string>;
  notice?: string;
  conflict?: string;
}

/** The officer's choice of exemptions for one dossier, with the reason; the history of earlier choices. */
export function ExemptionsPage({ ctx, state, userName, errors = {}, values, notice, conflict }: ExemptionsPageProps) {
  const { t } = ctx;
  const { dossier } = state;
  const exemptible = state.fees.filter((f) => f.exemptions.length > 0);
  return (
    <>
      <p>
        <a href={`/office/dossiers/${encodeURIComponent(dossier.code)}`}>{t('payments.exemptions.back')}</a>
      </p>
      <h1>{t('payments.exemptions.title', { code: dossier.code })}</h1>
      <p class="lead">
        {dossier.applicant.name} — {dossier.procedure.name}
      </p>
      {notice && (
        <div class="notice notice--success" role="status">
          {notice}
        </div>
      )}
      {conflict && (
        <div class="error-summary" role="alert">
          <p>{conflict}</p>
        </div>
      )}
      <CaseFeeTable ctx={ctx} lines={state.lines} />
      {exemptible.length === 0 ? (
        <p>{t('payments.exemptions.noneAvailable')}</p>
      ) : state.closed ? (
        <p>{t(`payments.exemptions.closed.${state.closed}`)}</p>
      ) : (
        <PostForm ctx={ctx} action={`/office/payments/${encodeURIComponent(dossier.code)}/exemptions`}>
          <h2>{t('payments.exemptions.formTitle')}</h2>
          <ErrorSummary ctx={ctx} errors={errors} />
          <input type="hidden" name="revision" value={String(state.revision)} />
          {exemptible.map((fee) => (
            <Select
              key={fee.code}
              ctx={ctx}
              name={`exemption.${fee.code}`}
              label={fee.name}
              errors={errors}
              value={values ? (values[`exemption.${fee.code}`] ?? '') : (fee.chosen ?? '')}
              options={[
                { value: '', label: t('payments.exemptions.none') },
                ...fee.exemptions.map((e) => ({ value: e.code, label: e.name })),
              ]}
            />
          ))}
          <Field
            ctx={ctx}
            name="reason"
            label={t('payments.exemptions.reason')}
            hint={t('payments.exemptions.reasonHint')}
            errors={errors}
            value={values?.reason ?? ''}
          />
          <button type="submit" class="button">
            {t('payments.exemptions.save')}
          </button>
        </PostForm>
      )}
      <h2>{t('payments.exemptions.historyTitle')}</h2>
      <DecisionsTable ctx={ctx} decisions={state.decisions} fees={state.fees} userName={userName} />
    </>
  );
}

export interface TransferAccountRow {
  id: string;
  identifier: string;
  name: string;
  account: TransferAccount | undefined;
}

const bankName = (bin: string, banks: readonly { bin: string; shortName: string }[]) =>
  banks.find((b) => b.bin === bin)?.shortName ?? bin;

/** The administrator's list: each agency they manage with the account its fee transfers go to. */
export function TransferAccountsPage({
  ctx,
  agencies,
  province,
  banks,
}: {
  ctx: PageContext;
  agencies: readonly TransferAccountRow[];
  province: TransferAccount | undefined;
  banks: readonly { bin: string; shortName: string }[];
}) {
  const { t } = ctx;
  const describe = (a: TransferAccount) => `${bankName(a.bankBin, banks)} — ${a.accountNumber} — ${a.accountName}`;
  return (
    <>
      <h1>{t('payments.accounts.title')}</h1>
      <p>
        {province
          ? t('payments.accounts.province', { account: describe(province) })
          : t('payments.accounts.noProvince')}
      </p>
      <ScrollTable label={t('payments.accounts.caption')}>
        <caption>{t('payments.accounts.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('payments.accounts.agency')}</th>
            <th scope="col">{t('payments.accounts.account')}</th>
          </tr>
        </thead>
        <tbody>
          {agencies.map((a) => (
            <tr key={a.id}>
              <td>
                <a href={`/admin/payments/accounts/${a.id}`}>{a.name}</a> <span class="muted">({a.identifier})</span>
              </td>
              <td>{a.account ? describe(a.account) : t('payments.accounts.usesProvince')}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}

/** One agency's account: bank, number and name, or back to the province's. */
export function TransferAccountPage({
  ctx,
  agency,
  banks,
  values,
  errors = {},
  notice,
}: {
  ctx: PageContext;
  agency: TransferAccountRow;
  banks: readonly { bin: string; shortName: string; name: string }[];
  values: Record<string, string>;
  errors?: FormErrors;
  notice?: string;
}) {
  const { t } = ctx;
  const action = `/admin/payments/accounts/${agency.id}`;
  return (
    <>
      <p>
        <a href="/admin/payments/accounts">{t('payments.accounts.back')}</a>
      </p>
      <h1>{t('payments.accounts.agencyTitle', { name: agency.name })}</h1>
      {notice && (
        <div class="notice notice--success" role="status">
          {notice}
        </div>
      )}
      <p>{agency.account ? t('payments.accounts.own') : t('payments.accounts.usesProvince')}</p>
      <PostForm ctx={ctx} action={action}>
        <ErrorSummary ctx={ctx} errors={errors} />
        <Select
          ctx={ctx}
          name="bankBin"
          label={t('payments.accounts.bank')}
          errors={errors}
          value={values.bankBin ?? ''}
          options={[
            { value: '', label: t('payments.accounts.chooseBank') },
            ...banks.map((b) => ({ value: b.bin, label: `${b.shortName} — ${b.name}` })),
          ]}
        />
        <Field
          ctx={ctx}
          name="accountNumber"
          label={t('payments.accounts.number')}
          inputmode="numeric"
          errors={errors}
          value={values.accountNumber ?? ''}
        />
        <Field
          ctx={ctx}
          name="accountName"
          label={t('payments.accounts.name')}
          hint={t('payments.accounts.nameHint')}
          errors={errors}
          value={values.accountName ?? ''}
        />
        <button type="submit" class="button">
          {t('payments.accounts.save')}
        </button>
      </PostForm>
      {agency.account && (
        <PostForm ctx={ctx} action={`${action}/remove`}>
          <button type="submit" class="button button--secondary">
            {t('payments.accounts.remove')}
          </button>
        </PostForm>
      )}
    </>
  );
}
