import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfFlatText } from '../../src/modules/documents/test-support.ts';
import { deathRegistration, pdfBytes, pngBytes } from '../../src/modules/dossiers/dossiers.http-testkit.ts';
import { accessibilityProblems, type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const CODE = deathRegistration.procedureCode;
const answers: Record<string, string> = {
  'form.fullName': 'Nguyễn Văn An',
  'form.birthDate': '1990-05-12',
  'form.idNumber': '074090001234',
  'form.phone': '0912345678',
  'form.residence.detail': 'Số 12 đường Yersin',
  'form.residence.commune': 'Phường Phú Thọ',
  'form.residence.province': 'Tỉnh Bình Dương',
};
const deceased: Record<string, string> = {
  'form.deceasedName': 'Nguyễn Văn Bảy',
  'form.deceasedBirthDate': '1940-01-02',
  'form.deceasedIdNumber': '074040001111',
  'form.deathDate': '2026-11-20',
  'form.deathPlace': 'Bệnh viện Đa khoa tỉnh Bình Dương',
  'form.deathNoticeNumber': '125/GBT',
};

/** Sessions browsing without JavaScript. */
const scriptless = new WeakSet<BrowserContext>();

/**
 * axe and the overflow check, at 360 px. axe needs scripts: a page of a session without them is checked at the same
 * URL in a script-enabled page of the same session (a page showing a refused post is checked in the scripted test).
 */
async function expectAccessible(page: Page) {
  let checked = page;
  let mirror: BrowserContext | undefined;
  if (scriptless.has(page.context())) {
    mirror = await h.browser.newContext({
      viewport: { width: 360, height: 740 },
      storageState: await page.context().storageState(),
    });
    checked = await mirror.newPage();
    await checked.goto(page.url());
  }
  expect(await accessibilityProblems(checked)).toEqual([]);
  await mirror?.close();
}

/** A new session (its own cookies) at 360 px, signed in as the demo citizen. */
async function citizen(javaScriptEnabled: boolean): Promise<Page> {
  const context = await h.browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled });
  if (!javaScriptEnabled) scriptless.add(context);
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  await page.goto(`${h.baseUrl}/login`);
  await page.getByLabel('Tên đăng nhập').fill('congdan');
  await page.getByLabel('Mật khẩu', { exact: true }).fill('motcua@2026');
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

async function fill(page: Page, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) await page.locator(`[name="${name}"]`).fill(value);
}

async function heading(page: Page): Promise<string> {
  return ((await page.locator('h1').textContent()) ?? '').trim();
}

/** From the procedure page to the first e-form section. */
async function startApplication(page: Page, audit = true) {
  await page.goto(`${h.baseUrl}/procedures/${CODE}`);
  await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
  expect(await heading(page)).toBe('Chọn trường hợp nộp hồ sơ');
  if (audit) await expectAccessible(page);
  await page.getByLabel('Đăng ký khai tử đúng hạn').check();
  await page.getByRole('button', { name: 'Bắt đầu' }).click();
  expect(await heading(page)).toBe('Thông tin người nộp hồ sơ');
  if (audit) await expectAccessible(page);
}

async function fillSections(page: Page) {
  await fill(page, answers);
  await page.locator('[name="form.relationship"]').selectOption('con');
  await page.getByRole('button', { name: 'Lưu và tiếp tục', exact: true }).click();
  expect(await heading(page)).toBe('Người chết');
  await fill(page, deceased);
  await page.getByRole('button', { name: 'Lưu và tiếp tục', exact: true }).click();
  expect(await heading(page)).toBe('Thành phần hồ sơ');
}

/** Delivery, check (refused once without the declaration) and submit; axe on each page when `audit`. */
async function deliverAndSubmit(page: Page, audit: boolean): Promise<string> {
  expect(await heading(page)).toBe('Hình thức nhận kết quả');
  if (audit) await expectAccessible(page);
  await page.getByLabel('Nhận bản điện tử trên tài khoản dịch vụ công').check();
  await page.getByRole('button', { name: 'Lưu và tiếp tục', exact: true }).click();
  expect(await heading(page)).toBe('Kiểm tra thông tin trước khi nộp');
  if (audit) await expectAccessible(page);
  // Submitting without the declaration is refused next to the box.
  await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
  await expect(page.locator('.error-summary').first().textContent()).resolves.toContain('cam đoan');
  if (audit && !scriptless.has(page.context())) await expectAccessible(page);
  await page.getByLabel(/Tôi xin cam đoan/).check();
  await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
  expect(await heading(page)).toBe('Đã nộp hồ sơ');
  await expectAccessible(page);
  return ((await page.locator('.dossier-code').textContent()) ?? '').trim();
}

