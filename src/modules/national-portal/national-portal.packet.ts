/**
 * The DVCQG sync packet of one dossier version: the one function that maps our dossier onto the national portal's
 * fields (DOMAIN.md §10). A packet describes the dossier as it stood after its `version`-th action, so sending it
 * late or twice tells the national portal nothing new or wrong.
 */
import type { DossierActionView, DossierDetail } from '../dossiers/dossiers.schema.ts';

/** `yyyyMMddHHmmss` in Vietnam time (UTC+7, no daylight saving). */
export function nationalDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const local = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return local.slice(0, 19).replace(/[-T:]/g, '');
}

/** Names the packet needs that the dossier holds only as ids. */
export interface PacketLookups {
  personName(actorId: string): string;
  /** The title of the role someone acted in (ChucDanh). */
  roleTitle(role: DossierActionView['role']): string;
  agencyName(agencyId: string | null): string;
  /** What an action did, in words (NoiDungXuLy). */
  actionLabel(action: DossierActionView['action']): string;
  /** Where a stored file can be fetched (result documents). */
  fileUrl(fileId: string): string;
}

export interface SyncPacket {
  MaHoSo: string;
  MaTTHC: string;
  TenTTHC: string;
  MaLinhVuc: string;
  TenLinhVuc: string;
  KenhThucHien: 1 | 2 | 3;
  ChuHoSo: string;
  SoGiayToChuHoSo: string;
  Email: string;
  SoDienThoai: string;
  TrichYeuHoSo: string;
  NgayNopHoSo: string;
  NgayTiepNhan: string;
  NgayHenTra: string;
  NgayKetThucXuLy: string;
  NgayTra: string;
  NgayTuChoi: string;
  TrangThaiHoSo: number;
  DonViXuLy: string;
  NoiNopHoSo: string;
  HoSoCoThanhPhanSoHoa: 0 | 1;
  DuocThanhToanTrucTuyen: 0 | 1 | 2;
  TaiLieuNop: {
    MaThanhPhanHoSo: string;
    TenTepDinhKem: string;
    DuocSoHoa: 0 | 1;
    DuocTaiSuDung: 0 | 1;
    DuocLayTuKhoDMQG: 0 | 1;
  }[];
  DanhSachLePhi: { MaPhiLePhi: string; TenPhiLePhi: string; Gia: number; HinhThucThu: string; LoaiPhiLePhi: string }[];
  DanhSachGiayToKetQua: { TenGiayTo: string; MaGiayToKetQua: string; DuongDanTepTinKetQua: string }[];
  QuaTrinhXuLy: {
    NguoiXuLy: string;
    ChucDanh: string;
    ThoiDiemXuLy: string;
    PhongBanXuLy: string;
    NoiDungXuLy: string;
    TrangThai: number;
    NgayBatDau: string;
    NgayKetThucTheoQuyDinh: string;
  }[];
}

/**
 * Fields other modules add later (the lead wires them here): components reused from digitised data or taken from
 * the personal data store, and payment through the national payment platform (1) rather than ours (2).
 */
export interface PacketExtras {
  reusedComponents?: ReadonlySet<string>;
  componentsFromNationalStore?: ReadonlySet<string>;
  paidOnNationalPlatform?: boolean;
}

export function syncPacket(
  dossier: DossierDetail,
  version: number,
  lookups: PacketLookups,
  extras: PacketExtras = {},
): SyncPacket {
  const actions = dossier.actions.slice(0, version);
  const last = actions.at(-1);
  if (!last) throw new Error(`dossier ${dossier.code} has no version ${version}`);
  const lastAt = (name: DossierActionView['action']) => actions.findLast((a) => a.action === name)?.at;
  const firstAt = (name: DossierActionView['action']) => actions.find((a) => a.action === name)?.at;
  const paidOnline = actions.some((a) => a.action === 'confirm_payment' && a.data?.method === 'online');
  const { procedure, case: procedureCase } = dossier.definition;
  const componentName = new Map(procedureCase.components.map((c) => [c.code, c.name]));
  const submitted = dossier.components.filter((c) => c.fileIds.length > 0);
  const resultFiles = actions.filter((a) => a.action === 'resolve').flatMap((a) => a.attachmentIds);
  const flag = (set: ReadonlySet<string> | undefined, code: string) => (set?.has(code) ? 1 : 0);
  return {
    MaHoSo: dossier.code,
    MaTTHC: procedure.code,
    TenTTHC: procedure.name,
    MaLinhVuc: procedure.field.code,
    TenLinhVuc: procedure.field.name,
    KenhThucHien: dossier.channel,
    ChuHoSo: dossier.applicant.name,
    SoGiayToChuHoSo: dossier.applicant.idNumber,
    Email: dossier.applicant.email ?? '',
    SoDienThoai: dossier.applicant.phone ?? '',
    TrichYeuHoSo: `${procedure.name} — ${procedureCase.name}`,
    NgayNopHoSo: nationalDate(dossier.submittedAt),
    NgayTiepNhan: nationalDate(firstAt('accept')),
    NgayHenTra: nationalDate(last.newDueAt),
    NgayKetThucXuLy: nationalDate(lastAt('resolve') ?? lastAt('stop')),
    NgayTra: nationalDate(lastAt('return_result')),
    NgayTuChoi: nationalDate(lastAt('refuse')),
    TrangThaiHoSo: last.newStatus,
    DonViXuLy: lookups.agencyName(dossier.currentAgencyId),
    NoiNopHoSo: lookups.agencyName(dossier.receivingAgencyId),
    // A component we hold a file for was digitised (scanned at the counter or uploaded online).
    HoSoCoThanhPhanSoHoa: submitted.length > 0 ? 1 : 0,
    DuocThanhToanTrucTuyen: extras.paidOnNationalPlatform ? 1 : paidOnline ? 2 : 0,
    TaiLieuNop: submitted.map((c) => ({
      MaThanhPhanHoSo: c.code,
      TenTepDinhKem: componentName.get(c.code) ?? c.code,
      DuocSoHoa: 1,
      DuocTaiSuDung: flag(extras.reusedComponents, c.code),
      DuocLayTuKhoDMQG: flag(extras.componentsFromNationalStore, c.code),
    })),
    DanhSachLePhi: procedureCase.fees.map((fee) => ({
      MaPhiLePhi: fee.code,
      TenPhiLePhi: fee.name,
      Gia: fee.amount,
      HinhThucThu: paidOnline ? 'TrucTuyen' : 'TrucTiep',
      LoaiPhiLePhi: fee.kind === 'fixed' ? 'CoDinh' : 'TheoDonVi',
    })),
    DanhSachGiayToKetQua: resultFiles.map((id) => ({
      TenGiayTo: procedure.result.name,
      MaGiayToKetQua: id,
      DuongDanTepTinKetQua: lookups.fileUrl(id),
    })),
    QuaTrinhXuLy: actions.map((a) => ({
      NguoiXuLy: lookups.personName(a.actorId),
      ChucDanh: lookups.roleTitle(a.role),
      ThoiDiemXuLy: nationalDate(a.at),
      PhongBanXuLy: lookups.agencyName(a.agencyId),
      NoiDungXuLy: a.comment ? `${lookups.actionLabel(a.action)}: ${a.comment}` : lookups.actionLabel(a.action),
      TrangThai: a.newStatus,
      NgayBatDau: nationalDate(a.at),
      NgayKetThucTheoQuyDinh: nationalDate(a.newDueAt),
    })),
  };
}
