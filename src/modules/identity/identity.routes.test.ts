import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { Browser } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import * as agencies from '../agencies/agencies.service.ts';
import * as identity from './identity.service.ts';

const clock = fixedClock('2026-11-27T02:00:00.000Z');
const password = 'motcua@2026';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true, clock });
});
afterAll(() => t.cleanup());

async function apiLogin(username: string, pass = password, extra: Record<string, string> = {}, ip = '10.0.0.1') {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: pass, ...extra },
    remoteAddress: ip,
  });
}

const sidOf = (res: { cookies: { name: string; value: string }[] }) => res.cookies.find((c) => c.name === 'sid')?.value;
const me = (sid: string | undefined) => t.app.inject({ url: '/api/v1/me', cookies: sid ? { sid } : {} });

describe('login API', () => {
  it('logs in, sets an httpOnly SameSite=Lax cookie, answers /me, and logs out', async () => {
    const res = await apiLogin('quantri');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'quantri', kind: 'officer', secondFactorPending: false });
    const cookie = res.cookies.find((c) => c.name === 'sid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    const who = await me(cookie?.value);
    expect(who.statusCode).toBe(200);
    expect(who.json().roles).toEqual([expect.objectContaining({ agencyIdentifier: '000.00.00.H08', role: 'admin' })]);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: { sid: cookie?.value ?? '' },
      payload: {},
    });
    expect(out.statusCode).toBe(204);
    expect((await me(cookie?.value)).statusCode).toBe(401);
  });

  it('answers wrong password, unknown user and a locked account identically', async () => {
    const wrong = await apiLogin('lanhdao', 'not-the-password', {}, '10.0.0.2');
    const unknown = await apiLogin('nobody-here', 'whatever', {}, '10.0.0.2');
    for (let i = 0; i < 5; i++) await apiLogin('chuyenvien', 'bad', {}, '10.0.0.3');
    const locked = await apiLogin('chuyenvien', password, {}, '10.0.0.3');
    for (const res of [wrong, unknown, locked]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.cookies.find((c) => c.name === 'sid')).toBeUndefined();
    }
    expect(unknown.body).toBe(wrong.body);
    expect(locked.body).toBe(wrong.body);
    // The lock lifts after a minute, and a success clears the count.
    clock.advance(61_000);
    expect((await apiLogin('chuyenvien', password, {}, '10.0.0.3')).statusCode).toBe(200);
  });

  it('issues a new session id at every login (no fixation) and ignores ids it did not issue', async () => {
    const planted = 'attacker-chosen-session-id';
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'congdan', password },
      cookies: { sid: planted },
    });
    const sid1 = sidOf(first);
    expect(sid1).toBeDefined();
    expect(sid1).not.toBe(planted);
    expect((await me(planted)).statusCode).toBe(401);
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'congdan', password },
      cookies: { sid: sid1 ?? '' },
    });
    const sid2 = sidOf(second);
    expect(sid2).not.toBe(sid1);
    expect((await me(sid1)).statusCode).toBe(401);
    expect((await me(sid2)).statusCode).toBe(200);
  });

  it('ends a citizen session after 2 idle hours, an officer session after 30 idle minutes', async () => {
    const citizen = sidOf(await apiLogin('congdan'));
    const officer = sidOf(await apiLogin('motcua'));
    clock.advance(29 * 60_000);
    expect((await me(officer)).statusCode).toBe(200); // activity slides the idle window
    clock.advance(31 * 60_000);
    expect((await me(officer)).statusCode).toBe(401);
    expect((await me(citizen)).statusCode).toBe(200);
    clock.advance(2 * 3600_000 + 1000);
    expect((await me(citizen)).statusCode).toBe(401);
  });

  it('ends every session after 12 hours however active', async () => {
    const sid = sidOf(await apiLogin('congdan'));
    for (let h = 1; h < 12; h++) {
      clock.advance(3600_000);
      expect((await me(sid)).statusCode).toBe(200);
    }
    clock.advance(3600_000);
    expect((await me(sid)).statusCode).toBe(401);
  });

  it('logs out everywhere', async () => {
    const a = sidOf(await apiLogin('congdan'));
    const b = sidOf(await apiLogin('congdan'));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout-everywhere',
      cookies: { sid: a ?? '' },
      payload: {},
    });
    expect(res.statusCode).toBe(204);
    expect((await me(a)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(401);
  });
});

