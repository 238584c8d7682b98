import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfFlatText } from '../../src/modules/documents/test-support.ts';
import { applicantAn, enterpriseDossier, pdfBytes } from '../../src/modules/dossiers/dossiers.http-testkit.ts';
import { expectAccessible, type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const password = 'motcua@2026';

async function signIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  await page.goto(`${h.baseUrl}/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForLoadState();
  return { context, page };
}

/** The citizen submits the enterprise registration online through the API (the apply wizard is another page). */
async function submitOnline(page: Page): Promise<string> {
  await page.goto(`${h.baseUrl}/account`);
  const csrf = (await page.locator('input[name="_csrf"]').first().getAttribute('value')) ?? '';
  const components: Record<string, string[]> = {};
  for (const [i, code] of enterpriseDossier.components.entries()) {
    const upload = await page.request.post(`${h.baseUrl}/api/v1/files`, {
      headers: { 'x-csrf-token': csrf },
      multipart: { file: { name: `giay-${i}.pdf`, mimeType: 'application/pdf', buffer: pdfBytes(i) } },
    });
    expect(upload.status()).toBe(201);
    components[code] = [(await upload.json()).id];
  }
  const res = await page.request.post(`${h.baseUrl}/api/v1/dossiers`, {
    data: {
      procedureCode: enterpriseDossier.procedureCode,
      caseCode: enterpriseDossier.caseCode,
      channel: 2,
      submissionKey: `e2e-pay-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      applicant: applicantAn,
      form: enterpriseDossier.form,
      components,
      delivery: { method: 'electronic' },
    },
  });
  expect(res.status()).toBe(201);
  return (await res.json()).code;
}

/** Downloads the receipt linked on the page, checks its text, and opens the public check its QR code points to. */
async function checkReceipt(page: Page, amountInWords: string, method: string) {
  const link = page.getByRole('link', { name: /Tải biên lai/ }).first();
  const href = (await link.getAttribute('href')) ?? '';
  const pdf = await page.request.get(`${h.baseUrl}${href}`);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const text = await pdfFlatText(await pdf.body());
  expect(text).toContain('BIÊN LAI THU PHÍ, LỆ PHÍ');
  expect(text).toContain(amountInWords);
  expect(text).toContain(method);
  const verifyUrl = /https?:\/\/\S+\/receipts\/verify\/[\w-]+/.exec(text)?.[0] ?? '';
  expect(verifyUrl.startsWith(h.baseUrl)).toBe(true);
  const context = await h.browser.newContext({ viewport: { width: 360, height: 740 } });
  const anonymous = await context.newPage();
  await anonymous.goto(verifyUrl);
  await expect(anonymous.locator('h1').textContent()).resolves.toBe('Kiểm tra biên lai điện tử');
  await expect(anonymous.getByRole('status').textContent()).resolves.toContain('Biên lai hợp lệ');
  await expect(anonymous.locator('#receipt-amount').textContent()).resolves.toBe('150.000 đ');
  await expectAccessible(anonymous);
  await context.close();
}

/** On the fee page: pay online, choose the outcome on the simulator's bank page, land on the return page. */
async function payOnline(page: Page, code: string, outcome: 'Thành công' | 'Thất bại (không đủ số dư)') {
  await page.goto(`${h.baseUrl}/payments/${code}`);
  await expect(page.locator('h1').textContent()).resolves.toBe(`Phí, lệ phí hồ sơ ${code}`);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Thanh toán 150.000 đ qua VNPAY' }).click();
  await expect(page.locator('h1').textContent()).resolves.toBe('Ngân hàng mô phỏng');
  await expect(page.locator('#amount').textContent()).resolves.toBe('150.000 VND');
  await page.getByLabel(outcome).check();
  await page.getByRole('button', { name: 'Xác nhận' }).click();
  await page.waitForURL(/\/payments\/return/);
  await expectAccessible(page);
}

