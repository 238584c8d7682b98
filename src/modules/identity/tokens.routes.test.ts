import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import * as agencies from '../agencies/agencies.service.ts';

let t: TestApp;
let admin: Browser;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  admin = new Browser(t.app);
  await admin.login('quantri', t.config.demoPassword);
});
afterAll(() => t.cleanup());

const agenciesWith = (secret: string) =>
  t.app.inject({ url: '/api/v1/agencies', headers: { authorization: `Bearer ${secret}` } });

describe('API tokens', () => {
  it('are shown once, stored hashed, scoped to an agency sub-tree and its actions, and can be revoked', async () => {
    const city = await agencies.findAgency(t.db.kysely, '000.00.21.H08');
    const bad = await admin.submit('/admin/tokens', '/admin/tokens', { name: 'K', agencyId: city?.id ?? '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Chọn ít nhất một thao tác');

    const res = await admin.submit('/admin/tokens', '/admin/tokens', {
      name: 'Kiosk tra cứu Thủ Dầu Một',
      agencyId: city?.id ?? '',
      actions: ['agency.read', 'dossier.read'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const secret = /(motcua_[A-Za-z0-9_-]{43})/.exec(res.body)?.[1] ?? '';
    expect(secret).not.toBe('');
    const stored = await t.db.kysely.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect((await admin.get('/admin/tokens')).body).not.toContain(secret);

    const list = await agenciesWith(secret);
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .map((a: { identifier: string }) => a.identifier)
        .sort(),
    ).toEqual(['000.00.21.H08', '000.01.21.H08']);
    // Tokens are not people: no account, no form posts.
    expect((await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(
      403,
    );
    expect((await agenciesWith('motcua_not-a-real-token')).statusCode).toBe(401);

    const id = stored[0]?.id ?? '';
    expect((await admin.submit('/admin/tokens', `/admin/tokens/${id}/revoke`, {})).statusCode).toBe(303);
    expect((await agenciesWith(secret)).statusCode).toBe(401);
  });
});
