/**
 * The authorisation matrix: every state-changing route (collected from the app's route table as routes register)
 * against every kind of actor. A route missing from `expected` fails the suite, so a new route needs a decision here.
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import type { App } from '../../http/types.ts';
import { systemClock } from '../../lib/clock.ts';
import { csrfFrom } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import * as agencies from '../agencies/agencies.service.ts';
import { installAccessControl, MissingRoutePolicyError } from './access.ts';
import { createApiToken } from './api-tokens.service.ts';
import * as identity from './identity.service.ts';
import type { OfficerRole } from './identity.tables.ts';
import { tokenActions } from './policy.ts';
import { startSession } from './sessions.service.ts';

type Who =
  | 'anonymous'
  | 'citizen'
  | 'business'
  | 'intake'
  | 'processor'
  | 'leader'
  | 'cashier'
  | 'petition_handler'
  | 'auditor'
  | 'admin'
  | 'agencyAdmin'
  | 'token';
const everyone: Who[] = [
  'anonymous',
  'citizen',
  'business',
  'intake',
  'processor',
  'leader',
  'cashier',
  'petition_handler',
  'auditor',
  'admin',
  'agencyAdmin',
  'token',
];
const signedIn = everyone.filter((w) => w !== 'anonymous' && w !== 'token');
const officers: Who[] = [
  'intake',
  'processor',
  'leader',
  'cashier',
  'petition_handler',
  'auditor',
  'admin',
  'agencyAdmin',
];
const admins: Who[] = ['admin', 'agencyAdmin'];
/** Only the root admin covers the target agency, officer and token, which sit outside agencyAdmin's department. */
const rootAdmin: Who[] = ['admin'];

