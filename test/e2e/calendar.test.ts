import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('working calendar in a browser', () => {
  it('the administrator adds a day off by notice and removes it; the public year view and due dates follow', async () => {
    const context = await h.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    await page.goto(`${h.baseUrl}/login`);
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('motcua@2026');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('link', { name: 'Lịch làm việc và ngày nghỉ' }).click();
    await expect(page.locator('h1').textContent()).resolves.toMatch(/^Lịch làm việc năm \d{4}$/);
    await page.goto(`${h.baseUrl}/admin/calendar?year=2027`);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Ngày', { exact: true }).fill('2027-03-05');
    await page.getByLabel('Loại').selectOption('off');
    await page.getByLabel('Căn cứ').fill('Thông báo số 12/TB-UBND ngày 05/01/2027');
    await page.getByRole('button', { name: 'Lưu điều chỉnh' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Đã lưu điều chỉnh ngày 2027-03-05');
    expect(await axeViolations(page)).toEqual([]);

    const due = async () =>
      (
        await (
          await page.request.get(
            `${h.baseUrl}/api/v1/calendar/due-date?from=${encodeURIComponent('2027-03-04T10:00:00+07:00')}&workingDays=1`,
          )
        ).json()
      ).dueDate;
    expect(await due()).toBe('2027-03-08');
    const publicView = await context.newPage();
    await publicView.goto(`${h.baseUrl}/calendar?year=2027`);
    await expect(publicView.locator('tr.day--override-off').textContent()).resolves.toContain(
      'Thông báo số 12/TB-UBND',
    );
    expect(await axeViolations(publicView)).toEqual([]);

    await page.getByRole('button', { name: 'Xóa 2027-03-05' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Đã xóa điều chỉnh ngày 2027-03-05');
    expect(await due()).toBe('2027-03-05');
    await context.close();
  });
});
