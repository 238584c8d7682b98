import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testProcess } from '../../db/reference-cache.testkit.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { CalendarService } from './calendar.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.cleanup());

const officeSettings = {
  cutoff: '15:00',
  officeHours: [
    { start: '07:30', end: '11:30' },
    { start: '13:00', end: '17:00' },
  ],
  countReceptionDay: false,
};

describe('GET /api/v1/calendar/holidays', () => {
  it('lists the statutory days off of 2026 with Vietnamese names and kinds', async () => {
    const res = await t.app.inject('/api/v1/calendar/holidays?year=2026');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.year).toBe(2026);
    const byDate = new Map(body.days.map((d: { date: string }) => [d.date, d]));
    expect(byDate.get('2026-01-01')).toEqual({ date: '2026-01-01', name: 'Tết Dương lịch', kind: 'holiday' });
    // Lunar New Year 2026 is 17 February: New Year's Eve and the four days after.
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) {
      expect(byDate.get(d)).toMatchObject({ name: 'Tết Nguyên Đán', kind: 'holiday' });
    }
    expect(byDate.get('2026-04-30')).toMatchObject({ kind: 'holiday' });
    expect(byDate.get('2026-09-02')).toMatchObject({ name: 'Quốc khánh' });
  });

  it('names the days in English on request', async () => {
    const res = await t.app.inject({
      url: '/api/v1/calendar/holidays?year=2026',
      headers: { 'accept-language': 'en' },
    });
    expect(res.json().days[0]).toEqual({ date: '2026-01-01', name: 'New Year’s Day', kind: 'holiday' });
  });

  it.each(['abc', '1899', '2200', '2026.5', ''])('refuses year=%s with 400 naming the parameter', async (year) => {
    const res = await t.app.inject(`/api/v1/calendar/holidays?year=${year}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([{ path: 'year', message: 'Năm phải là số nguyên từ 1900 đến 2199.' }]);
  });
});

describe('GET /api/v1/calendar/due-date', () => {
  const due = (query: string) => t.app.inject(`/api/v1/calendar/due-date?${query}`);

  it('gives a Friday-morning dossier with one working day Monday 17:00 Vietnam time', async () => {
    const res = await due('from=2026-11-27T03:00:00Z&workingDays=1');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ dueAt: '2026-11-30T10:00:00.000Z', dueDate: '2026-11-30' });
  });

  it('counts a dossier received at 15:01 from the next working day, and 14:59 from the same day', async () => {
    const before = await due(`from=${encodeURIComponent('2026-11-26T14:59:00+07:00')}&workingDays=1`);
    const after = await due(`from=${encodeURIComponent('2026-11-26T15:01:00+07:00')}&workingDays=1`);
    expect(before.json().dueDate).toBe('2026-11-27');
    expect(after.json().dueDate).toBe('2026-11-30');
  });

  it('skips Tết: a 3-working-day dossier accepted on the eve of Tết 2027 is due after the break', async () => {
    // Tết 2027: 5–9 February (New Year's Day is Saturday 6 February; the weekend days give days in lieu).
    const res = await due(`from=${encodeURIComponent('2027-02-04T10:00:00+07:00')}&workingDays=3`);
    const holidays = (await t.app.inject('/api/v1/calendar/holidays?year=2027'))
      .json()
      .days.map((d: { date: string }) => d.date);
    expect(holidays).toContain('2027-02-05');
    expect(holidays).not.toContain(res.json().dueDate);
    expect(res.json().dueDate > '2027-02-09').toBe(true);
  });

  it('supports working hours and calendar days', async () => {
    const hours = await due(`from=${encodeURIComponent('2026-11-27T08:00:00+07:00')}&workingHours=4`);
    expect(hours.json().dueAt).toBe('2026-11-27T06:30:00.000Z'); // 08:00–11:30 is 3.5 h, then 13:00–13:30
    const days = await due(`from=${encodeURIComponent('2026-11-27T08:00:00+07:00')}&calendarDays=1`);
    expect(days.json().dueDate).toBe('2026-11-30'); // Saturday moves to Monday
  });

  it.each([
    ['from=2026-11-27T03:00:00Z', 'workingDays'],
    ['from=2026-11-27T03:00:00Z&workingDays=1&calendarDays=2', 'workingDays'],
    ['from=2026-11-27T03:00:00Z&workingDays=1001', 'workingDays'],
    ['from=2026-11-27T03:00:00Z&workingDays=-1', 'workingDays'],
    ['from=2026-11-27T03:00:00Z&workingDays=two', 'workingDays'],
    ['from=2026-11-27&workingDays=1', 'from'],
    ['from=2026-13-45T03:00:00Z&workingDays=1', 'acceptedAt'],
    ['workingDays=1', 'from'],
  ])('refuses %s with 400 naming %s', async (query, path) => {
    const res = await due(query);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
    expect(res.json().errors[0].path).toBe(path);
    expect(res.json().errors[0].message).not.toMatch(/\{\w+\}/);
  });
});

describe('calendar overrides', () => {
  it('apply to later computations, also in another process, and refuse contradictions and no-ops', async () => {
    const mine = new CalendarService(t.db, officeSettings);
    const other = new CalendarService(t.db, officeSettings);
    expect((await other.dueDate('2026-12-03T10:00:00+07:00', { unit: 'workingDays', value: 1 })).dueDate).toBe(
      '2026-12-04',
    );
    await mine.addOverride({ date: '2026-12-04', kind: 'off', note: 'Thông báo số 01/TB-UBND' }, null);
    // `other` cached the calendar before the change; the revision row tells it to reload.
    expect((await other.dueDate('2026-12-03T10:00:00+07:00', { unit: 'workingDays', value: 1 })).dueDate).toBe(
      '2026-12-07',
    );
    await mine.addOverride({ date: '2026-12-05', kind: 'working', note: 'Làm bù thứ Bảy' }, null);
    expect((await other.dueDate('2026-12-03T10:00:00+07:00', { unit: 'workingDays', value: 1 })).dueDate).toBe(
      '2026-12-05',
    );

    await expect(mine.addOverride({ date: '2026-12-05', kind: 'off', note: 'x' }, null)).rejects.toMatchObject({
      status: 409,
      code: 'override_exists',
    });
    await expect(mine.addOverride({ date: '2026-12-08', kind: 'working', note: 'x' }, null)).rejects.toMatchObject({
      fields: [expect.objectContaining({ messageKey: 'calendar.errors.alreadyWorking' })],
    });
    await expect(mine.addOverride({ date: '2026-12-06', kind: 'off', note: 'x' }, null)).rejects.toMatchObject({
      fields: [expect.objectContaining({ messageKey: 'calendar.errors.alreadyOff' })],
    });
    await expect(mine.addOverride({ date: '2026-12-09', kind: 'off', note: '  ' }, null)).rejects.toMatchObject({
      fields: [expect.objectContaining({ messageKey: 'calendar.errors.overrideNote' })],
    });

    const days = await other.daysOfYear(2026);
    expect(days.filter((d) => d.date.startsWith('2026-12'))).toEqual([
      expect.objectContaining({ date: '2026-12-04', kind: 'override-off', name: 'Thông báo số 01/TB-UBND' }),
      expect.objectContaining({ date: '2026-12-05', kind: 'override-working' }),
    ]);
    await mine.removeOverride('2026-12-04');
    await expect(mine.removeOverride('2026-12-04')).rejects.toMatchObject({ status: 404 });
    expect((await other.overridesOfYear(2026)).map((o) => o.date)).toEqual(['2026-12-05']);
  });
});

describe('a calendar change made by another process', () => {
  it('shows there within the reference check interval, and to the writer at once', async () => {
    const other = testProcess(t.url, { checkEveryMs: 1000 });
    const theirs = new CalendarService(other.db, officeSettings);
    const mine = new CalendarService(t.db, officeSettings);
    const due = async (service: CalendarService) =>
      (await service.dueDate('2027-03-03T10:00:00+07:00', { unit: 'workingDays', value: 1 })).dueDate;
    expect(await due(theirs)).toBe('2027-03-04');
    await mine.addOverride({ date: '2027-03-04', kind: 'off', note: 'Thông báo số 02/TB-UBND' }, null);
    expect(await due(mine)).toBe('2027-03-05');
    other.queries();
    // Within the interval the other process answers from memory, without a query.
    other.clock.advance(999);
    expect(await due(theirs)).toBe('2027-03-04');
    expect(other.queries()).toEqual([]);
    other.clock.advance(1);
    expect(await due(theirs)).toBe('2027-03-05');
    await mine.removeOverride('2027-03-04');
    await other.close();
  });
});

describe('GET /calendar', () => {
  it('shows the year view as an accessible table', async () => {
    const res = await t.app.inject('/calendar?year=2027');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Lịch làm việc năm 2027');
    expect(res.body).toContain('<time datetime="2027-02-06">06/02/2027</time>');
    expect(res.body).toContain('Thứ Bảy');
    expect(res.body).toContain('href="/calendar?year=2028"');
  });
});