/** Who gets past authorisation (any status but 401/403) on each state-changing route. */
const expected: Record<string, Who[]> = {
  'POST /logout': signedIn,
  'POST /account/logout-everywhere': signedIn,
  'POST /account/totp': officers,
  'POST /api/v1/auth/logout': signedIn,
  'POST /api/v1/auth/logout-everywhere': signedIn,
  'POST /account': signedIn,
  'POST /account/notifications': signedIn,
  'POST /admin/agencies': admins,
  'POST /admin/agencies/:id': rootAdmin,
  'POST /admin/agencies/:id/move': rootAdmin,
  'POST /admin/agencies/:id/deactivate': rootAdmin,
  'POST /admin/agencies/:id/activate': rootAdmin,
  'POST /admin/officers': admins,
  'POST /admin/officers/:id/roles': admins,
  'POST /admin/officers/:id/roles/remove': admins,
  'POST /admin/officers/:id/suspend': rootAdmin,
  'POST /admin/officers/:id/reactivate': rootAdmin,
  // Province-wide settings: only the root agency's administrators.
  'POST /api/v1/admin/procedures': rootAdmin,
  'PUT /api/v1/admin/procedures/:code/draft': rootAdmin,
  'POST /api/v1/admin/procedures/:code/publish': rootAdmin,
  'POST /api/v1/admin/procedures/:code/unpublish': rootAdmin,
  'POST /api/v1/admin/procedures/:code/copy': rootAdmin,
  'POST /api/v1/admin/catalog/import': rootAdmin,
  'POST /admin/catalog/import': rootAdmin,
  'POST /admin/catalog': rootAdmin,
  'POST /admin/catalog/:code/draft': rootAdmin,
  'POST /admin/catalog/:code/publish': rootAdmin,
  'POST /admin/catalog/:code/unpublish': rootAdmin,
  'POST /admin/catalog/:code/copy': rootAdmin,
  'POST /admin/calendar/overrides': rootAdmin,
  'POST /admin/calendar/overrides/:date/delete': rootAdmin,
  'POST /admin/tokens': admins,
  'POST /admin/tokens/:id/revoke': rootAdmin,
  'POST /api/v1/files': [...signedIn, 'token'],
  'POST /api/v1/dossiers': ['citizen', 'business', 'intake', 'token'],
  // An unknown dossier: everyone who may read dossiers learns only that (404); per-command roles are tested there.
  'POST /api/v1/dossiers/:code/actions': [...signedIn, 'token'],
  'POST /office/dossiers/:code/actions': [...signedIn, 'token'],
  'POST /office/intake': ['intake'],
  // Bulk assignment: officers only (each dossier is then checked on its own, see office.routes.test.ts).
  'POST /office/queues/:stage/assign': officers,
  'POST /admin/partners/dead-letters/:id/resend': rootAdmin,
  // An unknown feedback item: a petition handler learns only that (404); the item's agencies are checked there.
  'POST /office/feedback/:code/actions': ['petition_handler'],
  // The citizen's application wizard and drafts: applicants only; an unknown draft is 404 to them.
  'POST /apply/:code': ['citizen', 'business'],
  'POST /apply/d/:id/form/:section': ['citizen', 'business'],
  'POST /apply/d/:id/files': ['citizen', 'business'],
  'POST /apply/d/:id/files/remove': ['citizen', 'business'],
  'POST /apply/d/:id/delivery': ['citizen', 'business'],
  'POST /apply/d/:id/submit': ['citizen', 'business'],
  'POST /my-dossiers/drafts/:id/delete': ['citizen', 'business'],
  // As for dossier actions: an unknown dossier is a 404 for everyone; who may pay or collect is tested in payments.
  'POST /payments/:code/online': [...signedIn, 'token'],
  'POST /office/payments/:code/counter': [...signedIn, 'token'],
  'POST /office/payments/:code/refunds': [...signedIn, 'token'],
  // Exemptions: the same 404 first; only the receiving agency's intake and cashiers decide (payments route tests).
  'POST /office/payments/:code/exemptions': [...signedIn, 'token'],
  // The citizen portal: only applicants pass, and another's or an unknown dossier is 404 for them.
  'POST /my-dossiers/:code/supplement': ['citizen', 'business'],
  'POST /my-dossiers/:code/withdraw': ['citizen', 'business'],
  'POST /my-dossiers/:code/rating': ['citizen', 'business'],
  // As for the actions: an unknown dossier is 404 to whoever may read dossiers; only intake may order (postal tests).
  'POST /office/dossiers/:code/postal': [...signedIn, 'token'],
  'POST /admin/national-portal/catalogue/pull': rootAdmin,
  'POST /admin/national-portal/mappings': rootAdmin,
  'POST /admin/national-portal/mappings/:code/delete': rootAdmin,
  'POST /admin/national-portal/parked/retry': rootAdmin,
  'POST /admin/national-portal/poll': rootAdmin,
  'POST /office/payments/statement': ['cashier', 'token'],
  // An agency's account for fee transfers: its administrators (the target agency is outside agencyAdmin's).
  'POST /admin/payments/accounts/:id': rootAdmin,
  'POST /admin/payments/accounts/:id/remove': rootAdmin,
};

/** State-changing routes open to everyone (still CSRF-checked); adding one means adding it here. */
const publicRoutes = [
  'POST /login',
  'POST /api/v1/auth/login',
  'POST /register',
  'POST /password-reset',
  'POST /set-password',
  'POST /feedback/new',
  'POST /feedback/track',
  'POST /feedback/track/rating',
  'POST /api/v1/feedback',
  'POST /api/v1/feedback/:code/satisfaction',
  'POST /track',
  // Authenticated by the postal service's signature over the body.
  'POST /api/v1/postal/callbacks',
  // Authenticated by the national portal's HMAC signature, checked in the route.
  'POST /api/v1/national-portal/dossiers',
];

