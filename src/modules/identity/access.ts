/**
 * Access control for every route: each route declares `config: { policy }` or `config: { public: true }`; a
 * state-changing route that declares neither stops the app at start-up. Before validation, a hook resolves the actor
 * (session cookie or bearer token), checks the CSRF token on state-changing requests and asks `can`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { wantsHtml } from '../../http/problems.tsx';
import type { App, BaseDeps } from '../../http/types.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../../lib/errors.ts';
import { listAgencies } from '../agencies/agencies.service.ts';
import { resolveApiToken } from './api-tokens.service.ts';
import { resolveSession } from './identity.service.ts';
import { type Action, type Actor, anonymous, can, isAction, preMfaActions, type Resource } from './policy.ts';
import { hmac, randomToken, safeEqual } from './secrets.ts';

export type RoutePolicy =
  | Action
  | {
      action: Action;
      /** Builds the resource from the request (params, a lookup) so the guard can check it, not only the action. */
      resource?: (request: FastifyRequest) => Resource | Promise<Resource>;
    };

export interface RoutePolicyEntry {
  method: string;
  url: string;
  action: Action | null;
  public: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
    public?: boolean;
  }
  interface FastifyRequest {
    actor: Actor;
    /** Hash of the session id when the request came with a live session. */
    sessionHash: string | null;
    /** The CSRF token to put in a form (`_csrf`) or the `X-CSRF-Token` header. */
    csrfToken(): string;
    /** The resource the route guard checked, when the route's policy builds one (the audit log records it). */
    policyResource: Resource | undefined;
  }
  interface FastifyInstance {
    /** Every route with its declared policy, collected as routes are added (for the authorisation matrix). */
    routePolicies: RoutePolicyEntry[];
  }
}

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const csrfField = '_csrf';

export class MissingRoutePolicyError extends Error {}

function actionOf(policy: RoutePolicy | undefined): Action | null {
  if (!policy) return null;
  return typeof policy === 'string' ? policy : policy.action;
}

interface CookieNames {
  session: string;
  csrf: string;
}

/** `__Host-` cookies are bound to this exact origin, but browsers accept them only over https. */
function cookieNames(secure: boolean): CookieNames {
  return secure ? { session: '__Host-sid', csrf: '__Host-csrf' } : { session: 'sid', csrf: 'csrf' };
}

export interface AccessControl {
  setSessionCookie(reply: FastifyReply, token: string): void;
  clearSessionCookie(reply: FastifyReply): void;
}

