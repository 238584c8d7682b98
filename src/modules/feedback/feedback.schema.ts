import { z } from 'zod';

export const feedbackStatuses = [
  'received',
  'supplement_requested',
  'refused',
  'accepted',
  'assigned',
  'answered',
  'published',
  'answered_private',
] as const;
export type FeedbackStatus = (typeof feedbackStatuses)[number];

export const feedbackCategories = ['regulation', 'procedure', 'officer_conduct', 'other'] as const;
export type FeedbackCategory = (typeof feedbackCategories)[number];

export const officerActions = [
  'accept',
  'refuse',
  'request_supplement',
  'receive_supplement',
  'assign',
  'transfer',
  'answer',
  'edit_for_publication',
  'publish',
  'close_private',
  'note',
] as const;
export type OfficerAction = (typeof officerActions)[number];
export type FeedbackAction = 'submit' | 'rate' | OfficerAction;

/** Vietnamese numbers written with 0 or +84, spaces, dots or dashes: mobiles and landlines (0 + 9 or 10 digits). */
function normalizePhone(value: string): string | null {
  const compact = value.replace(/[\s.()-]/g, '');
  const national = compact.startsWith('+84') ? `0${compact.slice(3)}` : compact;
  return /^0\d{9,10}$/.test(national) ? national : null;
}

/** The tracking verifier: the last four digits of the sender's phone. */
export const verifierOf = (phone: string) => phone.slice(-4);

const optionalText = (max: number, key: string) =>
  z
    .string()
    .trim()
    .max(max, key)
    .optional()
    .transform((v) => v || undefined);

/**
 * What a sender submits. Required are exactly what the office asks for: the address, the phone and a summary; the
 * rest is optional. Messages are i18n keys. `website` is the honeypot: hidden from people, filled only by robots.
 */
export const submitFeedbackSchema = z.object({
  fullName: optionalText(200, 'feedback.errors.tooLong'),
  address: z
    .string('feedback.errors.addressRequired')
    .trim()
    .min(1, 'feedback.errors.addressRequired')
    .max(300, 'feedback.errors.tooLong'),
  phone: z
    .string('feedback.errors.phoneRequired')
    .trim()
    .min(1, 'feedback.errors.phoneRequired')
    .transform((v, ctx) => {
      const phone = normalizePhone(v);
      if (!phone) ctx.addIssue({ code: 'custom', message: 'feedback.errors.phoneInvalid' });
      return phone ?? '';
    }),
  email: z
    .string()
    .trim()
    .max(254, 'feedback.errors.emailInvalid')
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.email('feedback.errors.emailInvalid').optional()),
  subject: optionalText(200, 'feedback.errors.tooLong'),
  summary: z
    .string('feedback.errors.summaryRequired')
    .trim()
    .min(1, 'feedback.errors.summaryRequired')
    .max(500, 'feedback.errors.tooLong'),
  content: optionalText(10_000, 'feedback.errors.tooLong'),
  category: z.enum(feedbackCategories, 'feedback.errors.category').default('other'),
  relatedCode: z
    .string()
    .trim()
    .max(60, 'feedback.errors.relatedCode')
    .regex(/^[A-Za-z0-9.-]*$/, 'feedback.errors.relatedCode')
    .optional()
    .transform((v) => v?.toUpperCase() || undefined),
  consentPublish: z.boolean().default(false),
  website: z.string().max(200).optional(),
  /** Uploads (POST /api/v1/files) of a signed-in sender; a form sends its files in the same request instead. */
  attachmentIds: z.array(z.string().max(100)).max(5, 'feedback.errors.tooManyFiles').default([]),
});

export const MAX_ATTACHMENTS = 5;

const requiredText = (max: number, key: string) => z.string().trim().min(1, key).max(max, 'feedback.errors.tooLong');