let t: TestApp;
const userIds = new Map<Who, string>();
let tokenSecret = '';
const target: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  const db = t.db.kysely;
  const root = await agencies.findAgency(db, '000.00.00.H08');
  const planning = await agencies.findAgency(db, '000.00.10.H08');
  const transport = await agencies.findAgency(db, '000.00.11.H08');
  const outside = await agencies.createAgency(db, {
    identifier: '000.00.98.H08',
    name: 'Sở Thử nghiệm',
    kind: 'department',
    level: 'province',
    parentId: root?.id,
  });
  target.agency = outside.id;
  const grants: [Who, OfficerRole, string | undefined][] = [
    ['intake', 'intake', planning?.id],
    ['processor', 'processor', planning?.id],
    ['leader', 'leader', planning?.id],
    ['cashier', 'cashier', planning?.id],
    ['petition_handler', 'petition_handler', planning?.id],
    ['auditor', 'auditor', root?.id],
    ['admin', 'admin', root?.id],
    ['agencyAdmin', 'admin', transport?.id],
  ];
  for (const [who, role, agencyId] of grants) {
    const u = await identity.createUser(db, { username: `m-${who}`, kind: 'officer', fullName: `Cán bộ ${who}` });
    await identity.grantRole(db, u.id, agencyId ?? '', role);
    userIds.set(who, u.id);
  }
  for (const kind of ['citizen', 'business'] as const) {
    userIds.set(kind, (await identity.createUser(db, { username: `m-${kind}`, kind, fullName: `Người ${kind}` })).id);
  }
  const victim = await identity.createUser(db, { username: 'm-victim', kind: 'officer', fullName: 'Cán bộ đích' });
  await identity.grantRole(db, victim.id, outside.id, 'processor');
  target.officer = victim.id;
  const token = await createApiToken(db, {
    name: 'Hệ thống đối tác',
    agencyId: root?.id ?? '',
    actions: tokenActions,
    createdBy: userIds.get('admin') ?? '',
  });
  tokenSecret = token.secret;
  const victimToken = await createApiToken(db, {
    name: 'Mã bị thu hồi',
    agencyId: outside.id,
    actions: ['dossier.read'],
    createdBy: userIds.get('admin') ?? '',
  });
  target.token = victimToken.token.id;
});
afterAll(() => t.cleanup());

