/** The postal area's types: orders, the parties on a label, and the status callbacks of the postal service. */
import { z } from 'zod';

const postalOrderKinds = ['pickup', 'delivery'] as const;
export type PostalOrderKind = (typeof postalOrderKinds)[number];

/** `queued`: written, waiting in the outbox; the rest are the postal service's own statuses. */
const postalStatuses = ['queued', 'accepted', 'picked_up', 'in_transit', 'delivered', 'failed'] as const;
export type PostalStatus = (typeof postalStatuses)[number];

/** How far along each status is: a late callback never moves an order back. */
export const statusRank: Readonly<Record<PostalStatus, number>> = {
  queued: 0,
  accepted: 1,
  picked_up: 2,
  in_transit: 3,
  delivered: 4,
  failed: 4,
};

/** The partner's status words. */
export const partnerStatuses: Readonly<Record<string, Exclude<PostalStatus, 'queued'>>> = {
  ACCEPTED: 'accepted',
  PICKED_UP: 'picked_up',
  IN_TRANSIT: 'in_transit',
  DELIVERED: 'delivered',
  FAILED: 'failed',
};

/** A sender or receiver: the province and ward (two-level administration since 2025, GSO codes) and a phone. */
export interface PostalParty {
  name: string;
  phone: string;
  provinceCode: string;
  wardCode: string;
  address: string;
}

/** Spaces, dots and a +84 prefix are accepted in what people type; the partner wants 0xxxxxxxxx. */
function normalisePhone(value: string): string {
  const digits = value.replace(/[\s.()-]/g, '');
  return digits.startsWith('+84') ? `0${digits.slice(3)}` : digits;
}

const text = (max: number, min = 1) =>
  z
    .string()
    .transform((v) => v.normalize('NFC').replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(min, 'postal.error.required').max(max, 'postal.error.tooLong'));

const partySchema = z.object({
  name: text(100),
  phone: z
    .string()
    .transform(normalisePhone)
    .pipe(z.string().regex(/^(0\d{9,10}|1[89]00\d{4,6})$/, 'postal.error.phone')),
  provinceCode: z
    .string()
    .trim()
    .regex(/^\d{2}$/, 'postal.error.provinceCode'),
  wardCode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, 'postal.error.wardCode'),
  address: text(250, 5),
});

/** What the officer fills in: the applicant's side of the order (the office's side comes from settings). */
export const orderInputSchema = z.object({
  kind: z.enum(postalOrderKinds, 'postal.error.kind'),
  applicant: partySchema,
  /** A pre-printed waybill code stuck on the envelope (S10 format, e.g. EB123456789VN); empty: the partner assigns. */
  itemCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-Z]{2}\d{9}[A-Z]{2})?$/, 'postal.error.itemCode')
    .transform((v) => (v === '' ? null : v)),
  /** Fees collected on delivery (cash on delivery), in đồng. */
  codAmount: z.int('postal.error.cod').min(0, 'postal.error.cod').max(100_000_000, 'postal.error.cod'),
});
export type OrderInput = z.input<typeof orderInputSchema>;

export const callbackSchema = z.object({
  EventId: z.string().min(1).max(100),
  OrderNumber: z.string().min(1).max(50),
  ItemCode: z.string().max(40).nullish(),
  Status: z.enum(Object.keys(partnerStatuses) as [string, ...string[]]),
  Reason: z.string().max(500).optional(),
  Time: z.iso.datetime({ offset: true }),
});

export interface PostalEventView {
  status: PostalStatus;
  reason: string | null;
  occurredAt: string;
}

export interface PostalOrderView {
  id: string;
  dossierCode: string;
  kind: PostalOrderKind;
  orderNumber: string;
  itemCode: string | null;
  status: PostalStatus;
  sender: PostalParty;
  receiver: PostalParty;
  codAmount: number;
  failureReason: string | null;
  createdAt: string;
  events: PostalEventView[];
}
