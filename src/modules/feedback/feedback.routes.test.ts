import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, csrfFrom } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import * as agencies from '../agencies/agencies.service.ts';
import { multipartBody, pdfBytes, pngBytes } from '../dossiers/dossiers.http-testkit.ts';
import * as identity from '../identity/identity.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.cleanup());

const hostile = '<script>alert("x")</script><b>đậm</b>';
let phoneCounter = 0;
const nextPhone = () => {
  phoneCounter += 1;
  return `0912 555 ${100 + phoneCounter}`;
};

/** Sends the page form as a browser without JavaScript would: multipart, the CSRF token in the query. */
async function sendForm(b: Browser, fields: Record<string, string>, files: Parameters<typeof multipartBody>[1] = []) {
  const page = await b.get('/feedback/new');
  const action = /<form method="post" action="([^"]+)"/.exec(page.body)?.[1]?.replaceAll('&amp;', '&') ?? '';
  expect(action).toMatch(/^\/feedback\/new\?_csrf=/);
  const body = multipartBody(fields, files);
  const res = await t.app.inject({
    method: 'POST',
    url: action,
    headers: { accept: 'text/html', 'content-type': body.contentType },
    cookies: b.jar.object,
    payload: body.payload,
  });
  b.jar.take(res);
  return res;
}

const formFields = (overrides: Record<string, string> = {}) => ({
  fullName: 'Phạm Văn Minh',
  address: 'Khu phố 2, phường Phú Thọ',
  phone: nextPhone(),
  email: 'minh@example.vn',
  category: 'procedure',
  subject: 'Hướng dẫn hồ sơ',
  summary: `Cần hướng dẫn rõ thành phần hồ sơ ${phoneCounter}.`,
  content: 'Nội dung chi tiết.',
  consentPublish: 'true',
  website: '',
  ...overrides,
});

async function officer(username: string) {
  const b = new Browser(t.app);
  await b.login(username, t.config.demoPassword);
  return b;
}

async function act(b: Browser, code: string, fields: Record<string, string>) {
  const page = await b.get(`/office/feedback/${code}`);
  const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '';
  return b.post(`/office/feedback/${code}/actions`, { _csrf: csrfFrom(page.body), version, ...fields });
}

describe('the feedback form without JavaScript', () => {
  it('sends a petition with an attachment and shows the tracking code', async () => {
    const b = new Browser(t.app);
    const res = await sendForm(b, formFields(), [
      { field: 'attachments', filename: 'giay-to.pdf', bytes: pdfBytes(1) },
    ]);
    expect(res.statusCode).toBe(303);
    const code = /\/feedback\/sent\/(PA-H08-\d{4}-\d{6})$/.exec(res.headers.location ?? '')?.[1] ?? '';
    expect(code).not.toBe('');
    const sent = await b.get(`/feedback/sent/${code}`);
    expect(sent.body).toContain(code);
    const handler = await officer('kiemsoat');
    const page = await handler.get(`/office/feedback/${code}`);
    expect(page.body).toContain('giay-to.pdf');
    const href = /href="(\/office\/feedback\/[^"]+\/files\/[^"]+)"/.exec(page.body)?.[1] ?? '';
    const file = await handler.get(href);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(pdfBytes(1))).toBe(true);
  });

  it('shows each missing required field next to it and keeps what was typed', async () => {
    const res = await sendForm(
      new Browser(t.app),
      formFields({ address: '', phone: '', summary: '', subject: 'Giữ lại' }),
    );
    expect(res.statusCode).toBe(400);
    for (const [field, message] of [
      ['address', 'Vui lòng nhập địa chỉ.'],
      ['phone', 'Vui lòng nhập số điện thoại.'],
      ['summary', 'Vui lòng nhập tóm tắt nội dung phản ánh.'],
    ]) {
      expect(res.body).toContain(`<p id="f-${field}-error" class="error-message">`);
      expect(res.body).toContain(message);
    }
    expect(res.body).toContain('value="Giữ lại"');
  });

  it('refuses a file of 10 MB + 1 byte and a disguised file type, and saves nothing', async () => {
    const before = await t.db.kysely.selectFrom('feedback_items').select('id').execute();
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    big.write('%PDF-1.4\n');
    const tooBig = await sendForm(new Browser(t.app), formFields(), [
      { field: 'attachments', filename: 'lon.pdf', bytes: big },
    ]);
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.body).toContain('vượt quá dung lượng cho phép (10 MB)');
    const disguised = await sendForm(new Browser(t.app), formFields(), [
      { field: 'attachments', filename: 'anh.pdf', bytes: pngBytes },
    ]);
    expect(disguised.statusCode).toBe(400);
    expect(disguised.body).toContain('không khớp với đuôi .pdf');
    expect(await t.db.kysely.selectFrom('feedback_items').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses the same petition sent twice within a minute', async () => {
    const fields = formFields();
    expect((await sendForm(new Browser(t.app), fields)).statusCode).toBe(303);
    const again = await sendForm(new Browser(t.app), fields);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Phản ánh giống hệt vừa được gửi trong một phút qua');
  });
});

