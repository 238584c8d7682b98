import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDossiers } from '../../../bench/dossier-generator.ts';
import { fixedClock } from '../../lib/clock.ts';
import { Browser } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { pdfFlatText } from '../documents/test-support.ts';

const year = new Date().getUTCFullYear();

describe('statistics over HTTP', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    await generateDossiers(t.db.kysely, { count: 1500 });
  }, 120_000);
  afterAll(() => t.cleanup());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

  it('answers the summary API per agency, with names and rates', async () => {
    const res = await get(`/api/v1/stats/summary?from=${year}-01-01&to=${year}-12-31&groupBy=agency`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.from).toBe(`${year}-01-01`);
    expect(body.totals.received).toBeGreaterThan(0);
    expect(body.totals).toHaveProperty('resolvedOnTime');
    expect(body.totals).toHaveProperty('overdue');
    expect(body.groups.length).toBeGreaterThan(0);
    expect(body.groups.reduce((n: number, g: { received: number }) => n + g.received, 0)).toBe(body.totals.received);
    expect(body.groups.map((g: { name: string }) => g.name).join(' ')).toMatch(/Sở|Phường|Trung tâm|Ủy ban|UBND/);
  });

  it.each([
    ['from=2026-02-30&to=2026-03-01', 400, 'ngày có thật'],
    ['from=2026-03-01&to=2026-02-01', 400, 'không trước ngày bắt đầu'],
    ['from=2026-01-01&to=2026-12-31&groupBy=phone', 400, 'groupBy'],
    ['from=2026-01-01&to=2026-12-31&agency=999.99.99.H99', 404, 'Không có cơ quan'],
  ])('refuses %s with %i and a Vietnamese explanation', async (query, status, text) => {
    const res = await get(`/api/v1/stats/summary?${query}`);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(res.json())).toContain(text);
  });

  it('shows the public dashboard without login: headline, summary paragraph, charts with tables', async () => {
    const res = await get('/stats', { accept: 'text/html' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Thống kê giải quyết thủ tục hành chính');
    expect(res.body).toMatch(
      /Năm \d{4}, toàn tỉnh tiếp nhận [\d.]+ hồ sơ thủ tục hành chính, trong đó hồ sơ tiếp nhận trực tuyến là/,
    );
    expect(res.body).toContain('Đơn vị có số hồ sơ giải quyết trực tuyến nhiều nhất là');
    expect(res.body.match(/<svg[^>]*role="img"/g)?.length).toBeGreaterThanOrEqual(3);
    expect(res.body).toContain('<caption>Số liệu của biểu đồ</caption>');
    const en = await get('/stats?lang=en', { accept: 'text/html' });
    expect(en.body).toContain('Administrative procedure statistics');
    expect((await get('/statistics')).headers.location).toBe('/stats');
  });

  it('filters the dashboard by agency and month, and refuses a bad filter', async () => {
    const res = await get(`/stats?year=${year}&month=1&agency=000.00.21.H08`, { accept: 'text/html' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`Tháng 1/${year}`);
    expect((await get('/stats?month=13', { accept: 'text/html' })).statusCode).toBe(400);
  });

  it('publishes open data as JSON and CSV without personal data', async () => {
    const json = await get(`/api/v1/stats/open-data?year=${year}`);
    expect(json.statusCode).toBe(200);
    const data = json.json();
    expect(data.months).toHaveLength(12);
    expect(data.totals.received).toBeGreaterThan(0);
    const csv = await get(`/api/v1/stats/open-data.csv?year=${year}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toContain('receivedOnline');
    const person = await t.db.kysely
      .selectFrom('dossiers')
      .select(['applicant_name', 'applicant_id_number'])
      .executeTakeFirstOrThrow();
    for (const body of [json.body, csv.body]) {
      expect(body).not.toContain(person.applicant_id_number);
      expect(body).not.toContain(person.applicant_name);
    }
  });

  it('keeps the officers’ reports behind login, and exports them in Vietnamese', async () => {
    expect((await get('/office/reports', { accept: 'application/json' })).statusCode).toBe(401);
    const browser = new Browser(t.app);
    await browser.login('lanhdao', 'motcua@2026');
    const page = await browser.get(`/office/reports?from=${year}-01-01&to=${year}-12-31&rows=procedure`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Số hồ sơ nhận giải quyết');
    expect(page.body).toContain('Tổng cộng');

    const query = `from=${year}-01-01&to=${year}-12-31&rows=procedure`;
    const xlsx = await browser.get(`/office/reports/export/xlsx?${query}`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(xlsx.rawPayload).buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A3').value).toBe('BÁO CÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(sheet.getCell('C6').value).toBe('Số hồ sơ nhận giải quyết');
    expect(String(sheet.getCell('A1').value)).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');

    const pdf = await browser.get(`/office/reports/export/pdf?${query}`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfFlatText(pdf.rawPayload);
    expect(text).toContain('BÁO CÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Tổng cộng');

    const csv = await browser.get(`/office/reports/export/csv?${query}`);
    expect(csv.body).toContain('Số hồ sơ đã giải quyết - Trước hạn');
    expect((await browser.get(`/office/reports/export/doc?${query}`)).statusCode).toBe(400);
  });

  it('lets an officer report only on the agencies they work in', async () => {
    const browser = new Browser(t.app);
    await browser.login('lanhdao', 'motcua@2026');
    const res = await browser.get('/office/reports?agency=000.00.00.H08');
    expect(res.statusCode).toBe(403);
  });
});

describe('766 indicators for officers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    await generateDossiers(t.db.kysely, { count: 600 });
  }, 120_000);
  afterAll(() => t.cleanup());

  it('lists the indicators with formula and points, and drills down to the dossiers behind 2.1', async () => {
    const browser = new Browser(t.app);
    await browser.login('quantri', 'motcua@2026');
    const query = `from=${year}-01-01&to=${year}-12-31`;
    const page = await browser.get(`/office/reports/indicators?${query}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hồ sơ xử lý trước hạn, đúng hạn');
    expect(page.body).toContain('Chưa có nguồn dữ liệu');
    const drill = await browser.get(`/office/reports/indicators/2.1?${query}`);
    expect(drill.statusCode).toBe(200);
    const codes = [...drill.body.matchAll(/href="\/office\/dossiers\/([^"]+)"/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(0);
    // Those that miss the indicator come first, and say so.
    expect(drill.body).toMatch(/<td>Không<\/td>/);
    const summary = (await t.app.inject({ url: `/api/v1/stats/summary?${query}` })).json();
    const judged = summary.totals.resolved + summary.totals.stopped + summary.totals.inProgress;
    expect(drill.body).toContain(`trên ${judged.toLocaleString('vi-VN')} hồ sơ`);
    expect((await browser.get(`/office/reports/indicators/9.9?${query}`)).statusCode).toBe(400);
  });

  it('says which indicators lack data, and drills down to the dossiers behind the digitisation ones', async () => {
    const browser = new Browser(t.app);
    await browser.login('quantri', 'motcua@2026');
    const query = `from=${year}-01-01&to=${year}-12-31`;
    const page = await browser.get(`/office/reports/indicators?${query}`);
    expect(page.body).toContain('TTHC được công bố đúng hạn');
    expect(page.body.match(/Không đủ dữ liệu: danh mục chưa ghi ngày ban hành/g)).toHaveLength(2);
    expect(page.body).toContain('Hồ sơ có kết quả điện tử');
    const summary = (await t.app.inject({ url: `/api/v1/stats/summary?${query}` })).json();
    expect(summary.totals.resolved).toBeGreaterThan(0);
    const electronic = await browser.get(`/office/reports/indicators/4.1?${query}`);
    expect(electronic.statusCode).toBe(200);
    expect(electronic.body).toContain(`trên ${summary.totals.resolved.toLocaleString('vi-VN')} hồ sơ`);
    const vneid = await browser.get(`/office/reports/indicators/4.5?${query}`);
    expect(vneid.body).toContain(`trên ${summary.totals.received.toLocaleString('vi-VN')} hồ sơ`);
  });

  it('shows the indicator groups on the public dashboard', async () => {
    const res = await t.app.inject({ url: '/stats', headers: { accept: 'text/html' } });
    expect(res.body).toContain('Chỉ số đánh giá theo Quyết định 766/QĐ-TTg');
    expect(res.body).toContain('Tiến độ giải quyết');
  });
});

describe('dashboard figures kept in memory and by browsers', () => {
  const clock = fixedClock(new Date());
  let t: TestApp;
  const thisYear = clock.now().getUTCFullYear();

  beforeAll(async () => {
    t = await createTestApp({ demo: true, clock });
    await generateDossiers(t.db.kysely, { count: 400, now: clock.now() });
  }, 120_000);
  afterAll(() => t.cleanup());

  const openData = () => t.app.inject({ url: `/api/v1/stats/open-data?year=${thisYear}` });

  it('answers a validator with 304, and lets browsers keep the figures only within the minute', async () => {
    for (const url of ['/stats', `/api/v1/stats/open-data?year=${thisYear}`, `/api/v1/stats/open-data.csv`]) {
      const first = await t.app.inject({ url, headers: { accept: 'text/html' } });
      expect(first.statusCode).toBe(200);
      const etag = String(first.headers.etag);
      const maxAge = Number(/max-age=(\d+)/.exec(String(first.headers['cache-control']))?.[1]);
      expect(maxAge).toBeLessThanOrEqual(60);
      const again = await t.app.inject({ url, headers: { accept: 'text/html', 'if-none-match': etag } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
    }
    expect((await t.app.inject({ url: '/stats' })).headers.vary).toContain('Cookie');
  });

  it('gives figures equal to a direct count within a minute of a change', async () => {
    const before = (await openData()).json();
    const open = await t.db.kysely.selectFrom('dossiers').select('id').where('status', '=', 4).limit(15).execute();
    expect(open.length).toBeGreaterThan(0);
    clock.advance(1000);
    const at = clock.now().toISOString();
    await t.db.kysely
      .updateTable('dossiers')
      .set({ status: 9, resolved_at: at, updated_at: at })
      .where(
        'id',
        'in',
        open.map((d) => d.id),
      )
      .execute();
    // Within the minute the kept copy may still be served, and says for how long at most.
    clock.advance(10_000);
    const kept = await openData();
    const maxAge = Number(/max-age=(\d+)/.exec(String(kept.headers['cache-control']))?.[1]);
    expect(11 + maxAge).toBeLessThanOrEqual(60 + 1);

    // A minute after the change, the cells answered from are younger than the change.
    clock.advance(50_000);
    const after = (await openData()).json();
    const start = `${thisYear - 1}-12-31T17:00:00.000Z`;
    const end = `${thisYear}-12-31T17:00:00.000Z`;
    const counted = await sql<{ received: number; resolved: number }>`
      select
        sum(case when accepted_at >= ${start} and accepted_at < ${end} then 1 else 0 end) as received,
        sum(case when accepted_at is not null and coalesce(resolved_at, returned_at) >= ${start}
          and coalesce(resolved_at, returned_at) < ${end} then 1 else 0 end) as resolved
      from dossiers`.execute(t.db.kysely);
    expect(after.totals.resolved).toBe(Number(counted.rows[0]?.resolved));
    expect(after.totals.received).toBe(Number(counted.rows[0]?.received));
    expect(after.totals.resolved).toBe(before.totals.resolved + open.length);
  });
});
