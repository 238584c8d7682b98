/** Catalogue sync against the national portal simulator: new, changed, unchanged, invalid and malformed entries. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type NationalPortalSimulator,
  type NationalProcedure,
  startNationalPortalSimulator,
} from '../../../simulators/national-portal/national-portal-simulator.ts';
import { Browser } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import type { ProcedureDefinition } from '../catalog/catalog.schema.ts';
import { CatalogService } from '../catalog/catalog.service.ts';
import { demoCatalog } from '../catalog/demo-catalog.ts';
import { listExchanges } from '../partners/partners.service.ts';
import { demoNationalCatalogue, nationalEntryOf } from './demo-national-catalogue.ts';
import { NationalCatalogueSync, type PullEntry } from './national-portal.catalogue.ts';
import { NationalPortalClient, type NationalPortalSettings } from './national-portal.client.ts';

const secret = 'catalogue-sync-test-secret';
const HOUSEHOLD = '1.001612.000.00.00.H08';
let t: TestApp;
let sim: NationalPortalSimulator;
let catalog: CatalogService;
let sync: NationalCatalogueSync;
let client: NationalPortalClient;
let settings: NationalPortalSettings;

beforeAll(async () => {
  sim = await startNationalPortalSimulator({ clientId: 'motcua', secret });
  t = await createTestApp({ demo: true, env: { NATIONAL_PORTAL_URL: sim.url, NATIONAL_PORTAL_SECRET: secret } });
  catalog = new CatalogService(t.db);
  sync = new NationalCatalogueSync(t.db, catalog);
  settings = { url: sim.url, clientId: 'motcua', secret, timeoutMs: 5000 };
  client = new NationalPortalClient(t.db.kysely, settings, { now: () => new Date() });
});
afterAll(async () => {
  await sim.stop();
  await t.cleanup();
});

const newProcedure: NationalProcedure = {
  MaTTHC: '1.012345.000.00.00.H08',
  TenTTHC: 'Cấp giấy phép tổ chức lễ hội',
  MaLinhVuc: 'G30',
  TenLinhVuc: 'Văn hóa cơ sở',
  ThoiHanGiaiQuyet: 10,
  DonViThoiHan: 'NgayLamViec',
  PhiLePhi: [],
  ThanhPhanHoSo: [{ MaThanhPhan: 'VAN_BAN_DE_NGHI', TenThanhPhan: 'Văn bản đề nghị', BatBuoc: true }],
  CanCuPhapLy: ['Nghị định số 110/2018/NĐ-CP ngày 29/8/2018 quy định về quản lý và tổ chức lễ hội'],
  TrinhTuThucHien: ['Nộp hồ sơ', 'Thẩm định', 'Trả kết quả'],
  KetQuaThucHien: 'Văn bản chấp thuận tổ chức lễ hội',
  DoiTuongThucHien: ['CongDan', 'DoanhNghiep'],
  CoQuanThucHien: { MaCoQuan: '000.00.14.H08', CapThucHien: 'Tinh' },
  NgayCapNhat: '20261120000000',
};

const stateOf = (entries: PullEntry[], code: string) => entries.find((e) => e.nationalCode === code);
const versionsOf = async (code: string) => (await catalog.describe(code)).versions.map((v) => v.status);

describe('catalogue sync from the national procedure database', () => {
  let published: ProcedureDefinition;
  beforeEach(async () => {
    published = (await catalog.getPublished(HOUSEHOLD)).definition;
  });

  it('reports an unchanged procedure as such and writes nothing', async () => {
    sim.setProcedures([nationalEntryOf(published)]);
    const pull = await sync.pull(client, null);
    expect(pull.outcome).toBe('done');
    expect(pull.entries).toEqual([
      { state: 'unchanged', nationalCode: HOUSEHOLD, procedureCode: HOUSEHOLD, name: published.name },
    ]);
    expect(await versionsOf(HOUSEHOLD)).toEqual(['published']);
    const [exchange] = await listExchanges(t.db.kysely, { partner: 'national-portal' });
    expect(exchange).toMatchObject({ method: 'GET', endpoint: `${sim.url}/api/tthc`, outcome: 'ok', statusCode: 200 });
  });

  it('puts a changed procedure into a draft with readable differences; the published version stays until published', async () => {
    const entry = nationalEntryOf(published);
    const first = entry.TruongHop?.[0];
    if (!first) throw new Error('the demo procedure has a case');
    entry.CanCuPhapLy = [...(entry.CanCuPhapLy ?? []), 'Nghị định số 168/2025/NĐ-CP về đăng ký doanh nghiệp'];
    // Two working days cannot hold the province's workflow (3 × ½ + 1½ days): refused with the catalogue's reason.
    first.ThoiHanGiaiQuyet = 2;
    sim.setProcedures([entry]);
    const tooShort = await sync.pull(client, null);
    expect(stateOf(tooShort.entries, HOUSEHOLD)).toMatchObject({
      state: 'invalid',
      problems: [{ path: 'cases.0.workflow.2.share.value', messageKey: 'catalog.workflow.sharesExceedTotal' }],
    });
    expect(await versionsOf(HOUSEHOLD)).toEqual(['published']);
    first.ThoiHanGiaiQuyet = 5;
    first.PhiLePhi = first.PhiLePhi.map((f) => ({ ...f, MucPhi: f.MucPhi + 50_000 }));
    first.ThanhPhanHoSo = [
      ...first.ThanhPhanHoSo,
      { MaThanhPhan: 'HOP_DONG_THUE', TenThanhPhan: 'Hợp đồng thuê địa điểm kinh doanh', BatBuoc: false },
    ];
    sim.setProcedures([entry]);
    const pull = await sync.pull(client, null);
    const result = stateOf(pull.entries, HOUSEHOLD);
    expect(result).toMatchObject({ state: 'updated', draftVersion: 2 });
    if (result?.state !== 'updated') throw new Error('expected a draft');
    const [fee] = published.cases[0]?.fees ?? [];
    expect(result.changes).toEqual([
      {
        what: { key: 'nationalPortal.diff.legalBasisAdded', params: {} },
        before: null,
        after: { text: 'Nghị định số 168/2025/NĐ-CP về đăng ký doanh nghiệp' },
      },
      {
        what: { key: 'nationalPortal.diff.processingTime', params: { case: first.MaTruongHop } },
        before: { key: 'catalog.duration.workingDays', params: { value: 3 } },
        after: { key: 'catalog.duration.workingDays', params: { value: 5 } },
      },
      {
        what: { key: 'nationalPortal.diff.componentAdded', params: { case: first.MaTruongHop, code: 'HOP_DONG_THUE' } },
        before: null,
        after: { text: 'Hợp đồng thuê địa điểm kinh doanh' },
      },
      {
        what: {
          key: 'nationalPortal.diff.feeAmount',
          params: { case: first.MaTruongHop, code: fee?.code, name: fee?.name },
        },
        before: { amount: fee?.amount },
        after: { amount: (fee?.amount ?? 0) + 50_000 },
      },
    ]);
    // The public still sees version 1; the draft keeps the province's e-form and workflow.
    expect((await catalog.getPublished(HOUSEHOLD)).version).toBe(1);
    const view = await catalog.describe(HOUSEHOLD);
    expect(view.draft?.definition.cases[0]?.form).toEqual(published.cases[0]?.form);
    expect(view.draft?.definition.cases[0]?.workflow).toEqual(published.cases[0]?.workflow);
    expect(view.draft?.definition.cases[0]?.components.at(-1)).toMatchObject({
      code: 'HOP_DONG_THUE',
      mandatory: false,
    });

    // A second pull of the same data finds the draft already saying it: no third version.
    const again = await sync.pull(client, null);
    expect(stateOf(again.entries, HOUSEHOLD)).toMatchObject({ state: 'updated', draftVersion: 2 });
    expect(await versionsOf(HOUSEHOLD)).toEqual(['draft', 'published']);

    // Published through the catalogue, the same national data is then unchanged.
    await catalog.publish(HOUSEHOLD, null);
    const after = await sync.pull(client, null);
    expect(stateOf(after.entries, HOUSEHOLD)?.state).toBe('unchanged');
    expect(await versionsOf(HOUSEHOLD)).toEqual(['published', 'retired']);
  });

  it('makes a new procedure a draft; lists an invalid and a malformed entry with the reason and changes nothing for them', async () => {
    const before = (await catalog.list()).length;
    const noLegalBasis = { ...newProcedure, MaTTHC: '1.012346.000.00.00.H08', CanCuPhapLy: undefined };
    const unknownAgency = {
      ...newProcedure,
      MaTTHC: '1.012347.000.00.00.H08',
      CoQuanThucHien: { MaCoQuan: '000.00.99.H08', CapThucHien: 'Tinh' },
    };
    const malformed = {
      MaTTHC: '1.012348.000.00.00.H08',
      TenTTHC: '',
      PhiLePhi: [{ TenPhiLePhi: 'Lệ phí', MucPhi: -5 }],
    };
    sim.setProcedures([newProcedure, noLegalBasis, unknownAgency, malformed, 'not an object']);
    const pull = await sync.pull(client, null);
    expect(pull.entries.map((e) => [e.nationalCode, e.state])).toEqual([
      [newProcedure.MaTTHC, 'new'],
      [noLegalBasis.MaTTHC, 'invalid'],
      [unknownAgency.MaTTHC, 'invalid'],
      [malformed.MaTTHC, 'malformed'],
      ['—', 'malformed'],
    ]);
    const [, missing, agency, broken] = pull.entries;
    expect(missing).toMatchObject({ problems: [{ path: 'legalBasis', messageKey: 'catalog.problem.required' }] });
    expect(agency).toMatchObject({ problems: [{ path: 'agency.id', messageKey: 'catalog.errors.agencyUnknown' }] });
    expect(broken?.state === 'malformed' && broken.detail).toMatch(/TenTTHC.*PhiLePhi\.0\.MucPhi/s);

    expect((await catalog.list()).length).toBe(before + 1);
    const created = await catalog.describe(newProcedure.MaTTHC);
    expect(created.published).toBeUndefined();
    expect(created.draft?.definition).toMatchObject({
      name: 'Cấp giấy phép tổ chức lễ hội',
      agency: { id: '000.00.14.H08', level: 'province' },
      applicantTypes: ['citizen', 'business'],
      onlineMode: 'none',
      cases: [{ code: 'CHUNG', processingTime: { value: 10, unit: 'workingDays' }, fees: [] }],
    });
    // The administrator publishes it through the catalogue as any draft.
    await catalog.publish(newProcedure.MaTTHC, null);
    expect((await catalog.getPublished(newProcedure.MaTTHC)).version).toBe(1);
  });

  it('records a failed read and changes nothing', async () => {
    const before = await catalog.list();
    const forger = new NationalPortalClient(
      t.db.kysely,
      { ...settings, secret: 'not-the-shared-secret' },
      {
        now: () => new Date(),
      },
    );
    const pull = await sync.pull(forger, null);
    expect(pull).toMatchObject({ outcome: 'failed', entries: [] });
    expect(pull.error).toMatch(/401/);
    expect(await catalog.list()).toEqual(before);
    expect(await sync.last()).toEqual(pull);
  });

  it('runs from the administration page and shows the report', async () => {
    const entry = nationalEntryOf(published);
    entry.TenTTHC = `${published.name} (sửa đổi)`;
    sim.setProcedures([entry]);
    const admin = new Browser(t.app);
    await admin.login('quantri', t.config.demoPassword);
    const pulled = await admin.submit('/admin/national-portal', '/admin/national-portal/catalogue/pull', {});
    expect(pulled.statusCode).toBe(303);
    expect(pulled.headers.location).toBe('/admin/national-portal?pulled=1#catalogue');
    const page = await admin.get('/admin/national-portal?pulled=1');
    expect(page.body).toContain('Đã lấy danh mục thủ tục từ Cổng quốc gia');
    expect(page.body).toContain('Có thay đổi so với phiên bản đang công bố');
    expect(page.body).toContain(`${published.name} (sửa đổi)`);
    expect(page.body).toContain(`href="/admin/catalog/${HOUSEHOLD}"`);
  });
});

describe("the demo's national catalogue", () => {
  it('matches every demo procedure but the amended one, and adds one new procedure', async () => {
    const fresh = await createTestApp({ demo: true });
    try {
      const freshCatalog = new CatalogService(fresh.db);
      const freshClient = new NationalPortalClient(fresh.db.kysely, settings, { now: () => new Date() });
      sim.setProcedures(demoNationalCatalogue());
      const pull = await new NationalCatalogueSync(fresh.db, freshCatalog).pull(freshClient, null);
      const states = pull.entries.map((e) => e.state);
      expect(states.filter((s) => s === 'unchanged')).toHaveLength(demoCatalog.length - 1);
      expect(pull.entries.filter((e) => e.state !== 'unchanged').map((e) => [e.nationalCode, e.state])).toEqual([
        [HOUSEHOLD, 'updated'],
        ['1.012345.000.00.00.H08', 'new'],
      ]);
    } finally {
      await fresh.cleanup();
    }
  });
});
