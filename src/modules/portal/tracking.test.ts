import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, csrfFrom } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import type { ClientRules } from './inline-validation.tsx';
import { PortalDriver } from './my-dossiers.testkit.ts';
import { lookupProblems } from './tracking.rules.ts';
import { verifierMatches } from './tracking.service.ts';

let t: TestApp;
let driver: PortalDriver;
let code = '';

beforeAll(async () => {
  t = await createTestApp({ demo: true, env: { MOTCUA_TRACK_LOOKUPS_PER_MINUTE: '20' } });
  driver = new PortalDriver(t);
  await driver.login('congdan', 'motcua', 'lanhdao', 'chuyenvien');
  code = await driver.submitOnline();
  await driver.act('motcua', code, { action: 'accept', comment: 'Ghi chú nội bộ của cán bộ' });
  await driver.act('lanhdao', code, { action: 'assign', assigneeId: await driver.userId('chuyenvien') });
});
afterAll(() => t.cleanup());

const lookup = (c: string, verifier: string, remoteAddress = '10.0.0.1') =>
  t.app.inject({ url: `/api/v1/track/${encodeURIComponent(c)}?verifier=${verifier}`, remoteAddress });

describe('verifierMatches', () => {
  it('accepts the last four digits of the phone or of the ID number, nothing else', () => {
    const applicant = { phone: '0912 345 678', idNumber: '074090001234' };
    expect(verifierMatches('5678', applicant)).toBe(true);
    expect(verifierMatches('1234', applicant)).toBe(true);
    expect(verifierMatches('0000', applicant)).toBe(false);
    expect(verifierMatches('678', applicant)).toBe(false);
    expect(verifierMatches('1234', { phone: null, idNumber: '' })).toBe(false);
    expect(verifierMatches('', { phone: null, idNumber: '' })).toBe(false);
  });
});

describe('GET /api/v1/track/{code}', () => {
  it('answers the public facts with the last 4 digits of the phone or the ID number', async () => {
    const res = await lookup(code, '5678');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      code,
      status: 4,
      statusName: 'Đang xử lý',
      procedure: 'Đăng ký khai tử',
      agency: expect.stringContaining('Phú Thọ'),
      receivedAt: expect.any(String),
      dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    // The assignment is an internal hand-over: not a public step.
    expect(body.steps.map((s: { action: string }) => s.action)).toEqual(['submit', 'accept']);
    expect(body.steps[1]).toMatchObject({ name: 'Hồ sơ được tiếp nhận và có ngày hẹn trả kết quả', status: 2 });
    expect(Object.keys(body).sort()).toEqual(
      ['agency', 'code', 'dueDate', 'procedure', 'receivedAt', 'status', 'statusName', 'steps'].sort(),
    );
    // Nothing personal and no officer's comment.
    for (const secret of ['Nguyễn Văn An', '074090001234', '0912345678', 'Yersin', 'nội bộ', 'giay-0.pdf']) {
      expect(res.body).not.toContain(secret);
    }
    expect((await lookup(code, '1234')).statusCode).toBe(200);
    const english = await t.app.inject({
      url: `/api/v1/track/${code}?verifier=1234`,
      headers: { 'accept-language': 'en' },
      remoteAddress: '10.0.0.1',
    });
    expect(english.json()).toMatchObject({ statusName: 'Processing' });
  });

  it('finds the code however its agency part is cased', async () => {
    expect((await lookup(code.toLowerCase(), '5678')).json().code).toBe(code);
  });

  it('gives the same 404 for a wrong verifier and for an unknown code', async () => {
    const wrong = await lookup(code, '0000');
    const unknownCode = code.replace(/-\d{4}$/, '-9999');
    const unknown = await lookup(unknownCode, '5678');
    const malformed = await lookup('khong-phai-ma', '5678');
    for (const res of [wrong, unknown, malformed]) {
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const comparable = (body: Record<string, unknown>) => ({ ...body, instance: undefined });
    expect(comparable(wrong.json())).toEqual(comparable(unknown.json()));
    expect(comparable(wrong.json())).toEqual(comparable(malformed.json()));
    expect(wrong.json()).toMatchObject({
      code: 'dossier_not_found',
      detail: expect.stringContaining('Không tìm thấy'),
    });
  });

  it('refuses a verifier that is not 4 digits with 400', async () => {
    for (const verifier of ['', '12345', 'abcd']) {
      const res = await lookup(code, verifier);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ path: 'verifier', message: 'Vui lòng nhập đúng 4 chữ số.' });
    }
  });

  it('is rate-limited per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await lookup(code, '0000', '10.9.9.9')).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses[20]).toBe(429);
    // Another address is not held back.
    expect((await lookup(code, '5678', '10.9.9.10')).statusCode).toBe(200);
  });
});

