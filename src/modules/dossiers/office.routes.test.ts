import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { Browser, csrfFrom } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { pdfFlatText } from '../documents/test-support.ts';
import * as accounts from '../identity/accounts.service.ts';
import * as identity from '../identity/identity.service.ts';
import {
  applicantAn,
  deathRegistration,
  enterpriseDossier,
  multipartBody,
  pdfBytes,
  pngBytes,
} from './dossiers.http-testkit.ts';

// Tuesday 24 November 2026, 09:00 in Vietnam.
const clock = fixedClock('2026-11-24T02:00:00.000Z');
const password = 'motcua@2026';
let t: TestApp;
let citizen: string;
const intake = () => browser('motcua');

beforeAll(async () => {
  t = await createTestApp({ demo: true, clock });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'congdan', password },
  });
  citizen = res.cookies.find((c) => c.name === 'sid')?.value ?? '';
});
afterAll(() => t.cleanup());

async function browser(username: string) {
  const b = new Browser(t.app);
  await b.login(username, password);
  return b;
}

async function submitOnline(): Promise<string> {
  const page = await t.app.inject({ url: '/', headers: { accept: 'text/html' }, cookies: { sid: citizen } });
  const components: Record<string, string[]> = {};
  for (const [i, code] of deathRegistration.components.entries()) {
    const { payload, contentType } = multipartBody({}, [
      { field: 'file', filename: `giay-${i}.pdf`, bytes: pdfBytes(i) },
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { 'content-type': contentType, 'x-csrf-token': csrfFrom(page.body) },
      cookies: { sid: citizen },
      payload,
    });
    components[code] = [res.json().id];
  }
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    cookies: { sid: citizen },
    payload: {
      procedureCode: deathRegistration.procedureCode,
      caseCode: deathRegistration.caseCode,
      channel: 2,
      submissionKey: `key-${Math.random().toString(36).slice(2)}`,
      applicant: applicantAn,
      form: deathRegistration.form,
      components,
      delivery: { method: 'electronic' },
    },
  });
  return res.json().code;
}

