import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, Deps } from '../../http/types.ts';
import { AppError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import type { FormErrors } from '../../web/forms.tsx';
import { sendPage } from '../../web/render.tsx';
import { renderApplicationCopy } from '../documents/application-copy.ts';
import type { Actor } from '../dossiers/dossiers.schema.ts';
import {
  checkPage,
  choosePage,
  confirmationPage,
  deliveryPage,
  expiredPage,
  filesPage,
  savedPage,
  sectionPage,
  stepUrl,
} from './apply.pages.tsx';
import { applyScript } from './apply.script.ts';
import {
  ApplyService,
  type DraftContext,
  deliveryMethods,
  placeProblem,
  type Step,
  type StepProblem,
} from './apply.service.ts';
import { draftsPage } from './drafts.pages.tsx';
import { type Draft, DraftService } from './drafts.service.ts';

const policy = { policy: 'portal.apply' } as const;
const codeParams = z.object({ code: z.string().max(100) });
const draftParams = z.object({ id: z.uuid() });
const sectionParams = draftParams.extend({ section: z.string().max(40) });
const fileParams = draftParams.extend({ fileId: z.uuid() });
const returnQuery = z.object({ return: z.literal('check').optional(), mailed: z.string().optional() });
const textBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** Posted values as one string each (a repeated name keeps its last value). */
function flat(body: z.infer<typeof textBody>): Record<string, string> {
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? (v.at(-1) ?? '') : v]));
}

function errorsOf(request: FastifyRequest, problems: readonly StepProblem[]): FormErrors {
  const errors: FormErrors = {};
  for (const p of problems) errors[p.name] ??= request.t(p.messageKey, p.params);
  return errors;
}

function applicant(request: FastifyRequest): Actor {
  const kind = request.actor.kind === 'business' ? 'business' : 'citizen';
  return { userId: request.actor.id ?? '', kind, roles: [] };
}

