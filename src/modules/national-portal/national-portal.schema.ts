import { z } from 'zod';

const date14 = z.string().regex(/^\d{14}$/, 'yyyyMMddHHmmss');
const optionalText = (max: number) => z.string().trim().max(max).optional();

/** A dossier filed on the national portal, as it pushes it or lists it for polling. */
export const inboundDossierSchema = z.object({
  MaHoSo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.]{1,40}-\d{6}-\d{4,6}$/, 'agency-yyMMdd-NNNN'),
  MaTTHC: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.]{1,100}$/, 'procedure code'),
  /** Our case code, when the national form chose one. */
  MaTruongHop: optionalText(100),
  ChuHoSo: z.string().trim().min(1).max(300),
  SoGiayToChuHoSo: z.string().trim().min(1).max(50),
  SoDienThoai: optionalText(50),
  Email: optionalText(300),
  DiaChi: optionalText(500),
  NgayNopHoSo: date14,
  DuLieuBieuMau: z.record(z.string(), z.unknown()).optional(),
  TaiLieuNop: z
    .array(
      z.object({
        MaThanhPhanHoSo: z.string().max(100),
        TenTepDinhKem: z.string().max(500),
        DuongDanTaiTepTin: z.string().max(2000),
      }),
    )
    .max(100)
    .optional(),
  /** 1: at the counter, 2: electronically, 3: by public post. */
  HinhThucNhanKetQua: z.literal([1, 2, 3]).optional(),
  DiaChiNhanKetQua: optionalText(500),
});
export type InboundDossier = z.infer<typeof inboundDossierSchema>;

export const mappingFormSchema = z.object({
  nationalCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.]{1,100}$/),
  procedureCode: z.string().trim().min(1).max(100),
  caseCode: z.string().trim().max(100).optional(),
});

export type InboundOutcome =
  | { state: 'created'; dossierCode: string }
  | { state: 'updated'; dossierCode: string }
  | { state: 'parked'; reason: string };
