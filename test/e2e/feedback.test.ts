import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfBytes } from '../../src/modules/dossiers/dossiers.http-testkit.ts';
import { accessibilityProblems, type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

/**
 * axe needs scripts: a page shown with scripts off is checked as rendered (its HTML, on the same origin) in a page with
 * scripts on, at the same phone size. Nothing may overflow sideways.
 */
async function expectAccessible(page: Page) {
  const context = await h.browser.newContext({ viewport: { width: 360, height: 740 } });
  const checked = await context.newPage();
  await checked.goto(`${h.baseUrl}/feedback`);
  await checked.setContent(await page.content(), { waitUntil: 'load' });
  expect(await accessibilityProblems(checked)).toEqual([]);
  await context.close();
}

/** A phone-sized browser without JavaScript: every step of the citizen's journey must work with plain forms. */
async function citizenPage(): Promise<Page> {
  const context = await h.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  return page;
}

async function act(page: Page, button: string, fill: Record<string, string> = {}) {
  for (const [label, value] of Object.entries(fill)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect(page.getByRole('status').textContent()).resolves.toBe(`Đã thực hiện: ${button}.`);
  await expectAccessible(page);
}

const statusOf = (page: Page) => page.locator('.facts dd strong').first().textContent();

describe('feedback and petitions, in a browser', () => {
  it('a citizen sends a petition without JavaScript, the office answers and publishes it, the citizen reads and rates it', async () => {
    // The citizen sends a petition with an attachment from a phone with scripts off.
    const citizen = await citizenPage();
    await citizen.goto(`${h.baseUrl}/feedback`);
    await expectAccessible(citizen);
    await citizen.getByRole('link', { name: 'Gửi phản ánh, kiến nghị' }).first().click();
    await expectAccessible(citizen);
    // Sent empty first: the three required fields say what is missing, next to each field.
    await citizen.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await expect(citizen.locator('.error-summary li').allTextContents()).resolves.toEqual([
      'Vui lòng nhập địa chỉ.',
      'Vui lòng nhập số điện thoại.',
      'Vui lòng nhập tóm tắt nội dung phản ánh.',
    ]);
    await expectAccessible(citizen);
    await citizen.getByLabel('Họ và tên').fill('Trương Thị Mai');
    await citizen.getByLabel('Địa chỉ (bắt buộc)').fill('Số 12 đường 30/4, phường Phú Hòa, Thủ Dầu Một');
    await citizen.getByLabel('Số điện thoại (bắt buộc)').fill('0918 246 802');
    await citizen.getByLabel('Thư điện tử').fill('mai@example.vn');
    await citizen.getByLabel('Nội dung phản ánh, kiến nghị về').selectOption('officer_conduct');
    await citizen.getByLabel('Mã thủ tục hoặc mã hồ sơ liên quan').fill('000.00.01.H08-261120-0003');
    await citizen.getByLabel('Tiêu đề').fill('Cán bộ tiếp nhận yêu cầu nộp thêm giấy tờ');
    await citizen
      .getByLabel('Tóm tắt nội dung (bắt buộc)')
      .fill('Cán bộ Nguyễn Văn K yêu cầu nộp bản sao sổ hộ khẩu dù thủ tục không yêu cầu.');
    await citizen
      .getByLabel('Nội dung chi tiết')
      .fill('Ngày 20/11 tôi nộp hồ sơ tại quầy số 5, gọi tôi qua 0918 246 802.');
    await citizen
      .getByLabel('Tài liệu kèm theo')
      .setInputFiles({ name: 'bien-nhan.pdf', mimeType: 'application/pdf', buffer: pdfBytes(7) });
    await citizen.getByLabel(/Tôi đồng ý để nội dung phản ánh/).check();
    await citizen.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await expect(citizen.locator('h1').textContent()).resolves.toBe('Đã gửi phản ánh, kiến nghị');
    await expectAccessible(citizen);
    const code = (await citizen.locator('.secret').textContent()) ?? '';
    expect(code).toMatch(/^PA-H08-\d{4}-\d{6}$/);
    const confirmation = await h.server.mailSink?.waitFor(
      'mai@example.vn',
      new RegExp(`Đã nhận phản ánh, kiến nghị ${code}`),
    );
    expect(confirmation?.text).toContain(code);

    // The procedure-control office handles it.
    const context = await h.browser.newContext({ viewport: { width: 360, height: 740 } });
    const office = await context.newPage();
    office.setDefaultTimeout(5000);
    await office.goto(`${h.baseUrl}/login`);
    await office.getByLabel('Tên đăng nhập').fill('kiemsoat');
    await office.getByLabel('Mật khẩu', { exact: true }).fill('motcua@2026');
    await office.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await office.getByRole('link', { name: 'Phản ánh, kiến nghị' }).last().click();
    await expect(office.locator('h1').textContent()).resolves.toBe('Phản ánh mới');
    await expectAccessible(office);
    await office.getByRole('link', { name: code }).click();
    await expect(office.locator('h1').textContent()).resolves.toBe(`Phản ánh ${code}`);
    await expectAccessible(office);
    await expect(office.getByRole('link', { name: 'bien-nhan.pdf' }).count()).resolves.toBe(1);
    await expect(statusOf(office)).resolves.toBe('Mới tiếp nhận');

    await act(office, 'Tiếp nhận xử lý');
    await expect(statusOf(office)).resolves.toBe('Đã tiếp nhận xử lý');
    await office.getByLabel('Cơ quan xử lý').selectOption('000.00.01.H08');
    await act(office, 'Chuyển cơ quan xử lý');
    await expect(statusOf(office)).resolves.toBe('Đang xử lý ở cơ quan');
    await act(office, 'Ghi nội dung trả lời', {
      'Nội dung trả lời':
        'Trung tâm đã làm việc với cán bộ tiếp nhận. Thủ tục không yêu cầu bản sao sổ hộ khẩu; hồ sơ của bà đã được tiếp nhận lại.',
    });
    await expect(statusOf(office)).resolves.toBe('Chờ công khai');
    // Moderation: the officer's name and the phone number are taken out of the published question.
    await act(office, 'Biên tập nội dung công khai', {
      'Tiêu đề công khai': 'Yêu cầu nộp giấy tờ không có trong thành phần hồ sơ',
      'Nội dung phản ánh được công khai': 'Cán bộ tiếp nhận yêu cầu nộp bản sao sổ hộ khẩu dù thủ tục không yêu cầu.',
    });
    await expect(office.getByText('Cán bộ Nguyễn Văn K yêu cầu').count()).resolves.toBe(1);
    await act(office, 'Công khai câu trả lời');
    await expect(statusOf(office)).resolves.toBe('Đã công khai');

    // The public page shows the edited question and the answer, found without diacritics.
    const reader = await citizenPage();
    await reader.goto(`${h.baseUrl}/feedback`);
    await reader.getByLabel('Tìm kiếm').fill('giay to khong co trong thanh phan');
    await reader.getByLabel('Nội dung phản ánh, kiến nghị về').selectOption('officer_conduct');
    await reader.getByRole('button', { name: 'Lọc' }).click();
    await expectAccessible(reader);
    const article = reader.locator('article');
    await expect(article.count()).resolves.toBe(1);
    const shown = (await article.textContent()) ?? '';
    expect(shown).toContain('Yêu cầu nộp giấy tờ không có trong thành phần hồ sơ');
    expect(shown).toContain('Thủ tục không yêu cầu bản sao sổ hộ khẩu');
    expect(shown).toContain('Trung tâm Phục vụ hành chính công tỉnh Bình Dương');
    expect(shown).not.toContain('Nguyễn Văn K');
    expect(shown).not.toContain('0918 246 802');

    // The citizen reads the answer by code and verifier, and says it satisfied them.
    const answered = await h.server.mailSink?.waitFor(
      'mai@example.vn',
      new RegExp(`Phản ánh ${code} đã có câu trả lời`),
    );
    expect(answered?.text).toContain('Thủ tục không yêu cầu bản sao sổ hộ khẩu');
    await citizen.goto(`${h.baseUrl}/feedback/track?code=${code}`);
    await expectAccessible(citizen);
    await citizen.getByLabel('Mã xác thực').fill('0000');
    await citizen.getByRole('button', { name: 'Tra cứu' }).click();
    await expect(citizen.locator('.error-summary li').allTextContents()).resolves.toEqual([
      'Không tìm thấy phản ánh với mã và mã xác thực đã nhập.',
    ]);
    await citizen.getByLabel('Mã xác thực').fill('6802');
    await citizen.getByRole('button', { name: 'Tra cứu' }).click();
    await expect(citizen.locator('.facts dd strong').first().textContent()).resolves.toBe('Đã công khai');
    await expect(citizen.locator('.prose').textContent()).resolves.toContain('hồ sơ của bà đã được tiếp nhận lại');
    await expectAccessible(citizen);
    await citizen.getByRole('button', { name: 'Hài lòng', exact: true }).click();
    await expect(citizen.getByRole('status').textContent()).resolves.toBe('Cảm ơn ông/bà đã đánh giá.');
    await expect(citizen.getByText('Ông/bà đã đánh giá: hài lòng.').count()).resolves.toBe(1);
    await expectAccessible(citizen);
    const api = await (await citizen.request.get(`${h.baseUrl}/api/v1/feedback/${code}?verifier=6802`)).json();
    expect(api).toMatchObject({ status: 'published', satisfied: true, mayRate: false });
    await context.close();
  }, 240_000);
});