/** The citizen's online application (issue #7): a wizard whose every page saves a server-side draft. */
export async function applyRoutes(app: App, deps: Deps): Promise<void> {
  const { db, catalog, dossiers, files, config, clock } = deps;
  const drafts = new DraftService(
    db,
    files,
    { lifetimeDays: config.env.MOTCUA_DRAFT_DAYS, reminderDays: config.env.MOTCUA_DRAFT_REMINDER_DAYS },
    clock,
  );
  const apply = new ApplyService({ db, catalog, dossiers, files, drafts });

  /** The open draft of the signed-in account, or the page saying it is gone (expired, unknown, submitted). */
  async function openDraft(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
  ): Promise<{ draft: Draft; ctx: DraftContext } | undefined> {
    const found = await drafts.lookup(request.actor.id ?? '', id);
    if (found.state === 'open') return { draft: found.draft, ctx: await apply.context(found.draft) };
    if (found.state === 'submitted') {
      await reply.redirect(`/apply/done/${found.draft.dossierCode}`, 303);
    } else {
      const code = found.state === 'expired' ? found.procedureCode : null;
      await sendPage(request, reply, request.t('portalApply.expired.title'), expiredPage(code), code ? 410 : 404);
    }
    return undefined;
  }

  const position = (ctx: DraftContext, step: string) => ({
    index: Math.max(
      0,
      ctx.steps.findIndex((s) => s.id === step),
    ),
    total: ctx.steps.length,
  });

  function nextUrl(draft: Draft, ctx: DraftContext, step: string, returnTo: boolean): string {
    if (returnTo) return stepUrl(draft.id, 'check');
    const i = ctx.steps.findIndex((s) => s.id === step);
    return stepUrl(draft.id, ctx.steps[i + 1]?.id ?? 'check');
  }

  /** After a page is saved: on to the next page, or (save and return later) mail the resume link. */
  async function leave(
    reply: FastifyReply,
    draft: Draft,
    ctx: DraftContext,
    step: string,
    action: string,
    returnTo: boolean,
  ) {
    if (action === 'later') {
      const mailed = await drafts.sendResumeLink(draft, config.baseUrl);
      return reply.redirect(`/apply/d/${draft.id}/saved?mailed=${mailed ? 1 : 0}`, 303);
    }
    return reply.redirect(nextUrl(draft, ctx, step, returnTo), 303);
  }

  app.get('/apply/:code', { config: policy, schema: { hide: true, params: codeParams } }, async (request, reply) => {
    const { definition } = await apply.procedure(request.params.code);
    return sendPage(request, reply, request.t('portalApply.choose.title'), choosePage({ definition, errors: {} }));
  });

  app.post(
    '/apply/:code',
    { config: policy, schema: { hide: true, params: codeParams, body: textBody } },
    async (request, reply) => {
      const { definition } = await apply.procedure(request.params.code);
      const caseCode = flat(request.body).case ?? '';
      if (!definition.cases.some((c) => c.code === caseCode)) {
        const errors = { case: request.t('portalApply.choose.caseRequired') };
        return sendPage(request, reply, request.t('portalApply.choose.title'), choosePage({ definition, errors }), 400);
      }
      const draft = await apply.start(request.actor.id ?? '', definition.code, caseCode);
      const ctx = await apply.context(draft);
      return reply.redirect(stepUrl(draft.id, ctx.steps[0]?.id ?? 'files'), 303);
    },
  );

  app.get(
    '/apply/resume/:id',
    { config: policy, schema: { hide: true, params: draftParams } },
    async (request, reply) => {
      const open = await openDraft(request, reply, request.params.id);
      if (!open) return reply;
      const pending = open.ctx.steps.find((s) => !open.draft.data.done.includes(s.id));
      return reply.redirect(stepUrl(open.draft.id, pending?.id ?? 'check'), 303);
    },
  );

  app.get(
    '/apply/d/:id/saved',
    { config: policy, schema: { hide: true, params: draftParams, querystring: returnQuery } },
    async (request, reply) => {
      const open = await openDraft(request, reply, request.params.id);
      if (!open) return reply;
      const link = `/apply/resume/${open.draft.id}`;
      return sendPage(
        request,
        reply,
        request.t('portalApply.saved.title'),
        savedPage(open.draft, request.query.mailed === '1', link),
      );
    },
  );

  // E-form sections ------------------------------------------------------------------------------------------

  function sectionStep(ctx: DraftContext, key: string) {
    const step = ctx.steps.find((s) => s.id === key);
    if (step?.kind !== 'section') throw new NotFoundError();
    return step as Extract<Step, { kind: 'section' }>;
  }

  app.get(
    '/apply/d/:id/form/:section',
    { config: policy, schema: { hide: true, params: sectionParams, querystring: returnQuery } },
    async (request, reply) => {
      const open = await openDraft(request, reply, request.params.id);
      if (!open) return reply;
      const step = sectionStep(open.ctx, request.params.section);
      const view = {
        draft: open.draft,
        step,
        ...position(open.ctx, step.id),
        values: open.draft.data.values,
        errors: {},
        verified: open.ctx.verified,
        returnTo: request.query.return === 'check',
        scriptUrl: (await applyScript()).url,
      };
      return sendPage(request, reply, request.t('portalApply.title'), sectionPage(view));
    },
  );

  app.post(
    '/apply/d/:id/form/:section',
    { config: policy, schema: { hide: true, params: sectionParams, querystring: returnQuery, body: textBody } },
    async (request, reply) => {
      const open = await openDraft(request, reply, request.params.id);
      if (!open) return reply;
      const step = sectionStep(open.ctx, request.params.section);
      const posted = flat(request.body);
      const { draft, problems } = await apply.saveSection(open.draft, open.ctx, step, posted);
      const returnTo = request.query.return === 'check';
      // Saving for later keeps what was typed, problems and all; going on needs a clean page.
      if (problems.length === 0 || posted.action === 'later') {
        return leave(reply, draft, open.ctx, step.id, posted.action ?? 'next', returnTo);
      }
      const view = {
        draft,
        step,
        ...position(open.ctx, step.id),
        values: draft.data.values,
        errors: errorsOf(request, problems),
        verified: open.ctx.verified,
        returnTo,
        scriptUrl: (await applyScript()).url,
      };
      return sendPage(request, reply, request.t('portalApply.title'), sectionPage(view), 400);
    },
  );

  // Documents ------------------------------------------------------------------------------------------------

  async function showFiles(
    request: FastifyRequest,
    reply: FastifyReply,
    draft: Draft,
    ctx: DraftContext,
    errors: FormErrors,
    returnTo: boolean,
    status = 200,
  ) {
    const view = {
      draft,
      procedureCase: ctx.procedureCase,
      ...position(ctx, 'files'),
      errors,
      reusable: await apply.reusable(draft.accountId, ctx),
      maxFileMb: config.env.MOTCUA_MAX_FILE_MB,
      csrfQuery: `?_csrf=${encodeURIComponent(request.csrfToken())}`,
      returnTo,
      scriptUrl: (await applyScript()).url,
    };
    return sendPage(request, reply, request.t('portalApply.files.title'), filesPage(view), status);
  }

  app.get(
    '/apply/d/:id/files',
    { config: policy, schema: { hide: true, params: draftParams, querystring: returnQuery } },
    async (request, reply) => {
      const open = await openDraft(request, reply, request.params.id);
      if (!open) return reply;
      return showFiles(request, reply, open.draft, open.ctx, {}, request.query.return === 'check');
    },
  );

  app.post(
    '/apply/d/:id/files',
    { config: policy, schema: { hide: true, params: draftParams, querystring: returnQuery } },
    async (request, reply) => {
      const open = await openDraft(request, reply, request.params.id);
      if (!open) return reply;
      let { draft } = open;
      const { ctx } = open;
      const fields: Record<string, string> = {};
      const errors: FormErrors = {};
      const refused = (name: string, error: unknown) => {
        if (!(error instanceof AppError)) throw error;
        const first = error.fields[0];
        errors[name] ??= request.t(first?.messageKey ?? error.messageKey, first?.params ?? error.params);
      };
      if (request.isMultipart()) {
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            fields[part.fieldname] = String(part.value);
            continue;
          }
          const code = part.fieldname.replace(/^file\./, '');
          const component = ctx.procedureCase.components.find((c) => c.code === code);
          if (!part.filename || !component) {
            part.file.resume();
            continue;
          }
          try {
            const stored = await files.upload({
              stream: part.file,
              filename: part.filename,
              uploadedBy: draft.accountId,
              accept: component.fileTypes,
            });
            draft = await apply.addUpload(draft, ctx, code, stored);
          } catch (error) {
            part.file.resume();
            refused(part.fieldname, error);
          }
        }
      } else {
        Object.assign(fields, flat((request.body ?? {}) as Record<string, string>));
      }
      for (const [name, fileId] of Object.entries(fields)) {
        if (!name.startsWith('reuse.') || !fileId) continue;
        try {
          draft = await apply.reuse(draft, ctx, name.slice('reuse.'.length), fileId);
        } catch (error) {
          refused(name, error);
        }
      }
      const returnTo = request.query.return === 'check';
      if (Object.keys(errors).length > 0) return showFiles(request, reply, draft, ctx, errors, returnTo, 400);
      const action = fields.action ?? 'upload';
      if (action === 'upload')
        return reply.redirect(`${stepUrl(draft.id, 'files')}${returnTo ? '?return=check' : ''}`, 303);
      const confirmed = await apply.confirmFiles(draft, ctx);
      if (confirmed.problems.length > 0 && action !== 'later') {
        return showFiles(request, reply, draft, ctx, errorsOf(request, confirmed.problems), returnTo, 400);
      }
      return leave(reply, confirmed.draft, ctx, 'files', action, returnTo);
    },
  );

  app.post(
    '/apply/d/:id/files/remove',
    { config: policy, schema: { hide: true, params: draftParams, body: textBody } },
    async (request, reply) => {
      const open = await openDraft(request, reply, request.params.id);
      if (!open) return reply;
      const fileId = flat(request.body).fileId ?? '';
      if (drafts.hasFile(open.draft, fileId)) await drafts.removeFile(open.draft, fileId);
      return reply.redirect(stepUrl(open.draft.id, 'files'), 303);
    },
  );

  /** A document of the draft, for its owner only: the thumbnail of an image. */
  app.get(
    '/apply/d/:id/files/:fileId',
    { config: policy, schema: { hide: true, params: fileParams } },
    async (request, reply) => {
      const found = await drafts.lookup(request.actor.id ?? '', request.params.id);
      if (found.state !== 'open' || !drafts.hasFile(found.draft, request.params.fileId)) throw new NotFoundError();
      const file = await files.get(request.params.fileId);
      return reply
        .type(file.mediaType)
        .header('cache-control', 'private, max-age=3600')
        .header('content-disposition', 'inline')
        .send(files.open(file));
    },
  );

  // Delivery -------------------------------------------------------------------------------------------------

  app.get(
    '/apply/d/:id/delivery',
    { config: policy, schema: { hide: true, params: draftParams, querystring: returnQuery } },
    async (request, reply) => {
      const open = await openDraft(request, reply, request.params.id);
      if (!open) return reply;
      const view = {
        draft: open.draft,
        methods: deliveryMethods(open.ctx.definition),
        ...position(open.ctx, 'delivery'),
        values: open.draft.data.values,
        errors: {},
        returnTo: request.query.return === 'check',
      };
      return sendPage(request, reply, request.t('portalApply.delivery.title'), deliveryPage(view));
    },
  );

  app.post(
    '/apply/d/:id/delivery',
    { config: policy, schema: { hide: true, params: draftParams, querystring: returnQuery, body: textBody } },
    async (request, reply) => {
      const open = await openDraft(request, reply, request.params.id);
      if (!open) return reply;
      const posted = flat(request.body);
      const { draft, problems } = await apply.saveDelivery(open.draft, open.ctx, posted);
      const returnTo = request.query.return === 'check';
      if (problems.length === 0 || posted.action === 'later') {
        return leave(reply, draft, open.ctx, 'delivery', posted.action ?? 'next', returnTo);
      }
      const view = {
        draft,
        methods: deliveryMethods(open.ctx.definition),
        ...position(open.ctx, 'delivery'),
        values: draft.data.values,
        errors: errorsOf(request, problems),
        returnTo,
      };
      return sendPage(request, reply, request.t('portalApply.delivery.title'), deliveryPage(view), 400);
    },
  );

  // Check and submit -----------------------------------------------------------------------------------------

  function showCheck(
    request: FastifyRequest,
    reply: FastifyReply,
    draft: Draft,
    ctx: DraftContext,
    problems: readonly StepProblem[],
    errors: FormErrors = {},
    status = 200,
  ) {
    const view = {
      draft,
      steps: ctx.steps,
      procedureCase: ctx.procedureCase,
      errors,
      problems: problems.map((p) => ({ step: p.step, message: request.t(p.messageKey, p.params) })),
    };
    const page = stepUrl(draft.id, 'check');
    return sendPage(request, reply, request.t('portalApply.check.title'), checkPage(view), status, page);
  }

  app.get(
    '/apply/d/:id/check',
    { config: policy, schema: { hide: true, params: draftParams } },
    async (request, reply) => {
      const open = await openDraft(request, reply, request.params.id);
      if (!open) return reply;
      return showCheck(request, reply, open.draft, open.ctx, apply.allProblems(open.draft, open.ctx));
    },
  );

  app.post(
    '/apply/d/:id/submit',
    { config: policy, schema: { hide: true, params: draftParams, body: textBody } },
    async (request, reply) => {
      const open = await openDraft(request, reply, request.params.id);
      if (!open) return reply;
      const { draft, ctx } = open;
      const posted = flat(request.body);
      // The version and case are the draft's; a page that says otherwise was altered.
      if (posted.procedureVersionId !== draft.procedure.versionId || posted.case !== draft.caseCode) {
        throw new ValidationError([{ path: 'procedureVersionId', messageKey: 'portalApply.errors.tampered' }]);
      }
      const problems = apply.allProblems(draft, ctx);
      const errors: FormErrors = {};
      if (posted.declaration !== 'true') errors.declaration = request.t('portalApply.check.declarationRequired');
      if (problems.length > 0 || Object.keys(errors).length > 0) {
        return showCheck(request, reply, draft, ctx, problems, errors, 400);
      }
      try {
        const dossier = await apply.submit(applicant(request), draft, ctx, true);
        return reply.redirect(`/apply/done/${dossier.code}`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const placed = error.fields.map((f) => placeProblem(ctx.steps, f));
        return showCheck(request, reply, draft, ctx, placed, {}, 400);
      }
    },
  );

  // Confirmation ---------------------------------------------------------------------------------------------

  async function ownDossier(request: FastifyRequest, code: string) {
    const dossier = await dossiers.getDossier(code).catch(() => undefined);
    if (!dossier || dossier.applicant.userId !== request.actor.id) {
      throw new NotFoundError('dossiers.errors.notFound', { code }, 'dossier_not_found');
    }
    return dossier;
  }

  app.get(
    '/apply/done/:code',
    { config: policy, schema: { hide: true, params: codeParams } },
    async (request, reply) => {
      const dossier = await ownDossier(request, request.params.code);
      return sendPage(request, reply, request.t('portalApply.done.title'), confirmationPage(dossier));
    },
  );

  app.get(
    '/apply/done/:code/copy.pdf',
    { config: policy, schema: { hide: true, params: codeParams } },
    async (request, reply) => {
      const dossier = await ownDossier(request, request.params.code);
      const documents = await Promise.all(
        dossier.components.map(async (c) => ({
          component: dossier.definition.case.components.find((d) => d.code === c.code)?.name ?? c.code,
          files: await Promise.all(
            c.fileIds.map(async (id) => ({
              name: (await files.get(id)).name,
              reused: c.reusedFileIds?.includes(id) ?? false,
            })),
          ),
        })),
      );
      const pdf = await renderApplicationCopy({ dossier, documents, baseUrl: config.baseUrl });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${dossier.code}.pdf"`)
        .send(pdf);
    },
  );

  // Drafts ---------------------------------------------------------------------------------------------------

  app.get(
    '/my-dossiers/drafts',
    { config: policy, schema: { hide: true, querystring: z.object({ deleted: z.string().optional() }) } },
    async (request, reply) => {
      const list = await drafts.listDrafts(request.actor.id ?? '');
      return sendPage(
        request,
        reply,
        request.t('portalApply.drafts.title'),
        draftsPage(list, request.query.deleted === '1'),
      );
    },
  );

  app.post(
    '/my-dossiers/drafts/:id/delete',
    { config: policy, schema: { hide: true, params: draftParams } },
    async (request, reply) => {
      if (!(await drafts.delete(request.actor.id ?? '', request.params.id))) throw new NotFoundError();
      return reply.redirect('/my-dossiers/drafts?deleted=1', 303);
    },
  );

  app.get('/scripts/portal-apply.js', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    const script = await applyScript();
    return reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(script.code);
  });
}
