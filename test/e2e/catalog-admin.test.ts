import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCatalog } from '../../src/modules/catalog/demo-catalog.ts';
import { axeViolations, type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('catalogue administration in a browser', () => {
  it('the province administrator creates a procedure with an e-form, previews it and publishes it', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1024, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`${h.baseUrl}/login`);
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('motcua@2026');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('link', { name: 'Quản trị danh mục thủ tục hành chính' }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Tạo thủ tục mới' }).click();
    expect(await axeViolations(page)).toEqual([]);

    const code = '1.900500.000.00.00.H08';
    const base = demoCatalog.find((p) => p.cases.some((c) => c.form.sections.length > 0))!;
    const definition = { ...structuredClone(base), code, name: 'Cấp giấy xác nhận thử nghiệm trong trình duyệt' };
    // A first attempt with a negative fee is refused with the path of the problem next to the editor.
    const broken = structuredClone(definition);
    broken.cases[0]!.fees = [
      { ...(broken.cases[0]!.fees[0] ?? { code: 'LP', name: 'Lệ phí', kind: 'fixed' }), amount: -1 } as never,
    ];
    await page.getByLabel('Định nghĩa thủ tục (JSON)').fill(JSON.stringify(broken, null, 2));
    await page.getByRole('button', { name: 'Tạo dự thảo' }).click();
    await expect(page.locator('.problems').textContent()).resolves.toContain('cases.0.fees.0.amount');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Định nghĩa thủ tục (JSON)').fill(JSON.stringify(definition, null, 2));
    await page.getByRole('button', { name: 'Tạo dự thảo' }).click();
    await page.waitForURL(`**/admin/catalog/${code}?saved=1`);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${h.baseUrl}/admin/catalog/${code}/preview`);
    await expect(page.locator('h1').textContent()).resolves.toContain(definition.name);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${h.baseUrl}/admin/catalog/${code}`);
    await page.getByRole('button', { name: 'Công bố dự thảo' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Đã công bố phiên bản 1.');

    const publicPage = await context.newPage();
    await publicPage.goto(`${h.baseUrl}/procedures?q=${encodeURIComponent('xac nhan thu nghiem trinh duyet')}`);
    await publicPage.getByRole('link', { name: definition.name }).click();
    await expect(publicPage.locator('h1').textContent()).resolves.toBe(definition.name);
    expect(await axeViolations(publicPage)).toEqual([]);
    await context.close();
  });
});
