/** Inbound dossiers from the national portal simulator: pushed or polled, mapped, parked, forged; their files. */
import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type NationalPortalSimulator,
  startNationalPortalSimulator,
} from '../../../simulators/national-portal/national-portal-simulator.ts';
import { Browser } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { enterpriseDossier, pdfBytes } from '../dossiers/dossiers.http-testkit.ts';
import { dossierDetail } from '../dossiers/dossiers.service.ts';
import { FileService } from '../files/files.service.ts';
import { listExchanges } from '../partners/partners.service.ts';
import { INBOUND_PATH } from './national-portal.routes.ts';

const secret = 'inbound-test-shared-secret';
let t: TestApp;
let sim: NationalPortalSimulator;

beforeAll(async () => {
  sim = await startNationalPortalSimulator({ clientId: 'motcua', secret });
  t = await createTestApp({
    demo: true,
    env: { NATIONAL_PORTAL_URL: sim.url, NATIONAL_PORTAL_SECRET: secret, MOTCUA_MAX_FILE_MB: '1' },
  });
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
        DuongDanTaiTepTin: sim.addFile(pdfBytes(filed)),
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

describe('national portal inbound attachments', () => {
  const dossierFiles = async (dossierCode: string) => {
    const dossier = await t.db.kysely
      .selectFrom('dossiers')
      .select(['id', 'components'])
      .where('code', '=', dossierCode)
      .executeTakeFirstOrThrow();
    const files = new FileService(t.db, { dataDir: t.config.dataDir, maxFileBytes: t.config.maxFileBytes });
    const attached = await files.attachedTo('dossier', dossier.id);
    return {
      components: JSON.parse(dossier.components) as { code: string; fileIds: string[] }[],
      bytes: new Map(await Promise.all(attached.map(async (f) => [f.id, await buffer(files.open(f))] as const))),
    };
  };
  const exe = Buffer.concat([
    Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
    Buffer.alloc(120),
    Buffer.from('PE\0\0'),
  ]);
  const document = (component: string, name: string, bytes: Uint8Array) => ({
    MaThanhPhanHoSo: component,
    TenTepDinhKem: name,
    DuongDanTaiTepTin: sim.addFile(bytes),
  });

  it('downloads each file from the portal into the file store and attaches it to its component, logging each download', async () => {
    sim.setCallbackUrl(`http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}${INBOUND_PATH}`);
    const request = pdfBytes(101);
    const owner = pdfBytes(102);
    const packet = nationalDossier({
      TaiLieuNop: [document('GIAY_DE_NGHI', 'de-nghi.pdf', request), document('GIAY_TO_CHU_DN', 'cccd.pdf', owner)],
    });
    expect(await sim.file(packet)).toBe(200);
    const row = await inboundRow(packet.MaHoSo as string);
    expect(row).toMatchObject({ state: 'created' });
    const { components, bytes } = await dossierFiles(row?.dossier_code ?? '');
    expect(components.map((c) => c.code).sort()).toEqual(['GIAY_DE_NGHI', 'GIAY_TO_CHU_DN']);
    const byCode = new Map(components.map((c) => [c.code, c.fileIds]));
    expect(byCode.get('GIAY_DE_NGHI')?.map((id) => bytes.get(id))).toEqual([request]);
    expect(byCode.get('GIAY_TO_CHU_DN')?.map((id) => bytes.get(id))).toEqual([owner]);
    const downloads = (await listExchanges(t.db.kysely, { partner: 'national-portal' })).filter(
      (e) => e.method === 'GET' && e.endpoint.includes('/api/tep/') && e.reference === packet.MaHoSo,
    );
    expect(downloads.map((e) => e.outcome)).toEqual(['ok', 'ok']);
  });

  it('parks the whole packet when a file is an executable named .pdf, and when a link leaves the portal', async () => {
    const before = await dossierCount();
    const disguised = nationalDossier({
      TaiLieuNop: [
        document('GIAY_DE_NGHI', 'de-nghi-103.pdf', pdfBytes(103)),
        document('GIAY_TO_CHU_DN', 'cccd-103.pdf', exe),
      ],
    });
    const foreign = nationalDossier({
      TaiLieuNop: [
        { MaThanhPhanHoSo: 'GIAY_DE_NGHI', TenTepDinhKem: 'a.pdf', DuongDanTaiTepTin: 'https://dvc.example/f/1' },
      ],
    });
    expect(await sim.file(disguised)).toBe(200);
    expect(await sim.file(foreign)).toBe(200);
    expect(await dossierCount()).toBe(before);
    const parked = await inboundRow(disguised.MaHoSo as string);
    expect(parked).toMatchObject({ state: 'parked', dossier_code: null });
    expect(JSON.parse(parked?.reason ?? '{}')).toMatchObject({
      key: 'nationalPortal.reason.fileType',
      params: { name: 'cccd-103.pdf', component: 'GIAY_TO_CHU_DN' },
    });
    expect(JSON.parse((await inboundRow(foreign.MaHoSo as string))?.reason ?? '{}')).toMatchObject({
      key: 'nationalPortal.reason.foreignLink',
    });
    // Over the 1 MB limit: the download is cut off, not held whole.
    const big = Buffer.concat([pdfBytes(106), Buffer.alloc(1024 * 1024)]);
    const tooLarge = nationalDossier({ TaiLieuNop: [document('GIAY_DE_NGHI', 'lon.pdf', big)] });
    expect(await sim.file(tooLarge)).toBe(200);
    expect(JSON.parse((await inboundRow(tooLarge.MaHoSo as string))?.reason ?? '{}')).toMatchObject({
      key: 'nationalPortal.reason.fileTooLarge',
      params: { name: 'lon.pdf', limit: '1 MB' },
    });
    expect(await dossierCount()).toBe(before);
    // Nothing of the refused packet is attached anywhere, not even its good file.
    const attachedExe = await t.db.kysely
      .selectFrom('files')
      .select('id')
      .where('name', 'in', ['de-nghi-103.pdf', 'cccd-103.pdf'])
      .where('ref_kind', 'is not', null)
      .execute();
    expect(attachedExe).toEqual([]);
  });

  it('parks a packet whose file download fails at the portal (HTTP 500); the administrator’s retry takes it in', async () => {
    const before = await dossierCount();
    const content = pdfBytes(104);
    const packet = nationalDossier({ TaiLieuNop: [document('GIAY_DE_NGHI', 'de-nghi.pdf', content)] });
    sim.failFilesNext('500');
    const downloads = sim.fileDownloads;
    expect(await sim.file(packet)).toBe(200);
    expect(sim.fileDownloads).toBe(downloads + 1);
    const parked = await inboundRow(packet.MaHoSo as string);
    expect(parked).toMatchObject({ state: 'parked' });
    expect(JSON.parse(parked?.reason ?? '{}')).toMatchObject({
      key: 'nationalPortal.reason.download',
      params: { name: 'de-nghi.pdf' },
    });
    expect(await dossierCount()).toBe(before);
    const [failed] = (await listExchanges(t.db.kysely, { partner: 'national-portal' })).filter(
      (e) => e.method === 'GET',
    );
    expect(failed).toMatchObject({ method: 'GET', outcome: 'failed', statusCode: 500, reference: packet.MaHoSo });

    const admin = new Browser(t.app);
    await admin.login('quantri', t.config.demoPassword);
    expect((await admin.get('/admin/national-portal')).body).toContain('Không tải được tệp de-nghi.pdf');
    const retried = await admin.submit('/admin/national-portal', '/admin/national-portal/parked/retry', {});
    expect(retried.statusCode).toBe(303);
    const row = await inboundRow(packet.MaHoSo as string);
    expect(row).toMatchObject({ state: 'created' });
    expect(await dossierCount()).toBe(before + 1);
    const { components, bytes } = await dossierFiles(row?.dossier_code ?? '');
    expect(components).toEqual([{ code: 'GIAY_DE_NGHI', fileIds: [expect.any(String)] }]);
    expect(bytes.get(components[0]?.fileIds[0] ?? '')).toEqual(content);
  });

  it('retries a packet parked for a failed download (HTTP 429) at the next poll', async () => {
    sim.setCallbackUrl(undefined);
    const admin = new Browser(t.app);
    await admin.login('quantri', t.config.demoPassword);
    // The pushed packets above are listed for polling too: take them in first, so the fault hits our packet.
    await admin.submit('/admin/national-portal', '/admin/national-portal/poll', {});
    const before = await dossierCount();
    const content = pdfBytes(105);
    const packet = nationalDossier({ TaiLieuNop: [document('GIAY_DE_NGHI', 'de-nghi-105.pdf', content)] });
    expect(await sim.file(packet)).toBeNull();
    sim.failFilesNext('429');
    await admin.submit('/admin/national-portal', '/admin/national-portal/poll', {});
    expect(await inboundRow(packet.MaHoSo as string)).toMatchObject({ state: 'parked' });
    expect(await dossierCount()).toBe(before);
    const again = await admin.submit('/admin/national-portal', '/admin/national-portal/poll', {});
    expect(again.headers.location).toBe('/admin/national-portal?polled=0');
    const row = await inboundRow(packet.MaHoSo as string);
    expect(row).toMatchObject({ state: 'created' });
    expect(await dossierCount()).toBe(before + 1);
    const { components, bytes } = await dossierFiles(row?.dossier_code ?? '');
    expect(bytes.get(components[0]?.fileIds[0] ?? '')).toEqual(content);
  });
});
