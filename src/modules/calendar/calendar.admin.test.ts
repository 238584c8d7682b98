import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.cleanup());

const password = 'motcua@2026';
const dueDate = async (from: string) =>
  (await t.app.inject(`/api/v1/calendar/due-date?from=${encodeURIComponent(from)}&workingDays=1`)).json().dueDate;

describe('calendar administration', () => {
  it('lets the province administrator add and remove days off and make-up days, with the basis noted', async () => {
    const admin = new Browser(t.app);
    await admin.login('quantri', password);
    const page = await admin.get('/admin/calendar?year=2027');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Chưa có điều chỉnh nào cho năm này.');

    expect(await dueDate('2027-03-04T10:00:00+07:00')).toBe('2027-03-05');
    const added = await admin.submit('/admin/calendar?year=2027', '/admin/calendar/overrides', {
      date: '2027-03-05',
      kind: 'off',
      note: 'Thông báo số 12/TB-UBND',
    });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe('/admin/calendar?year=2027&added=2027-03-05');
    const after = await admin.get(added.headers.location as string);
    expect(after.body).toContain('Thông báo số 12/TB-UBND');
    expect(after.body).toContain('Đã lưu điều chỉnh ngày 2027-03-05');
    expect(await dueDate('2027-03-04T10:00:00+07:00')).toBe('2027-03-08');

    const removed = await admin.submit('/admin/calendar?year=2027', '/admin/calendar/overrides/2027-03-05/delete', {});
    expect(removed.statusCode).toBe(303);
    expect(await dueDate('2027-03-04T10:00:00+07:00')).toBe('2027-03-05');
  });

  it('shows each problem next to its field and changes nothing', async () => {
    const admin = new Browser(t.app);
    await admin.login('quantri', password);
    const missing = await admin.submit('/admin/calendar', '/admin/calendar/overrides', {
      date: '',
      kind: 'off',
      note: '',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Vui lòng nhập ngày theo dạng năm-tháng-ngày.');
    expect(missing.body).toContain('Vui lòng ghi căn cứ');
    const noOp = await admin.submit('/admin/calendar', '/admin/calendar/overrides', {
      date: '2027-03-06',
      kind: 'off',
      note: 'x',
    });
    expect(noOp.statusCode).toBe(400);
    expect(noOp.body).toContain('Ngày 2027-03-06 đã là ngày nghỉ.');
    await admin.submit('/admin/calendar', '/admin/calendar/overrides', {
      date: '2027-03-06',
      kind: 'working',
      note: 'Làm bù',
    });
    const contradiction = await admin.submit('/admin/calendar', '/admin/calendar/overrides', {
      date: '2027-03-06',
      kind: 'off',
      note: 'Nghỉ',
    });
    expect(contradiction.statusCode).toBe(409);
    expect(contradiction.body).toContain('Ngày 2027-03-06 đã có điều chỉnh');
  });

  it('is closed to officers who are not province administrators, and to anonymous visitors', async () => {
    const officer = new Browser(t.app);
    await officer.login('motcua', password);
    expect((await officer.get('/admin/calendar')).statusCode).toBe(403);
    const anonymous = await t.app.inject({ url: '/admin/calendar', headers: { accept: 'text/html' } });
    expect([302, 303, 401]).toContain(anonymous.statusCode);
  });
});