/** Fills path parameters with records outside agencyAdmin's reach. */
function concrete(url: string): string {
  return url.replace(/:(\w+)/g, (_, name: string) => {
    if (name === 'code' && url.includes('/feedback/')) return 'PA-H08-2611-000999';
    if (name === 'code') return url.includes('/dossiers/') ? '000.00.98.H08-261124-0001' : '1.001612.000.00.00.H08';
    if (name === 'code')
      return /\/(dossiers|payments)\//.test(url) ? '000.00.98.H08-261124-0001' : '1.001612.000.00.00.H08';
    if (name === 'date') return '2027-03-05';
    if (url.includes('/dead-letters/')) return '1';
    if (name === 'section') return 'applicant';
    if (name === 'stage') return 'received';
    if (name === 'id' && /^\/(apply|my-dossiers)\//.test(url)) return '00000000-0000-4000-8000-000000000000';
    if (name === 'id' && url.startsWith('/admin/payments/accounts/')) return target.agency ?? '';
    const kind = /\/(agencies|officers|tokens)\//.exec(url)?.[1];
    const value = kind === 'agencies' ? target.agency : kind === 'officers' ? target.officer : target.token;
    if (name !== 'id' || !value) throw new Error(`matrix: no value for :${name} in ${url}`);
    return value;
  });
}

async function request(who: Who, method: string, url: string) {
  const headers: Record<string, string> = { accept: 'text/html' };
  const cookies: Record<string, string> = {};
  let csrf = '';
  if (who === 'token') {
    headers.authorization = `Bearer ${tokenSecret}`;
  } else if (who === 'anonymous') {
    const page = await t.app.inject({ url: '/login', headers: { accept: 'text/html' } });
    const anon = page.cookies.find((c) => c.name === 'csrf');
    if (anon) cookies.csrf = anon.value;
    csrf = csrfFrom(page.body);
  } else {
    const id = userIds.get(who) ?? '';
    const kind = who === 'citizen' || who === 'business' ? who : 'officer';
    const session = await startSession(
      t.db.kysely,
      { id, kind },
      { secondFactor: true },
      t.config.sessions,
      systemClock,
    );
    cookies.sid = session.token;
    const page = await t.app.inject({ url: '/', headers: { accept: 'text/html' }, cookies });
    csrf = csrfFrom(page.body);
  }
  return t.app.inject({
    method: method as 'POST',
    url,
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    cookies,
    payload: new URLSearchParams({ _csrf: csrf }).toString(),
  });
}

describe('authorisation matrix', () => {
  it('has an expectation for every state-changing route, and no stale ones', () => {
    const changing = t.app.routePolicies.filter((r) => r.method !== 'GET');
    const keys = changing.filter((r) => !r.public).map((r) => `${r.method} ${r.url}`);
    expect(keys.filter((k) => !(k in expected))).toEqual([]);
    expect(Object.keys(expected).filter((k) => !keys.includes(k))).toEqual([]);
    expect(changing.filter((r) => r.public).map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(publicRoutes),
    );
    expect(changing.filter((r) => r.public)).toHaveLength(publicRoutes.length);
  });

  const routes = Object.entries(expected);
  for (const [key, allowed] of routes) {
    it(`${key}`, async () => {
      const [method = '', url = ''] = key.split(' ');
      const outcome: Record<string, number> = {};
      for (const who of everyone) outcome[who] = (await request(who, method, concrete(url))).statusCode;
      const wanted = Object.fromEntries(
        everyone.map((who) => [who, allowed.includes(who) ? 'allowed' : who === 'anonymous' ? 401 : 403]),
      );
      const got = Object.fromEntries(
        everyone.map((who) => {
          const status = outcome[who] ?? 0;
          return [who, status === 401 || status === 403 ? status : 'allowed'];
        }),
      );
      expect(got).toEqual(wanted);
    });
  }

  it('refuses a form post without its CSRF token, even from an allowed actor', async () => {
    const id = userIds.get('citizen') ?? '';
    const session = await startSession(
      t.db.kysely,
      { id, kind: 'citizen' },
      { secondFactor: true },
      t.config.sessions,
      systemClock,
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/account/logout-everywhere',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      cookies: { sid: session.token },
      payload: '',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_failed');
  });
});

describe('route policy declaration', () => {
  it('stops the app at start-up when a state-changing route declares no policy', async () => {
    const app = Fastify() as unknown as App;
    const config = loadConfig({ MOTCUA_DATA_DIR: t.dataDir });
    installAccessControl(app, { config, db: t.db, clock: systemClock }, 'x'.repeat(32));
    app.get('/fine', async () => 'reading needs no declaration');
    expect(() => app.post('/forgot', async () => 'no policy')).toThrow(MissingRoutePolicyError);
    expect(() => app.post('/open', { config: { public: true } }, async () => '')).not.toThrow();
    expect(() => app.delete('/x', { config: { policy: 'agency.update' } }, async () => '')).not.toThrow();
    await app.close();
  });
});

/** Read-only routes with a narrower policy than their neighbours: the audit log is for administrators and auditors. */
const readExpected: Record<string, Who[]> = {
  'GET /admin/audit': ['auditor', ...admins],
  'GET /admin/audit/export.csv': ['auditor', ...admins],
};

describe('authorisation matrix: restricted reads', () => {
  for (const [key, allowed] of Object.entries(readExpected)) {
    it(`${key}`, async () => {
      const [method = '', url = ''] = key.split(' ');
      const got: Record<string, string | number> = {};
      for (const who of everyone) {
        const res = await request(who, method, url);
        const toLogin = res.statusCode === 302 && String(res.headers.location).startsWith('/login');
        got[who] = toLogin ? 401 : res.statusCode === 401 || res.statusCode === 403 ? res.statusCode : 'allowed';
      }
      const wanted = Object.fromEntries(
        everyone.map((who) => [who, allowed.includes(who) ? 'allowed' : who === 'anonymous' ? 401 : 403]),
      );
      expect(got).toEqual(wanted);
    });
  }
});
