import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PaymentGatewaySimulator,
  startPaymentGatewaySimulator,
} from '../../../simulators/payment-gateway/payment-gateway.ts';
import { systemClock } from '../../lib/clock.ts';
import { Browser, csrfFrom } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { pdfFlatText } from '../documents/test-support.ts';
import {
  applicantAn,
  deathRegistration,
  enterpriseDossier,
  multipartBody,
  pdfBytes,
} from '../dossiers/dossiers.http-testkit.ts';
import * as identity from '../identity/identity.service.ts';
import { startSession } from '../identity/sessions.service.ts';

const password = 'motcua@2026';
const TMN = 'MOTCUA01';
const secret = randomBytes(24).toString('hex');
let t: TestApp;
let gateway: PaymentGatewaySimulator;
let portal = '';

beforeAll(async () => {
  gateway = await startPaymentGatewaySimulator({ terminals: [{ tmnCode: TMN, hashSecret: secret }] });
  t = await createTestApp({
    demo: true,
    env: {
      PAYMENT_GATEWAY_URL: gateway.url,
      PAYMENT_GATEWAY_TMN_CODE: TMN,
      PAYMENT_GATEWAY_HASH_SECRET: secret,
      PAYMENT_TRANSFER_ACCOUNT: '970415:113366668888:TTPVHCC TINH BINH DUONG',
    },
  });
  portal = await t.app.listen({ port: 0, host: '127.0.0.1' });
  gateway.setIpnUrl(TMN, `${portal}/payments/vnpay/ipn`);
});
afterAll(async () => {
  await gateway.stop();
  await t.cleanup();
});

async function sessionOf(username: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  return res.cookies.find((c) => c.name === 'sid')?.value ?? '';
}

async function browser(username: string) {
  const b = new Browser(t.app);
  await b.login(username, password);
  return b;
}

async function submitOnline(sid: string, procedure: typeof deathRegistration | typeof enterpriseDossier) {
  const page = await t.app.inject({ url: '/', headers: { accept: 'text/html' }, cookies: { sid } });
  const components: Record<string, string[]> = {};
  for (const [i, code] of procedure.components.entries()) {
    const { payload, contentType } = multipartBody({}, [{ field: 'file', filename: `g-${i}.pdf`, bytes: pdfBytes(i) }]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { 'content-type': contentType, 'x-csrf-token': csrfFrom(page.body) },
      cookies: { sid },
      payload,
    });
    components[code] = [res.json().id];
  }
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    cookies: { sid },
    payload: {
      procedureCode: procedure.procedureCode,
      caseCode: procedure.caseCode,
      channel: 2,
      submissionKey: `key-${randomBytes(6).toString('hex')}`,
      applicant: applicantAn,
      form: procedure.form,
      components,
      delivery: { method: 'electronic' },
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json().code as string;
}

