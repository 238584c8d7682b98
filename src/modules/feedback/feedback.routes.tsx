import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, Deps } from '../../http/types.ts';
import { AppError, ValidationError } from '../../lib/errors.ts';
import { type FormErrors, formErrors } from '../../web/forms.tsx';
import { sendPage } from '../../web/render.tsx';
import { publicListPage, type SubmitView, sentPage, submitPage, type TrackView, trackPage } from './feedback.pages.tsx';
import {
  feedbackCategories,
  feedbackCodeParams,
  feedbackStatuses,
  MAX_ATTACHMENTS,
  verifierSchema,
} from './feedback.schema.ts';
import type { FeedbackService } from './feedback.service.ts';
import { isFeedbackCode } from './feedback-code.ts';

const publicQuery = z.object({
  q: z.string().max(200).optional(),
  agency: z.string().max(40).optional(),
  category: z.enum(feedbackCategories).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

const submitBody = z.object({
  fullName: z.string().optional(),
  address: z.string().optional().default(''),
  phone: z.string().optional().default(''),
  email: z.string().optional(),
  subject: z.string().optional(),
  summary: z.string().optional().default(''),
  content: z.string().optional(),
  category: z.string().optional(),
  relatedCode: z.string().optional(),
  consentPublish: z.boolean().optional(),
  website: z.string().optional(),
  attachmentIds: z.array(z.string()).optional(),
});

const trackingSchema = z.object({
  code: z.string(),
  status: z.enum(feedbackStatuses),
  category: z.enum(feedbackCategories),
  subject: z.string(),
  summary: z.string(),
  receivedAt: z.string(),
  refusalReason: z.string().nullable(),
  supplementRequest: z.string().nullable(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  agency: z.string().nullable(),
  published: z.boolean(),
  satisfied: z.boolean().nullable(),
  mayRate: z.boolean(),
});

/** The sender's text fields of the form, by the names the service takes. */
const textFields = [
  'fullName',
  'address',
  'phone',
  'email',
  'subject',
  'summary',
  'content',
  'category',
  'relatedCode',
  'website',
] as const;

/** The public side: the form (works without scripts), tracking by code and verifier, rating, published answers. */
export async function feedbackRoutes(app: App, deps: Deps & { feedback: FeedbackService }): Promise<void> {
  const { feedback, files, config } = deps;
  const sender = (request: FastifyRequest) => ({
    userId: request.actor.kind === 'citizen' || request.actor.kind === 'business' ? request.actor.id : null,
    clientAddress: request.ip,
  });

  function showSubmit(
    request: FastifyRequest,
    reply: FastifyReply,
    view: Omit<SubmitView, 'csrfQuery' | 'maxFileMb'>,
    status = 200,
  ) {
    return sendPage(
      request,
      reply,
      request.t('feedback.submit.title'),
      submitPage({
        ...view,
        csrfQuery: `?_csrf=${encodeURIComponent(request.csrfToken())}`,
        maxFileMb: config.env.MOTCUA_MAX_FILE_MB,
      }),
      status,
    );
  }

  app.get('/feedback', { schema: { hide: true, querystring: publicQuery } }, async (request, reply) => {
    const { q = '', agency = '', category, page } = request.query;
    const result = await feedback.published({ q, agency, ...(category && { category }), page });
    const names = new Map<string, string>();
    for (const id of new Set([...result.items.map((i) => i.agencyId), ...(await feedback.publishingAgencies())])) {
      names.set(id, await feedback.agencyName(id));
    }
    return sendPage(
      request,
      reply,
      request.t('feedback.public.title'),
      publicListPage({
        q,
        agency,
        category: category ?? '',
        page,
        total: result.total,
        pageSize: result.pageSize,
        items: result.items.map((i) => ({ ...i, agencyName: names.get(i.agencyId) ?? i.agencyId })),
        agencies: [...(await feedback.publishingAgencies())].map((id) => ({ value: id, label: names.get(id) ?? id })),
      }),
    );
  });

  app.get('/feedback/new', { schema: { hide: true } }, (request, reply) =>
    showSubmit(request, reply, { values: {}, uploaded: [], errors: {} }),
  );

  app.post('/feedback/new', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const fields: Record<string, string> = {};
    const uploaded: { id: string; name: string }[] = [];
    const errors: FormErrors = {};
    const earlier: string[] = [];
    const uploader = sender(request).userId;
    if (request.isMultipart()) {
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          if (part.fieldname === 'uploaded') earlier.push(String(part.value));
          else fields[part.fieldname] = String(part.value);
        } else if (!part.filename) {
          part.file.resume();
        } else if (uploaded.length + earlier.length >= MAX_ATTACHMENTS) {
          part.file.resume();
          errors.attachments = request.t('feedback.errors.tooManyFiles', { maximum: MAX_ATTACHMENTS });
        } else {
          try {
            const stored = await files.upload({ stream: part.file, filename: part.filename, uploadedBy: uploader });
            uploaded.push({ id: stored.id, name: stored.name });
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            part.file.resume();
            errors.attachments = request.t(
              error.fields[0]?.messageKey ?? error.messageKey,
              error.fields[0]?.params ?? error.params,
            );
          }
        }
      }
    } else {
      Object.assign(fields, request.body as Record<string, string>);
    }
    // Files kept from an earlier attempt come back as hidden fields `id|name`.
    for (const value of earlier) {
      const [id = '', ...name] = value.split('|');
      if (id) uploaded.unshift({ id, name: name.join('|') });
    }
    const view = { values: fields, uploaded, errors };
    if (Object.keys(errors).length > 0) return showSubmit(request, reply, view, 400);
    try {
      const input = Object.fromEntries(textFields.map((name) => [name, fields[name] ?? '']));
      const { code } = await feedback.submit(
        { ...input, consentPublish: fields.consentPublish === 'true' },
        sender(request),
        uploaded.map((f) => f.id),
      );
      return reply.redirect(`/feedback/sent/${code}`, 303);
    } catch (error) {
      if (error instanceof ValidationError) {
        Object.assign(errors, formErrors(request.t, error.fields));
        return showSubmit(request, reply, view, 400);
      }
      if (error instanceof AppError && (error.status === 409 || error.status === 429)) {
        errors.summary = request.t(error.messageKey, error.params);
        return showSubmit(request, reply, view, error.status);
      }
      throw error;
    }
  });

  app.get('/feedback/sent/:code', { schema: { hide: true, params: feedbackCodeParams } }, (request, reply) => {
    if (!isFeedbackCode(request.params.code)) return reply.callNotFound();
    return sendPage(request, reply, request.t('feedback.sent.title'), sentPage(request.params.code));
  });

  function showTrack(request: FastifyRequest, reply: FastifyReply, view: TrackView, status = 200) {
    return sendPage(request, reply, request.t('feedback.track.title'), trackPage(view), status);
  }

  app.get(
    '/feedback/track',
    { schema: { hide: true, querystring: z.object({ code: z.string().max(40).optional() }) } },
    (request, reply) => showTrack(request, reply, { code: request.query.code ?? '', verifier: '', errors: {} }),
  );

  /** Looks the item up for a form; a problem is shown next to the fields, an unknown pair as one message. */
  async function trackForm(request: FastifyRequest, reply: FastifyReply, notice?: string) {
    const body = (request.body ?? {}) as Record<string, string>;
    const code = String(body.code ?? '')
      .trim()
      .toUpperCase();
    const verifier = String(body.verifier ?? '').trim();
    const errors: FormErrors = {};
    if (!code) errors.code = request.t('feedback.errors.codeRequired');
    if (!verifierSchema.safeParse(verifier).success) errors.verifier = request.t('feedback.errors.verifier');
    if (Object.keys(errors).length > 0) return showTrack(request, reply, { code, verifier, errors }, 400);
    try {
      const result = await feedback.track(code, verifier);
      return showTrack(request, reply, { code, verifier, errors, result, ...(notice && { notice }) });
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 404) throw error;
      return showTrack(
        request,
        reply,
        { code, verifier, errors: { code: request.t('feedback.errors.notFound') } },
        404,
      );
    }
  }

  app.post('/feedback/track', { config: { public: true }, schema: { hide: true } }, (request, reply) =>
    trackForm(request, reply),
  );

  app.post('/feedback/track/rating', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string>;
    const code = String(body.code ?? '')
      .trim()
      .toUpperCase();
    const satisfied = body.satisfied === 'yes' ? true : body.satisfied === 'no' ? false : undefined;
    if (satisfied === undefined) return trackForm(request, reply);
    try {
      await feedback.rate(code, String(body.verifier ?? ''), satisfied);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 409) throw error;
    }
    return trackForm(request, reply, request.t('feedback.rate.thanks'));
  });

  // --- JSON API

  app.post(
    '/api/v1/feedback',
    {
      config: { public: true },
      schema: {
        tags: ['feedback'],
        summary:
          'Send feedback or a petition (phản ánh, kiến nghị), with or without an account. Required: address, phone, ' +
          'summary. Attachments: ids of uploads (POST /api/v1/files) by the signed-in sender. 409 for the same text ' +
          'again within a minute; 429 past the limits per phone and per client address.',
        body: submitBody,
        response: { 201: z.object({ code: z.string() }) },
      },
    },
    async (request, reply) => {
      const { code } = await feedback.submit(request.body, sender(request));
      return reply.code(201).send({ code });
    },
  );

  app.get(
    '/api/v1/feedback/:code',
    {
      schema: {
        tags: ['feedback'],
        summary:
          'Status and answer of an item, by its code and the last four digits of the sender’s phone (?verifier=).',
        params: feedbackCodeParams,
        querystring: z.object({ verifier: z.string().max(10).optional().default('') }),
        response: { 200: trackingSchema },
      },
    },
    async (request) => feedback.track(request.params.code, request.query.verifier),
  );

  app.post(
    '/api/v1/feedback/:code/satisfaction',
    {
      config: { public: true },
      schema: {
        tags: ['feedback'],
        summary: 'The sender says whether the answer satisfied them (once, after the answer).',
        params: feedbackCodeParams,
        body: z.object({ verifier: z.string().max(10), satisfied: z.boolean() }),
      },
    },
    async (request, reply) => {
      await feedback.rate(request.params.code, request.body.verifier, request.body.satisfied);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Published answers, newest first; q ignores diacritics and case; filters by agency and category.',
        querystring: publicQuery,
      },
    },
    async (request) => {
      const { q, agency, category, page } = request.query;
      return feedback.published({ ...(q && { q }), ...(agency && { agency }), ...(category && { category }), page });
    },
  );
}
