import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { demoCatalog } from './demo-catalog.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.cleanup());

const api = (query: string) => t.app.inject(`/api/v1/procedures${query}`);

describe('GET /api/v1/procedures', () => {
  it('lists the published demo catalogue in pages', async () => {
    const res = await api('?limit=5');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const body = res.json();
    expect(body.total).toBe(demoCatalog.length);
    expect(body.items).toHaveLength(5);
    const second = (await api('?limit=5&page=2')).json();
    expect(second.items[0].code).not.toBe(body.items[0].code);
  });

  it('finds "dang ky kinh doanh" and answers in the documented shape', async () => {
    const body = (await api('?q=dang%20ky%20kinh%20doanh')).json();
    const item = body.items.find((i: { name: string }) => i.name === 'Đăng ký thành lập hộ kinh doanh');
    expect(item).toEqual({
      code: '1.001612.000.00.00.H08',
      name: 'Đăng ký thành lập hộ kinh doanh',
      agency: { code: '000.01.21.H08', name: 'Ủy ban nhân dân phường Phú Thọ' },
      field: { code: 'G17', name: 'Thành lập và hoạt động của hộ kinh doanh' },
      onlineMode: 'full',
      processingTime: { value: 3, unit: 'workingDays' },
      fees: [{ name: 'Lệ phí đăng ký hộ kinh doanh', amount: 100000 }],
    });
  });

  it('filters by agency, field, mode and level', async () => {
    const body = (await api('?agency=000.00.13.H08&mode=partial&field=G05&level=province')).json();
    expect(body.total).toBeGreaterThan(0);
    for (const item of body.items) {
      expect(item).toMatchObject({ agency: { code: '000.00.13.H08' }, field: { code: 'G05' }, onlineMode: 'partial' });
    }
  });

  it.each([
    ['?limit=101', 'limit'],
    ['?limit=0', 'limit'],
    ['?limit=ten', 'limit'],
    ['?page=0', 'page'],
    ['?mode=online', 'mode'],
    ['?level=district', 'level'],
    ['?agency=Sở%20Xây%20dựng', 'agency'],
    ['?field=%3Cscript%3E', 'field'],
    [`?q=${'a'.repeat(201)}`, 'q'],
  ])('refuses %s with 400 naming %s', async (query, path) => {
    const res = await api(query);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual([path]);
    expect(res.json().errors[0].message).not.toMatch(/^catalog\./);
  });
});

describe('GET /api/v1/procedures/{code}', () => {
  it('returns the published definition with the agency name', async () => {
    const code = '1.001612.000.00.00.H08';
    const res = await api(`/${code}`);
    expect(res.statusCode).toBe(200);
    const definition = demoCatalog.find((p) => p.code === code);
    expect(res.json()).toEqual({
      ...definition,
      agency: { ...definition?.agency, name: 'Ủy ban nhân dân phường Phú Thọ' },
    });
  });

  it('answers an unknown code with 404 procedure_not_found', async () => {
    const res = await api('/9.999999.H08');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'procedure_not_found', detail: expect.stringContaining('9.999999.H08') });
  });
});

describe('public catalogue pages', () => {
  it('searches from a plain GET form and keeps the filters in the page links', async () => {
    const res = await t.app.inject({ url: '/procedures?q=giay+phep&mode=&agency=', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<form method="get" action="/procedures"');
    expect(res.body).toContain('value="giay phep"');
    expect(res.body).toMatch(/Tìm thấy \d+ thủ tục với từ khóa “giay phep”/);
    expect(res.body).toContain('href="/procedures/1.009994.000.00.00.H08"');
    const all = await t.app.inject('/procedures?mode=full');
    expect(all.body).toContain('Toàn trình');
    expect(all.body).not.toContain('class="badge badge--partial"');
  });

  it('paginates 20 per page', async () => {
    const res = await t.app.inject('/procedures');
    expect(res.body.match(/class="procedure-item"/g)).toHaveLength(20);
    expect(res.body).toContain('href="/procedures?page=2"');
    const last = await t.app.inject('/procedures?page=2');
    expect(last.body.match(/class="procedure-item"/g)).toHaveLength(demoCatalog.length - 20);
  });

  it('shows everything in the definition in plain Vietnamese', async () => {
    const res = await t.app.inject('/procedures/1.001612.000.00.00.H08');
    expect(res.statusCode).toBe(200);
    for (const text of [
      'Đăng ký thành lập hộ kinh doanh',
      'Ủy ban nhân dân phường Phú Thọ',
      'Cấp xã',
      'Toàn trình',
      '3 ngày làm việc',
      '100.000 đ',
      'Thành phần hồ sơ',
      'Bản chính',
      'Trình tự thực hiện',
      'Căn cứ pháp lý',
      'Kết quả thực hiện',
      'Nộp trực tuyến trên Cổng Dịch vụ công',
    ]) {
      expect(res.body).toContain(text);
    }
  });

  it('formats per-unit fees and exemptions', async () => {
    const withUnit = demoCatalog.find((p) => p.cases.some((c) => c.fees.some((f) => f.kind === 'perUnit')));
    const fee = withUnit?.cases.flatMap((c) => c.fees).find((f) => f.kind === 'perUnit');
    expect(fee?.kind).toBe('perUnit');
    const res = await t.app.inject(`/procedures/${withUnit?.code}`);
    if (fee?.kind === 'perUnit') expect(res.body).toContain(` / ${fee.unitName}`);
    const exempted = await t.app.inject('/procedures/2.001610.000.00.00.H08');
    expect(exempted.body).toContain('Đăng ký doanh nghiệp qua mạng điện tử');
    expect(exempted.body).toContain('50.000 đ');
  });

  it('answers an unknown code with an HTML 404 page', async () => {
    const res = await t.app.inject({ url: '/procedures/9.999999.H08', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Không tìm thấy thủ tục hành chính có mã 9.999999.H08.');
  });
});
