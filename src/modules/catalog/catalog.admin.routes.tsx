/**
 * Catalogue administration: JSON API under /api/v1/admin and pages under /admin/catalog. Every route declares the
 * policy action `catalog.manage`, which the policy module's hook enforces once it is registered; until then this
 * plugin must not be registered in the app (the composition root registers it together with the policy hook).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, Deps } from '../../http/types.ts';
import { type FieldProblem, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { sendPage } from '../../web/render.tsx';
import { provinceResource } from '../identity/access.ts';
import { AdminListPage, AdminNewPage, AdminPreviewPage, AdminProcedurePage } from './catalog.admin.pages.tsx';
import type { Actor } from './catalog.service.ts';
import {
  CatalogImportError,
  exportCatalogue,
  exportCsv,
  type ImportProblem,
  serialiseCatalogue,
} from './catalog.transfer.ts';

/** A whole catalogue of a few thousand procedures runs to tens of megabytes. */
const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;
const codeParams = z.object({ code: z.string().max(100) });
const definitionForm = z.object({ definition: z.string().max(IMPORT_BODY_LIMIT) });

function actorOf(request: FastifyRequest): Actor {
  return request.actor.id;
}

/** Parses the editor's text; a syntax error is reported like a definition problem, at the root. */
function parseJsonText(text: string): { value?: unknown; problems: FieldProblem[] } {
  try {
    return { value: JSON.parse(text), problems: [] };
  } catch (error) {
    return { problems: [{ path: '', messageKey: 'errors.invalidJson', params: { reason: (error as Error).message } }] };
  }
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);
const redirect = (reply: FastifyReply, to: string) => reply.code(303).redirect(to);