/** The handler's commands; each names the version it was made on (optimistic concurrency). */
export const feedbackCommandSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept') }),
  z.object({ action: z.literal('refuse'), reason: requiredText(2000, 'feedback.errors.reasonRequired') }),
  z.object({ action: z.literal('request_supplement'), comment: requiredText(2000, 'feedback.errors.commentRequired') }),
  z.object({
    action: z.literal('receive_supplement'),
    comment: requiredText(10_000, 'feedback.errors.commentRequired'),
  }),
  z.object({ action: z.literal('assign'), agency: z.string().trim().min(1, 'feedback.errors.agencyRequired').max(40) }),
  z.object({
    action: z.literal('transfer'),
    agency: z.string().trim().min(1, 'feedback.errors.agencyRequired').max(40),
    comment: optionalText(2000, 'feedback.errors.tooLong'),
  }),
  z.object({ action: z.literal('answer'), answer: requiredText(20_000, 'feedback.errors.answerRequired') }),
  z.object({
    action: z.literal('edit_for_publication'),
    publicSubject: requiredText(200, 'feedback.errors.subjectRequired'),
    publicQuestion: requiredText(10_000, 'feedback.errors.questionRequired'),
  }),
  z.object({ action: z.literal('publish') }),
  z.object({ action: z.literal('close_private') }),
  z.object({ action: z.literal('note'), comment: requiredText(5000, 'feedback.errors.commentRequired') }),
]);
export type FeedbackCommand = z.output<typeof feedbackCommandSchema>;

export const feedbackCodeParams = z.object({ code: z.string().max(40) });
export const verifierSchema = z.string().regex(/^\d{4}$/, 'feedback.errors.verifier');

export interface FeedbackActionView {
  action: FeedbackAction;
  actorId: string | null;
  at: string;
  comment: string | null;
  oldStatus: FeedbackStatus | null;
  newStatus: FeedbackStatus;
  agencyId: string | null;
  onTime: boolean | null;
}

/** Everything an officer sees of an item, the citizen's original text included. */
export interface FeedbackDetail {
  id: string;
  code: string;
  status: FeedbackStatus;
  category: FeedbackCategory;
  submittedBy: string | null;
  fullName: string;
  address: string;
  phone: string;
  email: string | null;
  subject: string;
  summary: string;
  content: string;
  relatedCode: string | null;
  consentPublish: boolean;
  publicSubject: string | null;
  publicQuestion: string | null;
  answer: string | null;
  answeredAt: string | null;
  publishedAt: string | null;
  refusalReason: string | null;
  receivingAgencyId: string;
  assignedAgencyId: string | null;
  answerDueAt: string | null;
  publishDueAt: string | null;
  clockStartedAt: string | null;
  satisfied: boolean | null;
  receivedAt: string;
  version: number;
  attachments: { id: string; name: string; size: number }[];
  actions: FeedbackActionView[];
}

/** What the sender reads by code and verifier: the state, and the answer once it is given to them. */
export interface FeedbackTracking {
  code: string;
  status: FeedbackStatus;
  category: FeedbackCategory;
  subject: string;
  summary: string;
  receivedAt: string;
  refusalReason: string | null;
  supplementRequest: string | null;
  answer: string | null;
  answeredAt: string | null;
  agency: string | null;
  published: boolean;
  satisfied: boolean | null;
  mayRate: boolean;
}

/** One published item on the public page. */
export interface PublishedFeedback {
  code: string;
  category: FeedbackCategory;
  subject: string;
  question: string;
  answer: string;
  agencyId: string;
  publishedAt: string;
}

export interface QueueRow {
  code: string;
  status: FeedbackStatus;
  category: FeedbackCategory;
  summary: string;
  receivedAt: string;
  assignedAgencyId: string | null;
  dueAt: string | null;
  overdue: boolean;
}

/** Counts for the 766 satisfaction indicators (5.2 on time, 5.3 satisfaction), per answering agency. */
export interface SatisfactionCounts {
  agencyId: string;
  /** Items answered in the period (published or answered privately). */
  answered: number;
  satisfied: number;
  dissatisfied: number;
  unrated: number;
  /** Answered items whose answer or publication came late. */
  late: number;
}
