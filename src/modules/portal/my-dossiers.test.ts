import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFrom } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { multipartBody, pdfBytes, pngBytes } from '../dossiers/dossiers.http-testkit.ts';
import * as identity from '../identity/identity.service.ts';
import { PortalDriver, password } from './my-dossiers.testkit.ts';

let t: TestApp;
let d: PortalDriver;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  await identity.createUser(t.db.kysely, {
    username: 'congdan2',
    kind: 'citizen',
    fullName: 'Trần Thị Bình',
    password,
  });
  d = new PortalDriver(t);
  await d.login('congdan', 'congdan2', 'motcua', 'lanhdao', 'chuyenvien');
});
afterAll(() => t.cleanup());

const status = async (code: string) =>
  (await t.app.inject({ url: `/api/v1/dossiers/${code}`, cookies: d.cookies('motcua') })).json().status;

/** Posts the supplement form as a browser without scripts does: multipart, CSRF token in the query. */
async function answerSupplement(
  who: string,
  code: string,
  fields: Record<string, string>,
  files: { field: string; filename: string; bytes: Buffer }[],
) {
  const page = await d.page(who, `/my-dossiers/${code}`);
  const action = /action="(\/my-dossiers\/[^"]+\/supplement\?_csrf=[^"]+)"/.exec(page.body)?.[1] ?? '';
  const { payload, contentType } = multipartBody(fields, files);
  return t.app.inject({
    method: 'POST',
    url: action.replaceAll('&amp;', '&'),
    headers: { 'content-type': contentType, accept: 'text/html' },
    cookies: d.cookies(who),
    payload,
  });
}

async function postForm(who: string, url: string, fields: Record<string, string>) {
  const csrf = csrfFrom((await d.page(who, url.replace(/\/(withdraw|rating)$/, ''))).body);
  return t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    cookies: d.cookies(who),
    payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
  });
}

describe('the list of my dossiers', () => {
  it('lists the applicant’s own dossiers with status and dates, and links to the drafts', async () => {
    const mine = await d.submitOnline('congdan');
    const theirs = await d.submitOnline('congdan2');
    const page = await d.page('congdan', '/my-dossiers');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/my-dossiers/${mine}"`);
    expect(page.body).not.toContain(theirs);
    expect(page.body).toContain('Mới đăng ký');
    expect(page.body).toContain('Đăng ký khai tử');
    expect(page.body).toContain('href="/my-dossiers/drafts"');
    expect(page.body).toContain('Sẽ có khi hồ sơ được tiếp nhận');
  });

  it('sends a visitor to log in and refuses officers', async () => {
    const anonymous = await t.app.inject({ url: '/my-dossiers', headers: { accept: 'text/html' } });
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toBe('/login?next=%2Fmy-dossiers');
    expect((await d.page('motcua', '/my-dossiers')).statusCode).toBe(403);
  });
});

