/**
 * What the demo's national procedure database serves: the demo catalogue as the national database would describe it,
 * with one amendment the province has not taken yet and one procedure it does not have, so "Lấy danh mục thủ tục"
 * shows a changed, a new and many unchanged procedures.
 */
import type { NationalProcedure } from '../../../simulators/national-portal/national-portal-simulator.ts';
import type { ProcedureDefinition } from '../catalog/catalog.schema.ts';
import { demoCatalog } from '../catalog/demo-catalog.ts';

const UNITS = { workingDays: 'NgayLamViec', workingHours: 'GioLamViec', calendarDays: 'Ngay' } as const;

/** One of our procedures as the national procedure database describes it (what it decides, nothing of ours). */
export function nationalEntryOf(d: ProcedureDefinition): NationalProcedure {
  return {
    MaTTHC: d.code,
    TenTTHC: d.name,
    MaLinhVuc: d.field.code,
    TenLinhVuc: d.field.name,
    CanCuPhapLy: [...d.legalBasis],
    TrinhTuThucHien: [...d.steps],
    YeuCauDieuKien: d.conditions,
    KetQuaThucHien: d.result.name,
    TruongHop: d.cases.map((c) => ({
      MaTruongHop: c.code,
      TenTruongHop: c.name,
      ThoiHanGiaiQuyet: c.processingTime.value,
      DonViThoiHan: UNITS[c.processingTime.unit],
      PhiLePhi: c.fees.map((f) => ({ MaPhiLePhi: f.code, TenPhiLePhi: f.name, MucPhi: f.amount })),
      ThanhPhanHoSo: c.components.map((x) => ({ MaThanhPhan: x.code, TenThanhPhan: x.name, BatBuoc: x.mandatory })),
    })),
    NgayCapNhat: '20261120000000',
  };
}

export function demoNationalCatalogue(): NationalProcedure[] {
  const entries = demoCatalog.map(nationalEntryOf);
  // An amendment: the household business registration fee rises and a lease contract may be attached.
  const household = entries.find((e) => e.MaTTHC === '1.001612.000.00.00.H08')?.TruongHop?.[0];
  if (household) {
    household.PhiLePhi = household.PhiLePhi.map((f) => ({ ...f, MucPhi: f.MucPhi + 50_000 }));
    household.ThanhPhanHoSo.push({
      MaThanhPhan: 'HOP_DONG_THUE',
      TenThanhPhan: 'Hợp đồng thuê địa điểm kinh doanh (nếu có)',
      BatBuoc: false,
    });
  }
  entries.push({
    MaTTHC: '1.012345.000.00.00.H08',
    TenTTHC: 'Thông báo tổ chức lễ hội cấp tỉnh',
    MaLinhVuc: 'G30',
    TenLinhVuc: 'Văn hóa cơ sở',
    ThoiHanGiaiQuyet: 10,
    DonViThoiHan: 'NgayLamViec',
    PhiLePhi: [],
    ThanhPhanHoSo: [
      { MaThanhPhan: 'VAN_BAN_THONG_BAO', TenThanhPhan: 'Văn bản thông báo tổ chức lễ hội', BatBuoc: true },
    ],
    CanCuPhapLy: ['Nghị định số 110/2018/NĐ-CP ngày 29/8/2018 của Chính phủ quy định về quản lý và tổ chức lễ hội'],
    TrinhTuThucHien: [
      'Ban tổ chức lễ hội gửi văn bản thông báo đến cơ quan có thẩm quyền.',
      'Cơ quan có thẩm quyền xem xét và trả lời bằng văn bản nếu không đồng ý.',
    ],
    KetQuaThucHien: 'Văn bản trả lời',
    DoiTuongThucHien: ['CongDan', 'DoanhNghiep'],
    CoQuanThucHien: { MaCoQuan: '000.00.14.H08', CapThucHien: 'Tinh' },
    NgayCapNhat: '20261120000000',
  });
  return entries;
}
