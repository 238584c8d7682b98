import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, Deps } from '../../http/types.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { parseIsoDate, vietnamDateOf } from '../../lib/vn-time.ts';
import type { FormErrors } from '../../web/forms.tsx';
import { sendPage } from '../../web/render.tsx';
import * as agencies from '../agencies/agencies.service.ts';
import {
  type AgencyDirectory,
  agencyDirectory,
  assertReadable,
  dossierActor,
  dossierResource,
} from '../dossiers/dossier-access.ts';
import { dossierPolicyResource, guardedDossier } from '../dossiers/dossiers.routes.ts';
import { dossierCodeParams } from '../dossiers/dossiers.schema.ts';
import * as accounts from '../identity/accounts.service.ts';
import { can, type Actor as SessionActor } from '../identity/policy.ts';
import { exemptingOfficer, exemptionResource, mayExempt } from './exemption-access.ts';
import { GatewayUnavailableError } from './gateway.ts';
import {
  CashierDossier,
  CashierHome,
  ExemptionsPage,
  type ExemptionsPageProps,
  PayPage,
  ReconciliationPage,
  ReturnPage,
  StatementResultsPage,
  TransferAccountPage,
  TransferAccountsPage,
  VerifyPage,
} from './payments.pages.tsx';
import type { PaymentsService, PaymentView } from './payments.service.ts';
import { receiptVerifyUrl, renderPaymentReceipt } from './receipt-pdf.ts';
import { renderReconciliationXlsx } from './reconciliation-xlsx.ts';
import { readStatement, StatementFormatError } from './statement.ts';
import {
  agencyTransferAccount,
  checkTransferAccount,
  receivingBanks,
  removeTransferAccount,
  saveTransferAccount,
  transferAccountsByAgency,
} from './transfer-accounts.ts';
import { parseTransferAccount, transferMessage, vietQrDataUrl, vietQrPayload } from './vietqr.ts';

export interface PaymentDeps extends Deps {
  payments: PaymentsService;
  /** The gateway's origin, allowed as a form target on the pay page (the payment form leaves for the gateway). */
  gatewayOrigin?: string;
}

const receiptParams = dossierCodeParams.extend({ id: z.string().max(60) });
const noticeQuery = z.object({ done: z.enum(['counter', 'refund']).optional() });
const exemptionsQuery = z.object({ done: z.enum(['saved']).optional() });
const accountParams = z.object({ id: z.string().max(60) });
const accountQuery = z.object({ done: z.enum(['saved', 'removed']).optional() });
const agencyOfParams = (request: FastifyRequest) => ({
  type: 'agency' as const,
  agencyId: (request.params as { id: string }).id,
});
const formBody = z.record(z.string(), z.string().max(5000));

/** Callback parameters as flat strings: a repeated parameter is not a VNPAY message, so the first value is used. */
function flatParams(query: unknown): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') params[key] = first;
  }
  return params;
}

/** Electronic identifiers of the agencies where the officer is a cashier. */
function cashierAgencies(actor: SessionActor, directory: AgencyDirectory): string[] {
  return [...(actor.scopes.get('cashier') ?? [])]
    .map((id) => directory.byId.get(id)?.identifier)
    .filter((id): id is string => id !== undefined);
}

const wholeDong = (text: string | undefined) =>
  /^\d{1,15}$/.test((text ?? '').replace(/[.\s]/g, '')) ? Number((text ?? '').replace(/[.\s]/g, '')) : Number.NaN;