describe('a dossier’s page', () => {
  it('shows the plain-language timeline and the slips, never internal comments; 404 to anyone else', async () => {
    const code = await d.submitOnline();
    await d.act('motcua', code, { action: 'accept', comment: 'Ghi chú nội bộ của bộ phận một cửa' });
    await d.act('lanhdao', code, { action: 'assign', assigneeId: await d.userId('chuyenvien') });
    const page = await d.page('congdan', `/my-dossiers/${code}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hồ sơ được tiếp nhận và có ngày hẹn trả kết quả');
    expect(page.body).not.toContain('Ghi chú nội bộ');
    expect(page.body).not.toContain('Hồ sơ được giao cán bộ giải quyết');
    expect(page.body).toContain(`href="/my-dossiers/${code}/documents/receipt.pdf"`);
    expect(page.body).toContain(`href="/help/procedures/1.000656.000.00.00.H08"`);
    const receipt = await d.page('congdan', `/my-dossiers/${code}/documents/receipt.pdf`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    expect(receipt.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await d.page('congdan', `/my-dossiers/${code}/documents/control-sheet.pdf`)).statusCode).toBe(404);
    expect((await d.page('congdan', `/my-dossiers/${code}/documents/refusal.pdf`)).statusCode).toBe(404);

    for (const url of [`/my-dossiers/${code}`, `/my-dossiers/${code}/documents/receipt.pdf`]) {
      const other = await d.page('congdan2', url);
      expect(other.statusCode).toBe(404);
      expect(other.body).not.toContain('Đăng ký khai tử');
    }
    expect((await d.page('congdan', '/my-dossiers/000.00.01.H08-260101-0001')).statusCode).toBe(404);
  });
});

describe('answering a supplement request', () => {
  it('uploads the missing item with a note: the dossier resumes and the file is on it', async () => {
    const code = await d.submitOnline();
    await d.awaitingSupplement(code);
    const page = await d.page('congdan', `/my-dossiers/${code}`);
    expect(page.body).toContain('Bản sao giấy báo tử có chứng thực');
    expect(page.body).toContain('Lý do: Bản chụp bị mờ');
    const res = await answerSupplement(
      'congdan',
      code,
      { expectedVersion: String(await d.version(code)), note: 'Gửi lại bản rõ nét' },
      [{ field: 'file.GIAY_BAO_TU', filename: 'giay-bao-tu.pdf', bytes: pdfBytes(77) }],
    );
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe(`/my-dossiers/${code}?done=receive_supplement`);
    const dossier = (await t.app.inject({ url: `/api/v1/dossiers/${code}`, cookies: d.cookies('congdan') })).json();
    expect(dossier.status).toBe(2);
    expect(dossier.components.find((c: { code: string }) => c.code === 'GIAY_BAO_TU').fileIds).toHaveLength(2);
    expect(dossier.actions.at(-1)).toMatchObject({
      action: 'receive_supplement',
      role: 'applicant',
      comment: 'Gửi lại bản rõ nét',
    });
    const after = await d.page('congdan', `/my-dossiers/${code}?done=receive_supplement`);
    expect(after.body).toContain('Đã gửi giấy tờ bổ sung');
    expect(after.body).toContain('Ghi chú: Gửi lại bản rõ nét');
  });

  it('refuses an empty answer or a file of the wrong type next to its field, and changes nothing', async () => {
    const code = await d.submitOnline();
    await d.awaitingSupplement(code);
    const version = String(await d.version(code));
    const empty = await answerSupplement('congdan', code, { expectedVersion: version, note: '' }, []);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Vui lòng tải lên ít nhất một giấy tờ bổ sung hoặc ghi chú');
    expect(empty.body).toContain('href="#f-file-TO_KHAI"');
    // The supplement URL only takes posts: the language switch leads to the dossier page it re-renders.
    expect(empty.body).toContain(`class="lang-switch" href="/my-dossiers/${code}?lang=en"`);
    const wrongType = await answerSupplement('congdan', code, { expectedVersion: version }, [
      { field: 'file.GIAY_BAO_TU', filename: 'anh.pdf', bytes: pngBytes },
    ]);
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.body).toContain('không khớp với đuôi .pdf');
    expect(await status(code)).toBe(5);
    expect(await d.version(code)).toBe(Number(version));
  });
});

describe('withdrawing', () => {
  it('withdraws a dossier in process, and refuses once it has a result (409, nothing changes)', async () => {
    const running = await d.submitOnline();
    await d.act('motcua', running, { action: 'accept' });
    const res = await postForm('congdan', `/my-dossiers/${running}/withdraw`, {
      expectedVersion: String(await d.version(running)),
      reason: 'Nộp nhầm thủ tục',
    });
    expect(res.statusCode).toBe(303);
    expect(await status(running)).toBe(7);
    expect((await d.page('congdan', `/my-dossiers/${running}`)).body).toContain('Ghi chú: Nộp nhầm thủ tục');

    const finished = await d.submitOnline();
    await d.resolved(finished);
    const version = await d.version(finished);
    expect((await d.page('congdan', `/my-dossiers/${finished}`)).body).not.toContain('Rút hồ sơ</button>');
    const late = await postForm('congdan', `/my-dossiers/${finished}/withdraw`, { expectedVersion: String(version) });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Chưa thực hiện được');
    expect(await status(finished)).toBe(9);
    expect(await d.version(finished)).toBe(version);
  });

  it('refuses another citizen’s withdrawal with 404', async () => {
    const code = await d.submitOnline();
    const res = await postForm('congdan2', `/my-dossiers/${code}/withdraw`, { expectedVersion: '1' });
    expect(res.statusCode).toBe(404);
    expect(await status(code)).toBe(1);
  });
});

describe('the result and the fees', () => {
  it('offers the electronic result for download once resolved, and nothing else by that route', async () => {
    const code = await d.submitOnline();
    const resultId = await d.resolved(code);
    const page = await d.page('congdan', `/my-dossiers/${code}`);
    expect(page.body).toContain(`href="/my-dossiers/${code}/results/${resultId}"`);
    expect(page.body).toContain('Tải kết quả: trich-luc-khai-tu.pdf');
    const download = await d.page('congdan', `/my-dossiers/${code}/results/${resultId}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain('trich-luc-khai-tu.pdf');
    expect(download.rawPayload.equals(pdfBytes(99))).toBe(true);
    const submitted = (await t.app.inject({ url: `/api/v1/dossiers/${code}`, cookies: d.cookies('congdan') })).json();
    const attachment = submitted.components[0].fileIds[0];
    expect((await d.page('congdan', `/my-dossiers/${code}/results/${attachment}`)).statusCode).toBe(404);
    expect((await d.page('congdan2', `/my-dossiers/${code}/results/${resultId}`)).statusCode).toBe(404);
  });

  it('links to the payment page while the dossier awaits payment', async () => {
    const code = await d.submitOnline();
    await d.act('motcua', code, { action: 'accept' });
    await d.act('lanhdao', code, { action: 'assign', assigneeId: await d.userId('chuyenvien') });
    await d.act('chuyenvien', code, { action: 'request_payment', amount: 50_000 });
    const page = await d.page('congdan', `/my-dossiers/${code}`);
    expect(page.body).toContain(`href="/payments/${code}"`);
    expect(page.body).toContain('Thanh toán lệ phí');
  });
});
