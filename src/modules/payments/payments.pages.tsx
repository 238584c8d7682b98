import { formatVnd } from '../../lib/money.ts';
import { ErrorSummary, Field, type FormErrors, PostForm, Select } from '../../web/forms.tsx';
import type { PageContext } from '../../web/layout.tsx';
import type { FeeLine } from './fees.ts';
import type {
  Due,
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
  transfer: { account: TransferAccount; message: string; qrDataUrl: string } | undefined;
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
                  {transfer.account.accountNumber} — {transfer.account.accountName}
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
}

/** One dossier at the cashier's desk: what is owed, a counter payment, refunds of what was paid. */
export function CashierDossier({ ctx, state, counter, refund, notice }: CashierDossierProps) {
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