describe('applying online at 360 px', () => {
  let draftsBefore = 0;
  it('without scripts: starts an application and saves it for later', async () => {
    const first = await citizen(false);
    await startApplication(first);
    await fill(first, answers);
    await first.locator('[name="form.relationship"]').selectOption('con');
    await first.getByRole('button', { name: 'Lưu và tiếp tục sau' }).click();
    expect(await heading(first)).toBe('Đã lưu hồ sơ đang khai');
    await expectAccessible(first);
    draftsBefore = 1;
    await first.context().close();
  }, 300_000);

  it('without scripts: resumes in a second session, uploads, submits and downloads the PDF copy', async () => {
    expect(draftsBefore).toBe(1);
    const second = await citizen(false);
    await second.goto(`${h.baseUrl}/my-dossiers/drafts`);
    expect(await heading(second)).toBe('Hồ sơ đang khai');
    await expectAccessible(second);
    await second
      .getByRole('link', { name: /Tiếp tục.*Đăng ký khai tử/ })
      .first()
      .click();
    expect(await heading(second)).toBe('Người chết');
    await expectAccessible(second);
    await fill(second, deceased);
    await second.getByRole('button', { name: 'Lưu và tiếp tục', exact: true }).click();
    expect(await heading(second)).toBe('Thành phần hồ sơ');
    await expectAccessible(second);
    await second.locator('[name="file.TO_KHAI"]').setInputFiles({
      name: 'to-khai.pdf',
      mimeType: 'application/pdf',
      buffer: pdfBytes(1),
    });
    await second.locator('[name="file.GIAY_BAO_TU"]').setInputFiles({
      name: 'giay-bao-tu.png',
      mimeType: 'image/png',
      buffer: pngBytes,
    });
    await second.getByRole('button', { name: 'Lưu và tiếp tục', exact: true }).click();
    const code = await deliverAndSubmit(second, true);
    expect(code).toMatch(/^000\.01\.21\.H08-\d{6}-\d{4}$/);

    const href = (await second.getByRole('link', { name: /Tải bản sao hồ sơ/ }).getAttribute('href')) ?? '';
    const res = await second.request.get(`${h.baseUrl}${href}`);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const text = await pdfFlatText(await res.body());
    for (const expected of [code, 'Đăng ký khai tử', 'Nguyễn Văn Bảy', 'to-khai.pdf', 'giay-bao-tu.png']) {
      expect(text).toContain(expected);
    }
    await second.context().close();
  }, 300_000);

  it('with scripts: a chosen file uploads at once and shows in the list', async () => {
    const page = await citizen(true);
    await startApplication(page, false);
    await fillSections(page);
    await page.locator('[name="file.TO_KHAI"]').setInputFiles({
      name: 'to-khai-2.pdf',
      mimeType: 'application/pdf',
      buffer: pdfBytes(2),
    });
    await expect(page.locator('.file-list').first().textContent()).resolves.toContain('to-khai-2.pdf');
    await page.locator('[name="file.GIAY_BAO_TU"]').setInputFiles({
      name: 'anh-giay-bao-tu.png',
      mimeType: 'image/png',
      buffer: pngBytes,
    });
    await page.locator('img.thumbnail').waitFor();
    await page.waitForLoadState();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Lưu và tiếp tục', exact: true }).click();
    const code = await deliverAndSubmit(page, true);
    expect(code).toMatch(/^000\.01\.21\.H08-\d{6}-\d{4}$/);
    await page.context().close();
  }, 300_000);
  it('with scripts: a wrong value is explained beside its field before anything is sent; without, the server says the same', async () => {
    const page = await citizen(true);
    await startApplication(page, false);
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });
    const phone = page.locator('[name="form.phone"]');
    await phone.fill('12345');
    await phone.press('Tab');
    const phoneError = page.locator('#f-form-phone-error');
    await expect(phoneError.textContent()).resolves.toContain('Số điện thoại di động không hợp lệ');
    expect(await phone.getAttribute('aria-invalid')).toBe('true');
    expect(await phone.getAttribute('aria-describedby')).toContain('f-form-phone-error');
    await expectAccessible(page);
    // Corrected, the message goes.
    await phone.fill('0912345678');
    await phone.press('Tab');
    expect(await phoneError.count()).toBe(0);
    expect(await phone.getAttribute('aria-invalid')).toBeNull();

    // "Continue" with a wrong number and an empty date: the summary links to both, and nothing is posted.
    await phone.fill('12345');
    await page.locator('[name="form.birthDate"]').fill('');
    await page.getByRole('button', { name: 'Lưu và tiếp tục', exact: true }).click();
    const summary = page.locator('.error-summary');
    await expect(summary.textContent()).resolves.toContain('Có lỗi cần sửa');
    expect(await summary.locator('a[href="#f-form-phone"]').count()).toBe(1);
    expect(await summary.locator('a[href="#f-form-birthDate"]').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(posts).toEqual([]);
    await expectAccessible(page);
    const inline = ((await phoneError.textContent()) ?? '').trim();
    await page.context().close();

    // Without scripts the same value reaches the server, which answers with the same words in the same place.
    const plain = await citizen(false);
    await startApplication(plain, false);
    await fill(plain, { ...answers, 'form.phone': '12345' });
    await plain.getByRole('button', { name: 'Lưu và tiếp tục', exact: true }).click();
    expect(await heading(plain)).toBe('Thông tin người nộp hồ sơ');
    expect(((await plain.locator('#f-form-phone-error').textContent()) ?? '').trim()).toBe(inline);
    await expect(plain.locator('.error-summary').textContent()).resolves.toContain(
      'Số điện thoại di động không hợp lệ',
    );
    await plain.context().close();
  }, 300_000);
});
