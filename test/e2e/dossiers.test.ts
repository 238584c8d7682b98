import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarService, parseOfficeHours } from '../../src/modules/calendar/calendar.service.ts';
import { writtenDateTime } from '../../src/modules/documents/format.ts';
import { pdfFlatText } from '../../src/modules/documents/test-support.ts';
import { enterpriseDossier, pdfBytes, pngBytes } from '../../src/modules/dossiers/dossiers.http-testkit.ts';
import { expectAccessible, type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const password = 'motcua@2026';

async function officer(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  await page.goto(`${h.baseUrl}/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await expect(page.locator('h1').textContent()).resolves.toBe('Trang làm việc của cán bộ');
  return { context, page };
}

/** Opens a queue from the landing page, checks it, and opens the dossier from it. */
async function openFromQueue(page: Page, queue: string, code: string) {
  await page.goto(`${h.baseUrl}/office`);
  await page.getByRole('link', { name: queue, exact: true }).click();
  await expect(page.locator('h1').textContent()).resolves.toBe(queue);
  await expectAccessible(page);
  await page.getByRole('link', { name: code }).click();
  await expect(page.locator('h1').textContent()).resolves.toBe(`Hồ sơ ${code}`);
  await expectAccessible(page);
}

async function act(page: Page, button: string, fill: Record<string, string> = {}) {
  for (const [name, value] of Object.entries(fill)) await page.locator(`[name="${name}"]`).fill(value);
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect(page.getByRole('status').textContent()).resolves.toContain(`Đã thực hiện: ${button}.`);
  await expectAccessible(page);
}

const statusOf = (page: Page) => page.locator('.facts dd strong').first().textContent();

async function pdfText(page: Page, link: string): Promise<string> {
  const href = (await page.getByRole('link', { name: link }).getAttribute('href')) ?? '';
  const res = await page.request.get(`${h.baseUrl}${href}`);
  expect(res.headers()['content-type']).toBe('application/pdf');
  return pdfFlatText(await res.body());
}

describe('a dossier through the one-stop back office, in a browser', () => {
  it('is received at the counter, supplemented, processed, approved and returned, all on the timeline and the control sheet', async () => {
    // The intake officer of the one-stop centre enters a dossier brought in person.
    const intake = await officer('motcua');
    let page = intake.page;
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Tiếp nhận hồ sơ trực tiếp' }).click();
    await expectAccessible(page);
    await page.getByLabel('Thủ tục và trường hợp').selectOption(`${enterpriseDossier.procedureCode}|DNTN`);
    await page.getByLabel('Nơi tiếp nhận').selectOption('000.00.01.H08');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await expectAccessible(page);
    const { form } = enterpriseDossier;
    for (const [key, value] of Object.entries(form)) {
      if (key === 'industries' || key === 'declaration') continue;
      if (typeof value === 'object') {
        for (const [part, text] of Object.entries(value)) await page.locator(`[name="form.${key}.${part}"]`).fill(text);
      } else if (key === 'vatMethod' || key === 'deliveryMethod') {
        await page.locator(`[name="form.${key}"]`).selectOption(String(value));
      } else {
        await page.locator(`[name="form.${key}"]`).fill(String(value));
      }
    }
    await page.locator('[name="form.industries.0.industryCode"]').fill('4711');
    await page.locator('[name="form.industries.0.industryName"]').fill('Bán lẻ trong cửa hàng');
    await page.locator('[name="form.industries.0.mainIndustry"]').check();
    await page.locator('[name="form.declaration"]').check();
    await page
      .locator('[name="file.GIAY_DE_NGHI"]')
      .setInputFiles({ name: 'giay-de-nghi.pdf', mimeType: 'application/pdf', buffer: pdfBytes(1) });
    await page
      .locator('[name="file.GIAY_TO_CHU_DN"]')
      .setInputFiles({ name: 'cccd.png', mimeType: 'image/png', buffer: pngBytes });
    await page.getByRole('button', { name: 'Nhập hồ sơ' }).click();
    const heading = (await page.locator('h1').textContent()) ?? '';
    const code = heading.replace('Hồ sơ ', '');
    expect(code).toMatch(/^000\.00\.01\.H08-\d{6}-\d{4}$/);
    await expectAccessible(page);
    await expect(statusOf(page)).resolves.toBe('Mới đăng ký');

    // Accepting issues the receipt; its appointment is the deadline counted from acceptance.
    await act(page, 'Tiếp nhận hồ sơ');
    await expect(statusOf(page)).resolves.toBe('Được tiếp nhận');
    const api = await (await page.request.get(`${h.baseUrl}/api/v1/dossiers/${code}`)).json();
    const calendar = new CalendarService(h.server.db, {
      cutoff: '15:00',
      officeHours: parseOfficeHours('07:30-11:30,13:00-17:00'),
      countReceptionDay: false,
    });
    const expected = (await calendar.current()).engine.deadline(api.acceptedAt, { value: 3, unit: 'workingDays' });
    expect(api.dueAt).toBe(expected.dueAt);
    const receipt = await pdfText(page, 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF)');
    expect(receipt).toContain(code);
    expect(receipt).toContain(writtenDateTime(expected.dueAt));
    expect(receipt).toContain('Nguyễn Văn An');
    // The applicant is told by mail, with the same appointment.
    const mail = await h.server.mailSink?.waitFor(
      enterpriseDossier.form.email,
      new RegExp(`${code} đã được tiếp nhận`),
    );
    expect(mail?.text).toContain(writtenDateTime(expected.dueAt));

    // A supplement round trip: everything missing listed at once, then the paper received at the counter.
    await act(page, 'Yêu cầu bổ sung, hoàn thiện hồ sơ', {
      'request_supplement.missing': 'Bản sao căn cước có chứng thực\nChữ ký của chủ doanh nghiệp trên giấy đề nghị',
    });
    await expect(statusOf(page)).resolves.toBe('Yêu cầu bổ sung giấy tờ');
    expect(await pdfText(page, 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (PDF)')).toContain(
      'Bản sao căn cước có chứng thực',
    );
    await page.locator('[name="receive_supplement.component"]').selectOption('GIAY_TO_CHU_DN');
    await page
      .locator('[name="receive_supplement.file"]')
      .setInputFiles({ name: 'cccd-chung-thuc.pdf', mimeType: 'application/pdf', buffer: pdfBytes(2) });
    await act(page, 'Nhận hồ sơ bổ sung');
    await expect(statusOf(page)).resolves.toBe('Được tiếp nhận');
    await expect(page.getByRole('link', { name: 'cccd-chung-thuc.pdf' }).count()).resolves.toBe(1);

    // The department's leader assigns it, the processor appraises and forwards it, the leader approves it.
    const leader = await officer('lanhdao');
    await openFromQueue(leader.page, 'Mới tiếp nhận', code);
    await leader.page.locator('[name="assign.assigneeId"]').selectOption({ label: 'Lê Minh Châu' });
    await act(leader.page, 'Phân công xử lý');
    await expect(statusOf(leader.page)).resolves.toBe('Đang xử lý');

    const processor = await officer('chuyenvien');
    await openFromQueue(processor.page, 'Đang xử lý', code);
    await expect(processor.page.getByRole('button', { name: 'Phê duyệt' }).count()).resolves.toBe(0);
    await act(processor.page, 'Chuyển bước xử lý', { 'forward.comment': 'Hồ sơ hợp lệ, đề nghị cấp.' });

    await openFromQueue(leader.page, 'Đang xử lý', code);
    await act(leader.page, 'Phê duyệt');

    // The processor issues the result; the one-stop centre returns it.
    await openFromQueue(processor.page, 'Đang xử lý', code);
    await processor.page
      .locator('[name="resolve.file"]')
      .setInputFiles({ name: 'giay-chung-nhan.pdf', mimeType: 'application/pdf', buffer: pdfBytes(3) });
    await act(processor.page, 'Hoàn thành xử lý');
    await expect(statusOf(processor.page)).resolves.toBe('Đã xử lý xong');
    await h.server.mailSink?.waitFor(enterpriseDossier.form.email, new RegExp(`${code} đã có kết quả`));

    page = intake.page;
    await openFromQueue(page, 'Chờ trả kết quả', code);
    await act(page, 'Trả kết quả');
    await expect(statusOf(page)).resolves.toBe('Đã trả kết quả');
    await expect(page.getByRole('heading', { name: 'Thao tác bạn có thể thực hiện' }).count()).resolves.toBe(1);

    const timeline = (await page.locator('table.timeline').textContent()) ?? '';
    for (const step of [
      'Nộp hồ sơ',
      'Tiếp nhận hồ sơ',
      'Yêu cầu bổ sung, hoàn thiện hồ sơ',
      'Nhận hồ sơ bổ sung',
      'Phân công xử lý',
      'Chuyển bước xử lý',
      'Phê duyệt',
      'Hoàn thành xử lý',
      'Trả kết quả',
    ]) {
      expect(timeline).toContain(step);
    }
    for (const name of ['Trần Thị Bích', 'Phạm Quốc Dũng', 'Lê Minh Châu']) expect(timeline).toContain(name);

    const sheet = await pdfText(page, 'Phiếu kiểm soát quá trình giải quyết hồ sơ (PDF)');
    expect(sheet).toContain(code);
    for (const name of ['Trần Thị Bích', 'Phạm Quốc Dũng', 'Lê Minh Châu']) expect(sheet).toContain(name);
    // Eight hand-overs, one per action after the submission.
    expect(sheet).toMatch(/ 8 Sở Kế hoạch và .* Trả kết quả/);

    // The register of the one-stop centre lists the dossier.
    await page.goto(`${h.baseUrl}/office/register`);
    await expectAccessible(page);
    for (const context of [intake.context, leader.context, processor.context]) await context.close();
  });
});
