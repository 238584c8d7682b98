import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldProblem, type MessageParams } from '../lib/errors.ts';
import { ErrorPageBody } from '../modules/portal/help.pages.tsx';
import { hasMessage } from '../web/i18n/index.ts';
import { sendPage } from '../web/render.tsx';
import { ensureLocale } from './locale.ts';

/** RFC 9457 problem details, with our stable `code` and the field problems of a validation failure. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  errors?: { path: string; message: string }[];
}

interface Classified {
  status: number;
  code: string;
  messageKey: string;
  params: MessageParams;
  fields: FieldProblem[];
}

function classify(error: FastifyError | Error, request: FastifyRequest): Classified {
  if (error instanceof AppError) {
    return {
      status: error.status,
      code: error.code,
      messageKey: error.messageKey,
      params: error.params,
      fields: error.fields,
    };
  }
  const e = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(e)) {
    const fields = e.validation.map((v) => {
      const path = [...v.instancePath.split('/').filter(Boolean)].join('.') || String(e.validationContext ?? '');
      // Our schemas name catalogue keys as messages; zod's own messages are passed on as the reason.
      return v.message && hasMessage(v.message)
        ? { path, messageKey: v.message, params: issueParams(v.params) }
        : { path, messageKey: 'errors.field.invalid', params: { reason: v.message ?? '' } };
    });
    return { status: 400, code: 'validation_failed', messageKey: 'errors.validation', params: {}, fields };
  }
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        code: 'body_too_large',
        messageKey: 'errors.bodyTooLarge',
        params: { limit: `${Math.round(request.routeOptions.bodyLimit / 1024)} KB` },
        fields: [],
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        code: 'unsupported_media_type',
        messageKey: 'errors.unsupportedMediaType',
        params: { type: request.headers['content-type'] ?? '' },
        fields: [],
      };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return {
        status: 400,
        code: 'invalid_json',
        messageKey: 'errors.invalidJson',
        params: { reason: e.message },
        fields: [],
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        code: 'invalid_json',
        messageKey: 'errors.invalidJson',
        params: { reason: 'empty body' },
        fields: [],
      };
  }
  if (e.statusCode === 400 && e instanceof SyntaxError) {
    return {
      status: 400,
      code: 'invalid_json',
      messageKey: 'errors.invalidJson',
      params: { reason: e.message },
      fields: [],
    };
  }
  if (e.statusCode === 429) {
    return { status: 429, code: 'rate_limited', messageKey: 'errors.rateLimited', params: { after: '' }, fields: [] };
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return {
      status: e.statusCode,
      code: 'bad_request',
      messageKey: 'errors.field.invalid',
      params: { reason: e.message },
      fields: [],
    };
  }
  return { status: 500, code: 'internal_error', messageKey: 'errors.internal', params: {}, fields: [] };
}

/** Bounds of a zod issue (too_small / too_big), for messages such as "between {min} and {max}". */
function issueParams(params: unknown): MessageParams {
  const issue = (params as { issue?: { minimum?: unknown; maximum?: unknown } } | undefined)?.issue;
  const out: MessageParams = {};
  if (typeof issue?.minimum === 'number') out.min = issue.minimum;
  if (typeof issue?.maximum === 'number') out.max = issue.maximum;
  return out;
}

export function wantsHtml(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, c: Classified): FastifyReply {
  ensureLocale(request);
  const detail = request.t(c.messageKey, c.params);
  if (wantsHtml(request)) {
    return sendPage(
      request,
      reply,
      request.t(
        c.status === 404 ? 'portal.error.404.title' : c.status >= 500 ? 'portal.error.500.title' : 'errors.page.title',
      ),
      (ctx) => (
        <ErrorPageBody
          ctx={ctx}
          status={c.status}
          detail={detail}
          fields={c.fields.map((f) => ({ path: f.path, message: ctx.t(f.messageKey, f.params) }))}
        />
      ),
      c.status,
    );
  }
  const problem: Problem = {
    type: `urn:motcua:problem:${c.code}`,
    title: c.code.replace(/_/g, ' '),
    status: c.status,
    detail,
    code: c.code,
    instance: request.url.split('?')[0] ?? '/',
  };
  if (c.fields.length > 0) {
    problem.errors = c.fields.map((f) => ({ path: f.path, message: request.t(f.messageKey, f.params) }));
  }
  return reply.code(c.status).type('application/problem+json; charset=utf-8').send(problem);
}

export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const c = classify(error, request);
  if (c.status >= 500) request.log.error({ err: error }, 'request failed');
  return sendProblem(request, reply, c);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(request, reply, {
    status: 404,
    code: 'not_found',
    messageKey: 'errors.routeNotFound',
    params: { method: request.method, url: request.url.split('?')[0] ?? '/' },
    fields: [],
  });
}
