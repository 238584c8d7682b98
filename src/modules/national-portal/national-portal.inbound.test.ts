/** Inbound dossiers from the national portal simulator: pushed or polled, mapped, parked, forged. */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type NationalPortalSimulator,
  startNationalPortalSimulator,
} from '../../../simulators/national-portal/national-portal-simulator.ts';
import { Browser } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { enterpriseDossier } from '../dossiers/dossiers.http-testkit.ts';
import { dossierDetail } from '../dossiers/dossiers.service.ts';
import { listExchanges } from '../partners/partners.service.ts';
import { INBOUND_PATH } from './national-portal.routes.ts';

const secret = 'inbound-test-shared-secret';
let t: TestApp;
let sim: NationalPortalSimulator;

beforeAll(async () => {
  sim = await startNationalPortalSimulator({ clientId: 'motcua', secret });
  t = await createTestApp({ demo: true, env: { NATIONAL_PORTAL_URL: sim.url, NATIONAL_PORTAL_SECRET: secret } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  sim.setCallbackUrl(`http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}${INBOUND_PATH}`);
});
afterAll(async () => {
  await sim.stop();
  await t.cleanup();
});

let filed = 0;
function nationalDossier(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  filed += 1;
  return {
    MaHoSo: `G22.99-261127-${String(filed).padStart(4, '0')}`,
    MaTTHC: enterpriseDossier.procedureCode,
    MaTruongHop: enterpriseDossier.caseCode,
    ChuHoSo: 'Trần Thị Bích',
    SoGiayToChuHoSo: '074190005678',
    SoDienThoai: '0987654321',
    Email: 'bich@example.vn',
    NgayNopHoSo: '20261127083000',
    DuLieuBieuMau: enterpriseDossier.form,
    TaiLieuNop: [
      {
        MaThanhPhanHoSo: 'GIAY_DE_NGHI',
        TenTepDinhKem: 'giay-de-nghi.pdf',
        DuongDanTaiTepTin: 'https://dvc.example/f/1',
      },
    ],
    HinhThucNhanKetQua: 1,
    ...overrides,
  };
}

const inboundRow = (code: string) =>
  t.db.kysely.selectFrom('national_portal_inbound').selectAll().where('national_code', '=', code).executeTakeFirst();
const dossierCount = async () => (await t.db.kysely.selectFrom('dossiers').select('id').execute()).length;

describe('national portal inbound', () => {
  it('creates a pushed dossier through the submission service, channel online, source recorded; a duplicate push is an update', async () => {
    sim.duplicatePushes(true);
    const packet = nationalDossier();
    expect(await sim.file(packet)).toBe(200);
    sim.duplicatePushes(false);
    const row = await inboundRow(packet.MaHoSo as string);
    expect(row).toMatchObject({ state: 'created', revisions: 2 });
    const dossier = await dossierDetail(t.db.kysely, row?.dossier_code ?? '');
    expect(dossier).toMatchObject({ status: 1, channel: 2, applicant: { name: 'Trần Thị Bích' } });
    expect(dossier.actions[0]).toMatchObject({
      action: 'submit',
      role: 'system',
      data: expect.objectContaining({ source: { system: 'national-portal', reference: packet.MaHoSo } }),
    });
    const count = await dossierCount();
    // A later packet of the same dossier (corrected phone) updates the record, creates nothing.
    expect(await sim.file({ ...packet, SoDienThoai: '0900000000' })).toBe(200);
    expect(await dossierCount()).toBe(count);
    expect(JSON.parse((await inboundRow(packet.MaHoSo as string))?.packet ?? '{}').SoDienThoai).toBe('0900000000');
  });

  it('parks an unmapped code and a malformed packet with the reason; a mapping then lets the dossier in', async () => {
    const before = await dossierCount();
    const unmapped = nationalDossier({ MaTTHC: '1.009999.000.00.00.G22' });
    const malformed = nationalDossier({ NgayNopHoSo: '27/11/2026', ChuHoSo: '' });
    expect(await sim.file(unmapped)).toBe(200);
    expect(await sim.file(malformed)).toBe(200);
    expect(await dossierCount()).toBe(before);
    expect(await inboundRow(unmapped.MaHoSo as string)).toMatchObject({ state: 'parked' });
    expect(await inboundRow(malformed.MaHoSo as string)).toMatchObject({ state: 'parked' });

    const admin = new Browser(t.app);
    await admin.login('quantri', t.config.demoPassword);
    const page = await admin.get('/admin/national-portal');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Mã thủ tục 1.009999.000.00.00.G22 chưa được ánh xạ');
    expect(page.body).toContain('NgayNopHoSo');

    const unknown = await admin.submit('/admin/national-portal', '/admin/national-portal/mappings', {
      nationalCode: '1.009999.000.00.00.G22',
      procedureCode: '9.999999.H08',
      caseCode: '',
    });
    expect(unknown.statusCode).toBe(400);
    const saved = await admin.submit('/admin/national-portal', '/admin/national-portal/mappings', {
      nationalCode: '1.009999.000.00.00.G22',
      procedureCode: enterpriseDossier.procedureCode,
      caseCode: enterpriseDossier.caseCode,
    });
    expect(saved.statusCode).toBe(303);
    const retried = await admin.submit('/admin/national-portal', '/admin/national-portal/parked/retry', {});
    expect(retried.headers.location).toBe('/admin/national-portal?created=1&parked=1');
    expect(await inboundRow(unmapped.MaHoSo as string)).toMatchObject({ state: 'created' });
    expect(await dossierCount()).toBe(before + 1);
  });

  it('refuses and logs a forged push, creating nothing', async () => {
    const before = await dossierCount();
    const packet = nationalDossier();
    expect(await sim.pushForged(packet)).toBe(401);
    expect(await dossierCount()).toBe(before);
    expect(await inboundRow(packet.MaHoSo as string)).toBeUndefined();
    const [entry] = await listExchanges(t.db.kysely, { partner: 'national-portal' });
    expect(entry).toMatchObject({ direction: 'inbound', outcome: 'refused', statusCode: 401, detail: 'bad_signature' });
  });

  it('polls the dossiers filed since the last poll; packets already taken in are updates', async () => {
    sim.setCallbackUrl(undefined);
    const before = await dossierCount();
    const packet = nationalDossier();
    expect(await sim.file(packet)).toBeNull();
    const admin = new Browser(t.app);
    await admin.login('quantri', t.config.demoPassword);
    const polled = await admin.submit('/admin/national-portal', '/admin/national-portal/poll', {});
    expect(polled.statusCode, polled.body.slice(0, 300)).toBe(303);
    expect(polled.headers.location).toMatch(/^\/admin\/national-portal\?polled=\d+$/);
    expect(await dossierCount()).toBe(before + 1);
    expect(await inboundRow(packet.MaHoSo as string)).toMatchObject({ state: 'created', revisions: 1 });
    const again = await admin.submit('/admin/national-portal', '/admin/national-portal/poll', {});
    expect(again.headers.location).toBe('/admin/national-portal?polled=0');
    expect(await dossierCount()).toBe(before + 1);
  });
});
