/**
 * The result of a resolved dossier goes home by post: the intake officer orders the delivery from the dossier page, the
 * worker posts it to the postal simulator, the simulator calls back (accepted, in transit, delivered), and the dossier
 * page shows the journey and the return; the address label prints with its waybill code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostalSimulator } from '../../simulators/postal/postal-simulator.ts';
import { pdfFlatText } from '../../src/modules/documents/test-support.ts';
import {
  applicantAn,
  deathRegistration,
  multipartBody,
  pdfBytes,
} from '../../src/modules/dossiers/dossiers.http-testkit.ts';
import { csrfFrom } from '../../src/testing/http.ts';
import { axeViolations, type Harness, startHarness } from './harness.ts';

let h: Harness;
let sim: PostalSimulator;
beforeAll(async () => {
  h = await startHarness();
  if (!h.server.postalSimulator) throw new Error('demo mode should start the postal simulator');
  sim = h.server.postalSimulator;
  sim.setAutoAdvance(undefined);
});
afterAll(() => h?.close());

const password = 'motcua@2026';

async function session(username: string) {
  const res = await h.server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  const sid = res.cookies.find((c) => c.name === 'sid')?.value ?? '';
  const page = await h.server.app.inject({ url: '/', headers: { accept: 'text/html' }, cookies: { sid } });
  return { cookies: { sid }, csrf: csrfFrom(page.body) };
}

async function upload(who: Awaited<ReturnType<typeof session>>, n: number): Promise<string> {
  const { payload, contentType } = multipartBody({}, [{ field: 'file', filename: `f-${n}.pdf`, bytes: pdfBytes(n) }]);
  const res = await h.server.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { 'content-type': contentType, 'x-csrf-token': who.csrf },
    cookies: who.cookies,
    payload,
  });
  return res.json().id;
}

/** An online death registration at Phú Thọ ward, taken through to its result by the demo officers. */
async function resolvedDossier(): Promise<string> {
  const citizen = await session('congdan');
  const components: Record<string, string[]> = {};
  for (const [i, component] of deathRegistration.components.entries())
    components[component] = [await upload(citizen, i)];
  const submitted = await h.server.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    cookies: citizen.cookies,
    payload: {
      procedureCode: deathRegistration.procedureCode,
      caseCode: deathRegistration.caseCode,
      channel: 2,
      submissionKey: 'postal-e2e-1',
      applicant: applicantAn,
      form: deathRegistration.form,
      components,
      delivery: { method: 'postal', address: '12 Đường Yersin, khu phố 3' },
    },
  });
  const code: string = submitted.json().code;
  const processorId = (
    await h.server.db.kysely.selectFrom('users').select('id').where('username', '=', 'chuyenvien').executeTakeFirst()
  )?.id;
  const processor = await session('chuyenvien');
  const steps: [string, Record<string, unknown>][] = [
    ['motcua', { action: 'accept' }],
    ['lanhdao', { action: 'assign', assigneeId: processorId }],
    ['chuyenvien', { action: 'forward' }],
    ['lanhdao', { action: 'approve' }],
    ['chuyenvien', { action: 'resolve', resultFileIds: [await upload(processor, 99)] }],
  ];
  for (const [i, [username, command]] of steps.entries()) {
    const res = await h.server.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${code}/actions`,
      cookies: (username === 'chuyenvien' ? processor : await session(username)).cookies,
      payload: { ...command, expectedVersion: i + 1 },
    });
    expect(res.statusCode, `${command.action}: ${res.body}`).toBe(200);
  }
  return code;
}

async function until<T>(what: string, probe: () => T | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('result delivered by post', () => {
  it('is ordered by the intake officer, followed through the callbacks on the dossier page, and labelled', async () => {
    const code = await resolvedDossier();
    const context = await h.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${h.baseUrl}/login`);
    await page.getByLabel('Tên đăng nhập').fill('motcua');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.goto(`${h.baseUrl}/office/dossiers/${code}`);
    await expect(page.getByRole('heading', { name: 'Hành trình bưu gửi' }).count()).resolves.toBe(1);
    await page.getByRole('link', { name: 'Chuyển phát bưu chính (thu gom, trả kết quả)' }).click();
    await expect(page.locator('h1').textContent()).resolves.toContain(code);
    expect(await axeViolations(page)).toEqual([]);
    // The applicant's name, phone and delivery address come from the dossier.
    await expect(page.getByLabel('Họ và tên').inputValue()).resolves.toBe('Nguyễn Văn An');
    await expect(page.getByLabel('Địa chỉ (số nhà, đường, khu phố)').inputValue()).resolves.toBe(
      '12 Đường Yersin, khu phố 3',
    );
    await page.getByLabel('Mã tỉnh, thành phố').fill('74');
    await page.getByLabel('Mã phường, xã').fill('2574');
    await page.getByRole('button', { name: 'Tạo đơn' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Mã phường, xã gồm năm chữ số.');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Mã phường, xã').fill('25747');
    await page.getByRole('button', { name: 'Tạo đơn' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain(`Đã tạo đơn ${code}-D1`);

    // The worker places the order; the postal service accepts it, then carries and delivers it.
    const placed = await until('the order at the postal service', () =>
      sim.orders.find((o) => o.order.OrderNumber === `${code}-D1`),
    );
    expect(placed.order).toMatchObject({ ServiceType: 'DELIVERY', Receiver: { WardCode: '25747' } });
    await until('the accepted callback', () => (placed.events[0]?.answered === 200 ? true : undefined));
    await sim.advance(`${code}-D1`, 'IN_TRANSIT');
    await sim.advance(`${code}-D1`, 'DELIVERED');
    expect(placed.events.map((e) => [e.status, e.answered])).toEqual([
      ['ACCEPTED', 200],
      ['IN_TRANSIT', 200],
      ['DELIVERED', 200],
    ]);

    await page.goto(`${h.baseUrl}/office/dossiers/${code}`);
    await expect(page.locator('.facts dd strong').first().textContent()).resolves.toBe('Đã trả kết quả');
    const journey = await page.locator('table.timeline').last().locator('tbody tr').allTextContents();
    expect(journey.map((row) => /Bưu điện đã nhận đơn|Đang vận chuyển|Đã phát thành công/.exec(row)?.[0])).toEqual([
      'Bưu điện đã nhận đơn',
      'Đang vận chuyển',
      'Đã phát thành công',
    ]);
    expect(journey.every((row) => row.includes(placed.itemCode))).toBe(true);
    const timeline = await page.locator('table.timeline').first().locator('tbody tr').last().textContent();
    expect(timeline).toContain('Trả kết quả');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Chuyển phát bưu chính (thu gom, trả kết quả)' }).click();
    const href = (await page.getByRole('link', { name: /In nhãn địa chỉ/ }).getAttribute('href')) ?? '';
    const label = await page.request.get(`${h.baseUrl}${href}`);
    expect(label.headers()['content-type']).toBe('application/pdf');
    const text = await pdfFlatText(await label.body());
    expect(text).toContain(placed.itemCode);
    expect(text).toContain('NGƯỜI NHẬN Nguyễn Văn An 12 Đường Yersin, khu phố 3');
    await context.close();
  });
});
