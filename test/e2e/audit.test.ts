import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

/** axe needs scripts: it checks the same URL, signed in as the same person, in a JavaScript-enabled page at 360 px. */
async function axeOf(context: BrowserContext, page: Page): Promise<string[]> {
  const withScripts = await h.browser.newContext({
    viewport: { width: 360, height: 740 },
    storageState: await context.storageState(),
  });
  const checked = await withScripts.newPage();
  await checked.goto(page.url());
  const violations = await axeViolations(checked);
  const overflow = await checked.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) violations.push(`page overflows sideways by ${overflow} px`);
  await withScripts.close();
  return violations;
}

describe('audit log in a browser without JavaScript', () => {
  it('an administrator change shows on /admin/audit, filtered by action, accessible at 360 px', async () => {
    const context = await h.browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${h.baseUrl}/login`);
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('motcua@2026');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();

    // An administrator change: a day off added to the 2027 calendar.
    await page.goto(`${h.baseUrl}/admin/calendar?year=2027`);
    await page.getByLabel('Ngày', { exact: true }).fill('2027-03-05');
    await page.getByLabel('Loại').selectOption('off');
    await page.getByLabel('Căn cứ').fill('Thông báo số 12/TB-UBND');
    await page.getByRole('button', { name: 'Lưu điều chỉnh' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('2027-03-05');

    await page.goto(`${h.baseUrl}/office`);
    await page.getByRole('link', { name: 'Nhật ký kiểm tra' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Nhật ký kiểm tra');
    await page.getByLabel('Thao tác').selectOption('calendar.manage');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/action=calendar\.manage/);
    const rows = page.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    const row = await rows.first().textContent();
    expect(row).toContain('quantri');
    expect(row).toContain('calendar.manage');
    expect(row).toContain('Thông báo số 12/TB-UBND');
    expect(row).toContain('303 Thành công');
    expect(await axeOf(context, page)).toEqual([]);

    // A bad date is explained next to its field.
    await page.getByLabel('Từ ngày').fill('2027-03-05');
    await page.getByLabel('Đến ngày').fill('2027-03-01');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/to=2027-03-01/);
    await expect(page.locator('.error-summary').textContent()).resolves.toContain('phải bằng hoặc sau');
    expect(await axeOf(context, page)).toEqual([]);
    await context.close();
  });
});