async function act(sid: string, code: string, command: Record<string, unknown>) {
  const dossier = await t.app.inject({ url: `/api/v1/dossiers/${code}`, cookies: { sid } });
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${code}/actions`,
    cookies: { sid },
    payload: { ...command, expectedVersion: dossier.json().version },
  });
  expect(res.statusCode).toBe(200);
  return res.json();
}

async function statusOf(code: string) {
  const res = await t.app.inject({ url: `/api/v1/dossiers/${code}`, cookies: { sid: await sessionOf('congdan') } });
  return res.json().status as number;
}

describe('paying a dossier online (status 6) through the gateway simulator', () => {
  it('pay page → gateway → IPN → return page → receipt PDF → public check by the QR address', async () => {
    const citizenSid = await sessionOf('congdan');
    const code = await submitOnline(citizenSid, deathRegistration);
    await act(await sessionOf('motcua'), code, { action: 'accept' });
    await act(await sessionOf('chuyenvien'), code, { action: 'request_payment', amount: 20_000 });
    expect(await statusOf(code)).toBe(6);

    const citizen = await browser('congdan');
    const page = await citizen.get(`/payments/${code}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('20.000');
    expect(page.body).toContain(`MHS ${code}`);
    expect(page.headers['content-security-policy']).toContain(`form-action 'self' ${gateway.url}`);

    const started = await citizen.post(`/payments/${code}/online`, { _csrf: csrfFrom(page.body) });
    expect(started.statusCode).toBe(303);
    const paymentUrl = String(started.headers.location);
    expect(paymentUrl.startsWith(gateway.paymentUrl)).toBe(true);
    expect(new URL(paymentUrl).searchParams.get('vnp_Amount')).toBe('2000000');
    const bank = await fetch(paymentUrl);
    expect(bank.status).toBe(200);
    const txnRef = new URL(paymentUrl).searchParams.get('vnp_TxnRef') ?? '';

    const returnUrl = await gateway.decide(txnRef, 'success', 'now');
    expect(gateway.ipnLog.at(-1)?.reply).toEqual({ RspCode: '00', Message: 'Confirm Success' });
    const back = await citizen.get(returnUrl.replace(/^https?:\/\/[^/]+/, ''));
    expect(back.statusCode).toBe(200);
    expect(back.body).toContain('Thanh toán thành công');
    expect(await statusOf(code)).toBe(2);

    const paid = await citizen.get(`/payments/${code}`);
    const receiptPath = /href="(\/payments\/[^"]+\/receipts\/[^"]+)"/.exec(paid.body)?.[1] ?? '';
    const pdf = await citizen.get(receiptPath);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfFlatText(pdf.rawPayload);
    expect(text).toContain('BIÊN LAI THU PHÍ, LỆ PHÍ');
    expect(text).toContain('Hai mươi nghìn đồng');
    expect(text).toContain(code);
    const verifyUrl = /https?:\/\/\S+\/receipts\/verify\/[\w-]+/.exec(text)?.[0] ?? '';
    const check = await t.app.inject({ url: new URL(verifyUrl).pathname, headers: { accept: 'text/html' } });
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('Biên lai hợp lệ');
    expect(check.body).toContain('20.000');
    const forged = await t.app.inject({ url: '/receipts/verify/not-a-token', headers: { accept: 'text/html' } });
    expect(forged.statusCode).toBe(404);

    // Someone else's dossier is not even visible, nor its receipt.
    const other = await identity.createUser(t.db.kysely, { username: 'nguoikhac', kind: 'citizen', fullName: 'B' });
    const session = await startSession(
      t.db.kysely,
      { id: other.id, kind: 'citizen' },
      { secondFactor: false },
      t.config.sessions,
      systemClock,
    );
    for (const url of [`/payments/${code}`, receiptPath]) {
      const res = await t.app.inject({ url, headers: { accept: 'text/html' }, cookies: { sid: session.token } });
      expect(res.statusCode).toBe(404);
    }
  });

  it('answers a forged IPN with 97 and a replayed one with 02 over HTTP', async () => {
    const forged = await fetch(`${portal}/payments/vnpay/ipn?vnp_TxnRef=x&vnp_Amount=100&vnp_SecureHash=abcd`);
    expect(await forged.json()).toEqual({ RspCode: '97', Message: 'Invalid signature' });
    const last = gateway.ipnLog.at(-1);
    const replay = await gateway.resendIpn(last?.txnRef ?? '');
    expect(replay.reply).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
  });
});