describe('the /track page', () => {
  it('opens pre-filled from the QR code and shows the dossier after the 4 digits', async () => {
    const browser = new Browser(t.app);
    const page = await browser.get(`/track?code=${encodeURIComponent(code)}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`value="${code}"`);
    const found = await browser.post('/track', { _csrf: csrfFrom(page.body), code, verifier: '5678' });
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('Đang xử lý');
    expect(found.body).toContain('Đăng ký khai tử');
    expect(found.body).toContain('Hồ sơ đã được nộp');
    expect(found.body).not.toContain('Nguyễn Văn An');
    expect(found.body).not.toContain('Ghi chú nội bộ');
  });

  it('says nothing more for a wrong verifier than for an unknown code, and explains bad input next to the field', async () => {
    const browser = new Browser(t.app);
    const csrf = csrfFrom((await browser.get('/track')).body);
    const wrong = await browser.post('/track', { _csrf: csrf, code, verifier: '0000' });
    const unknown = await browser.post('/track', {
      _csrf: csrf,
      code: code.replace(/-\d{4}$/, '-9999'),
      verifier: '5678',
    });
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    for (const res of [wrong, unknown]) expect(res.body).toContain('Không tìm thấy hồ sơ khớp');
    expect(wrong.body).not.toContain('Đăng ký khai tử');
    const bad = await browser.post('/track', { _csrf: csrf, code: 'abc', verifier: '12' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('f-code-error');
    expect(bad.body).toContain('Vui lòng nhập đúng 4 chữ số.');
    expect(bad.body).toContain('href="#f-verifier"');
  });

  it('carries its checks for the browser: the same function and the same words as the server', async () => {
    const browser = new Browser(t.app);
    const page = await browser.get('/track');
    expect(page.body).toMatch(/<script src="\/scripts\/portal-apply\.js\?v=[0-9a-f]{10}" defer/);
    const block: ClientRules = JSON.parse(
      /<script type="application\/json" id="field-rules">(.*?)<\/script>/s.exec(page.body)?.[1] ?? 'null',
    );
    expect(block.rules).toEqual([
      {
        kind: 'form',
        check: 'lookup',
        inputs: [
          { name: 'code', id: 'f-code' },
          { name: 'verifier', id: 'f-verifier' },
        ],
      },
    ]);
    const values = { code: 'H15.50.05.13-261308-0975', verifier: '12a' };
    const bad = await browser.post('/track', { _csrf: csrfFrom(page.body), ...values });
    expect(bad.statusCode).toBe(400);
    const problems = lookupProblems(values);
    expect(problems.map((p) => p.path)).toEqual(['code', 'verifier']);
    for (const problem of problems) {
      const text = (block.messages[problem.messageKey] ?? '').replace(/\{(\w+)\}/g, (_, name: string) =>
        String(problem.params?.[name]),
      );
      expect(bad.body).toContain(
        `id="f-${problem.path}-error" class="error-message"><span class="visually-hidden">Lỗi:</span> ${text}</p>`,
      );
    }
  });

  it('refuses a post without the CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/track',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ code, verifier: '5678' }).toString(),
    });
    expect(res.statusCode).toBe(403);
  });
});
