import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDossiers } from '../../bench/dossier-generator.ts';
import { pdfFlatText } from '../../src/modules/documents/test-support.ts';
import { axeViolations, type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ MOTCUA_WORKER: '0' });
  await generateDossiers(h.server.db.kysely, { count: 2000 });
}, 180_000);
afterAll(() => h?.close());

describe('statistics in a browser', () => {
  it('the public dashboard renders from generated data with charts, tables and the summary, without a script', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${h.baseUrl}/`);
    await page.getByRole('link', { name: 'Thống kê', exact: true }).first().click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Thống kê giải quyết thủ tục hành chính');
    // Server-rendered: the charts and the filters need no script (axe, below, needs the browser's own JavaScript).
    expect(await page.locator('script').count()).toBe(0);
    const charts = page.locator('svg[role="img"]');
    expect(await page.locator('svg[role="img"] > title').allTextContents()).toEqual([
      expect.stringMatching(/^Hồ sơ tiếp nhận và đã giải quyết theo tháng/),
      expect.stringMatching(/^Tỷ lệ hồ sơ tiếp nhận trực tuyến/),
      expect.stringMatching(/^Xếp hạng cơ quan/),
      expect.stringMatching(/^Chỉ số đánh giá/),
    ]);
    const box = await charts.first().boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    await expect(page.locator('.stats-press').textContent()).resolves.toMatch(
      /^Năm \d{4}, toàn tỉnh tiếp nhận [\d.]+ hồ sơ thủ tục hành chính, trong đó hồ sơ tiếp nhận trực tuyến là [\d.]+ hồ sơ, chiếm tỷ lệ [\d,]+% .*Đơn vị có số hồ sơ giải quyết trực tuyến nhiều nhất là .+ với [\d.]+ hồ sơ\.$/,
    );
    expect(await page.getByRole('table').count()).toBeGreaterThanOrEqual(3);
    expect(await axeViolations(page)).toEqual([]);

    // The filters are a plain form: one month of the year before, one agency.
    const lastYear = String(new Date().getUTCFullYear() - 1);
    await page.getByLabel('Năm', { exact: true }).selectOption(lastYear);
    await page.getByLabel('Tháng', { exact: true }).selectOption('6');
    await page.getByRole('button', { name: 'Xem số liệu' }).click();
    await expect(page.locator('.stats-press').textContent()).resolves.toMatch(
      new RegExp(`^Tháng 6/${lastYear}, toàn tỉnh`),
    );
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  }, 180_000);

  it('an officer opens the periodic report and downloads it as a workbook and a PDF in Vietnamese', async () => {
    const context = await h.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${h.baseUrl}/login`);
    await page.getByLabel('Tên đăng nhập').fill('lanhdao');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('motcua@2026');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.goto(`${h.baseUrl}/office`);
    await page.getByRole('link', { name: 'Báo cáo thống kê' }).click();
    await page.getByLabel('Dòng theo').selectOption('procedure');
    await page.getByRole('button', { name: 'Xem báo cáo' }).click();
    await expect(page.locator('caption').first().textContent()).resolves.toContain(
      'Báo cáo kết quả giải quyết thủ tục hành chính',
    );
    expect(await axeViolations(page)).toEqual([]);

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải bảng tính (XLSX)' }).click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await readFile((await xlsx.path()) as string)).buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A3').value).toBe('BÁO CÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(sheet.getCell('G7').value).toBe('Từ kỳ trước');

    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải bản in (PDF)' }).click(),
    ]);
    const text = await pdfFlatText(await readFile((await pdf.path()) as string));
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Số hồ sơ đang giải quyết');

    await page.getByRole('link', { name: 'Xem chỉ số 766' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Chỉ số 766');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  }, 180_000);
});