describe('fees paid through the gateway simulator and at the counter, in a browser', () => {
  it('pays one dossier online, retries another after a failure, and a cashier takes a third at the counter', async () => {
    const citizen = await signIn('congdan');
    const page = citizen.page;
    const [first, second, third] = [await submitOnline(page), await submitOnline(page), await submitOnline(page)];

    // 1. Paid online at the first go; the receipt downloads and its QR address proves it.
    await payOnline(page, first, 'Thành công');
    await expect(page.locator('h1').textContent()).resolves.toBe('Thanh toán thành công');
    await page.getByRole('link', { name: 'Về trang phí, lệ phí của hồ sơ' }).click();
    await expect(page.locator('main').textContent()).resolves.toContain('Hồ sơ đã nộp đủ phí, lệ phí.');
    await expectAccessible(page);
    await checkReceipt(page, 'Một trăm năm mươi nghìn đồng', 'Thanh toán trực tuyến (VNPAY)');

    // 2. Refused by the bank, then paid on a second attempt.
    await payOnline(page, second, 'Thất bại (không đủ số dư)');
    await expect(page.locator('h1').textContent()).resolves.toBe('Thanh toán không thành công');
    await payOnline(page, second, 'Thành công');
    await expect(page.locator('h1').textContent()).resolves.toBe('Thanh toán thành công');
    await page.goto(`${h.baseUrl}/payments/${second}`);
    await expect(page.locator('main').textContent()).resolves.toContain('không thành công');
    await expect(page.locator('#outstanding').textContent()).resolves.toBe('0 đ');
    await checkReceipt(page, 'Một trăm năm mươi nghìn đồng', 'Thanh toán trực tuyến (VNPAY)');
    await citizen.context.close();

    // 3. The cashier finds the third dossier and records a POS card payment.
    const cashier = await signIn('motcua');
    const desk = cashier.page;
    await desk.goto(`${h.baseUrl}/office/payments`);
    await expect(desk.locator('h1').textContent()).resolves.toBe('Thu phí, lệ phí');
    await expectAccessible(desk);
    await desk.getByLabel('Mã hồ sơ').fill(third);
    await desk.getByRole('button', { name: 'Tìm hồ sơ' }).click();
    await expect(desk.locator('h1').textContent()).resolves.toBe(`Thu phí hồ sơ ${third}`);
    await expectAccessible(desk);
    await desk.getByLabel('Hình thức').selectOption('pos');
    await desk.getByLabel('Mã giao dịch').fill('POS-000123');
    await desk.getByRole('button', { name: 'Ghi nhận và cấp biên lai' }).click();
    await expect(desk.getByRole('status').textContent()).resolves.toBe('Đã ghi nhận khoản nộp và cấp biên lai.');
    await expectAccessible(desk);
    await checkReceipt(desk, 'Một trăm năm mươi nghìn đồng', 'Thẻ qua máy POS tại quầy');
    await cashier.context.close();
  }, 240_000);

  it('an officer exempts a fee with a reason and the citizen then owes less; an administrator sets the agency account', async () => {
    const citizen = await signIn('congdan');
    const code = await submitOnline(citizen.page);

    // The one-stop officer, from the back-office dossier page.
    const officer = await signIn('motcua');
    const page = officer.page;
    await page.goto(`${h.baseUrl}/office/dossiers/${code}`);
    await expect(page.locator('#fees-heading').textContent()).resolves.toBe('Phí, lệ phí và miễn, giảm');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Chọn miễn, giảm phí, lệ phí' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe(`Miễn, giảm phí, lệ phí – hồ sơ ${code}`);
    await expectAccessible(page);
    await page.getByLabel('Lệ phí đăng ký doanh nghiệp').selectOption('QUA_MANG');
    await page.getByRole('button', { name: 'Lưu miễn, giảm' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Nhập lý do miễn, giảm.');
    await expectAccessible(page);
    await page.getByLabel('Lý do miễn, giảm').fill('Doanh nghiệp nộp hồ sơ qua mạng điện tử');
    await page.getByRole('button', { name: 'Lưu miễn, giảm' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Đã lưu miễn, giảm');
    await expect(page.locator('main').textContent()).resolves.toContain('Doanh nghiệp nộp hồ sơ qua mạng điện tử');
    await expectAccessible(page);
    await officer.context.close();

    // The citizen's fee page: the registration fee is exempted, the publication fee remains.
    await citizen.page.goto(`${h.baseUrl}/payments/${code}`);
    await expect(citizen.page.locator('main').textContent()).resolves.toContain(
      'miễn: Đăng ký doanh nghiệp qua mạng điện tử',
    );
    await expect(citizen.page.locator('#outstanding').textContent()).resolves.toBe('100.000 đ');
    await expect(
      citizen.page.getByRole('button', { name: 'Thanh toán 100.000 đ qua VNPAY' }).isVisible(),
    ).resolves.toBe(true);
    await expectAccessible(citizen.page);

    // The administrator gives the provincial centre its own account for transfers.
    const admin = await signIn('quantri');
    await admin.page.goto(`${h.baseUrl}/admin/payments/accounts`);
    await expectAccessible(admin.page);
    await admin.page.getByRole('link', { name: 'Trung tâm Phục vụ hành chính công tỉnh Bình Dương' }).click();
    await admin.page.getByLabel('Ngân hàng').selectOption('970436');
    await admin.page.getByLabel('Số tài khoản').fill('0071000123456');
    await admin.page.getByLabel('Tên chủ tài khoản').fill('TTPVHCC TINH BINH DUONG');
    await admin.page.getByRole('button', { name: 'Lưu tài khoản' }).click();
    await expect(admin.page.getByRole('status').textContent()).resolves.toContain('Đã lưu tài khoản');
    await expectAccessible(admin.page);
    await admin.context.close();
    await citizen.page.reload();
    await expect(citizen.page.locator('main').textContent()).resolves.toContain('0071000123456');
    await citizen.context.close();
  }, 180_000);
});
