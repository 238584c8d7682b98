import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { multipartBody } from '../dossiers/dossiers.http-testkit.ts';
import { demoCatalog } from './demo-catalog.ts';

let t: TestApp;
/** The province administrator: a session for the JSON API (JSON bodies need no CSRF token) and a form browser. */
let admin: Browser;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  admin = new Browser(t.app);
  await admin.login('quantri', 'motcua@2026');
});
afterAll(() => t.cleanup());

const code = '1.001612.000.00.00.H08';
const demo = structuredClone(demoCatalog.find((p) => p.code === code)!);
const json = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    cookies: admin.jar.object,
    // A JSON body (even empty) is what exempts an API call from the CSRF token.
    ...(payload === undefined && method === 'GET' ? {} : { payload: (payload ?? {}) as object }),
  });
/** Posts a form from the page that shows it, with that page's CSRF token. */
const form = (url: string, fields: Record<string, string>, from = `/admin/catalog/${code}`) =>
  admin.submit(from, url, fields);

describe('catalogue administration routes', () => {
  it('declare the catalog.manage policy on every route', () => {
    const routes = t.app.routePolicies.filter((r) => /^\/(api\/v1\/)?admin\/(catalog|procedures)/.test(r.url));
    expect(routes.length).toBeGreaterThanOrEqual(18);
    for (const route of routes) expect([route.url, route.action]).toEqual([route.url, 'catalog.manage']);
  });

  it('is closed to officers who are not province administrators', async () => {
    const officer = new Browser(t.app);
    await officer.login('motcua', 'motcua@2026');
    expect((await officer.get('/admin/catalog')).statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/admin/procedures', payload: demo });
    expect(anonymous.statusCode).toBe(401);
  });

  it('create, edit, publish, copy and unpublish through the JSON API', async () => {
    const list = await json('GET', '/api/v1/admin/procedures');
    expect(list.json().items).toHaveLength(demoCatalog.length);

    const newCode = '1.900200.000.00.00.H08';
    const created = await json('POST', '/api/v1/admin/procedures', { ...demo, code: newCode });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: newCode, version: 1, status: 'draft' });
    expect((await json('POST', '/api/v1/admin/procedures', { ...demo, code: newCode })).statusCode).toBe(409);

    const published = await json('POST', `/api/v1/admin/procedures/${newCode}/publish`);
    expect(published.json()).toMatchObject({ version: 1, status: 'published' });
    expect((await t.app.inject(`/api/v1/procedures/${newCode}`)).statusCode).toBe(200);
    const noDraft = await json('POST', `/api/v1/admin/procedures/${newCode}/publish`);
    expect(noDraft.statusCode).toBe(409);
    expect(noDraft.json().code).toBe('no_draft');

    const edited = await json('PUT', `/api/v1/admin/procedures/${newCode}/draft`, {
      ...demo,
      code: newCode,
      name: 'Mới',
    });
    expect(edited.json()).toMatchObject({ version: 2, status: 'draft' });
    const view = (await json('GET', `/api/v1/admin/procedures/${newCode}`)).json();
    expect(view.published.definition.name).toBe(demo.name);
    expect(view.draft.definition.name).toBe('Mới');

    const copied = await json('POST', `/api/v1/admin/procedures/${newCode}/copy`, { code: '1.900201.000.00.00.H08' });
    expect(copied.statusCode).toBe(201);
    expect((await json('POST', `/api/v1/admin/procedures/${newCode}/unpublish`)).statusCode).toBe(204);
    expect((await t.app.inject(`/api/v1/procedures/${newCode}`)).statusCode).toBe(404);
    const missing = await json('GET', '/api/v1/admin/procedures/9.999999.H08');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('procedure_not_found');
  });

  it('refuse an invalid definition with the path of each problem, in Vietnamese', async () => {
    const bad = structuredClone(demo) as unknown as {
      code: string;
      cases: { fees: { amount: number }[]; form: { sections: { fields: { type: string }[] }[] } }[];
    };
    bad.code = '1.900202.000.00.00.H08';
    bad.cases[0]!.fees[0]!.amount = -100;
    bad.cases[0]!.form.sections[0]!.fields[0]!.type = 'signature';
    const res = await json('POST', '/api/v1/admin/procedures', bad);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'validation_failed',
      detail: 'Thông tin thủ tục hành chính chưa hợp lệ.',
    });
    expect(res.json().errors).toEqual([
      { path: 'cases.0.form.sections.0.fields.0.type', message: expect.stringContaining('không thuộc danh sách') },
      { path: 'cases.0.fees.0.amount', message: 'Giá trị nhỏ hơn giới hạn cho phép (0).' },
    ]);
  });

  it('export JSON, import it back unchanged (same bytes), and refuse a bad import with a row report', async () => {
    const first = await json('GET', '/api/v1/admin/catalog/export');
    expect(first.headers['content-disposition']).toContain('attachment');
    const imported = await json('POST', '/api/v1/admin/catalog/import', JSON.parse(first.body));
    expect(imported.statusCode).toBe(200);
    expect(imported.json().changed).toBe(0);
    expect((await json('GET', '/api/v1/admin/catalog/export')).body).toBe(first.body);

    const document = JSON.parse(first.body);
    document.procedures[3].definition.cases[0].processingTime = undefined;
    const refused = await json('POST', '/api/v1/admin/catalog/import', document);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().rows).toEqual([
      {
        row: 3,
        code: document.procedures[3].definition.code,
        path: 'definition.cases.0.processingTime',
        message: 'Bắt buộc nhập.',
      },
    ]);
    const csv = await json('GET', '/api/v1/admin/catalog/export?format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
  });

  it('import an exported file chosen on the admin page (multipart), all or nothing', async () => {
    const exported = (await json('GET', '/api/v1/admin/catalog/export')).body;
    const upload = async (bytes: Buffer, fields: Record<string, string> = {}) => {
      const list = await admin.get('/admin/catalog');
      const action = /action="(\/admin\/catalog\/import\?_csrf=[^"]+)"/.exec(list.body)?.[1];
      expect(action).toBeDefined();
      const { payload, contentType } = multipartBody(fields, [
        { field: 'file', filename: 'catalog.json', bytes, type: 'application/json' },
      ]);
      return t.app.inject({
        method: 'POST',
        url: (action as string).replaceAll('&amp;', '&'),
        headers: { 'content-type': contentType, accept: 'text/html' },
        cookies: admin.jar.object,
        payload,
      });
    };
    const renamed = JSON.parse(exported);
    renamed.procedures[0].definition.name = 'Tên nhập từ tệp';
    const ok = await upload(Buffer.from(JSON.stringify(renamed)), { document: 'ignored when a file is chosen' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toMatch(/^\/admin\/catalog\?imported=\d+,1$/);

    const broken = JSON.parse(exported);
    broken.procedures[0].definition.name = 'Không được nhập';
    broken.procedures[2].definition.cases[0].processingTime = undefined;
    const refused = await upload(Buffer.from(JSON.stringify(broken)));
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('definition.cases.0.processingTime');
    const after = JSON.parse((await json('GET', '/api/v1/admin/catalog/export')).body);
    expect(after.procedures[0].definition.name).toBe('Tên nhập từ tệp');

    const withoutToken = await t.app.inject({
      method: 'POST',
      url: '/admin/catalog/import',
      ...(({ payload, contentType }) => ({ payload, headers: { 'content-type': contentType } }))(
        multipartBody({}, [{ field: 'file', filename: 'c.json', bytes: Buffer.from(exported) }]),
      ),
      cookies: admin.jar.object,
    });
    expect(withoutToken.statusCode).toBe(403);
  });

  it('serve the admin pages: list, editor with problems beside it, publish, preview, import report', async () => {
    const list = await admin.get('/admin/catalog');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/admin/catalog/${code}"`);

    const page = await admin.get(`/admin/catalog/${code}`);
    expect(page.body).toContain('<textarea id="definition" name="definition"');
    expect(page.body).toContain('Tóm tắt bản đang công bố');

    const broken = await form(`/admin/catalog/${code}/draft`, { definition: '{"code": ' });
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain('Nội dung JSON không hợp lệ');
    const invalid = await form(`/admin/catalog/${code}/draft`, {
      definition: JSON.stringify({ ...demo, steps: [] }),
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('<code>steps</code>: Phải có ít nhất 1 mục.');
    expect(invalid.body).toContain('aria-invalid="true"');

    const saved = await form(`/admin/catalog/${code}/draft`, {
      definition: JSON.stringify({ ...demo, name: 'Tên mới' }),
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/admin/catalog/${code}?saved=2`);
    expect((await admin.get(saved.headers.location as string)).body).toContain('Đã lưu dự thảo phiên bản 2.');

    const preview = await admin.get(`/admin/catalog/${code}/preview`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Xem trước tờ khai: Tên mới');
    expect(preview.body).toContain('Họ, chữ đệm và tên (bắt buộc)');

    const published = await form(`/admin/catalog/${code}/publish`, {});
    expect(published.headers.location).toBe(`/admin/catalog/${code}?published=2`);
    expect((await t.app.inject(`/api/v1/procedures/${code}`)).json().name).toBe('Tên mới');

    const copied = await form(`/admin/catalog/${code}/copy`, { newCode: '1.900300.000.00.00.H08' });
    expect(copied.headers.location).toBe('/admin/catalog/1.900300.000.00.00.H08?saved=1');

    const badImport = await form('/admin/catalog/import', { document: '{"format":"x"}' }, '/admin/catalog');
    expect(badImport.statusCode).toBe(400);
    expect(badImport.body).toContain('Tệp không phải danh mục thủ tục');
  });
});
