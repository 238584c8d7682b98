import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { Browser } from '../../testing/http.ts';
import { deliverMail, linkIn } from '../../testing/mail.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import * as agencies from '../agencies/agencies.service.ts';
import * as accounts from './accounts.service.ts';

const clock = fixedClock('2026-11-27T02:00:00.000Z');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true, clock });
});
afterAll(() => t.cleanup());

describe('officer invitation', () => {
  it('creates the account, mails a single-use link to set the password, then the officer logs in', async () => {
    const admin = new Browser(t.app);
    await admin.login('quantri', t.config.demoPassword);
    const planning = await agencies.findAgency(t.db.kysely, '000.00.10.H08');
    const res = await admin.submit('/admin/officers/new', '/admin/officers', {
      fullName: 'Hoàng Thị Lan',
      username: 'hoang.lan',
      email: 'lan.hoang@binhduong.gov.vn',
      agencyId: planning?.id ?? '',
      role: 'intake',
    });
    expect(res.statusCode).toBe(303);
    const detail = await admin.get(res.headers.location as string);
    expect(detail.body).toContain('Chưa đặt mật khẩu');
    expect(detail.body).toContain('Tiếp nhận hồ sơ');
    const [mail] = await deliverMail(t.db);
    expect(mail?.to).toBe('lan.hoang@binhduong.gov.vn');
    const link = linkIn(mail, '/set-password?token=');

    const officer = new Browser(t.app);
    const short = await officer.submit(link, '/set-password', {
      token: new URL(link, 'http://x').searchParams.get('token') ?? '',
      password: 'ngắn',
      confirm: 'ngắn',
    });
    expect(short.statusCode).toBe(400);
    const token = new URL(link, 'http://x').searchParams.get('token') ?? '';
    const set = await officer.submit(link, '/set-password', {
      token,
      password: 'mot-cau-dai-de-nho',
      confirm: 'mot-cau-dai-de-nho',
    });
    expect(set.statusCode).toBe(200);
    expect((await officer.get(link)).statusCode).toBe(400); // used
    const login = await officer.login('hoang.lan', 'mot-cau-dai-de-nho');
    expect(login.headers.location).toBe('/account/totp');
  });
});

describe('citizen registration', () => {
  it('registers by e-mail, verifies through the mailed link, and validates the form', async () => {
    const b = new Browser(t.app);
    const bad = await b.submit('/register', '/register', {
      kind: 'business',
      fullName: 'Công ty TNHH Ánh Dương',
      contact: 'khong-phai-email',
      taxCode: '0100109107',
      password: 'mot-mat-khau-dai',
      confirm: 'mot-mat-khau-khac',
    });
    expect(bad.statusCode).toBe(400);
    for (const field of ['contact', 'confirm']) expect(bad.body).toContain(`href="#f-${field}"`);
    const badTax = await b.submit('/register', '/register', {
      kind: 'business',
      fullName: 'Công ty TNHH Ánh Dương',
      contact: 'anhduong@example.vn',
      taxCode: '0100109107',
      password: 'mot-mat-khau-dai',
      confirm: 'mot-mat-khau-dai',
    });
    expect(badTax.body).toContain('Mã số thuế gồm 10 chữ số');

    const ok = await b.submit('/register', '/register', {
      kind: 'citizen',
      fullName: 'Trương Mỹ Linh',
      contact: 'Linh.Truong@example.vn',
      password: 'mot-mat-khau-dai',
      confirm: 'mot-mat-khau-dai',
    });
    expect(ok.body).toContain('Kiểm tra hộp thư');
    const [mail] = await deliverMail(t.db);
    const link = linkIn(mail, '/verify-email?token=');
    expect((await b.get(link)).body).toContain('Đã xác minh');
    expect((await b.get(link)).statusCode).toBe(400);
    expect((await b.login('linh.truong@example.vn', 'mot-mat-khau-dai')).headers.location).toBe('/account');

    // Registering the same address again reveals nothing on screen; its owner gets a mail.
    const again = await new Browser(t.app).submit('/register', '/register', {
      kind: 'citizen',
      fullName: 'Người khác',
      contact: 'linh.truong@example.vn',
      password: 'mot-mat-khau-dai',
      confirm: 'mot-mat-khau-dai',
    });
    expect(again.body).toContain('Kiểm tra hộp thư');
    expect((await deliverMail(t.db))[0]?.subject).toContain('đã có tài khoản');
  });

  it('registers by mobile number in national form', async () => {
    const b = new Browser(t.app);
    const ok = await b.submit('/register', '/register', {
      kind: 'citizen',
      fullName: 'Lý Văn Phúc',
      contact: '+84 386 123 456',
      password: 'mot-mat-khau-dai',
      confirm: 'mot-mat-khau-dai',
    });
    expect(ok.statusCode).toBe(200);
    expect((await b.login('0386123456', 'mot-mat-khau-dai')).statusCode).toBe(303);
  });
});

