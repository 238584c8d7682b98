/**
 * The data each printed document needs, as plain objects the dossier module fills in. Instants are ISO 8601 strings
 * with a zone (stored UTC instants); they are printed in Vietnam time. Texts are trimmed and normalised to NFC so that
 * decomposed Vietnamese letters print as the font's precomposed glyphs.
 */
import { z } from 'zod';
import { ValidationError } from '../../lib/errors.ts';
import { MAX_VND } from '../../lib/money.ts';
import { parseIsoDate, vietnamDateOf } from '../../lib/vn-time.ts';
import { zodProblems } from '../../lib/zod-problems.ts';
import type { DocumentMessageKey } from '../../web/i18n/documents.ts';
import { parseDossierCode } from '../dossiers/dossier-code.ts';

/** ISO 8601 instant with `Z` or an offset, e.g. `2026-11-27T14:30:00+07:00`. */
export type Instant = string;

export interface Issuer {
  /** Parent agency (cơ quan chủ quản), printed in capitals above the agency; omitted for a top-level body. */
  parentAgency?: string;
  /** The issuing agency or one-stop unit, printed in bold capitals. */
  agency: string;
  /** Place name before the date, e.g. `Thủ Dầu Một`. */
  place: string;
}

export interface Applicant {
  name: string;
  address?: string;
  phone?: string;
  email?: string;
}

export interface Signer {
  /** Position, e.g. `Giám đốc`; printed in capitals. */
  title: string;
  name: string;
}

/** What every slip about one dossier carries. */
export interface SlipBase {
  issuer: Issuer;
  /** Document number, printed `Số: {number}`, e.g. `125/GTN-TTPVHCC`. */
  number: string;
  /** Issue instant: its Vietnam date is printed in the header, and it is the PDF creation date. */
  issuedAt: Instant;
  dossierCode: string;
  applicant: Applicant;
  procedureName: string;
}

export interface ReceivedComponent {
  name: string;
  originals: number;
  copies: number;
  note?: string;
}

export type ResultDelivery = { method: 'counter' } | { method: 'post'; address: string } | { method: 'online' };

export interface Fee {
  name: string;
  /** Integer đồng. */
  amount: number;
}

/** Form 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
export interface ReceiptInput extends SlipBase {
  components: ReceivedComponent[];
  receivedAt: Instant;
  appointmentAt: Instant;
  resultDelivery: ResultDelivery;
  fees?: Fee[];
  officerName: string;
  /** The public portal, e.g. `https://dichvucong.binhduong.gov.vn`; the QR code opens `{baseUrl}/track?code=…`. */
  baseUrl: string;
}

export interface MissingItem {
  name: string;
  reason: string;
}

export interface Officer {
  name: string;
  phone?: string;
  email?: string;
}

/** Form 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ — everything missing, in one list. */
export interface SupplementRequestInput extends SlipBase {
  items: MissingItem[];
  officer: Officer;
}

/** Form 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export interface RefusalInput extends SlipBase {
  reason: string;
  officerName: string;
}

/** Form 04: Văn bản xin lỗi và hẹn lại ngày trả kết quả. */
export interface ApologyInput extends SlipBase {
  receivedAt: Instant;
  previousAppointmentAt: Instant;
  newAppointmentAt: Instant;
  reason: string;
  signer: Signer;
}

/** Thông báo dừng giải quyết hồ sơ. */
export interface StopNoticeInput extends SlipBase {
  stoppedAt: Instant;
  reason: string;
  signer: Signer;
}

export interface HandoverParty {
  unit: string;
  officer: string;
}

export interface Handover {
  from: HandoverParty;
  to: HandoverParty;
  handedOverAt: Instant;
  /** Absent for a step without a deadline. */
  dueAt?: Instant;
  /** Absent while the step is in progress. */
  doneAt?: Instant;
  note?: string;
}

/** Phiếu kiểm soát quá trình giải quyết hồ sơ: every hand-over of one dossier, in order. */
export interface ControlSheetInput {
  issuer: Issuer;
  issuedAt: Instant;
  dossierCode: string;
  applicant: Applicant;
  procedureName: string;
  leadAgency: string;
  coordinatingAgencies?: string[];
  handovers: Handover[];
}