export function installAccessControl(app: App, { db, clock, config }: BaseDeps, secret: string): AccessControl {
  const secure = config.baseUrl.startsWith('https:');
  const names = cookieNames(secure);
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };
  const csrfKey = hmac(secret, 'csrf');

  const entries: RoutePolicyEntry[] = [];
  app.decorate('routePolicies', entries);
  app.addHook('onRoute', (route) => {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).map((m) => m.toUpperCase());
    const config = route.config ?? {};
    const action = actionOf(config.policy);
    if (action && !isAction(action)) throw new MissingRoutePolicyError(`${route.url}: unknown action ${action}`);
    for (const method of methods) {
      if (method === 'HEAD') continue;
      if (stateChanging.has(method) && !action && !config.public) {
        throw new MissingRoutePolicyError(
          `${method} ${route.url} changes state but declares neither config.policy nor config.public`,
        );
      }
      entries.push({ method, url: route.url, action, public: config.public === true });
    }
  });

  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('sessionHash', null);
  app.decorateRequest('csrfToken', null as unknown as () => string);
  app.decorateRequest('policyResource', undefined);

  async function resolveActor(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    request.actor = anonymous;
    const auth = request.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      const actor = await resolveApiToken(db.kysely, auth.slice('Bearer '.length).trim(), clock);
      if (!actor) throw new UnauthorizedError('identity.error.badToken', 'invalid_token');
      request.actor = actor;
      return;
    }
    const token = request.cookies[names.session];
    if (!token) return;
    const session = await resolveSession(db.kysely, token, clock);
    if (!session) {
      reply.clearCookie(names.session, cookieOptions);
      return;
    }
    request.actor = session.actor;
    request.sessionHash = session.idHash;
  }

  function csrfToken(request: FastifyRequest, reply: FastifyReply): string {
    if (request.sessionHash) return hmac(csrfKey, `session:${request.sessionHash}`);
    let anon = request.cookies[names.csrf];
    if (!anon) {
      anon = randomToken();
      request.cookies[names.csrf] = anon;
      reply.setCookie(names.csrf, anon, cookieOptions);
    }
    return hmac(csrfKey, `anonymous:${anon}`);
  }

  /**
   * Bearer-token requests carry no ambient credential, and a browser cannot send `application/json` to another origin
   * without a CORS preflight, which this app never grants: those need no token. Everything else (forms) does.
   */
  function checkCsrf(request: FastifyRequest): void {
    if (request.actor.kind === 'token') return;
    if ((request.headers['content-type'] ?? '').startsWith('application/json')) return;
    const body = request.body as Record<string, unknown> | undefined;
    // A multipart body is read by the handler, after this check: a form without scripts sends its token in the query.
    const query = request.isMultipart() ? (request.query as Record<string, unknown> | undefined) : undefined;
    const sent =
      typeof body?.[csrfField] === 'string'
        ? body[csrfField]
        : (request.headers['x-csrf-token'] ?? (typeof query?.[csrfField] === 'string' ? query[csrfField] : undefined));
    const anon = request.cookies[names.csrf];
    const expected = request.sessionHash
      ? hmac(csrfKey, `session:${request.sessionHash}`)
      : anon
        ? hmac(csrfKey, `anonymous:${anon}`)
        : undefined;
    if (typeof sent !== 'string' || !expected || !safeEqual(sent, expected)) {
      throw new ForbiddenError('errors.csrf', 'csrf_failed');
    }
  }

  app.addHook('preValidation', async (request, reply) => {
    const config = request.routeOptions.config ?? {};
    request.csrfToken = () => csrfToken(request, reply);
    const action = actionOf(config.policy);
    if (!action && !config.public && !wantsHtml(request)) {
      request.actor = anonymous;
      return;
    }
    await resolveActor(request, reply);
    if (!action) {
      if (config.public && stateChanging.has(request.method)) checkCsrf(request);
      return;
    }
    const { actor } = request;
    const page = request.method === 'GET' && wantsHtml(request);
    if (actor.kind === 'anonymous') {
      if (page) return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);
      throw new UnauthorizedError();
    }
    if (stateChanging.has(request.method)) checkCsrf(request);
    if (actor.secondFactorPending && !preMfaActions.has(action)) {
      if (page) return reply.redirect('/account/totp');
      throw new ForbiddenError('identity.error.totpRequired', 'second_factor_required');
    }
    const policy = config.policy;
    const resource = typeof policy === 'object' && policy.resource ? await policy.resource(request) : undefined;
    request.policyResource = resource;
    if (!can(actor, action, resource)) throw new ForbiddenError();
  });

  return {
    setSessionCookie(reply, token) {
      reply.setCookie(names.session, token, cookieOptions);
    },
    clearSessionCookie(reply) {
      reply.clearCookie(names.session, cookieOptions);
    },
  };
}

/** Throws 403 unless the actor may do the action to the resource (for checks a route guard cannot make up front). */
export function authorize(request: FastifyRequest, action: Action, resource?: Resource): void {
  if (!can(request.actor, action, resource)) throw new ForbiddenError();
}

/** A `?next=` target, only if it is a path on this site; anything else (other hosts, `//x`, `/\x`) gives undefined. */
export function localPath(next: unknown): string | undefined {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return;
  try {
    const url = new URL(next, 'http://local.invalid');
    if (url.origin !== 'http://local.invalid') return;
    return `${url.pathname}${url.search}`;
  } catch {
    return;
  }
}

/** The resource of province-wide settings (the calendar, the catalogue): the root agency, so only its admins pass. */
export function provinceResource(db: Db): () => Promise<Resource> {
  return async () => {
    const root = (await listAgencies(db.kysely)).find((a) => !a.parentId);
    if (!root) throw new NotFoundError();
    return { type: 'agency', agencyId: root.id };
  };
}
