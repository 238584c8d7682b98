import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicantAn, deathRegistration, pdfBytes } from '../../src/modules/dossiers/dossiers.http-testkit.ts';
import { expectAccessible, type Harness, startHarness } from './harness.ts';

let h: Harness;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await h?.close();
});

const password = 'motcua@2026';

/**
 * A phone-sized browser. The portal's pages ship no script, so every journey is plain links and form posts; axe needs
 * script in the page, so JavaScript is switched off only where a journey is checked without it.
 */
async function phone(javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page };
}

/** Someone signed in through the JSON API; the browser context keeps the session cookie. */
async function signedIn(username: string): Promise<{ context: BrowserContext; page: Page; api: Api }> {
  const { context, page } = await phone();
  const res = await context.request.post(`${h.baseUrl}/api/v1/auth/login`, { data: { username, password } });
  expect(res.status()).toBe(200);
  return { context, page, api: new Api(context.request) };
}

/** The dossier API as the demo officers and the citizen drive it, to set the scene for each journey. */
class Api {
  constructor(readonly request: APIRequestContext) {}

  async upload(filename: string, bytes: Buffer): Promise<string> {
    const home = await (await this.request.get(`${h.baseUrl}/`, { headers: { accept: 'text/html' } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(home)?.[1] ?? '';
    const res = await this.request.post(`${h.baseUrl}/api/v1/files`, {
      headers: { 'x-csrf-token': csrf },
      multipart: { file: { name: filename, mimeType: 'application/pdf', buffer: bytes } },
    });
    expect(res.status()).toBe(201);
    return (await res.json()).id;
  }

  async submit(): Promise<string> {
    const components: Record<string, string[]> = {};
    for (const [i, code] of deathRegistration.components.entries()) {
      components[code] = [await this.upload(`giay-${i}.pdf`, pdfBytes(i))];
    }
    const res = await this.request.post(`${h.baseUrl}/api/v1/dossiers`, {
      data: {
        procedureCode: deathRegistration.procedureCode,
        caseCode: deathRegistration.caseCode,
        channel: 2,
        submissionKey: `e2e-${Math.random().toString(36).slice(2)}`,
        applicant: applicantAn,
        form: deathRegistration.form,
        components,
        delivery: { method: 'electronic' },
      },
    });
    expect(res.status()).toBe(201);
    return (await res.json()).code;
  }

  async act(code: string, command: Record<string, unknown>) {
    const current = await (await this.request.get(`${h.baseUrl}/api/v1/dossiers/${code}`)).json();
    const res = await this.request.post(`${h.baseUrl}/api/v1/dossiers/${code}/actions`, {
      data: { ...command, expectedVersion: current.version },
    });
    expect(res.status(), await res.text()).toBe(200);
  }

  async myId(): Promise<string> {
    return (await (await this.request.get(`${h.baseUrl}/api/v1/me`)).json()).id;
  }
}

let citizen: Awaited<ReturnType<typeof signedIn>>;
let intake: Api;
let leader: Api;
let processor: Api;

beforeAll(async () => {
  citizen = await signedIn('congdan');
  intake = (await signedIn('motcua')).api;
  leader = (await signedIn('lanhdao')).api;
  processor = (await signedIn('chuyenvien')).api;
});

async function resolvedDossier(): Promise<string> {
  const code = await citizen.api.submit();
  await intake.act(code, { action: 'accept' });
  await leader.act(code, { action: 'assign', assigneeId: await processor.myId() });
  await leader.act(code, { action: 'approve' });
  const result = await processor.upload('trich-luc-khai-tu.pdf', pdfBytes(4242));
  await processor.act(code, { action: 'resolve', resultFileIds: [result] });
  return code;
}

describe('the citizen portal’s tracking journeys, at 360 px', () => {
  it('looks a dossier up from its QR code with the last 4 digits, without logging in', async () => {
    const code = await citizen.api.submit();
    await intake.act(code, { action: 'accept' });
    const { page } = await phone();
    // The receipt's QR code opens the lookup pre-filled with the code.
    await page.goto(`${h.baseUrl}/track?code=${encodeURIComponent(code)}`);
    await expect(page.getByLabel('Mã hồ sơ').inputValue()).resolves.toBe(code);
    await expectAccessible(page);
    // With scripts, three digits are explained beside the field before anything is sent.
    const digits = page.getByLabel('4 chữ số cuối');
    await digits.fill('123');
    await digits.press('Tab');
    await expect(page.locator('#f-verifier-error').textContent()).resolves.toContain('Vui lòng nhập đúng 4 chữ số.');
    expect(await digits.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await expect(page.locator('.error-summary a[href="#f-verifier"]').textContent()).resolves.toContain('4 chữ số');
    expect(new URL(page.url()).search).toContain('code=');
    await expectAccessible(page);
    await page.getByLabel('4 chữ số cuối').fill('0000');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    // Now valid, the form is posted (to /track, without the QR code's query).
    await page.waitForURL((url) => url.search === '');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Không tìm thấy hồ sơ khớp');
    await expectAccessible(page);
    await page.getByLabel('4 chữ số cuối').fill('5678');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    const result = page.getByRole('region', { name: `Kết quả tra cứu hồ sơ ${code}` });
    await expect(result.textContent()).resolves.toContain('Được tiếp nhận');
    await expect(result.textContent()).resolves.toContain('Hồ sơ được tiếp nhận và có ngày hẹn trả kết quả');
    await expect(page.content()).resolves.not.toContain(applicantAn.name);
    await expectAccessible(page);

    // The same lookup with JavaScript off.
    const noScript = (await phone(false)).page;
    await noScript.goto(`${h.baseUrl}/track?code=${encodeURIComponent(code)}`);
    await noScript.getByLabel('4 chữ số cuối').fill('1234');
    await noScript.getByRole('button', { name: 'Tra cứu' }).click();
    await expect(noScript.locator('#track-result').textContent()).resolves.toContain(code);
  });

  it('answers a supplement request from My dossiers by uploading the missing paper with a note', async () => {
    const code = await citizen.api.submit();
    await intake.act(code, { action: 'accept' });
    await intake.act(code, { action: 'request_supplement', missing: ['Giấy báo tử bản rõ nét'] });
    const { page } = citizen;
    await page.goto(`${h.baseUrl}/my-dossiers`);
    await expectAccessible(page);
    await page.getByRole('link', { name: code }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe(`Hồ sơ ${code}`);
    await expect(page.locator('main').textContent()).resolves.toContain('Giấy báo tử bản rõ nét');
    await expectAccessible(page);
    await page
      .getByLabel(/Tải lên: Giấy báo tử/)
      .setInputFiles({ name: 'giay-bao-tu.pdf', mimeType: 'application/pdf', buffer: pdfBytes(7) });
    await page.getByLabel('Ghi chú gửi cơ quan (không bắt buộc)').fill('Gửi lại bản rõ nét');
    await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Đã gửi giấy tờ bổ sung');
    await expect(page.locator('.facts dd strong').first().textContent()).resolves.toBe('Được tiếp nhận');
    await expect(page.locator('main').textContent()).resolves.toContain('Ghi chú: Gửi lại bản rõ nét');
    await expectAccessible(page);
  });

  it('downloads the electronic result, then rates the service once', async () => {
    const code = await resolvedDossier();
    const { page } = citizen;
    await page.goto(`${h.baseUrl}/my-dossiers/${code}`);
    await expectAccessible(page);
    const href = (await page.getByRole('link', { name: /Tải kết quả/ }).getAttribute('href')) ?? '';
    const file = await page.request.get(`${h.baseUrl}${href}`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-disposition']).toContain('trich-luc-khai-tu.pdf');
    expect((await file.body()).equals(pdfBytes(4242))).toBe(true);

    await page.getByRole('link', { name: 'Đánh giá hồ sơ này' }).click();
    await expectAccessible(page);
    // Sending nothing: every question is named in the error summary, each linking to its answers.
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await expect(page.locator('.error-summary li').count()).resolves.toBe(11);
    await expectAccessible(page);
    for (const group of await page.locator('fieldset').all()) await group.locator('input[type=radio]').first().check();
    await page.getByLabel('Ý kiến khác (không bắt buộc)').fill('Nhận kết quả điện tử rất nhanh');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Cảm ơn bạn đã đánh giá');
    await expect(page.locator('main').textContent()).resolves.toContain('18/18 điểm');
    await expectAccessible(page);
    await page.goto(`${h.baseUrl}/my-dossiers/${code}/rating`);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('đã được đánh giá');
  });

  it('shows the help page and a plain 404 page, in Vietnamese and English', async () => {
    const { page } = await phone();
    await page.goto(`${h.baseUrl}/help/procedures/${deathRegistration.procedureCode}`);
    await expectAccessible(page);
    const missing = await page.goto(`${h.baseUrl}/khong-co-trang-nay?lang=en`);
    expect(missing?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    await expectAccessible(page);
  });
});
