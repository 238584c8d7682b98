/**
 * A dossier filed on the National Public Service Portal, end to end: the national-portal simulator pushes it, the intake
 * officer receives it from the online queue, the department processes and approves it, the result goes home through
 * the postal simulator — and the national portal's record of sync packets follows the dossier's timeline, status by
 * status, in order.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NationalPortalSimulator } from '../../simulators/national-portal/national-portal-simulator.ts';
import type { PostalSimulator } from '../../simulators/postal/postal-simulator.ts';
import { deathRegistration, pdfBytes } from '../../src/modules/dossiers/dossiers.http-testkit.ts';
import { dossierDetail } from '../../src/modules/dossiers/dossiers.service.ts';
import { axeViolations, type Harness, startHarness } from './harness.ts';

let h: Harness;
let national: NationalPortalSimulator;
let postal: PostalSimulator;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  h = await startHarness();
  if (!h.server.nationalPortalSimulator || !h.server.postalSimulator) {
    throw new Error('demo mode should start the national portal and postal simulators');
  }
  national = h.server.nationalPortalSimulator;
  postal = h.server.postalSimulator;
  postal.setAutoAdvance(undefined);
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await h?.close();
});

const password = 'motcua@2026';
const address = '12 Đường Yersin, khu phố 3';

async function expectAccessible(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function officer(username: string): Promise<Page> {
  const context = await h.browser.newContext({ viewport: { width: 360, height: 740 } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${h.baseUrl}/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

async function openFromQueue(page: Page, queue: string, code: string) {
  await page.goto(`${h.baseUrl}/office`);
  await page.getByRole('link', { name: queue, exact: true }).click();
  await expect(page.locator('h1').textContent()).resolves.toBe(queue);
  await expectAccessible(page);
  await page.getByRole('link', { name: code }).click();
  await expect(page.locator('h1').textContent()).resolves.toBe(`Hồ sơ ${code}`);
  await expectAccessible(page);
}

async function act(page: Page, button: string, fill: Record<string, string> = {}) {
  for (const [name, value] of Object.entries(fill)) await page.locator(`[name="${name}"]`).fill(value);
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect(page.getByRole('status').textContent()).resolves.toContain(`Đã thực hiện: ${button}.`);
  await expectAccessible(page);
}

const statusOf = (page: Page) => page.locator('.facts dd strong').first().textContent();

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a dossier from the national portal to its result by post', () => {
  it('is received, processed, approved and delivered, and every sync packet follows the timeline', async () => {
    const pushed = await national.file({
      MaHoSo: 'G22.99-261128-0042',
      MaTTHC: deathRegistration.procedureCode,
      MaTruongHop: deathRegistration.caseCode,
      ChuHoSo: 'Nguyễn Văn An',
      SoGiayToChuHoSo: '074090001234',
      SoDienThoai: '0912345678',
      DiaChi: address,
      NgayNopHoSo: '20261128083000',
      DuLieuBieuMau: {
        ...deathRegistration.form,
        deliveryMethod: 'postal',
        deliveryAddress: deathRegistration.form.residence,
      },
      HinhThucNhanKetQua: 3,
      DiaChiNhanKetQua: address,
    });
    expect(pushed).toBe(200);
    const inbound = await h.server.db.kysely
      .selectFrom('national_portal_inbound')
      .selectAll()
      .where('national_code', '=', 'G22.99-261128-0042')
      .executeTakeFirstOrThrow();
    expect(inbound.state, inbound.reason ?? '').toBe('created');
    const code = inbound.dossier_code ?? '';

    // The intake officer receives it from the online queue.
    const intake = await officer('motcua');
    await openFromQueue(intake, 'Chờ tiếp nhận', code);
    await expect(statusOf(intake)).resolves.toBe('Mới đăng ký');
    await act(intake, 'Tiếp nhận hồ sơ');

    // The leader assigns it, the processor appraises and forwards it, the leader approves, the processor resolves.
    const leader = await officer('lanhdao');
    await openFromQueue(leader, 'Mới tiếp nhận', code);
    await leader.locator('[name="assign.assigneeId"]').selectOption({ label: 'Lê Minh Châu' });
    await act(leader, 'Phân công xử lý');
    const processor = await officer('chuyenvien');
    await openFromQueue(processor, 'Đang xử lý', code);
    await act(processor, 'Chuyển bước xử lý', { 'forward.comment': 'Hồ sơ hợp lệ, đề nghị cấp.' });
    await openFromQueue(leader, 'Đang xử lý', code);
    await act(leader, 'Phê duyệt');
    await openFromQueue(processor, 'Đang xử lý', code);
    await processor
      .locator('[name="resolve.file"]')
      .setInputFiles({ name: 'trich-luc-khai-tu.pdf', mimeType: 'application/pdf', buffer: pdfBytes(7) });
    await act(processor, 'Hoàn thành xử lý');
    await expect(statusOf(processor)).resolves.toBe('Đã xử lý xong');

    // The one-stop unit sends the result by post, to the address given on the national portal.
    await openFromQueue(intake, 'Chờ trả kết quả', code);
    await intake.getByRole('link', { name: 'Chuyển phát bưu chính (thu gom, trả kết quả)' }).click();
    await expectAccessible(intake);
    await expect(intake.getByLabel('Địa chỉ (số nhà, đường, khu phố)').inputValue()).resolves.toBe(address);
    await intake.getByLabel('Mã tỉnh, thành phố').fill('74');
    await intake.getByLabel('Mã phường, xã').fill('25747');
    await intake.getByRole('button', { name: 'Tạo đơn' }).click();
    await expect(intake.getByRole('status').textContent()).resolves.toContain(`Đã tạo đơn ${code}-D1`);
    const placed = await until('the order at the postal service', () =>
      postal.orders.find((o) => o.order.OrderNumber === `${code}-D1`),
    );
    await until('the accepted callback', () => (placed.events[0]?.answered === 200 ? true : undefined));
    await postal.advance(`${code}-D1`, 'IN_TRANSIT');
    await postal.advance(`${code}-D1`, 'DELIVERED');
    await intake.goto(`${h.baseUrl}/office/dossiers/${code}`);
    await expect(statusOf(intake)).resolves.toBe('Đã trả kết quả');
    await expectAccessible(intake);

    // The national portal holds one packet per dossier version, in order, each with the status of that version.
    const dossier = await dossierDetail(h.server.db.kysely, code);
    const packets = await until('every version at the national portal', () => {
      const mine = national.packets.filter((p) => p.packet.MaHoSo === code);
      return mine.length === dossier.version ? mine : undefined;
    });
    expect(packets.map((p) => p.idempotencyKey)).toEqual(
      dossier.actions.map((_, i) => `national_portal.sync:${code}:v${i + 1}`),
    );
    expect(packets.map((p) => p.packet.TrangThaiHoSo)).toEqual(dossier.actions.map((a) => a.newStatus));
    expect(packets.map((p) => p.packet.TrangThaiHoSo)).toEqual([1, 2, 4, 4, 4, 9, 10]);
    const last = packets.at(-1)?.packet as { QuaTrinhXuLy: { TrangThai: number }[]; NgayTra: string };
    expect(last.QuaTrinhXuLy.map((s) => s.TrangThai)).toEqual(dossier.actions.map((a) => a.newStatus));
    expect(last.NgayTra).toMatch(/^\d{14}$/);
  }, 240_000);

  it('brings the national procedure catalogue in as drafts, with the differences shown on the administration page', async () => {
    const admin = await officer('quantri');
    await admin.goto(`${h.baseUrl}/admin/national-portal`);
    await admin.getByRole('button', { name: 'Lấy danh mục thủ tục từ Cổng quốc gia' }).click();
    await expect(admin.getByRole('status').textContent()).resolves.toContain('Đã lấy danh mục thủ tục');
    await expect(admin.getByRole('heading', { name: /1\.012345\.000\.00\.00\.H08/ }).count()).resolves.toBe(1);
    const changes = admin.getByRole('table', { name: 'Thay đổi của thủ tục 1.001612.000.00.00.H08' });
    await expect(changes.locator('tbody tr').count()).resolves.toBe(2);
    await expectAccessible(admin);
    await admin.getByRole('link', { name: /Xem và công bố bản nháp \(phiên bản 2\) 1\.001612/ }).click();
    await expect(admin.locator('h1').textContent()).resolves.toContain('1.001612.000.00.00.H08');
  }, 120_000);
});