/** Citizen pay page, gateway return and IPN, receipts and their public check; the cashier's desk. */
export async function paymentRoutes(app: App, deps: PaymentDeps): Promise<void> {
  const { db, dossiers, payments, config } = deps;
  const resource = dossierPolicyResource(dossiers, deps);
  const provinceTransferAccount = parseTransferAccount(config.env.PAYMENT_TRANSFER_ACCOUNT);

  async function renderPayPage(
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    notice?: string,
    status = 200,
  ) {
    const state = await payments.state(code);
    // The receiving agency's own account, else the province's.
    const account = (await agencyTransferAccount(db, state.dossier.receivingAgencyId)) ?? provinceTransferAccount;
    const transfer =
      account && state.due.payable
        ? {
            account,
            bankName: receivingBanks.find((b) => b.bin === account.bankBin)?.shortName ?? account.bankBin,
            message: transferMessage(code),
            qrDataUrl: await vietQrDataUrl(vietQrPayload(account, state.due.outstanding, code)),
          }
        : undefined;
    if (deps.gatewayOrigin) {
      const csp = String(reply.getHeader('content-security-policy') ?? '');
      reply.header(
        'content-security-policy',
        csp.replace("form-action 'self'", `form-action 'self' ${deps.gatewayOrigin}`),
      );
    }
    return sendPage(
      request,
      reply,
      request.t('payments.page.title', { code }),
      (ctx) => (
        <PayPage
          ctx={ctx}
          state={state}
          online={payments.onlineAvailable}
          transfer={transfer}
          {...(notice && { notice })}
        />
      ),
      status,
    );
  }

  app.get(
    '/payments/:code',
    { config: { policy: { action: 'dossier.read', resource } }, schema: { hide: true, params: dossierCodeParams } },
    async (request, reply) => renderPayPage(request, reply, guardedDossier(request).code),
  );

  app.post(
    '/payments/:code/online',
    {
      config: { policy: { action: 'payment.payOnline', resource } },
      schema: { hide: true, params: dossierCodeParams },
    },
    async (request, reply) => {
      const dossier = guardedDossier(request);
      if (request.actor.id !== dossier.applicant.userId) throw new ForbiddenError();
      try {
        const { paymentUrl } = await payments.startOnline(dossier.code, {
          userId: request.actor.id ?? '',
          ip: request.ip,
          locale: request.locale,
        });
        return reply.redirect(paymentUrl, 303);
      } catch (error) {
        if (error instanceof ConflictError) {
          return renderPayPage(request, reply, dossier.code, request.t(error.messageKey, error.params), 409);
        }
        throw error;
      }
    },
  );

  // The gateway's server-to-server notification (VNPAY calls it with GET); it answers in the gateway's codes.
  app.get('/payments/vnpay/ipn', { config: { public: true }, schema: { hide: true } }, async (request) =>
    payments.handleIpn(flatParams(request.query)),
  );

  app.get('/payments/return', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const result = await payments.handleReturn(flatParams(request.query));
    const title = request.t(
      result.kind === 'invalid' ? 'payments.return.invalidTitle' : `payments.return.${result.kind}Title`,
    );
    return sendPage(
      request,
      reply,
      title,
      (ctx) => <ReturnPage ctx={ctx} result={result} />,
      result.kind === 'invalid' ? 400 : 200,
    );
  });

  async function sendReceipt(reply: FastifyReply, payment: PaymentView, procedureName: string) {
    const directory = await agencyDirectory(db.kysely);
    const agency = directory.byIdentifier.get(payment.agencyId);
    const parent = agency?.parentId ? directory.byId.get(agency.parentId) : undefined;
    const pdf = await renderPaymentReceipt({
      issuer: {
        agency: agency?.name ?? payment.agencyId,
        ...(parent && { parentAgency: parent.name }),
        place: config.province.name,
      },
      payment,
      procedureName,
      verifyUrl: receiptVerifyUrl(config.baseUrl, payment.verifyToken),
    });
    const filename = `bien-lai-${payment.receiptNumber.replace(/[^0-9A-Za-z.-]/g, '-')}.pdf`;
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${filename}"`).send(pdf);
  }

  app.get(
    '/payments/:code/receipts/:id',
    { config: { policy: { action: 'dossier.read', resource } }, schema: { hide: true, params: receiptParams } },
    async (request, reply) => {
      const dossier = guardedDossier(request);
      const payment = await payments.payment(request.params.id).catch(() => undefined);
      if (!payment || payment.dossierCode !== dossier.code) {
        throw new NotFoundError('payments.errors.paymentNotFound', {}, 'payment_not_found');
      }
      return sendReceipt(reply, payment, dossier.procedure.name);
    },
  );

  app.get(
    '/receipts/verify/:token',
    { config: { public: true }, schema: { hide: true, params: z.object({ token: z.string().max(60) }) } },
    async (request, reply) => {
      const payment = await payments.paymentByToken(request.params.token);
      if (!payment) throw new NotFoundError('payments.verify.notFound', {}, 'receipt_not_found');
      const agency = (await agencyDirectory(db.kysely)).byIdentifier.get(payment.agencyId);
      return sendPage(request, reply, request.t('payments.verify.title'), (ctx) => (
        <VerifyPage ctx={ctx} payment={payment} agencyName={agency?.name ?? payment.agencyId} />
      ));
    },
  );

  const problemsToErrors = (request: FastifyRequest, error: ValidationError, suffix = ''): FormErrors =>
    Object.fromEntries(error.fields.map((p) => [`${p.path}${suffix}`, request.t(p.messageKey, p.params)]));

  // -------------------------------------------------------------------------------------------------------------
  // Fee exemptions chosen by the receiving agency's one-stop officers and cashiers

  /** The guard's resource: the dossier must be readable (404 otherwise); deciding is for its receiving agency. */
  const receivingAgency = async (request: FastifyRequest) => {
    await resource(request);
    return exemptionResource(guardedDossier(request), await agencyDirectory(db.kysely));
  };

  async function renderExemptions(
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    extra: Omit<ExemptionsPageProps, 'ctx' | 'state' | 'userName'> = {},
    status = 200,
  ) {
    const [state, officers] = await Promise.all([payments.exemptions(code), accounts.listOfficers(db.kysely)]);
    const names = new Map(officers.map((o) => [o.id, o.fullName]));
    return sendPage(
      request,
      reply,
      request.t('payments.exemptions.title', { code }),
      (ctx) => <ExemptionsPage ctx={ctx} state={state} userName={(id) => names.get(id) ?? id} {...extra} />,
      status,
    );
  }

  app.get(
    '/office/payments/:code/exemptions',
    {
      config: { policy: { action: 'fee.exempt', resource: receivingAgency } },
      schema: { hide: true, params: dossierCodeParams, querystring: exemptionsQuery },
    },
    async (request, reply) =>
      renderExemptions(request, reply, guardedDossier(request).code, {
        ...(request.query.done && { notice: request.t('payments.exemptions.saved') }),
      }),
  );

  app.post(
    '/office/payments/:code/exemptions',
    {
      config: { policy: { action: 'fee.exempt', resource: receivingAgency } },
      schema: { hide: true, params: dossierCodeParams, body: formBody },
    },
    async (request, reply) => {
      const dossier = guardedDossier(request);
      const values = request.body;
      const prefix = 'exemption.';
      const exemptions = Object.entries(values)
        .filter(([name]) => name.startsWith(prefix))
        .map(([name, exemption]) => ({ fee: name.slice(prefix.length), exemption: exemption.trim() }));
      const revision = /^\d{1,9}$/.test(values.revision ?? '') ? Number(values.revision) : -1;
      try {
        const directory = await agencyDirectory(db.kysely);
        await payments.chooseExemptions(dossier.code, exemptingOfficer(request.actor, dossier, directory), {
          exemptions,
          reason: values.reason ?? '',
          revision,
        });
      } catch (error) {
        if (error instanceof ValidationError) {
          const errors = problemsToErrors(request, error);
          return renderExemptions(request, reply, dossier.code, { errors, values }, 400);
        }
        if (error instanceof ConflictError) {
          const conflict = request.t(error.messageKey, error.params);
          return renderExemptions(request, reply, dossier.code, { conflict }, 409);
        }
        throw error;
      }
      return reply.redirect(`/office/payments/${encodeURIComponent(dossier.code)}/exemptions?done=saved`, 303);
    },
  );

  // -------------------------------------------------------------------------------------------------------------
  // Each receiving agency's account for fee transfers, set by its administrators

  app.get(
    '/admin/payments/accounts',
    { config: { policy: 'agency.update' }, schema: { hide: true } },
    async (request, reply) => {
      const [all, accounts] = await Promise.all([agencies.listAgencies(db.kysely), transferAccountsByAgency(db)]);
      const rows = all
        .filter((a) => a.active && can(request.actor, 'agency.update', { type: 'agency', agencyId: a.id }))
        .map((a) => ({ id: a.id, identifier: a.identifier, name: a.name, account: accounts.get(a.id) }));
      return sendPage(request, reply, request.t('payments.accounts.title'), (ctx) => (
        <TransferAccountsPage ctx={ctx} agencies={rows} province={provinceTransferAccount} banks={receivingBanks} />
      ));
    },
  );

  async function renderAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, string>,
    errors: FormErrors = {},
  ) {
    const agency = await agencies.getAgency(db.kysely, (request.params as { id: string }).id);
    const account = (await transferAccountsByAgency(db)).get(agency.id);
    const row = { id: agency.id, identifier: agency.identifier, name: agency.name, account };
    const { done } = (request.query ?? {}) as z.infer<typeof accountQuery>;
    return sendPage(
      request,
      reply,
      request.t('payments.accounts.agencyTitle', { name: agency.name }),
      (ctx) => (
        <TransferAccountPage
          ctx={ctx}
          agency={row}
          banks={receivingBanks}
          values={values ?? { ...account }}
          errors={errors}
          {...(done && { notice: request.t(`payments.accounts.${done}`) })}
        />
      ),
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  }

  app.get(
    '/admin/payments/accounts/:id',
    {
      config: { policy: { action: 'agency.update', resource: agencyOfParams } },
      schema: { hide: true, params: accountParams, querystring: accountQuery },
    },
    async (request, reply) => renderAccount(request, reply),
  );

  app.post(
    '/admin/payments/accounts/:id',
    {
      config: { policy: { action: 'agency.update', resource: agencyOfParams } },
      schema: { hide: true, params: accountParams, body: formBody },
    },
    async (request, reply) => {
      const agency = await agencies.getAgency(db.kysely, request.params.id);
      try {
        const account = checkTransferAccount(request.body);
        await saveTransferAccount(db, deps.clock, agency.id, account, request.actor.id ?? '');
      } catch (error) {
        if (error instanceof ValidationError) {
          return renderAccount(request, reply, request.body, problemsToErrors(request, error));
        }
        throw error;
      }
      return reply.redirect(`/admin/payments/accounts/${agency.id}?done=saved`, 303);
    },
  );

  app.post(
    '/admin/payments/accounts/:id/remove',
    {
      config: { policy: { action: 'agency.update', resource: agencyOfParams } },
      schema: { hide: true, params: accountParams },
    },
    async (request, reply) => {
      const agency = await agencies.getAgency(db.kysely, request.params.id);
      await removeTransferAccount(db, agency.id);
      return reply.redirect(`/admin/payments/accounts/${agency.id}?done=removed`, 303);
    },
  );

  // -------------------------------------------------------------------------------------------------------------
  // The cashier's desk

  async function renderHome(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: { lookupError?: string; statementError?: string } = {},
    status = 200,
  ) {
    const directory = await agencyDirectory(db.kysely);
    const agencyIds = cashierAgencies(request.actor, directory);
    const queue =
      agencyIds.length > 0
        ? await dossiers.officerQueue({ agencyIds, stage: 'awaitingPayment', limit: 100 })
        : { items: [] };
    const overpayments = (await payments.overpayments(agencyIds)).filter((o) => o.refunded < o.amount);
    return sendPage(
      request,
      reply,
      request.t('payments.office.title'),
      (ctx) => (
        <CashierHome
          ctx={ctx}
          awaiting={queue.items.map((d) => ({
            code: d.code,
            applicantName: d.applicantName,
            procedureName: d.procedureName,
          }))}
          overpayments={overpayments}
          {...errors}
        />
      ),
      status,
    );
  }

  app.get(
    '/office/payments',
    { config: { policy: 'dossier.collectFee' }, schema: { hide: true } },
    async (request, reply) => renderHome(request, reply),
  );

  app.get(
    '/office/payments/find',
    {
      config: { policy: 'dossier.collectFee' },
      schema: { hide: true, querystring: z.object({ code: z.string().max(60).optional() }) },
    },
    async (request, reply) => {
      const code = (request.query.code ?? '').trim().toUpperCase();
      const dossier = code ? await dossiers.getDossier(code).catch(() => undefined) : undefined;
      if (dossier) {
        const directory = await agencyDirectory(db.kysely);
        const readable = (() => {
          try {
            assertReadable(request.actor, code, dossierResource(dossier, directory));
            return true;
          } catch {
            return false;
          }
        })();
        if (readable) return reply.redirect(`/office/payments/${encodeURIComponent(dossier.code)}`, 303);
      }
      return renderHome(request, reply, { lookupError: request.t('payments.office.notFound') }, 404);
    },
  );

  async function renderCashierDossier(
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    extra: Omit<Parameters<typeof CashierDossier>[0], 'ctx' | 'state'> = {},
    status = 200,
  ) {
    const state = await payments.state(code);
    const exemptions =
      state.dossier.definition.case.fees.some((f) => (f.exemptions ?? []).length > 0) &&
      mayExempt(request.actor, state.dossier, await agencyDirectory(db.kysely));
    return sendPage(
      request,
      reply,
      request.t('payments.office.dossierTitle', { code }),
      (ctx) => <CashierDossier ctx={ctx} state={state} exemptions={exemptions} {...extra} />,
      status,
    );
  }

  app.get(
    '/office/payments/:code',
    {
      config: { policy: { action: 'dossier.collectFee', resource } },
      schema: { hide: true, params: dossierCodeParams, querystring: noticeQuery },
    },
    async (request, reply) => {
      const { done } = request.query;
      return renderCashierDossier(request, reply, guardedDossier(request).code, {
        ...(done && { notice: request.t(`payments.office.done.${done}`) }),
      });
    },
  );

  app.post(
    '/office/payments/:code/counter',
    {
      config: { policy: { action: 'dossier.collectFee', resource } },
      schema: { hide: true, params: dossierCodeParams, body: formBody },
    },
    async (request, reply) => {
      const dossier = guardedDossier(request);
      const values = request.body;
      const method = values.method;
      try {
        if (method !== 'pos' && method !== 'transfer' && method !== 'cash') {
          throw new ValidationError([{ path: 'method', messageKey: 'payments.counter.methodRequired' }]);
        }
        const directory = await agencyDirectory(db.kysely);
        await payments.recordCounterPayment(dossier.code, dossierActor(request.actor, directory), {
          method,
          amount: wholeDong(values.amount),
          reference: values.reference ?? '',
          payerName: values.payerName ?? '',
        });
      } catch (error) {
        if (error instanceof ValidationError) {
          return renderCashierDossier(
            request,
            reply,
            dossier.code,
            { counter: { errors: problemsToErrors(request, error), values } },
            400,
          );
        }
        if (error instanceof ConflictError) {
          return renderCashierDossier(
            request,
            reply,
            dossier.code,
            { notice: request.t(error.messageKey, error.params) },
            409,
          );
        }
        throw error;
      }
      return reply.redirect(`/office/payments/${encodeURIComponent(dossier.code)}?done=counter`, 303);
    },
  );

  app.post(
    '/office/payments/:code/refunds',
    {
      config: { policy: { action: 'dossier.collectFee', resource } },
      schema: { hide: true, params: dossierCodeParams, body: formBody },
    },
    async (request, reply) => {
      const dossier = guardedDossier(request);
      const paymentId = request.body.paymentId ?? '';
      const values = {
        amount: request.body[`amount-${paymentId}`] ?? '',
        reason: request.body[`reason-${paymentId}`] ?? '',
      };
      const payment = await payments.payment(paymentId).catch(() => undefined);
      if (!payment || payment.dossierCode !== dossier.code) {
        throw new NotFoundError('payments.errors.paymentNotFound', {}, 'payment_not_found');
      }
      try {
        await payments.recordRefund(payment.id, request.actor.id ?? '', {
          amount: wholeDong(values.amount),
          reason: values.reason,
        });
      } catch (error) {
        if (error instanceof ValidationError) {
          return renderCashierDossier(
            request,
            reply,
            dossier.code,
            { refund: { paymentId, errors: problemsToErrors(request, error), values } },
            400,
          );
        }
        if (error instanceof GatewayUnavailableError) {
          // The gateway refused or did not answer: nothing was recorded.
          request.log.warn({ err: error }, 'gateway refund failed');
          const notice = request.t('payments.refund.gatewayFailed');
          return renderCashierDossier(request, reply, dossier.code, { notice }, 502);
        }
        throw error;
      }
      return reply.redirect(`/office/payments/${encodeURIComponent(dossier.code)}?done=refund`, 303);
    },
  );

  app.post(
    '/office/payments/statement',
    { config: { policy: 'dossier.collectFee' }, schema: { hide: true } },
    async (request, reply) => {
      const file = request.isMultipart() ? await request.file() : undefined;
      const bytes = file ? await file.toBuffer() : Buffer.alloc(0);
      const refuse = () => renderHome(request, reply, { statementError: request.t('payments.statement.badFile') }, 400);
      if (bytes.length === 0) return refuse();
      const directory = await agencyDirectory(db.kysely);
      let lines: Awaited<ReturnType<typeof readStatement>>;
      try {
        lines = await readStatement(bytes, [...directory.byIdentifier.keys()]);
      } catch (error) {
        // Not a CSV exceljs can read, or without the columns we need.
        request.log.info({ err: error instanceof StatementFormatError ? error.message : error }, 'statement refused');
        return refuse();
      }
      const results = await payments.importStatement(
        lines,
        dossierActor(request.actor, directory),
        cashierAgencies(request.actor, directory),
      );
      return sendPage(request, reply, request.t('payments.statement.resultTitle'), (ctx) => (
        <StatementResultsPage ctx={ctx} results={results} />
      ));
    },
  );

  app.get(
    '/office/payments/reconciliation',
    {
      config: { policy: 'dossier.collectFee' },
      schema: {
        hide: true,
        querystring: z.object({
          agency: z.string().max(40).optional(),
          from: z.string().max(20).optional(),
          to: z.string().max(20).optional(),
          format: z.enum(['xlsx']).optional(),
        }),
      },
    },
    async (request, reply) => {
      const directory = await agencyDirectory(db.kysely);
      const mine = cashierAgencies(request.actor, directory).map((id) => ({
        id,
        name: directory.byIdentifier.get(id)?.name ?? id,
      }));
      const today = vietnamDateOf(deps.clock.now());
      const values = {
        agency: request.query.agency ?? mine[0]?.id ?? '',
        from: request.query.from ?? today,
        to: request.query.to ?? today,
      };
      const errors: FormErrors = {};
      if (!mine.some((a) => a.id === values.agency)) errors.agency = request.t('payments.reconcile.badAgency');
      if (parseIsoDate(values.from) === undefined) errors.from = request.t('payments.reconcile.badDate');
      if (parseIsoDate(values.to) === undefined) errors.to = request.t('payments.reconcile.badDate');
      else if (!errors.from && values.to < values.from) errors.to = request.t('payments.reconcile.badRange');
      const asked = request.query.from !== undefined || request.query.format !== undefined;
      const report =
        asked && Object.keys(errors).length === 0
          ? await payments.reconciliation([values.agency], values.from, values.to)
          : undefined;
      if (report && request.query.format === 'xlsx') {
        const name = directory.byIdentifier.get(values.agency)?.name ?? values.agency;
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="doi-soat-${values.from}-${values.to}.xlsx"`)
          .send(await renderReconciliationXlsx(report, name));
      }
      return sendPage(
        request,
        reply,
        request.t('payments.reconcile.title'),
        (ctx) => (
          <ReconciliationPage ctx={ctx} agencies={mine} values={values} errors={errors} {...(report && { report })} />
        ),
        Object.keys(errors).length > 0 ? 400 : 200,
      );
    },
  );
}
