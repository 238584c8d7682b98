import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, Deps } from '../../http/types.ts';
import { AppError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { zodProblems } from '../../lib/zod-problems.ts';
import { formErrors } from '../../web/forms.tsx';
import { sendPage } from '../../web/render.tsx';
import * as agencies from '../agencies/agencies.service.ts';
import { authorize } from '../identity/access.ts';
import * as accounts from '../identity/accounts.service.ts';
import { visibleScope } from '../identity/policy.ts';
import { type ItemView, itemPage, queuePage, type Stage, stageNames, stages } from './feedback.office.pages.tsx';
import { type FeedbackDetail, feedbackCodeParams, feedbackCommandSchema, officerActions } from './feedback.schema.ts';
import { FEEDBACK_REF, type FeedbackService } from './feedback.service.ts';
import { currentDue, measuredStep } from './feedback-rules.ts';

const queueQuery = z.object({
  stage: z
    .enum(stageNames as [Stage, ...Stage[]])
    .catch('new')
    .default('new'),
});
const fileParams = feedbackCodeParams.extend({ id: z.string().max(100) });

/** The back office of the procedure-control office: queues, an item's page, the handler's commands. */
export async function feedbackOfficeRoutes(app: App, deps: Deps & { feedback: FeedbackService }): Promise<void> {
  const { feedback, files, db, clock, calendar } = deps;
  app.addHook('preHandler', async (request) => authorize(request, 'office.view'));

  /** Electronic identifiers of the agencies where the officer handles feedback. */
  async function handledAgencies(request: FastifyRequest): Promise<string[]> {
    const scope = visibleScope(request.actor, 'petition.handle');
    const ids = scope && 'agencyIds' in scope ? scope.agencyIds : new Set<string>();
    return (await agencies.listAgencies(db.kysely)).filter((a) => ids.has(a.id)).map((a) => a.identifier);
  }

  /** The item, if the officer's agencies received it or were assigned it; otherwise the same 404 as an unknown code. */
  async function handledItem(request: FastifyRequest, code: string): Promise<FeedbackDetail> {
    const item = await feedback.detail(code);
    const mine = await handledAgencies(request);
    if (!mine.includes(item.receivingAgencyId) && !(item.assignedAgencyId && mine.includes(item.assignedAgencyId))) {
      throw new NotFoundError('feedback.errors.notFound', {}, 'feedback_not_found');
    }
    return item;
  }

  async function renderItem(
    request: FastifyRequest,
    reply: FastifyReply,
    item: FeedbackDetail,
    extra: Pick<ItemView, 'notice' | 'failed'> = {},
    status = 200,
  ) {
    const all = await agencies.listAgencies(db.kysely);
    const names = new Map<string, string>([
      ...all.map((a): [string, string] => [a.identifier, a.name]),
      ...(await accounts.listOfficers(db.kysely)).map((o): [string, string] => [o.id, o.fullName]),
    ]);
    const stepDue = async (action: 'refuse' | 'request_supplement') => {
      const step = measuredStep(action, feedback.deadlines);
      if (item.status !== 'received' || !item.clockStartedAt || !step) return null;
      return (await calendar.dueDate(item.clockStartedAt, { unit: 'workingDays', value: step.days })).dueAt;
    };
    const due = currentDue(item);
    const view: ItemView = {
      item,
      names,
      agencies: all
        .filter((a) => a.active && a.identifier !== item.assignedAgencyId)
        .map((a) => ({ value: a.identifier, label: a.name })),
      limits: { refuseBy: await stepDue('refuse'), supplementBy: await stepDue('request_supplement') },
      overdue: due !== null && clock.now().toISOString() > due,
      ...extra,
    };
    return sendPage(
      request,
      reply,
      request.t('feedback.office.itemTitle', { code: item.code }),
      itemPage(view),
      status,
    );
  }

  app.get(
    '/office/feedback',
    { config: { policy: 'petition.handle' }, schema: { hide: true, querystring: queueQuery } },
    async (request, reply) => {
      const { stage } = request.query;
      const rows = await feedback.queue(await handledAgencies(request), stages[stage]);
      const names = new Map((await agencies.listAgencies(db.kysely)).map((a) => [a.identifier, a.name]));
      const view = {
        stage,
        rows: rows.map((r) => ({
          ...r,
          agencyName: r.assignedAgencyId ? (names.get(r.assignedAgencyId) ?? null) : null,
        })),
      };
      return sendPage(request, reply, request.t(`feedback.office.stage.${stage}`), queuePage(view));
    },
  );

  app.get(
    '/office/feedback/:code',
    {
      config: { policy: 'petition.handle' },
      schema: {
        hide: true,
        params: feedbackCodeParams,
        querystring: z.object({ done: z.string().max(40).optional() }),
      },
    },
    async (request, reply) => {
      const item = await handledItem(request, request.params.code);
      const done = officerActions.find((a) => a === request.query.done);
      const notice = done && request.t('feedback.office.done', { action: request.t(`feedback.action.${done}`) });
      return renderItem(request, reply, item, notice ? { notice } : {});
    },
  );

  app.post(
    '/office/feedback/:code/actions',
    { config: { policy: 'petition.handle' }, schema: { hide: true, params: feedbackCodeParams } },
    async (request, reply) => {
      const item = await handledItem(request, request.params.code);
      const fields = Object.fromEntries(
        Object.entries((request.body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
      );
      const action = officerActions.find((a) => a === fields.action);
      if (!action) throw new ValidationError([{ path: 'action', messageKey: 'feedback.errors.action' }]);
      const parsed = feedbackCommandSchema.safeParse(fields);
      const fail = (message: string, errors: Record<string, string>, status: number) =>
        renderItem(request, reply, item, { failed: { action, message, values: fields, errors } }, status);
      if (!parsed.success) {
        const errors = formErrors(request.t, zodProblems(parsed.error.issues));
        return fail(request.t('errors.validation'), errors, 400);
      }
      try {
        await feedback.act(item.code, request.actor.id ?? '', parsed.data, Number(fields.version));
        return reply.redirect(`/office/feedback/${item.code}?done=${action}`, 303);
      } catch (error) {
        if (error instanceof ValidationError) {
          return fail(request.t(error.messageKey), formErrors(request.t, error.fields), 400);
        }
        if (error instanceof AppError && error.status === 409) {
          return fail(request.t(error.messageKey, error.params), {}, 409);
        }
        throw error;
      }
    },
  );

  app.get(
    '/office/feedback/:code/files/:id',
    { config: { policy: 'petition.handle' }, schema: { hide: true, params: fileParams } },
    async (request, reply) => {
      const item = await handledItem(request, request.params.code);
      const file = await files.get(request.params.id).catch(() => undefined);
      if (!file || file.refKind !== FEEDBACK_REF || file.refId !== item.id) {
        throw new NotFoundError('files.errors.notFound', {}, 'file_not_found');
      }
      return reply
        .type(file.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(files.open(file));
    },
  );
}