describe('the JSON API', () => {
  it('takes a submission (201 {code}), reads it back with the verifier, and answers a wrong verifier as an unknown code', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/feedback',
      payload: { address: 'Ấp 1, xã An Sơn', phone: '0987 654 321', summary: 'Đề nghị niêm yết phí rõ hơn.' },
    });
    expect(res.statusCode).toBe(201);
    const { code } = res.json() as { code: string };
    const ok = await t.app.inject({ url: `/api/v1/feedback/${code}?verifier=4321` });
    expect(ok.json()).toMatchObject({ code, status: 'received', answer: null, mayRate: false });
    const wrong = await t.app.inject({ url: `/api/v1/feedback/${code}?verifier=1111` });
    const unknown = await t.app.inject({ url: '/api/v1/feedback/PA-H08-2611-999999?verifier=4321' });
    for (const r of [wrong, unknown]) {
      expect(r.statusCode).toBe(404);
      expect(r.json()).toMatchObject({
        code: 'feedback_not_found',
        detail: 'Không tìm thấy phản ánh với mã và mã xác thực đã nhập.',
      });
    }
  });

  it('answers a bad submission with problem+json naming each field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/feedback',
      headers: { 'accept-language': 'en' },
      payload: { phone: 'abc', summary: '' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect((res.json() as { errors: { path: string; message: string }[] }).errors).toEqual([
      { path: 'address', message: 'Enter your address.' },
      { path: 'phone', message: 'The phone number is not valid (e.g. 0912 345 678 or 0274 3822 929).' },
      { path: 'summary', message: 'Enter a summary of your feedback.' },
    ]);
  });
});

describe('the back office', () => {
  it('lets the procedure-control office handle an item from its queue to publication; HTML in any text stays text', async () => {
    const fields = formFields({ subject: hostile, summary: hostile, content: hostile, fullName: hostile });
    const sent = await sendForm(new Browser(t.app), fields);
    const code = (sent.headers.location ?? '').split('/').pop() ?? '';
    const handler = await officer('kiemsoat');
    const queue = await handler.get('/office/feedback');
    expect(queue.body).toContain(code);
    const steps: Record<string, string>[] = [
      { action: 'accept' },
      { action: 'assign', agency: '000.00.10.H08' },
      { action: 'answer', answer: `Trả lời ${hostile}` },
      { action: 'edit_for_publication', publicSubject: hostile, publicQuestion: `Đã biên tập ${hostile}` },
      { action: 'publish' },
    ];
    for (const step of steps) {
      const res = await act(handler, code, step);
      expect(res.statusCode, JSON.stringify(step)).toBe(303);
    }
    const pages = [
      (await handler.get(`/office/feedback/${code}`)).body,
      (await handler.get('/office/feedback?stage=closed')).body,
      (await new Browser(t.app).get('/feedback?q=bien%20tap')).body,
      (
        await new Browser(t.app).submit('/feedback/track', '/feedback/track', {
          code,
          verifier: fields.phone.slice(-3).padStart(4, '5'),
        })
      ).body,
    ];
    for (const body of pages) {
      expect(body).not.toContain('<script>alert');
      expect(body).not.toContain('<b>đậm</b>');
    }
    // The original (officers only), the edited question (public) and the answer (sender), all escaped.
    const shown = '&lt;script>alert(&quot;x&quot;)&lt;/script>&lt;b>đậm&lt;/b>';
    expect(pages[0]).toContain(`<p>${shown}</p>`);
    expect(pages[2]).toContain(`Đã biên tập ${shown}`);
    expect(pages[2]).not.toContain(`<p>${shown}</p>`);
    expect(pages[3]).toContain(`Trả lời ${shown}`);
  });

  it('refuses officers without the role (403) and hides items outside the handler’s agencies (404)', async () => {
    const { code } = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/feedback',
        payload: { address: 'Phường Phú Hòa', phone: '0977 111 222', summary: 'Phòng chờ thiếu ghế.' },
      })
    ).json() as { code: string };
    expect((await (await officer('chuyenvien')).get('/office/feedback')).statusCode).toBe(403);
    const planning = await agencies.findAgency(t.db.kysely, '000.00.10.H08');
    const user = await identity.createUser(t.db.kysely, {
      username: 'pakn-so',
      kind: 'officer',
      fullName: 'Cán bộ Sở',
      password: t.config.demoPassword,
      demo: true,
    });
    await identity.grantRole(t.db.kysely, user.id, planning?.id ?? '', 'petition_handler');
    const departmentHandler = await officer('pakn-so');
    expect((await departmentHandler.get(`/office/feedback/${code}`)).statusCode).toBe(404);
    expect((await departmentHandler.get('/office/feedback')).body).not.toContain(code);
    // Once assigned to the department, its handler sees the item.
    await act(await officer('kiemsoat'), code, { action: 'accept' });
    await act(await officer('kiemsoat'), code, { action: 'assign', agency: '000.00.10.H08' });
    expect((await departmentHandler.get(`/office/feedback/${code}`)).statusCode).toBe(200);
  });

  it('shows a refused command with its reason on the page (409) and a missing reason next to the field (400)', async () => {
    const { code } = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/feedback',
        payload: { address: 'Phường Hiệp Thành', phone: '0977 333 444', summary: 'Chưa nhận được kết quả.' },
      })
    ).json() as { code: string };
    const handler = await officer('kiemsoat');
    const publish = await act(handler, code, { action: 'publish' });
    expect(publish.statusCode).toBe(409);
    expect(publish.body).toContain('Không thể “Công khai câu trả lời” khi phản ánh đang ở trạng thái “Mới tiếp nhận”.');
    const refuse = await act(handler, code, { action: 'refuse', reason: '  ' });
    expect(refuse.statusCode).toBe(400);
    expect(refuse.body).toContain('Vui lòng nêu lý do.');
  });
});
