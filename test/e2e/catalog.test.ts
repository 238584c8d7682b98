import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

/**
 * axe needs scripts, so it checks the same URL in a JavaScript-enabled page at the same phone size; nothing may
 * overflow sideways there either.
 */
async function axeOf(page: Page): Promise<string[]> {
  const context = await h.browser.newContext({ viewport: { width: 360, height: 740 } });
  const checked = await context.newPage();
  await checked.goto(page.url());
  const violations = await accessibilityProblems(checked);
  await context.close();
  return violations;
}

describe('procedure catalogue in a browser without JavaScript', () => {
  it('searches from the home page, filters, and opens a procedure, with no accessibility violations', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(h.baseUrl);
    await page.getByLabel('Tìm thủ tục hành chính').fill('dang ky kinh doanh');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.waitForURL(/\/procedures\?q=dang\+ky\+kinh\+doanh/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Thủ tục hành chính');
    await expect(page.locator('.result-count').textContent()).resolves.toMatch(/^Tìm thấy \d+ thủ tục/);
    expect(await axeOf(page)).toEqual([]);

    // The filters are a plain GET form too.
    await page.getByLabel('Cấp thực hiện').selectOption('commune');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.waitForURL(/level=commune/);
    await page.getByRole('link', { name: 'Đăng ký thành lập hộ kinh doanh' }).click();
    await page.waitForURL(/\/procedures\/1\.001612\.000\.00\.00\.H08$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Đăng ký thành lập hộ kinh doanh');
    await expect(page.getByText('100.000 đ').count()).resolves.toBeGreaterThan(0);
    expect(await axeOf(page)).toEqual([]);
    await context.close();
  });
});