/** National portal status code, 1 submitted … 10 returned (DOMAIN.md §4). */
export type DossierStatus = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

export interface RegisterEntry {
  dossierCode: string;
  procedureName: string;
  applicant: Applicant;
  handlingAgency: string;
  receivedAt: Instant;
  /** Absent for a procedure case without a due date. */
  appointmentAt?: Instant;
  returnedAt?: Instant;
  status: DossierStatus;
  note?: string;
}

/** Sổ theo dõi hồ sơ: the dossiers received from `from` to `to` (Vietnam dates, both included). */
export interface RegisterInput {
  issuer: Issuer;
  from: string;
  to: string;
  /** When the register is printed; the PDF and workbook creation date. */
  generatedAt: Instant;
  entries: RegisterEntry[];
}

const key = (messageKey: DocumentMessageKey) => ({ error: messageKey });
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const PHONE = /^[0-9+() .-]{6,20}$/;

const text = (max: number) =>
  z
    .string()
    .transform((value) => value.normalize('NFC').trim())
    .pipe(z.string().min(1, key('documents.errors.required')).max(max));
const instant = z
  .string()
  .refine(
    (value) =>
      INSTANT.test(value) && parseIsoDate(value.slice(0, 10)) !== undefined && !Number.isNaN(Date.parse(value)),
    key('documents.errors.instant'),
  );
const isoDate = z.string().refine((value) => parseIsoDate(value) !== undefined, key('documents.errors.date'));
const dossierCode = z.string().refine((value) => {
  try {
    return parseDossierCode(value).agencyIdentifier === value.split('-')[0];
  } catch {
    return false;
  }
}, key('documents.errors.dossierCode'));
const count = z.int().min(0).max(99);

const issuer = z.strictObject({ parentAgency: text(200).optional(), agency: text(200), place: text(100) });
const applicant = z.strictObject({
  name: text(200),
  address: text(300).optional(),
  phone: z.string().trim().regex(PHONE, key('documents.errors.phone')).optional(),
  email: z.email(key('documents.errors.email')).max(254).optional(),
});
const signer = z.strictObject({ title: text(100), name: text(100) });
const slipBase = {
  issuer,
  number: text(50),
  issuedAt: instant,
  dossierCode,
  applicant,
  procedureName: text(500),
};
const baseUrl = z.string().refine((value) => {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'https:' || url.protocol === 'http:') && !url.search && !url.hash && !url.username;
}, key('documents.errors.baseUrl'));

/** Adds an issue unless earlier checks failed: a cross-field rule on invalid parts would only report consequences. */
function later(earlier: string, after: string, messageKey: DocumentMessageKey) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const [a, b] = [value[earlier], value[after]];
    if (ctx.issues.length === 0 && typeof a === 'string' && typeof b === 'string' && Date.parse(b) <= Date.parse(a)) {
      ctx.addIssue({ code: 'custom', path: [after], message: messageKey });
    }
  };
}

export const receiptSchema: z.ZodType<ReceiptInput> = z
  .strictObject({
    ...slipBase,
    components: z
      .array(z.strictObject({ name: text(300), originals: count, copies: count, note: text(200).optional() }))
      .min(1)
      .max(200),
    receivedAt: instant,
    appointmentAt: instant,
    resultDelivery: z.discriminatedUnion('method', [
      z.strictObject({ method: z.literal('counter') }),
      z.strictObject({ method: z.literal('post'), address: text(300) }),
      z.strictObject({ method: z.literal('online') }),
    ]),
    fees: z
      .array(z.strictObject({ name: text(200), amount: z.int().min(0).max(MAX_VND) }))
      .max(20)
      .optional(),
    officerName: text(100),
    baseUrl,
  })
  .superRefine(later('receivedAt', 'appointmentAt', 'documents.errors.appointmentBeforeReception'));

