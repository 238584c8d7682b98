/** The back-office postal page, its form and label, and the callback endpoint, through the whole app. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostalSimulator, startPostalSimulator } from '../../../simulators/postal/postal-simulator.ts';
import { Browser, csrfFrom } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { pdfFlatText, pdfImages } from '../documents/test-support.ts';
import { applicantAn, deathRegistration, multipartBody, pdfBytes } from '../dossiers/dossiers.http-testkit.ts';
import { signBody } from './postal.client.ts';

const secrets = { customerCode: 'MOTCUA', apiSecret: 'api-secret-0123456789', callbackSecret: 'cb-secret-0123456789' };
let t: TestApp;
let sim: PostalSimulator;
let code = '';
const officer = () => {
  const b = new Browser(t.app);
  return b.login('motcua', 'motcua@2026').then(() => b);
};

beforeAll(async () => {
  sim = await startPostalSimulator(secrets);
  t = await createTestApp({
    demo: true,
    env: {
      POSTAL_URL: sim.url,
      POSTAL_API_SECRET: secrets.apiSecret,
      POSTAL_CALLBACK_SECRET: secrets.callbackSecret,
    },
  });
  const citizen = new Browser(t.app);
  await citizen.login('congdan', 'motcua@2026');
  const page = await citizen.get('/');
  const components: Record<string, string[]> = {};
  for (const [i, component] of deathRegistration.components.entries()) {
    const { payload, contentType } = multipartBody({}, [{ field: 'file', filename: `t-${i}.pdf`, bytes: pdfBytes(i) }]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { 'content-type': contentType, 'x-csrf-token': csrfFrom(page.body) },
      cookies: citizen.jar.object,
      payload,
    });
    components[component] = [res.json().id];
  }
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    cookies: citizen.jar.object,
    payload: {
      procedureCode: deathRegistration.procedureCode,
      caseCode: deathRegistration.caseCode,
      channel: 2,
      submissionKey: 'postal-routes-1',
      applicant: applicantAn,
      form: deathRegistration.form,
      components,
      delivery: { method: 'electronic' },
    },
  });
  code = res.json().code;
});
afterAll(async () => {
  await t.cleanup();
  await sim.stop();
});

describe('postal pages', { timeout: 60_000 }, () => {
  it('shows the errors of a bad order in Vietnamese and keeps what was typed, writing nothing', async () => {
    const b = await officer();
    const page = `/office/dossiers/${code}/postal`;
    const form = await b.get(page);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Thu gom hồ sơ tại nhà');
    const res = await b.submit(page, page, {
      kind: 'pickup',
      'applicant.name': 'Nguyễn Văn An',
      'applicant.phone': '09123',
      'applicant.provinceCode': '74',
      'applicant.wardCode': 'abc',
      'applicant.address': '12 Đường Yersin',
      itemCode: '',
      codAmount: '0',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Số điện thoại không hợp lệ');
    expect(res.body).toContain('Mã phường, xã gồm năm chữ số.');
    expect(res.body).toContain('value="09123"');
    expect(await t.db.kysely.selectFrom('postal_orders').select('id').execute()).toEqual([]);
  });

  it('creates a pickup, shows it on the dossier page, and prints its label with the barcode', async () => {
    const b = await officer();
    const page = `/office/dossiers/${code}/postal`;
    const res = await b.submit(page, page, {
      kind: 'pickup',
      'applicant.name': 'Nguyễn Văn An',
      'applicant.phone': '0912 345 678',
      'applicant.provinceCode': '74',
      'applicant.wardCode': '25747',
      'applicant.address': '12 Đường Yersin, khu phố 3',
      itemCode: 'eb123456789vn',
      codAmount: '0',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${page}?done=${encodeURIComponent(`${code}-P1`)}`);
    const dossierPage = await b.get(`/office/dossiers/${code}`);
    expect(dossierPage.body).toContain('Hành trình bưu gửi');
    expect(dossierPage.body).toContain('EB123456789VN');
    expect(dossierPage.body).toContain('Đang chờ gửi sang bưu điện');
    const listing = await b.get(page);
    const href = /href="([^"]+label\.pdf)"/.exec(listing.body)?.[1] ?? '';
    const label = await t.app.inject({ url: href, cookies: b.jar.object });
    expect(label.headers['content-type']).toBe('application/pdf');
    const text = await pdfFlatText(label.rawPayload);
    expect(text).toContain('EB123456789VN');
    expect(text).toContain('NGƯỜI GỬI Nguyễn Văn An 12 Đường Yersin, khu phố 3');
    expect(text).toContain('NGƯỜI NHẬN Trung tâm Phục vụ hành chính công tỉnh Bình Dương');
    expect(text).toContain(`Hồ sơ: ${code}`);
    expect((await pdfImages(label.rawPayload)).length).toBe(1);
  });

  it('does not let a processor create orders, nor a citizen see the page', async () => {
    const processor = new Browser(t.app);
    await processor.login('chuyenvien', 'motcua@2026');
    const page = `/office/dossiers/${code}/postal`;
    const form = await processor.get(page);
    expect(form.body).not.toContain('Tạo đơn chuyển phát');
    const citizen = new Browser(t.app);
    await citizen.login('congdan', 'motcua@2026');
    expect((await citizen.get(page)).statusCode).toBe(403);
  });
});

describe('postal callback endpoint', () => {
  it('answers a signed callback and refuses a forged one with 401', async () => {
    const body = JSON.stringify({
      EventId: 'e-1',
      OrderNumber: `${code}-P1`,
      ItemCode: 'EB123456789VN',
      Status: 'PICKED_UP',
      Time: new Date().toISOString(),
    });
    const timestamp = new Date().toISOString();
    const post = (secret: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/postal/callbacks',
        headers: {
          'content-type': 'application/json',
          'x-timestamp': timestamp,
          'x-signature': signBody(secret, timestamp, body),
        },
        payload: body,
      });
    expect((await post('forged-secret-000000')).statusCode).toBe(401);
    const ok = await post(secrets.callbackSecret);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ Code: '00' });
    const orders = await t.db.kysely.selectFrom('postal_orders').select('status').execute();
    expect(orders).toEqual([{ status: 'picked_up' }]);
  });
});
