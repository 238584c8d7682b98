import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { Layout, type PageContext } from './layout.tsx';

export interface PageShell {
  province: PageContext['province'];
  assets: PageContext['assets'];
}

declare module 'fastify' {
  interface FastifyInstance {
    pageShell: PageShell;
  }
}

function pageContext(request: FastifyRequest): PageContext {
  const shell = request.server.pageShell;
  const actor = (request as Partial<FastifyRequest>).actor;
  const signedIn = actor && actor.kind !== 'anonymous' && actor.kind !== 'token';
  return {
    t: request.t,
    locale: request.locale,
    path: request.url,
    province: shell.province,
    assets: shell.assets,
    user: signedIn ? { name: actor.name, officer: actor.kind === 'officer' } : null,
    csrfToken: () => (request as Partial<FastifyRequest>).csrfToken?.() ?? '',
  };
}

/** The full HTML of a page inside the portal layout, for a page that keeps it (see sendPage). */
export function renderPage(request: FastifyRequest, title: string, body: (ctx: PageContext) => VNode): string {
  const ctx = pageContext(request);
  return `<!doctype html>${renderToString(
    <Layout ctx={ctx} title={title}>
      {body(ctx)}
    </Layout>,
  )}`;
}

/** Renders a full HTML page inside the portal layout. `body` gets the page context to translate with. */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  title: string,
  body: (ctx: PageContext) => VNode,
  status = 200,
): FastifyReply {
  const ctx = pageContext(request);
  const html = `<!doctype html>${renderToString(
    <Layout ctx={ctx} title={title}>
      {body(ctx)}
    </Layout>,
  )}`;
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}
