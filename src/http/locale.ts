import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Locale, negotiateLocale, type Translator, translator } from '../web/i18n/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    t: Translator;
  }
}

export const LOCALE_COOKIE = 'lang';

/**
 * Sets `request.locale`: from `?lang=` (which also sets the cookie) or the language cookie; otherwise pages are in
 * Vietnamese whatever the browser's language, while the API follows Accept-Language.
 */
export async function resolveLocale(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const asked = typeof query.lang === 'string' ? query.lang : undefined;
  const isApi = request.url.startsWith('/api/');
  const locale = negotiateLocale(
    asked ?? request.cookies?.[LOCALE_COOKIE],
    isApi ? request.headers['accept-language'] : undefined,
  );
  if (asked === locale) {
    reply.setCookie(LOCALE_COOKIE, locale, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 24 * 3600 });
  }
  request.locale = locale;
  request.t = translator(locale);
}

/** For error paths that may run before the onRequest hook: make sure a translator exists. */
export function ensureLocale(request: FastifyRequest): void {
  if ((request as Partial<FastifyRequest>).t) return;
  request.locale = negotiateLocale(undefined, request.headers['accept-language']);
  request.t = translator(request.locale);
}
