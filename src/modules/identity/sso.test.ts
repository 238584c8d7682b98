import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import * as accounts from './accounts.service.ts';
import * as identity from './identity.service.ts';
import type { SsoIdentity } from './sso.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.cleanup());

const person = (subject: string, identityNumber: string): SsoIdentity => ({
  subject,
  fullName: 'Nguyễn Thị Mai',
  identityNumber,
  dateOfBirth: '1985-06-15',
  address: 'Phường Phú Cường, Thủ Dầu Một',
  phone: '0912000111',
  email: null,
});

describe('SSO accounts', () => {
  it('creates a citizen with verified fields, then finds the same account by subject', async () => {
    const id = await accounts.signInWithSso(t.db.kysely, person('s-1', '074185000123'), null);
    const profile = await accounts.getProfile(t.db.kysely, id);
    expect(profile).toMatchObject({ kind: 'citizen', username: '074185000123', fullName: 'Nguyễn Thị Mai' });
    expect(profile.verified).toEqual(['fullName', 'identityNumber', 'dateOfBirth', 'address']);
    expect(await accounts.signInWithSso(t.db.kysely, person('s-1', '074185000123'), null)).toBe(id);
  });

  it('never links to a password account on a self-entered CCCD, only to the signed-in owner', async () => {
    const owner = await identity.createUser(t.db.kysely, {
      username: 'tu.khai@example.vn',
      kind: 'citizen',
      password: 'mot-mat-khau-dai',
      fullName: 'Người tự khai',
    });
    await accounts.updateProfile(t.db.kysely, owner.id, { identityNumber: '079090001122' }, t.config.baseUrl);
    const stranger = await accounts.signInWithSso(t.db.kysely, person('s-2', '079090001122'), null);
    expect(stranger).not.toBe(owner.id);
    const linked = await accounts.signInWithSso(t.db.kysely, person('s-3', '001298004455'), owner.id);
    expect(linked).toBe(owner.id);
  });

  it('explains that SSO is unavailable when no issuer is configured, and refuses a callback it did not start', async () => {
    const start = await t.app.inject({ url: '/auth/sso', headers: { accept: 'text/html' } });
    expect(start.statusCode).toBe(503);
    expect(start.body).toContain('Chưa đăng nhập được bằng tài khoản định danh điện tử');
    const callback = await t.app.inject({ url: '/auth/sso/callback?code=x&state=y', headers: { accept: 'text/html' } });
    expect(callback.statusCode).toBe(400);
  });
});