export async function catalogAdminRoutes(app: App, { catalog, db }: Deps): Promise<void> {
  // The catalogue is the province's: only administrators of the root agency change it.
  const manage = { policy: { action: 'catalog.manage' as const, resource: provinceResource(db) } };
  // ----- JSON API
  const tags = ['catalog administration'];
  app.get('/api/v1/admin/procedures', { config: manage, schema: { tags } }, async () => ({
    items: await catalog.list(),
  }));

  app.post(
    '/api/v1/admin/procedures',
    { config: manage, schema: { tags, body: z.unknown() } },
    async (request, reply) => reply.code(201).send(await catalog.createDraft(request.body, actorOf(request))),
  );

  app.get('/api/v1/admin/procedures/:code', { config: manage, schema: { tags, params: codeParams } }, (request) =>
    catalog.describe(request.params.code),
  );

  app.put(
    '/api/v1/admin/procedures/:code/draft',
    { config: manage, schema: { tags, params: codeParams, body: z.unknown() } },
    (request) => catalog.updateDraft(request.params.code, request.body, actorOf(request)),
  );

  app.post(
    '/api/v1/admin/procedures/:code/publish',
    { config: manage, schema: { tags, params: codeParams } },
    (request) => catalog.publish(request.params.code, actorOf(request)),
  );

  app.post(
    '/api/v1/admin/procedures/:code/unpublish',
    { config: manage, schema: { tags, params: codeParams } },
    async (request, reply) => {
      await catalog.unpublish(request.params.code);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/admin/procedures/:code/copy',
    { config: manage, schema: { tags, params: codeParams, body: z.object({ code: z.string().max(100) }) } },
    async (request, reply) =>
      reply.code(201).send(await catalog.copy(request.params.code, request.body.code, actorOf(request))),
  );

  app.get(
    '/api/v1/admin/catalog/export',
    { config: manage, schema: { tags, querystring: z.object({ format: z.enum(['json', 'csv']).default('json') }) } },
    async (request, reply) => sendExport(request, reply, request.query.format),
  );

  app.post(
    '/api/v1/admin/catalog/import',
    { config: manage, bodyLimit: IMPORT_BODY_LIMIT, schema: { tags, body: z.unknown() } },
    async (request, reply) => {
      try {
        return await catalog.import(request.body, actorOf(request));
      } catch (error) {
        if (!(error instanceof CatalogImportError)) throw error;
        // The usual problem document, plus the per-row report.
        const t = request.t;
        return reply
          .code(400)
          .type('application/problem+json; charset=utf-8')
          .send({
            type: `urn:motcua:problem:${error.code}`,
            title: error.code.replace(/_/g, ' '),
            status: 400,
            detail: t(error.messageKey, error.params),
            code: error.code,
            instance: request.url,
            errors: error.fields.map((f) => ({ path: f.path, message: t(f.messageKey, f.params) })),
            rows: error.rows.map((r) => ({
              row: r.row,
              code: r.code,
              path: r.path,
              message: t(r.messageKey, r.params),
            })),
          });
      }
    },
  );

  async function sendExport(request: FastifyRequest, reply: FastifyReply, format: 'json' | 'csv') {
    const stamp = new Date().toISOString().slice(0, 10);
    reply.header('content-disposition', `attachment; filename="catalog-${stamp}.${format}"`);
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(await exportCsv(db.kysely, request.t));
    return reply.type('application/json; charset=utf-8').send(serialiseCatalogue(await exportCatalogue(db.kysely)));
  }

  // ----- Pages (plain HTML forms: they work without JavaScript; each action redirects back with a notice)
  const page = { config: manage, schema: { hide: true } };
  const noticeQuery = z.object({
    saved: z.coerce.number().int().optional(),
    published: z.coerce.number().int().optional(),
    unpublished: z.literal('1').optional(),
    imported: z
      .string()
      .regex(/^\d+,\d+$/)
      .optional(),
  });

  async function listPage(request: FastifyRequest, reply: FastifyReply, extra: Partial<AdminListExtras> = {}) {
    const procedures = await catalog.list();
    return sendPage(
      request,
      reply,
      request.t('catalog.admin.title'),
      (ctx) => <AdminListPage ctx={ctx} procedures={procedures} {...extra} />,
      extra.importProblems?.length ? 400 : 200,
    );
  }

  app.get('/admin/catalog', { ...page, schema: { hide: true, querystring: noticeQuery } }, (request, reply) => {
    const [procedures, changed] = (request.query.imported ?? '').split(',');
    const notice = request.query.imported
      ? request.t('catalog.admin.imported', { procedures: procedures ?? '', changed: changed ?? '' })
      : undefined;
    return listPage(request, reply, notice ? { notice } : {});
  });

  app.get('/admin/catalog/export.json', page, (request, reply) => sendExport(request, reply, 'json'));
  app.get('/admin/catalog/export.csv', page, (request, reply) => sendExport(request, reply, 'csv'));

  app.post(
    '/admin/catalog/import',
    {
      ...page,
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: { hide: true, body: z.object({ document: z.string() }).nullish() },
    },
    async (request, reply) => {
      // Only pasted text is shown again with the problems; an uploaded file may be large.
      let pasted = request.body?.document ?? '';
      try {
        const upload = request.isMultipart() ? await readImportUpload(request) : { pasted, uploaded: '' };
        pasted = upload.pasted;
        const parsed = parseJsonText(upload.uploaded || upload.pasted);
        if (parsed.problems.length > 0) throw new ValidationError(parsed.problems);
        const summary = await catalog.import(parsed.value, actorOf(request));
        return redirect(reply, `/admin/catalog?imported=${summary.procedures},${summary.changed}`);
      } catch (error) {
        const rows =
          error instanceof CatalogImportError
            ? error.rows
            : error instanceof ValidationError
              ? error.fields.map((f) => ({ row: null, code: null, ...f }))
              : undefined;
        if (!rows) throw error;
        return listPage(request, reply, { importText: pasted, importProblems: rows });
      }
    },
  );

  /** The import form posted with a chosen file: the file's text wins over the paste box when both are sent. */
  async function readImportUpload(request: FastifyRequest): Promise<{ pasted: string; uploaded: string }> {
    let pasted = '';
    let uploaded = '';
    for await (const part of request.parts({ limits: { fileSize: IMPORT_BODY_LIMIT } })) {
      if (part.type === 'field') {
        if (part.fieldname === 'document') pasted = String(part.value);
        continue;
      }
      const bytes = await part.toBuffer();
      if (part.file.truncated) {
        throw new ValidationError([
          { path: 'file', messageKey: 'catalog.import.tooLarge', params: { limit: `${IMPORT_BODY_LIMIT >> 20} MB` } },
        ]);
      }
      if (bytes.length > 0) uploaded = bytes.toString('utf8');
    }
    return { pasted, uploaded };
  }

  app.get('/admin/catalog/new', page, (request, reply) =>
    sendPage(request, reply, request.t('catalog.admin.newTitle'), (ctx) => (
      <AdminNewPage ctx={ctx} text="" problems={[]} />
    )),
  );

  app.post(
    '/admin/catalog',
    { ...page, bodyLimit: IMPORT_BODY_LIMIT, schema: { hide: true, body: definitionForm } },
    async (request, reply) => {
      const text = request.body.definition;
      const problems = await attempt(text, async (value) => {
        const created = await catalog.createDraft(value, actorOf(request));
        return `/admin/catalog/${created.code}?saved=${created.version}`;
      });
      if (typeof problems === 'string') return redirect(reply, problems);
      return sendPage(
        request,
        reply,
        request.t('catalog.admin.newTitle'),
        (ctx) => <AdminNewPage ctx={ctx} text={text} problems={problems} />,
        400,
      );
    },
  );

  /** Runs a command on the editor's JSON: the redirect target, or the problems to show beside the editor. */
  async function attempt(text: string, work: (value: unknown) => Promise<string>): Promise<string | FieldProblem[]> {
    const parsed = parseJsonText(text);
    if (parsed.problems.length > 0) return parsed.problems;
    try {
      return await work(parsed.value);
    } catch (error) {
      if (error instanceof ValidationError) return error.fields;
      throw error;
    }
  }

  async function procedurePage(
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    edit?: { text: string; problems: FieldProblem[] },
  ) {
    const view = await catalog.describe(code);
    const query = noticeQuery.safeParse(request.query);
    const q = query.success ? query.data : {};
    const notice =
      q.saved !== undefined
        ? request.t('catalog.admin.saved', { version: q.saved })
        : q.published !== undefined
          ? request.t('catalog.admin.published', { version: q.published })
          : q.unpublished
            ? request.t('catalog.admin.unpublished')
            : undefined;
    const current = view.draft ?? view.published ?? view.versions[0];
    const text = edit?.text ?? (current ? pretty(current.definition) : '');
    return sendPage(
      request,
      reply,
      request.t('catalog.admin.procedure', { code }),
      (ctx) => <AdminProcedurePage ctx={ctx} view={view} text={text} problems={edit?.problems ?? []} notice={notice} />,
      edit ? 400 : 200,
    );
  }

  app.get('/admin/catalog/:code', { ...page, schema: { hide: true, params: codeParams } }, (request, reply) =>
    procedurePage(request, reply, request.params.code),
  );

  app.post(
    '/admin/catalog/:code/draft',
    { ...page, bodyLimit: IMPORT_BODY_LIMIT, schema: { hide: true, params: codeParams, body: definitionForm } },
    async (request, reply) => {
      const { code } = request.params;
      const text = request.body.definition;
      const outcome = await attempt(text, async (value) => {
        const saved = await catalog.updateDraft(code, value, actorOf(request));
        return `/admin/catalog/${code}?saved=${saved.version}`;
      });
      if (typeof outcome === 'string') return redirect(reply, outcome);
      return procedurePage(request, reply, code, { text, problems: outcome });
    },
  );

  app.post(
    '/admin/catalog/:code/publish',
    { ...page, schema: { hide: true, params: codeParams } },
    async (request, reply) => {
      const published = await catalog.publish(request.params.code, actorOf(request));
      return redirect(reply, `/admin/catalog/${published.code}?published=${published.version}`);
    },
  );

  app.post(
    '/admin/catalog/:code/unpublish',
    { ...page, schema: { hide: true, params: codeParams } },
    async (request, reply) => {
      await catalog.unpublish(request.params.code);
      return redirect(reply, `/admin/catalog/${request.params.code}?unpublished=1`);
    },
  );

  app.post(
    '/admin/catalog/:code/copy',
    { ...page, schema: { hide: true, params: codeParams, body: z.object({ newCode: z.string().trim().max(100) }) } },
    async (request, reply) => {
      const copied = await catalog.copy(request.params.code, request.body.newCode, actorOf(request));
      return redirect(reply, `/admin/catalog/${copied.code}?saved=${copied.version}`);
    },
  );

  app.get(
    '/admin/catalog/:code/preview',
    { ...page, schema: { hide: true, params: codeParams } },
    async (request, reply) => {
      const view = await catalog.describe(request.params.code);
      const shown = view.draft ?? view.published ?? view.versions[0];
      if (!shown)
        throw new NotFoundError('catalog.errors.procedureNotFound', { code: view.code }, 'procedure_not_found');
      return sendPage(
        request,
        reply,
        request.t('catalog.admin.previewTitle', { name: shown.definition.name }),
        (ctx) => <AdminPreviewPage ctx={ctx} definition={shown.definition} />,
      );
    },
  );
}

interface AdminListExtras {
  notice: string;
  importText: string;
  importProblems: ImportProblem[];
}