describe('the cashier at the counter', () => {
  it('records a POS payment of a fee due at submission, refuses a wrong amount, then refunds with a reason', async () => {
    const code = await submitOnline(await sessionOf('congdan'), enterpriseDossier);
    expect(await statusOf(code)).toBe(1);
    const cashier = await browser('motcua');
    const found = await cashier.get(`/office/payments/find?code=${encodeURIComponent(code.toLowerCase())}`);
    expect(found.statusCode).toBe(303);
    const desk = await cashier.get(`/office/payments/${code}`);
    expect(desk.body).toContain('150.000');
    const csrf = csrfFrom(desk.body);

    const wrong = await cashier.post(`/office/payments/${code}/counter`, {
      _csrf: csrf,
      method: 'pos',
      amount: '149999',
      reference: 'POS-0001',
      payerName: 'Nguyễn Văn An',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Số tiền phải đúng bằng số còn phải nộp: 150000 đồng.');
    const noReference = await cashier.post(`/office/payments/${code}/counter`, {
      _csrf: csrf,
      method: 'pos',
      amount: '150000',
      reference: ' ',
    });
    expect(noReference.statusCode).toBe(400);
    expect(noReference.body).toContain('Nhập mã giao dịch');

    const ok = await cashier.post(`/office/payments/${code}/counter`, {
      _csrf: csrf,
      method: 'pos',
      amount: '150.000',
      reference: 'POS-0001',
      payerName: 'Nguyễn Văn An',
    });
    expect(ok.statusCode).toBe(303);
    const again = await cashier.post(`/office/payments/${code}/counter`, {
      _csrf: csrf,
      method: 'cash',
      amount: '150000',
    });
    expect(again.statusCode).toBe(409);

    const citizenPage = await (await browser('congdan')).get(`/payments/${code}`);
    expect(citizenPage.body).toContain('Hồ sơ đã nộp đủ phí, lệ phí.');

    const paidDesk = await cashier.get(`/office/payments/${code}?done=counter`);
    expect(paidDesk.body).toContain('Đã ghi nhận khoản nộp và cấp biên lai.');
    const paymentId = /name="paymentId" value="([^"]+)"/.exec(paidDesk.body)?.[1] ?? '';
    const noReason = await cashier.post(`/office/payments/${code}/refunds`, {
      _csrf: csrfFrom(paidDesk.body),
      paymentId,
      [`amount-${paymentId}`]: '150000',
      [`reason-${paymentId}`]: '',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Nhập lý do hoàn tiền.');
    const refunded = await cashier.post(`/office/payments/${code}/refunds`, {
      _csrf: csrfFrom(paidDesk.body),
      paymentId,
      [`amount-${paymentId}`]: '150000',
      [`reason-${paymentId}`]: 'Công dân rút hồ sơ',
    });
    expect(refunded.statusCode).toBe(303);
    expect((await cashier.get(`/office/payments/${code}`)).body).toContain('đã hoàn 150.000');

    // Someone who is not a cashier there cannot record anything.
    const processor = await browser('chuyenvien');
    const refused = await processor.post(`/office/payments/${code}/counter`, {
      _csrf: csrf,
      method: 'cash',
      amount: '150000',
    });
    expect([403, 404]).toContain(refused.statusCode);
  });
});

describe('bank transfers and reconciliation', () => {
  it('books a statement line naming a dossier with the right amount, leaves the others for a manual match, never twice', async () => {
    const owing = await submitOnline(await sessionOf('congdan'), enterpriseDossier);
    const other = await submitOnline(await sessionOf('congdan'), enterpriseDossier);
    const cashier = await browser('motcua');
    const home = await cashier.get('/office/payments');
    const csrf = csrfFrom(home.body);
    const csv = [
      'Mã giao dịch,Số tiền,Nội dung',
      // The bank stripped the dashes and lowered the case.
      `FT26331000001,150000,MBVCB.5123.NGUYEN VAN AN chuyen tien.mhs ${owing.replace(/-/g, '').toLowerCase()}`,
      `FT26331000002,149999,MHS ${other}`,
      'FT26331000003,150000,chuyen tien hoc phi',
      `FT26331000004,150000,MHS ${owing.replace(/[-.]/g, ' ')} ${other}`,
    ].join('\n');
    const post = (body: string) => {
      const { payload, contentType } = multipartBody({}, [
        { field: 'statement', filename: 'saoke.csv', bytes: Buffer.from(body), type: 'text/csv' },
      ]);
      return t.app.inject({
        method: 'POST',
        url: `/office/payments/statement?_csrf=${encodeURIComponent(csrf)}`,
        headers: { 'content-type': contentType, accept: 'text/html' },
        cookies: cashier.jar.object,
        payload,
      });
    };
    const first = await post(csv);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Đã ghi nhận 1/4 dòng.');
    expect(first.body).toContain('Số tiền khác số còn phải nộp');
    expect(first.body).toContain('Nội dung không có mã hồ sơ');
    expect(first.body).toContain('Nội dung có nhiều mã hồ sơ');
    const again = await post(csv);
    expect(again.body).toContain('Đã ghi nhận 0/4 dòng.');
    expect(again.body).toContain('Đã ghi nhận từ trước');
    expect((await cashier.get(`/office/payments/${owing}`)).body).toContain('Chuyển khoản ngân hàng');
    expect((await cashier.get(`/office/payments/${other}`)).body).toContain('Ghi nhận khoản nộp tại quầy');

    const bad = await post('a;b\n1;2');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Không đọc được tệp sao kê');
  });

  it('reports gateway transactions against bookings for the agency and range, and exports XLSX', async () => {
    const cashier = await browser('motcua');
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const page = await cashier.get(`/office/payments/reconciliation?agency=000.00.01.H08&from=${today}&to=${today}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Chuyển khoản ngân hàng');
    const bad = await cashier.get(`/office/payments/reconciliation?agency=000.00.10.H08&from=${today}&to=2000-01-01`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Chọn một đơn vị bạn thu phí.');
    const xlsx = await cashier.get(
      `/office/payments/reconciliation?agency=000.00.01.H08&from=${today}&to=${today}&format=xlsx`,
    );
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const booked = workbook.worksheets[1];
    expect(booked?.rowCount).toBeGreaterThan(1);
    expect(String(booked?.getRow(2).getCell(3).value)).toMatch(/Thẻ qua máy POS|Chuyển khoản/);
  });

  it('lists an online payment the gateway took but the portal never booked as a mismatch', async () => {
    const code = await submitOnline(await sessionOf('congdan'), deathRegistration);
    await act(await sessionOf('motcua'), code, { action: 'accept' });
    await act(await sessionOf('chuyenvien'), code, { action: 'request_payment', amount: 30_000 });
    const citizen = await browser('congdan');
    const page = await citizen.get(`/payments/${code}`);
    const started = await citizen.post(`/payments/${code}/online`, { _csrf: csrfFrom(page.body) });
    const paymentUrl = String(started.headers.location);
    await fetch(paymentUrl);
    gateway.setIpnUrl(TMN, 'http://127.0.0.1:9/down');
    try {
      await gateway.decide(new URL(paymentUrl).searchParams.get('vnp_TxnRef') ?? '', 'success', 'now');
    } finally {
      gateway.setIpnUrl(TMN, `${portal}/payments/vnpay/ipn`);
    }
    // The ward's cashier (the demo cashier works at the provincial centre).
    const ward = await t.db.kysely
      .selectFrom('agencies')
      .select('id')
      .where('identifier', '=', '000.01.21.H08')
      .executeTakeFirstOrThrow();
    const user = await identity.createUser(t.db.kysely, { username: 'thuquy', kind: 'officer', fullName: 'Thủ quỹ' });
    await identity.grantRole(t.db.kysely, user.id, ward.id, 'cashier');
    const session = await startSession(
      t.db.kysely,
      { id: user.id, kind: 'officer' },
      { secondFactor: true },
      t.config.sessions,
      systemClock,
    );
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const report = await t.app.inject({
      url: `/office/payments/reconciliation?agency=000.01.21.H08&from=${today}&to=${today}`,
      headers: { accept: 'text/html' },
      cookies: { sid: session.token },
    });
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('Cổng đã thu nhưng chưa ghi nhận');
    expect(report.body).toContain(code);
  });
});

async function officerSession(
  username: string,
  roles: [identifier: string, role: 'processor' | 'cashier' | 'admin'][],
) {
  const user = await identity.createUser(t.db.kysely, { username, kind: 'officer', fullName: `Cán bộ ${username}` });
  for (const [identifier, role] of roles) {
    const agency = await t.db.kysely
      .selectFrom('agencies')
      .select('id')
      .where('identifier', '=', identifier)
      .executeTakeFirstOrThrow();
    await identity.grantRole(t.db.kysely, user.id, agency.id, role);
  }
  const session = await startSession(
    t.db.kysely,
    { id: user.id, kind: 'officer' },
    { secondFactor: true },
    t.config.sessions,
    systemClock,
  );
  return session.token;
}

describe('fee exemptions chosen by the receiving agency with a reason', () => {
  it('validates the choice, records who/when/why, lowers what the citizen owes, and is refused once paid', async () => {
    // Business registration: 50.000 đ registration fee (exempted when filed online) + 100.000 đ publication fee.
    const code = await submitOnline(await sessionOf('congdan'), enterpriseDossier);
    const officer = await browser('motcua');
    const url = `/office/payments/${code}/exemptions`;
    const form = await officer.get(url);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="exemption.LE_PHI_DKDN"');
    expect(form.body).not.toContain('name="exemption.PHI_CONG_BO"');
    expect(form.body).toContain('Chưa có quyết định miễn, giảm nào.');
    const csrf = csrfFrom(form.body);
    const post = (body: Record<string, string>, who = officer) => who.post(url, { _csrf: csrf, ...body });

    const unknown = await post({ 'exemption.LE_PHI_DKDN': 'KHONG_CO', reason: 'Thử', revision: '0' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Trường hợp miễn, giảm này không có trong thủ tục.');
    const wrongFee = await post({ 'exemption.PHI_CONG_BO': 'QUA_MANG', reason: 'Thử', revision: '0' });
    expect(wrongFee.statusCode).toBe(400);
    const noReason = await post({ 'exemption.LE_PHI_DKDN': 'QUA_MANG', reason: '   ', revision: '0' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Nhập lý do miễn, giảm.');

    // A processor at the same agency reads the dossier but may not decide.
    const processor = await officerSession('xuly-mien', [['000.00.01.H08', 'processor']]);
    const refused = await t.app.inject({
      method: 'POST',
      url,
      headers: { accept: 'text/html' },
      cookies: { sid: processor },
      payload: { 'exemption.LE_PHI_DKDN': 'QUA_MANG', reason: 'Không được phép', revision: '0' },
    });
    expect(refused.statusCode).toBe(403);
    expect((await t.app.inject({ url, cookies: { sid: processor } })).statusCode).toBe(403);

    const nothingYet = await (await browser('congdan')).get(`/payments/${code}`);
    expect(nothingYet.body).toContain('150.000');

    const reason = 'Doanh nghiệp nộp hồ sơ qua Cổng dịch vụ công';
    const saved = await post({ 'exemption.LE_PHI_DKDN': 'QUA_MANG', reason, revision: '0' });
    expect(saved.statusCode).toBe(303);
    const after = await officer.get(String(saved.headers.location));
    expect(after.body).toContain('Đã lưu miễn, giảm');
    expect(after.body).toContain(reason);
    expect(after.body).toContain('Trần Thị Bích (Tiếp nhận hồ sơ (một cửa) – 000.00.01.H08)');
    expect(after.body).toContain('name="revision" value="1"');

    // Another officer who saw revision 0 is told, and nothing changes.
    const stale = await post({ 'exemption.LE_PHI_DKDN': '', reason: 'Bỏ miễn', revision: '0' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Người khác vừa thay đổi miễn, giảm');

    const citizenPage = await (await browser('congdan')).get(`/payments/${code}`);
    expect(citizenPage.body).toContain('miễn: Đăng ký doanh nghiệp qua mạng điện tử');
    expect(/id="outstanding">([^<]+)</.exec(citizenPage.body)?.[1]).toContain('100.000');

    const dossierPage = await officer.get(`/office/dossiers/${code}`);
    expect(dossierPage.body).toContain('Phí, lệ phí và miễn, giảm');
    expect(dossierPage.body).toContain(reason);
    expect(dossierPage.body).toContain(`href="/office/payments/${code}/exemptions"`);

    const desk = await officer.get(`/office/payments/${code}`);
    expect(desk.body).toContain(`href="/office/payments/${code}/exemptions"`);
    const paid = await officer.post(`/office/payments/${code}/counter`, {
      _csrf: csrfFrom(desk.body),
      method: 'cash',
      amount: '100000',
    });
    expect(paid.statusCode).toBe(303);
    const paidDesk = await officer.get(`/office/payments/${code}`);
    const receiptPath = /href="(\/payments\/[^"]+\/receipts\/[^"]+)"/.exec(paidDesk.body)?.[1] ?? '';
    const receipt = await pdfFlatText((await officer.get(receiptPath)).rawPayload);
    expect(receipt).toContain('Lệ phí đăng ký doanh nghiệp (miễn: Đăng ký doanh nghiệp qua');
    expect(receipt).toContain('Một trăm nghìn đồng');
    const late = await post({ 'exemption.LE_PHI_DKDN': '', reason: 'Bỏ miễn', revision: '1' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Hồ sơ đã nộp phí, lệ phí nên không thể thay đổi miễn, giảm nữa');
  });
});

describe('each receiving agency’s account for fee transfers', () => {
  it('is set by an administrator (validated), shown in the VietQR of its dossiers, and falls back to the province', async () => {
    const code = await submitOnline(await sessionOf('congdan'), enterpriseDossier);
    const agency = await t.db.kysely
      .selectFrom('agencies')
      .select('id')
      .where('identifier', '=', '000.00.01.H08')
      .executeTakeFirstOrThrow();
    const admin = await browser('quantri');
    const list = await admin.get('/admin/payments/accounts');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('113366668888');
    const url = `/admin/payments/accounts/${agency.id}`;
    const form = await admin.get(url);
    const csrf = csrfFrom(form.body);

    const bad = await admin.post(url, { _csrf: csrf, bankBin: '123456', accountNumber: '12', accountName: ' ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Chọn một ngân hàng nhận được chuyển khoản VietQR.');
    expect(bad.body).toContain('Số tài khoản gồm 4 đến 19 chữ số hoặc chữ cái.');
    expect(bad.body).toContain('Nhập tên chủ tài khoản');

    const ok = await admin.post(url, {
      _csrf: csrf,
      bankBin: '970436',
      accountNumber: '0071 000 123456',
      accountName: 'TTPVHCC TINH BINH DUONG',
    });
    expect(ok.statusCode).toBe(303);
    const citizen = await browser('congdan');
    const own = await citizen.get(`/payments/${code}`);
    expect(own.body).toContain('Vietcombank — 0071000123456 — TTPVHCC TINH BINH DUONG');
    expect(own.body).not.toContain('113366668888');

    // An administrator of another department may not touch it.
    const other = await officerSession('quantri-so', [['000.00.10.H08', 'admin']]);
    const denied = await t.app.inject({
      method: 'POST',
      url,
      headers: { accept: 'text/html' },
      cookies: { sid: other },
      payload: { bankBin: '970415', accountNumber: '999999999', accountName: 'KHAC' },
    });
    expect(denied.statusCode).toBe(403);

    const removed = await admin.post(`${url}/remove`, { _csrf: csrf });
    expect(removed.statusCode).toBe(303);
    expect((await citizen.get(`/payments/${code}`)).body).toContain('113366668888');
  });
});