export const supplementRequestSchema: z.ZodType<SupplementRequestInput> = z.strictObject({
  ...slipBase,
  items: z
    .array(z.strictObject({ name: text(300), reason: text(1000) }))
    .min(1)
    .max(100),
  officer: z.strictObject({ name: text(100), phone: applicant.shape.phone, email: applicant.shape.email }),
});

export const refusalSchema: z.ZodType<RefusalInput> = z.strictObject({
  ...slipBase,
  reason: text(2000),
  officerName: text(100),
});

export const apologySchema: z.ZodType<ApologyInput> = z
  .strictObject({
    ...slipBase,
    receivedAt: instant,
    previousAppointmentAt: instant,
    newAppointmentAt: instant,
    reason: text(2000),
    signer,
  })
  .superRefine(later('previousAppointmentAt', 'newAppointmentAt', 'documents.errors.newDateNotLater'));

export const stopNoticeSchema: z.ZodType<StopNoticeInput> = z.strictObject({
  ...slipBase,
  stoppedAt: instant,
  reason: text(2000),
  signer,
});

const party = z.strictObject({ unit: text(200), officer: text(100) });

export const controlSheetSchema: z.ZodType<ControlSheetInput> = z.strictObject({
  issuer,
  issuedAt: instant,
  dossierCode,
  applicant,
  procedureName: text(500),
  leadAgency: text(200),
  coordinatingAgencies: z.array(text(200)).max(20).optional(),
  handovers: z
    .array(
      z
        .strictObject({
          from: party,
          to: party,
          handedOverAt: instant,
          dueAt: instant.optional(),
          doneAt: instant.optional(),
          note: text(300).optional(),
        })
        .superRefine(later('handedOverAt', 'doneAt', 'documents.errors.handoverOrder')),
    )
    .min(1)
    .max(200),
});

const registerEntry = z.strictObject({
  dossierCode,
  procedureName: text(500),
  applicant,
  handlingAgency: text(200),
  receivedAt: instant,
  appointmentAt: instant.optional(),
  returnedAt: instant.optional(),
  status: z.literal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
  note: text(300).optional(),
});

export const registerSchema: z.ZodType<RegisterInput> = z
  .strictObject({
    issuer,
    from: isoDate,
    to: isoDate,
    generatedAt: instant,
    entries: z.array(registerEntry).max(20_000),
  })
  .superRefine((register, ctx) => {
    if (ctx.issues.length > 0) return;
    if (register.from > register.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'documents.errors.rangeOrder' });
      return;
    }
    register.entries.forEach((entry, index) => {
      const date = vietnamDateOf(new Date(entry.receivedAt));
      if (date < register.from || date > register.to) {
        const params = { date, from: register.from, to: register.to };
        ctx.addIssue({
          code: 'custom',
          path: ['entries', index, 'receivedAt'],
          message: 'documents.errors.outsideRange',
          params,
        });
      }
    });
  });

/** Parses a document's input, or throws a `ValidationError` listing every problem with its dotted path. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input, { error: messageKeyFor });
  if (result.success) return result.data;
  throw new ValidationError(zodProblems(result.error.issues), 'documents.errors.invalid');
}

/** Message keys for zod's own issues; ours already carry theirs. */
function messageKeyFor(issue: z.core.$ZodRawIssue): DocumentMessageKey {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'documents.errors.required';
      return issue.expected === 'int' && typeof issue.input === 'number'
        ? 'documents.errors.notInteger'
        : 'documents.errors.invalidType';
    case 'too_small':
      return issue.origin === 'array' ? 'documents.errors.tooFew' : 'documents.errors.outOfRange';
    case 'too_big':
      return issue.origin === 'string'
        ? 'documents.errors.tooLong'
        : issue.origin === 'array'
          ? 'documents.errors.tooMany'
          : 'documents.errors.outOfRange';
    case 'unrecognized_keys':
      return 'documents.errors.unknownKey';
    case 'invalid_union':
    case 'invalid_value':
      return issue.input === undefined ? 'documents.errors.required' : 'documents.errors.invalidValue';
    default:
      return 'documents.errors.invalidValue';
  }
}
