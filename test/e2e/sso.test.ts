import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('single sign-on through the simulated national identity provider', () => {
  it('creates the citizen account on first login with verified, read-only identity fields, and finds it again', async () => {
    const context = await h.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${h.baseUrl}/login`);
    await page.getByRole('link', { name: 'Đăng nhập bằng tài khoản định danh điện tử' }).click();
    expect(page.url().startsWith(h.server.ssoSimulator?.issuer ?? 'none')).toBe(true);
    await page.getByLabel('Trần Văn Hùng – CCCD 079090001122').check();
    await page.getByRole('button', { name: 'Đồng ý và đăng nhập' }).click();
    await page.waitForURL(`${h.baseUrl}/account`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Thông tin tài khoản');
    const name = page.getByLabel('Họ và tên');
    await expect(name.inputValue()).resolves.toBe('Trần Văn Hùng');
    await expect(name.getAttribute('readonly')).resolves.not.toBeNull();
    await expect(page.getByLabel('Số căn cước công dân').inputValue()).resolves.toBe('079090001122');
    await expect(page.locator('body').textContent()).resolves.toContain('Đã xác thực qua tài khoản định danh điện tử');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();

    // The identity provider remembers its own session: the second login comes straight back.
    await page.goto(`${h.baseUrl}/login`);
    await page.getByRole('link', { name: 'Đăng nhập bằng tài khoản định danh điện tử' }).click();
    await page.waitForURL(`${h.baseUrl}/account`);
    const accounts = await h.server.db.kysely
      .selectFrom('users')
      .select('username')
      .where('sso_subject', 'is not', null)
      .execute();
    expect(accounts).toEqual([{ username: '079090001122' }]);
    await context.close();
  });
});