describe('login page', () => {
  it('says which accounts are demo accounts and links to SSO, registration and reset', async () => {
    const page = await new Browser(t.app).get('/login');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('tài khoản trình diễn');
    expect(page.body).toContain('<code>quantri</code>');
    for (const href of ['/auth/sso', '/register', '/password-reset']) expect(page.body).toContain(`href="${href}"`);
  });

  it('refuses a form post without or with a foreign CSRF token', async () => {
    const b = new Browser(t.app);
    await b.get('/login');
    const none = await b.post('/login', { username: 'congdan', password });
    expect(none.statusCode).toBe(403);
    expect(none.body).toContain('Biểu mẫu đã hết hạn');
    const other = new Browser(t.app);
    const otherPage = await other.get('/login');
    const foreign = /name="_csrf" value="([^"]+)"/.exec(otherPage.body)?.[1] ?? '';
    expect((await b.post('/login', { _csrf: foreign, username: 'congdan', password })).statusCode).toBe(403);
  });

  it('logs in, redirects only to local paths, and logs out with a CSRF-protected form', async () => {
    for (const [next, expected] of [
      ['//evil.example/x', '/account'],
      ['https://evil.example/', '/account'],
      ['/\\evil.example', '/account'],
      ['/account?tab=profile', '/account?tab=profile'],
    ] as const) {
      const b = new Browser(t.app);
      const res = await b.submit(`/login?next=${encodeURIComponent(next)}`, '/login', {
        username: 'congdan',
        password,
        next,
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(expected);
    }
    const b = new Browser(t.app);
    await b.login('congdan', password);
    const home = await b.get('/');
    expect(home.body).toContain('Nguyễn Văn An');
    expect(home.body).toContain('Đăng xuất');
    const sid = b.jar.cookies.get('sid');
    expect((await b.post('/logout', {})).statusCode).toBe(403);
    const out = await b.submit('/', '/logout', {});
    expect(out.statusCode).toBe(303);
    expect((await me(sid)).statusCode).toBe(401);
  });

  it('shows the same message for every failed login, with an error summary linked to the field', async () => {
    const b = new Browser(t.app);
    const res = await b.login('congdan', 'wrong password');
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('href="#f-username"');
    expect(res.body).toContain('id="f-username-error"');
    const unknown = await new Browser(t.app).login('khongco', 'wrong password');
    const message = (html: string) => /id="f-username-error"[^>]*>(.*?)<\/p>/s.exec(html)?.[1];
    expect(message(unknown.body)).toBe(message(res.body));
  });

  it('sends anonymous visitors of a protected page to the login page with a local next', async () => {
    const res = await new Browser(t.app).get('/office');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/login?next=%2Foffice');
  });
});

describe('officer second factor', () => {
  it('makes a new officer enrol TOTP before any work, then requires a fresh code at login', async () => {
    const agency = await agencies.findAgency(t.db.kysely, '000.00.10.H08');
    const user = await identity.createUser(t.db.kysely, {
      username: 'canbo.moi',
      kind: 'officer',
      password: 'a-long-password-1',
      fullName: 'Đặng Thu Hà',
    });
    await identity.grantRole(t.db.kysely, user.id, agency?.id ?? '', 'processor');

    const b = new Browser(t.app);
    const login = await b.login('canbo.moi', 'a-long-password-1');
    expect(login.headers.location).toBe('/account/totp');
    expect((await b.get('/office')).headers.location).toBe('/account/totp');
    const api = await t.app.inject({ url: '/api/v1/me', cookies: b.jar.object });
    expect(api.json().secondFactorPending).toBe(true);

    const enrol = await b.get('/account/totp');
    expect(enrol.body).toContain('otpauth://totp/');
    const secret = /secret=([A-Z2-7]+)/.exec(enrol.body)?.[1] ?? '';
    const codeAt = () => authenticator.clone({ epoch: clock.now().getTime() }).generate(secret);
    const wrong = await b.submit('/account/totp', '/account/totp', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    const ok = await b.submit('/account/totp', '/account/totp', { code: codeAt() });
    expect(ok.headers.location).toBe('/office');
    expect((await b.get('/office')).statusCode).toBe(200);

    const noCode = await apiLogin('canbo.moi', 'a-long-password-1', {}, '10.0.0.9');
    expect(noCode.statusCode).toBe(401);
    clock.advance(30_000);
    const code = codeAt();
    const withCode = await apiLogin('canbo.moi', 'a-long-password-1', { totp: code }, '10.0.0.9');
    expect(withCode.statusCode).toBe(200);
    expect(withCode.json().secondFactorPending).toBe(false);
    // The same code never works twice.
    expect((await apiLogin('canbo.moi', 'a-long-password-1', { totp: code }, '10.0.0.9')).statusCode).toBe(401);
  });
});

describe('cookies over https', () => {
  it('marks the session cookie Secure with the __Host- prefix', async () => {
    const own = await createTestApp({ demo: true, env: { MOTCUA_BASE_URL: 'https://dichvucong.example.vn' } });
    try {
      const res = await own.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'congdan', password },
      });
      const cookie = res.cookies.find((c) => c.name === '__Host-sid');
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
    } finally {
      await own.cleanup();
    }
  });
});
