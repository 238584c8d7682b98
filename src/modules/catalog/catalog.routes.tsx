import { z } from 'zod';
import type { App, Deps } from '../../http/types.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { sendPage } from '../../web/render.tsx';
import { ProcedureDetailPage, ProcedureListPage } from './catalog.pages.tsx';
import { searchQuerySchema, searchResponseSchema } from './catalog.schema.ts';

const PAGE_SIZE = 20;
const codeParams = z.object({ code: z.string().max(100) });
const notFound = (code: string) =>
  new NotFoundError('catalog.errors.procedureNotFound', { code }, 'procedure_not_found');
const JSON_TYPE = 'application/json; charset=utf-8';

/** The public catalogue: search API and pages, served from the process's in-memory index. */
export async function catalogRoutes(app: App, { catalog }: Deps): Promise<void> {
  app.get(
    '/api/v1/procedures',
    {
      schema: {
        tags: ['catalog'],
        summary:
          'Search the published procedures: diacritics and word order do not matter; name matches come first. ' +
          '`limit` is at most 100 (a larger value is refused with 400).',
        querystring: searchQuerySchema,
        response: { 200: searchResponseSchema },
      },
    },
    async (request, reply) => {
      const { total, items } = (await catalog.index()).search(request.query);
      // The items are serialised once, when the index is built.
      const body = `{"items":[${items.map((item) => item.itemJson).join(',')}],"total":${total}}`;
      return reply.type(JSON_TYPE).send(body as never);
    },
  );

  app.get(
    '/api/v1/procedures/:code',
    {
      schema: {
        tags: ['catalog'],
        summary: 'The published definition of a procedure, with the name of its agency',
        params: codeParams,
      },
    },
    async (request, reply) => {
      const json = (await catalog.index()).detailJson(request.params.code);
      if (json === undefined) throw notFound(request.params.code);
      return reply.type(JSON_TYPE).send(json);
    },
  );

  app.get(
    '/procedures',
    { schema: { hide: true, querystring: searchQuerySchema.omit({ limit: true }) } },
    async (request, reply) => {
      const index = await catalog.index();
      const query = { ...request.query, limit: PAGE_SIZE };
      const { total, items } = index.search(query);
      return sendPage(request, reply, request.t('catalog.list.title'), (ctx) => (
        <ProcedureListPage ctx={ctx} query={query} total={total} items={items} facets={index.facets()} />
      ));
    },
  );

  app.get('/procedures/:code', { schema: { hide: true, params: codeParams } }, async (request, reply) => {
    const procedure = (await catalog.index()).get(request.params.code);
    if (!procedure) throw notFound(request.params.code);
    return sendPage(request, reply, procedure.definition.name, (ctx) => (
      <ProcedureDetailPage ctx={ctx} definition={procedure.definition} agencyName={procedure.agencyName} />
    ));
  });
}