describe('back office', () => {
  it('links the queues from the landing page and lists a new online dossier in the intake queue', async () => {
    const code = await submitOnline();
    const b = await intake();
    const landing = await b.get('/office');
    expect(landing.body).toContain('href="/office/queues/awaitingIntake"');
    expect(landing.body).toContain('href="/office/intake/new"');
    const queue = await b.get('/office/queues/awaitingIntake');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(code);
    const searched = await b.get(`/office/queues/awaitingIntake?q=${encodeURIComponent('van an')}`);
    expect(searched.body).toContain(code);
    const none = await b.get('/office/queues/awaitingIntake?q=khong-co-ai');
    expect(none.body).not.toContain(code);
    // The processor at the department holds no intake role: the queue is not theirs.
    expect((await (await browser('chuyenvien')).get('/office/queues/awaitingIntake')).body).not.toContain(code);
  });

  it('shows only the actions the officer may take now, takes one, and answers a stale form with 409 and a reload link', async () => {
    const code = await submitOnline();
    const b = await intake();
    const page = await b.get(`/office/dossiers/${code}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Tiếp nhận hồ sơ');
    expect(page.body).toContain('Từ chối tiếp nhận');
    expect(page.body).not.toContain('>Phê duyệt<');
    const csrf = csrfFrom(page.body);
    const accepted = await b.post(`/office/dossiers/${code}/actions`, {
      _csrf: csrf,
      action: 'accept',
      expectedVersion: '1',
    });
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe(`/office/dossiers/${code}?done=accept`);
    const after = await b.get(accepted.headers.location as string);
    expect(after.body).toContain('Đã thực hiện: Tiếp nhận hồ sơ.');
    expect(after.body).toContain('Được tiếp nhận');
    const stale = await b.post(`/office/dossiers/${code}/actions`, {
      _csrf: csrf,
      action: 'request_supplement',
      'request_supplement.missing': 'Tờ khai',
      expectedVersion: '1',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('vừa được người khác cập nhật');
    expect(stale.body).toContain(`href="/office/dossiers/${code}"`);
    const empty = await b.post(`/office/dossiers/${code}/actions`, {
      _csrf: csrf,
      action: 'request_supplement',
      'request_supplement.missing': ' ',
      expectedVersion: '2',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#f-request_supplement-missing"');
  });

  it('assigns several dossiers in one form post, each with its own version check, and reports each outcome', async () => {
    const b = await intake();
    const [first, second, third] = [await submitOnline(), await submitOnline(), await submitOnline()];
    for (const code of [first, second, third]) {
      const page = await b.get(`/office/dossiers/${code}`);
      await b.post(`/office/dossiers/${code}/actions`, {
        _csrf: csrfFrom(page.body),
        action: 'accept',
        expectedVersion: '1',
      });
    }
    const queue = await b.get('/office/queues/received?limit=100');
    for (const code of [first, second, third]) expect(queue.body).toContain(`name="dossier" value="${code}@2"`);
    const processor = /<option value="([^"]+)"[^>]*>Lê Minh Châu<\/option>/.exec(queue.body)?.[1] ?? '';
    expect(processor).not.toBe('');
    // Someone assigns the third one first: the bulk form still carries the version seen before.
    const thirdPage = await b.get(`/office/dossiers/${third}`);
    await b.post(`/office/dossiers/${third}/actions`, {
      _csrf: csrfFrom(thirdPage.body),
      action: 'assign',
      'assign.assigneeId': processor,
      expectedVersion: '2',
    });
    const csrf = csrfFrom(queue.body);
    const result = await b.post('/office/queues/received/assign', {
      _csrf: csrf,
      assigneeId: processor,
      dossier: [`${first}@2`, `${second}@2`, `${third}@2`, 'H08.NOTHING-261124-9999@1'],
    });
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('Đã giao 2/4 hồ sơ cho Lê Minh Châu.');
    const row = (code: string) => new RegExp(`${code}</a>\\s*</td>\\s*<td>([^<]*)`).exec(result.body)?.[1];
    expect(row(first)).toBe('Đã giao');
    expect(row(second)).toBe('Đã giao');
    expect(row(third)).toContain('vừa được người khác cập nhật');
    expect(row('H08.NOTHING-261124-9999')).toBe('Không tìm thấy hồ sơ');
    for (const code of [first, second]) {
      expect((await b.get(`/api/v1/dossiers/${code}`)).json()).toMatchObject({ status: 4, assigneeId: processor });
    }
    const none = await b.post('/office/queues/received/assign', { _csrf: csrf, assigneeId: '', dossier: first });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Hãy chọn chuyên viên xử lý');
    const forged = await b.post('/office/queues/received/assign', {
      _csrf: csrf,
      assigneeId: 'someone',
      dossier: first,
    });
    expect(forged.statusCode).toBe(400);
  });

  it('names who acted on the timeline, and offers only the active processors of the agency as assignees', async () => {
    const code = await submitOnline();
    const b = await intake();
    const page = await b.get(`/office/dossiers/${code}`);
    await b.post(`/office/dossiers/${code}/actions`, {
      _csrf: csrfFrom(page.body),
      action: 'accept',
      expectedVersion: '1',
    });
    const option = /<option value="([^"]+)"[^>]*>Lê Minh Châu<\/option>/;
    const accepted = await b.get(`/office/dossiers/${code}`);
    const processor = option.exec(accepted.body)?.[1] ?? '';
    expect(processor).not.toBe('');
    const intakeOfficer = await t.db.kysely
      .selectFrom('users')
      .select('full_name')
      .where('username', '=', 'motcua')
      .executeTakeFirstOrThrow();
    // The intake officer who accepted it, by name on the timeline (not by id).
    expect(accepted.body).toContain(intakeOfficer.full_name);
    await accounts.setSuspended(t.db.kysely, processor, true);
    try {
      expect(option.test((await b.get(`/office/dossiers/${code}`)).body)).toBe(false);
    } finally {
      await accounts.setSuspended(t.db.kysely, processor, false);
    }
    expect(option.test((await b.get(`/office/dossiers/${code}`)).body)).toBe(true);
  });

  it('prints the receipt with the appointment date, and the control sheet', async () => {
    const code = await submitOnline();
    const b = await intake();
    const page = await b.get(`/office/dossiers/${code}`);
    expect(page.body).not.toContain('documents/receipt.pdf');
    clock.advance(60_000);
    await b.post(`/office/dossiers/${code}/actions`, {
      _csrf: csrfFrom(page.body),
      action: 'accept',
      expectedVersion: '1',
    });
    const accepted = await b.get(`/office/dossiers/${code}`);
    expect(accepted.body).toContain(`/office/dossiers/${code}/documents/receipt.pdf`);
    const receipt = await b.get(`/office/dossiers/${code}/documents/receipt.pdf`);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    const text = await pdfFlatText(receipt.rawPayload);
    expect(text).toContain(code);
    // One working day from Tuesday 09:00: the end of office hours on Wednesday 25 November.
    expect(text).toContain('17 giờ 00 phút, ngày 25 tháng 11 năm 2026');
    const sheet = await b.get(`/office/dossiers/${code}/documents/control-sheet.pdf`);
    expect(await pdfFlatText(sheet.rawPayload)).toMatch(/Nguyễn Văn An Trần Thị Bích/);
    expect((await b.get(`/office/dossiers/${code}/documents/refusal.pdf`)).statusCode).toBe(404);
  });

  it('hides a dossier from other citizens (404), keeps applicants out of the back office (403) and serves the register as PDF and XLSX', async () => {
    const code = await submitOnline();
    await identity.createUser(t.db.kysely, { username: 'congdan3', kind: 'citizen', fullName: 'Lê Văn Ba', password });
    expect((await (await browser('congdan3')).get(`/office/dossiers/${code}`)).statusCode).toBe(404);
    expect((await (await browser('congdan')).get(`/office/dossiers/${code}`)).statusCode).toBe(403);
    expect((await new Browser(t.app).get(`/office/dossiers/${code}`)).statusCode).toBe(302);
    const b = await intake();
    const form = await b.get('/office/register');
    expect(form.statusCode).toBe(200);
    const pdf = await b.get('/office/register/download?agency=000.01.21.H08&from=2026-11-01&to=2026-11-30&format=pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(await pdfFlatText(pdf.rawPayload)).toContain(code.split('-')[0]);
    const xlsx = await b.get(
      '/office/register/download?agency=000.01.21.H08&from=2026-11-01&to=2026-11-30&format=xlsx',
    );
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const bad = await b.get('/office/register/download?agency=000.00.10.H08&from=2026-11-30&to=2026-11-01&format=pdf');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#f-agency"');
  });
});

/** The e-form's values as the counter form's input names. */
function formFields(form: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(form)) {
    if (Array.isArray(value)) {
      value.forEach((row: Record<string, unknown>, i) => {
        for (const [column, cell] of Object.entries(row)) fields[`form.${key}.${i}.${column}`] = String(cell);
      });
    } else if (typeof value === 'object' && value) {
      for (const [part, text] of Object.entries(value)) fields[`form.${key}.${part}`] = String(text);
    } else {
      fields[`form.${key}`] = String(value);
    }
  }
  return fields;
}

describe('counter intake', () => {
  it('enters a dossier brought in person, keeping the files of a first attempt that had problems', async () => {
    const b = await intake();
    const chooser = await b.get('/office/intake/new');
    expect(chooser.statusCode).toBe(200);
    expect(chooser.body).toContain(`value="${enterpriseDossier.procedureCode}|DNTN"`);
    const page = await b.get(
      `/office/intake/new?procedure=${encodeURIComponent(`${enterpriseDossier.procedureCode}|DNTN`)}&agency=000.00.01.H08`,
    );
    expect(page.statusCode).toBe(200);
    const action = /action="(\/office\/intake\?_csrf=[^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&') ?? '';
    const hidden = Object.fromEntries(
      [...page.body.matchAll(/type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    const post = (fields: Record<string, string>, files: { field: string; filename: string; bytes: Buffer }[]) => {
      const { payload, contentType } = multipartBody({ ...hidden, ...fields }, files);
      return t.app.inject({
        method: 'POST',
        url: action,
        headers: { accept: 'text/html', 'content-type': contentType },
        cookies: b.jar.object,
        payload,
      });
    };
    const fields = formFields(enterpriseDossier.form);
    const first = await post({ ...fields, 'form.idNumber': '12' }, [
      { field: 'file.GIAY_DE_NGHI', filename: 'de-nghi.pdf', bytes: pdfBytes(7) },
      { field: 'file.GIAY_TO_CHU_DN', filename: 'cccd.pdf', bytes: pngBytes },
    ]);
    expect(first.statusCode).toBe(400);
    expect(first.body).toContain('href="#f-form-idNumber"');
    expect(first.body).toContain('href="#f-file-GIAY_TO_CHU_DN"');
    expect(first.body).toContain('Đã tải lên: de-nghi.pdf');
    const kept = Object.fromEntries(
      [...first.body.matchAll(/type="hidden" name="(uploaded\.[^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    const second = await post({ ...fields, ...kept }, [
      { field: 'file.GIAY_TO_CHU_DN', filename: 'cccd.png', bytes: pngBytes },
    ]);
    expect(second.statusCode).toBe(303);
    expect(second.headers.location).toMatch(/^\/office\/dossiers\/000\.00\.01\.H08-261124-\d{4}\?done=submit$/);
    const dossier = await b.get(second.headers.location as string);
    expect(dossier.body).toContain('de-nghi.pdf');
    expect(dossier.body).toContain('cccd.png');
    expect(dossier.body).toContain('Tiếp nhận hồ sơ');
  });
});
