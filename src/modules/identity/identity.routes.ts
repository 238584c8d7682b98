import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/types.ts';
import { UnauthorizedError } from '../../lib/errors.ts';
import { demoAccounts } from '../../seed/demo-province.ts';
import { sendPage } from '../../web/render.tsx';
import { type AccessControl, localPath } from './access.ts';
import { messagePage } from './accounts.pages.tsx';
import * as accounts from './accounts.service.ts';
import { loginPage, officePage, totpPage } from './identity.pages.tsx';
import { loginBodySchema, loginFormSchema, meSchema, totpFormSchema } from './identity.schema.ts';
import * as identity from './identity.service.ts';
import { can } from './policy.ts';
import type { SsoClient } from './sso.ts';
import { formatSecret, totpUri } from './totp.ts';

export interface IdentityRouteDeps extends Deps {
  access: AccessControl;
  sso: SsoClient;
}

interface PendingSso {
  state: string;
  nonce: string;
  verifier: string;
  next?: string;
}

/** Login limits per client address and process, on top of the lockout kept in the database. */
const loginRateLimit = { max: 30, timeWindow: '1 minute' };

export async function identityRoutes(app: App, deps: IdentityRouteDeps): Promise<void> {
  const { db, clock, config, access, sso } = deps;
  const ssoCookie = 'sso_pending';
  const ssoCookieOptions = {
    path: '/auth/sso',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.baseUrl.startsWith('https:'),
    signed: true,
  };
  const settings = { ...config.sessions, maxLoginFailures: config.maxLoginFailures };
  const demo = config.demo ? { usernames: demoAccounts.map((a) => a.username), password: config.demoPassword } : null;

  async function startLogin(request: FastifyRequest, reply: FastifyReply, input: identity.LoginInput) {
    const result = await identity.login(db.kysely, input, settings, clock);
    if (!result) return undefined;
    // A session the browser already had is ended: the new one has a fresh id (no fixation).
    if (request.sessionHash) await identity.logout(db.kysely, request.sessionHash);
    access.setSessionCookie(reply, result.token);
    return result;
  }

  function landing(user: { kind: string; totp_enrolled_at: string | null; demo: number }): string {
    if (user.kind !== 'officer') return '/account';
    return user.totp_enrolled_at || user.demo ? '/office' : '/account/totp';
  }

  // Pages

  app.get('/login', { config: { public: true }, schema: { hide: true } }, (request, reply) => {
    const next = localPath((request.query as Record<string, unknown>).next);
    return sendPage(
      request,
      reply,
      request.t('identity.login.title'),
      loginPage({ username: '', next, errors: {}, demo }),
    );
  });

  app.post(
    '/login',
    { config: { public: true, rateLimit: loginRateLimit }, schema: { hide: true } },
    async (request, reply) => {
      const form = loginFormSchema.parse(request.body ?? {});
      const next = localPath(form.next);
      const result = form.username ? await startLogin(request, reply, { ...form, ip: request.ip }) : undefined;
      if (!result) {
        const errors = { username: request.t('identity.error.loginFailed') };
        const view = loginPage({ username: form.username, next, errors, demo });
        return sendPage(request, reply, request.t('identity.login.title'), view, 401);
      }
      const target = landing(result.user);
      return reply.redirect(target === '/account/totp' ? target : (next ?? target), 303);
    },
  );

  app.post('/logout', { config: { policy: 'session.end' }, schema: { hide: true } }, async (request, reply) => {
    if (request.sessionHash) await identity.logout(db.kysely, request.sessionHash);
    access.clearSessionCookie(reply);
    return reply.redirect('/', 303);
  });

  app.post(
    '/account/logout-everywhere',
    { config: { policy: 'session.end' }, schema: { hide: true } },
    async (request, reply) => {
      if (request.actor.id) await identity.logoutEverywhere(db.kysely, request.actor.id);
      access.clearSessionCookie(reply);
      return reply.redirect('/login?signedOut=all', 303);
    },
  );

  app.get('/office', { config: { policy: 'office.view' }, schema: { hide: true } }, async (request, reply) => {
    const roles = await identity.rolesWithAgencies(db.kysely, request.actor.id ?? '');
    const view = officePage({
      roles,
      admin: can(request.actor, 'agency.create'),
      auditor: can(request.actor, 'agency.read'),
      intake: can(request.actor, 'dossier.receive'),
      petitions: can(request.actor, 'petition.handle'),
    });
    return sendPage(request, reply, request.t('identity.office.title'), view);
  });

  async function renderTotp(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: Record<string, string>,
    status = 200,
  ) {
    const user = await identity.getUser(db.kysely, request.actor.id ?? '');
    const secret = await identity.pendingTotpSecret(db.kysely, request.actor.id ?? '');
    const view = totpPage({
      secret,
      formattedSecret: secret && formatSecret(secret),
      uri: secret && totpUri(secret, user?.username ?? '', `motcua ${config.province.name}`),
      errors,
    });
    return sendPage(request, reply, request.t('identity.totp.title'), view, status);
  }

  app.get('/account/totp', { config: { policy: 'account.enrolTotp' }, schema: { hide: true } }, (request, reply) =>
    renderTotp(request, reply, {}),
  );

  app.post(
    '/account/totp',
    { config: { policy: 'account.enrolTotp', rateLimit: loginRateLimit }, schema: { hide: true } },
    async (request, reply) => {
      const form = totpFormSchema.parse(request.body ?? {});
      const ok = await identity.confirmTotp(
        db.kysely,
        request.actor.id ?? '',
        request.sessionHash ?? '',
        form.code,
        clock,
      );
      if (!ok) return renderTotp(request, reply, { code: request.t('identity.error.totpWrong') }, 400);
      return reply.redirect('/office', 303);
    },
  );

  // Single sign-on with the national electronic identity (authorization code + PKCE)

  const ssoMessage = (request: FastifyRequest, reply: FastifyReply, key: string, status: number) =>
    sendPage(
      request,
      reply,
      request.t(`${key}.title`),
      messagePage({
        title: request.t(`${key}.title`),
        paragraphs: [request.t(`${key}.text`)],
        link: { href: '/login', text: request.t('sso.backToLogin') },
      }),
      status,
    );

  app.get('/auth/sso', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    if (!sso.enabled) return ssoMessage(request, reply, 'sso.unavailable', 503);
    const next = localPath((request.query as Record<string, unknown>).next);
    let pending: Awaited<ReturnType<SsoClient['start']>>;
    try {
      pending = await sso.start(`${config.baseUrl}/auth/sso/callback`);
    } catch (error) {
      request.log.warn({ err: error }, 'SSO issuer unreachable');
      return ssoMessage(request, reply, 'sso.unavailable', 503);
    }
    const saved: PendingSso = { state: pending.state, nonce: pending.nonce, verifier: pending.verifier, next };
    reply.setCookie(ssoCookie, JSON.stringify(saved), { ...ssoCookieOptions, maxAge: 600 });
    return reply.redirect(pending.url, 303);
  });

  app.get('/auth/sso/callback', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const raw = request.cookies[ssoCookie];
    const unsigned = raw ? request.unsignCookie(raw) : undefined;
    reply.clearCookie(ssoCookie, ssoCookieOptions);
    if (!unsigned?.valid || !unsigned.value) return ssoMessage(request, reply, 'sso.failed', 400);
    const pending = JSON.parse(unsigned.value) as PendingSso;
    let userId: string;
    try {
      const person = await sso.finish(new URL(request.url, config.baseUrl), pending);
      const signedIn = request.actor.kind === 'citizen' || request.actor.kind === 'business' ? request.actor.id : null;
      userId = await accounts.signInWithSso(db.kysely, person, signedIn, clock);
    } catch (error) {
      request.log.warn({ err: error }, 'SSO login failed');
      return ssoMessage(request, reply, 'sso.failed', 400);
    }
    const session = await identity.startSessionFor(db.kysely, userId, settings, clock);
    if (!session) return ssoMessage(request, reply, 'sso.failed', 403);
    if (request.sessionHash) await identity.logout(db.kysely, request.sessionHash);
    access.setSessionCookie(reply, session.token);
    return reply.redirect(pending.next ?? '/account', 303);
  });

  // JSON API

  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true, rateLimit: loginRateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Log in: sets the session cookie',
        body: loginBodySchema,
        response: { 200: meSchema },
      },
    },
    async (request, reply) => {
      const result = await startLogin(request, reply, { ...request.body, ip: request.ip });
      if (!result) throw new UnauthorizedError('identity.error.loginFailed', 'login_failed');
      const actor = await identity.actorFor(db.kysely, result.user, result.user.totp_enrolled_at !== null);
      return me(result.user, actor.secondFactorPending);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { policy: 'session.end' }, schema: { tags: ['auth'], summary: 'End this session' } },
    async (request, reply) => {
      if (request.sessionHash) await identity.logout(db.kysely, request.sessionHash);
      access.clearSessionCookie(reply);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/auth/logout-everywhere',
    { config: { policy: 'session.end' }, schema: { tags: ['auth'], summary: 'End every session of this account' } },
    async (request, reply) => {
      if (request.actor.id) await identity.logoutEverywhere(db.kysely, request.actor.id);
      access.clearSessionCookie(reply);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/me',
    {
      config: { policy: 'account.read' },
      schema: { tags: ['auth'], summary: 'The signed-in account and its roles', response: { 200: meSchema } },
    },
    async (request) => {
      const user = await identity.getUser(db.kysely, request.actor.id ?? '');
      if (!user) throw new UnauthorizedError();
      return me(user, request.actor.secondFactorPending);
    },
  );

  async function me(user: NonNullable<Awaited<ReturnType<typeof identity.getUser>>>, secondFactorPending: boolean) {
    const roles = await identity.rolesWithAgencies(db.kysely, user.id);
    return {
      id: user.id,
      username: user.username,
      kind: user.kind,
      fullName: user.full_name,
      email: user.email,
      secondFactorPending,
      roles: roles.map((r) => ({
        agencyId: r.agencyId,
        agencyIdentifier: r.agencyIdentifier,
        agencyName: r.agencyName,
        role: r.role,
      })),
    };
  }
}
