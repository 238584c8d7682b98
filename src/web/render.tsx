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

/**
 * The address a reader may come back to for this page. A page re-rendered after a failed post shows at the post's
 * URL; when no GET route answers there, the nearest enclosing path that has one (the post to `/x/:id/submit` re-renders
 * `/x/:id`'s page), so links such as the language switch never lead to a route that only takes posts.
 */
function pagePath(request: FastifyRequest): string {
  if (request.method === 'GET' || request.method === 'HEAD') return request.url;
  const pattern = request.routeOptions.url;
  if (!pattern || request.server.hasRoute({ method: 'GET', url: pattern })) return request.url;
  const patternParts = pattern.split('/');
  const pathParts = request.url.split('?')[0]?.split('/') ?? [];
  for (let n = patternParts.length - 1; n > 1; n--) {
    if (request.server.hasRoute({ method: 'GET', url: patternParts.slice(0, n).join('/') })) {
      return pathParts.slice(0, n).join('/');
    }
  }
  return '/';
}

function pageContext(request: FastifyRequest, path?: string): PageContext {
  const shell = request.server.pageShell;
  const actor = (request as Partial<FastifyRequest>).actor;
  const signedIn = actor && actor.kind !== 'anonymous' && actor.kind !== 'token';
  return {
    t: request.t,
    locale: request.locale,
    path: path ?? pagePath(request),
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

/**
 * Renders a full HTML page inside the portal layout. `body` gets the page context to translate with; `path` names
 * the page's own address when a post re-renders a page that lives elsewhere.
 */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  title: string,
  body: (ctx: PageContext) => VNode,
  status = 200,
  path?: string,
): FastifyReply {
  const ctx = pageContext(request, path);
  const html = `<!doctype html>${renderToString(
    <Layout ctx={ctx} title={title}>
      {body(ctx)}
    </Layout>,
  )}`;
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}
