import { authenticator } from 'otplib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const password = 'motcua@2026';

async function login(page: Page, username: string, pass: string, totp = '') {
  await page.goto(`${h.baseUrl}/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(pass);
  if (totp) await page.getByLabel('Mã xác thực (cán bộ)').fill(totp);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

describe('administration and officer second factor in a browser', () => {
  it('an admin builds an agency and invites an officer with a role; the officer enrols TOTP and logs in with a code', async () => {
    // The pages ship no scripts; axe itself needs JavaScript in the page, so it stays on.
    const context = await h.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    page.setDefaultTimeout(5000);

    await page.goto(`${h.baseUrl}/login`);
    await expectAccessible(page);
    await login(page, 'quantri', password);
    await expect(page.locator('h1').textContent()).resolves.toBe('Trang làm việc của cán bộ');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Cơ quan, đơn vị' }).click();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Thêm cơ quan, đơn vị' }).click();
    await expectAccessible(page);
    await page
      .getByLabel('Cơ quan cấp trên')
      .selectOption({ label: 'Ủy ban nhân dân tỉnh Bình Dương (000.00.00.H08)' });
    await page.getByLabel('Mã định danh điện tử').fill('000.00.20');
    await page.getByLabel('Tên cơ quan, đơn vị').fill('Sở Nội vụ');
    await page.getByRole('button', { name: 'Lưu' }).click();
    // The error summary links to the field.
    await expect(page.locator('.error-summary a').first().getAttribute('href')).resolves.toBe('#f-identifier');
    await expectAccessible(page);
    await page.getByLabel('Mã định danh điện tử').fill('000.00.20.H08');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Đã thêm cơ quan');
    await page.getByRole('link', { name: 'Sở Nội vụ' }).click();
    await expectAccessible(page);

    await page.goto(`${h.baseUrl}/admin/officers`);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Mời cán bộ' }).click();
    await expectAccessible(page);
    await page.getByLabel('Họ và tên').fill('Đinh Văn Khoa');
    await page.getByLabel('Tên đăng nhập').fill('dinh.khoa');
    await page.getByLabel('Thư điện tử công vụ').fill('khoa.dinh@binhduong.gov.vn');
    await page.getByLabel('Cơ quan').selectOption({ label: 'Sở Nội vụ (000.00.20.H08)' });
    await page.getByLabel('Vai trò').selectOption({ label: 'Tiếp nhận hồ sơ (một cửa)' });
    await page.getByRole('button', { name: 'Gửi thư mời' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Đinh Văn Khoa');
    await expectAccessible(page);
    // A second role, in the browser.
    await page.getByLabel('Cơ quan').selectOption({ label: 'Sở Nội vụ (000.00.20.H08)' });
    await page.getByLabel('Vai trò').selectOption({ label: 'Thu phí, lệ phí' });
    await page.getByRole('button', { name: 'Phân vai trò' }).click();
    await expect(page.locator('.role-list').textContent()).resolves.toContain('Thu phí, lệ phí – Sở Nội vụ');
    await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();

    const mail = await h.server.mailSink?.waitFor('khoa.dinh@binhduong.gov.vn', /set-password/);
    const link = /(http:\/\/\S+\/set-password\?token=\S+)/.exec(mail?.text ?? '')?.[1] ?? '';
    await page.goto(link);
    await expectAccessible(page);
    await page.getByLabel('Mật khẩu', { exact: true }).fill('mot-cau-mat-khau-dai');
    await page.getByLabel('Nhập lại mật khẩu').fill('mot-cau-mat-khau-dai');
    await page.getByRole('button', { name: 'Lưu mật khẩu' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Đã đặt mật khẩu');

    await login(page, 'dinh.khoa', 'mot-cau-mat-khau-dai');
    await expect(page.locator('h1').textContent()).resolves.toBe('Đăng ký xác thực hai lớp');
    await expectAccessible(page);
    const secret = ((await page.locator('#totp-secret').textContent()) ?? '').replace(/\s/g, '');
    await page.getByLabel('Mã xác thực').fill(authenticator.generate(secret));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Trang làm việc của cán bộ');
    await expect(page.locator('table').textContent()).resolves.toContain('Sở Nội vụ');
    await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();

    // Without the code the login fails; with a fresh code it works.
    await login(page, 'dinh.khoa', 'mot-cau-mat-khau-dai');
    await expect(page.locator('.error-summary').textContent()).resolves.toContain('không đúng');
    await expectAccessible(page);
    // The enrolment code's time step is spent; the next step's code is within the accepted drift.
    const next = authenticator.clone({ epoch: Date.now() + 30_000 }).generate(secret);
    await login(page, 'dinh.khoa', 'mot-cau-mat-khau-dai', next);
    await expect(page.locator('h1').textContent()).resolves.toBe('Trang làm việc của cán bộ');
    await context.close();
  });

  it('registration, password reset, account and API token pages pass axe', async () => {
    const context = await h.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    for (const path of ['/register', '/password-reset']) {
      await page.goto(`${h.baseUrl}${path}`);
      await expectAccessible(page);
    }
    await page.goto(`${h.baseUrl}/register`);
    await page.getByRole('button', { name: 'Đăng ký' }).click();
    await expectAccessible(page);
    await login(page, 'congdan', password);
    await expect(page.locator('h1').textContent()).resolves.toBe('Thông tin tài khoản');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
    await login(page, 'quantri', password);
    await page.goto(`${h.baseUrl}/admin/tokens`);
    await page.getByLabel('Tên gợi nhớ').fill('Kiosk tra cứu');
    await page
      .getByLabel('Cơ quan', { exact: true })
      .selectOption({ label: 'Ủy ban nhân dân tỉnh Bình Dương (000.00.00.H08)' });
    await page.getByLabel('Xem hồ sơ').check();
    await page.getByRole('button', { name: 'Tạo mã' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('motcua_');
    await expectAccessible(page);
    await context.close();
  });
});