describe('password reset', () => {
  it('answers the same for unknown accounts, and its link works once and expires after an hour', async () => {
    const b = new Browser(t.app);
    const unknown = await b.submit('/password-reset', '/password-reset', { identifier: 'khong-ai@example.vn' });
    const known = await b.submit('/password-reset', '/password-reset', { identifier: 'congdan' });
    expect(unknown.body).toBe(known.body);
    const mails = await deliverMail(t.db);
    expect(mails.map((m) => m.to)).toEqual(['congdan@example.vn']);
    const link = linkIn(mails[0], '/set-password?token=');
    const token = new URL(link, 'http://x').searchParams.get('token') ?? '';

    clock.advance(61 * 60_000);
    expect((await b.get(link)).statusCode).toBe(400);
    await b.submit('/password-reset', '/password-reset', { identifier: 'congdan@example.vn' });
    const fresh = linkIn((await deliverMail(t.db))[0], '/set-password?token=');
    const freshToken = new URL(fresh, 'http://x').searchParams.get('token') ?? '';
    expect(freshToken).not.toBe(token);
    const done = await b.submit(fresh, '/set-password', {
      token: freshToken,
      password: 'mat-khau-moi-dai',
      confirm: 'mat-khau-moi-dai',
    });
    expect(done.statusCode).toBe(200);
    const replay = await b.submit('/password-reset', '/set-password', {
      token: freshToken,
      password: 'mat-khau-khac-dai',
      confirm: 'mat-khau-khac-dai',
    });
    expect(replay.statusCode).toBe(400);
    expect((await new Browser(t.app).login('congdan', 'mat-khau-moi-dai')).statusCode).toBe(303);
  });
});

describe('profile', () => {
  it('validates CCCD, phone and date of birth in Vietnamese and keeps verified fields', async () => {
    const b = new Browser(t.app);
    await b.login('0386123456', 'mot-mat-khau-dai');
    const bad = await b.submit('/account', '/account', {
      fullName: 'Lý Văn Phúc',
      identityNumber: '12345',
      dateOfBirth: '1990-02-30',
      phone: '0212345678',
      email: '',
      address: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Số căn cước công dân gồm 12 chữ số');
    expect(bad.body).toContain('Số điện thoại di động gồm 10 chữ số');
    expect(bad.body).toContain('Nhập ngày sinh có thật');
    const ok = await b.submit('/account', '/account', {
      fullName: 'Lý Văn Phúc',
      identityNumber: '074095001234',
      dateOfBirth: '1995-04-30',
      phone: '0386 123 456',
      address: 'Phường Phú Cường, Thủ Dầu Một',
      email: '',
    });
    expect(ok.statusCode).toBe(303);
    const page = await b.get('/account');
    expect(page.body).toContain('value="074095001234"');
  });

  it('does not let the user change fields verified by the identity provider', async () => {
    const user = await t.db.kysely
      .selectFrom('users')
      .select('id')
      .where('username', '=', '0386123456')
      .executeTakeFirstOrThrow();
    await t.db.kysely
      .updateTable('users')
      .set({ verified_fields: '["fullName","identityNumber"]' })
      .where('id', '=', user.id)
      .execute();
    await accounts.updateProfile(
      t.db.kysely,
      user.id,
      { fullName: 'Tên Khác', identityNumber: '001200012345' },
      t.config.baseUrl,
      clock,
    );
    const profile = await accounts.getProfile(t.db.kysely, user.id);
    expect(profile.fullName).toBe('Lý Văn Phúc');
    expect(profile.identityNumber).toBe('074095001234');
  });
});
