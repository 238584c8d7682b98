import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { type DbOrTx, inTransaction, type Tx } from '../../db/transaction.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { foldVietnamese, tokenize } from '../../lib/text.ts';
import { vietnamDateOf, vietnamInstant } from '../../lib/vn-time.ts';
import { zodProblems } from '../../lib/zod-problems.ts';
import { translate } from '../../web/i18n/index.ts';
import * as agencies from '../agencies/agencies.service.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import { writtenDateTime } from '../documents/format.ts';
import type { FileService } from '../files/files.service.ts';
import { mailTopic } from '../notifications/mail.ts';
import { enqueue } from '../outbox/outbox.service.ts';
import * as repo from './feedback.repo.ts';
import {
  type FeedbackAction,
  type FeedbackCategory,
  type FeedbackCommand,
  type FeedbackDetail,
  type FeedbackStatus,
  type FeedbackTracking,
  MAX_ATTACHMENTS,
  type PublishedFeedback,
  type QueueRow,
  type SatisfactionCounts,
  submitFeedbackSchema,
  verifierOf,
} from './feedback.schema.ts';
import { codePeriod, formatFeedbackCode, isFeedbackCode, provinceOf } from './feedback-code.ts';
import {
  answeredStatuses,
  currentDue,
  defaultDeadlines,
  type FeedbackDeadlines,
  measuredStep,
  nextStatus,
} from './feedback-rules.ts';

/** Attachments of an item point at it under this kind. */
export const FEEDBACK_REF = 'feedback';

export interface FeedbackLimits {
  /** Submissions accepted from one phone number in 24 hours. */
  perPhonePerDay: number;
  /** Submissions accepted from one client address in an hour. */
  perAddressPerHour: number;
}

export interface FeedbackServiceOptions {
  db: Db;
  calendar: CalendarService;
  files: FileService;
  clock?: Clock;
  deadlines?: FeedbackDeadlines;
  limits?: FeedbackLimits;
  /** The portal's public address, for links in mail (known once the server listens). */
  baseUrl?: () => string;
  /** The agency that receives feedback (its procedure-control office): by default the province's root agency. */
  receivingAgency?: (db: DbOrTx) => Promise<string>;
}

/** Who sends: the signed-in user (or nobody) and the client address, kept only as a digest for the rate limit. */
export interface Sender {
  userId: string | null;
  clientAddress: string;
}

const DUPLICATE_WINDOW_MS = 60_000;
const HOUR_MS = 3_600_000;
const PUBLIC_PAGE_SIZE = 20;
const QUEUE_LIMIT = 200;

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

async function rootAgency(db: DbOrTx): Promise<string> {
  const root = (await agencies.listAgencies(db)).find((a) => !a.parentId);
  if (!root) throw new Error('no root agency: feedback has no receiving office');
  return root.identifier;
}

/** Commands whose outcome the sender learns by mail. */
const mailed: ReadonlySet<FeedbackAction> = new Set([
  'submit',
  'accept',
  'refuse',
  'request_supplement',
  'publish',
  'close_private',
]);

export class FeedbackService {
  readonly #db: Db;
  readonly #calendar: CalendarService;
  readonly #files: FileService;
  readonly #clock: Clock;
  readonly #deadlines: FeedbackDeadlines;
  readonly #limits: FeedbackLimits;
  readonly #baseUrl: () => string;
  readonly #receivingAgency: (db: DbOrTx) => Promise<string>;

  constructor(options: FeedbackServiceOptions) {
    this.#db = options.db;
    this.#calendar = options.calendar;
    this.#files = options.files;
    this.#clock = options.clock ?? systemClock;
    this.#deadlines = options.deadlines ?? defaultDeadlines;
    this.#limits = options.limits ?? { perPhonePerDay: 5, perAddressPerHour: 20 };
    this.#baseUrl = options.baseUrl ?? (() => '');
    this.#receivingAgency = options.receivingAgency ?? rootAgency;
  }

  get deadlines(): Readonly<FeedbackDeadlines> {
    return this.#deadlines;
  }

  /**
   * Receives a submission: validates it, refuses robots (the honeypot), floods (rate limits per phone and client
   * address) and a repeat of the same text within a minute, then allocates the tracking code and writes the item, its
   * first action, its attachments and the confirmation mail in one transaction. `formUploads` are files the same
   * request uploaded (the page form); API senders name earlier uploads of theirs in `attachmentIds`.
   */
  async submit(raw: unknown, sender: Sender, formUploads: readonly string[] = []): Promise<{ code: string }> {
    const parsed = submitFeedbackSchema.safeParse(raw);
    if (!parsed.success) throw new ValidationError(zodProblems(parsed.error.issues));
    const input = parsed.data;
    if (input.website) throw new ValidationError([{ path: 'website', messageKey: 'feedback.errors.spam' }]);
    const fileIds = [...input.attachmentIds, ...formUploads];
    if (fileIds.length > MAX_ATTACHMENTS) {
      throw new ValidationError([
        { path: 'attachments', messageKey: 'feedback.errors.tooManyFiles', params: { maximum: MAX_ATTACHMENTS } },
      ]);
    }
    if (input.attachmentIds.length > 0 && !sender.userId) {
      throw new ValidationError([{ path: 'attachmentIds', messageKey: 'feedback.errors.attachmentsNeedUpload' }]);
    }
    const now = this.#clock.now();
    const at = now.toISOString();
    const clientDigest = digest(`client:${sender.clientAddress}`);
    const contentDigest = digest(
      [input.phone, input.address, input.subject ?? '', input.summary, input.content ?? '']
        .map(foldVietnamese)
        .join('\n'),
    );
    const db = this.#db.kysely;
    const dayAgo = new Date(now.getTime() - 24 * HOUR_MS).toISOString();
    const hourAgo = new Date(now.getTime() - HOUR_MS).toISOString();
    if (
      (await repo.countSince(db, 'phone', input.phone, dayAgo)) >= this.#limits.perPhonePerDay ||
      (await repo.countSince(db, 'client_digest', clientDigest, hourAgo)) >= this.#limits.perAddressPerHour
    ) {
      throw new AppError('rate_limited', 429, 'feedback.errors.rateLimited');
    }
    const answerDue = await this.#due(at, this.#deadlines.answerDays);
    const id = randomUUID();
    return inTransaction(db, async (tx) => {
      const since = new Date(now.getTime() - DUPLICATE_WINDOW_MS).toISOString();
      if ((await repo.countSince(tx, 'content_digest', contentDigest, since)) > 0) {
        throw new ConflictError('duplicate_feedback', 'feedback.errors.duplicate');
      }
      const receiving = await this.#receivingAgency(tx);
      const period = codePeriod(provinceOf(receiving), vietnamDateOf(now));
      const code = formatFeedbackCode(period, await repo.nextSequence(tx, period));
      await repo.insertItem(tx, {
        id,
        code,
        status: 'received',
        category: input.category,
        submitted_by: sender.userId,
        full_name: input.fullName ?? '',
        address: input.address,
        phone: input.phone,
        email: input.email ?? null,
        subject: input.subject ?? '',
        summary: input.summary,
        content: input.content ?? '',
        related_code: input.relatedCode ?? null,
        consent_publish: input.consentPublish ? 1 : 0,
        public_subject: null,
        public_question: null,
        answer: null,
        answered_by: null,
        answered_at: null,
        published_at: null,
        refusal_reason: null,
        receiving_agency_id: receiving,
        assigned_agency_id: null,
        clock_started_at: at,
        answer_due_at: answerDue,
        publish_due_at: null,
        satisfied: null,
        rated_at: null,
        search_text: null,
        content_digest: contentDigest,
        client_digest: clientDigest,
        received_at: at,
        version: 1,
        updated_at: at,
      });
      await this.#files.attach(tx, fileIds, { kind: FEEDBACK_REF, id }, sender.userId);
      await repo.insertAction(tx, {
        feedback_id: id,
        action: 'submit',
        actor_id: sender.userId,
        at,
        comment: null,
        old_status: null,
        new_status: 'received',
        agency_id: receiving,
        on_time: null,
        data: null,
      });
      const item = await repo.findByCode(tx, code);
      if (item) await this.#mail(tx, item, 'submit', null);
      return { code };
    });
  }

  /** The sender's view by code and verifier; an unknown code and a wrong verifier give the same 404. */
  async track(code: string, verifier: string): Promise<FeedbackTracking> {
    const item = await this.#verified(code, verifier);
    const actions = await repo.actionsOf(this.#db.kysely, item.id);
    const supplement =
      item.status === 'supplement_requested' ? actions.findLast((a) => a.action === 'request_supplement') : undefined;
    const answered = answeredStatuses.has(item.status);
    return {
      code: item.code,
      status: item.status,
      category: item.category,
      subject: item.subject,
      summary: item.summary,
      receivedAt: item.received_at,
      refusalReason: item.status === 'refused' ? item.refusal_reason : null,
      supplementRequest: supplement?.comment ?? null,
      answer: answered ? item.answer : null,
      answeredAt: answered ? item.answered_at : null,
      agency: answered && item.assigned_agency_id ? await this.agencyName(item.assigned_agency_id) : null,
      published: item.status === 'published',
      satisfied: item.satisfied === null ? null : item.satisfied === 1,
      mayRate: answered && item.satisfied === null,
    };
  }

  /** The sender says whether the answer satisfied them, once, after they have it. */
  async rate(code: string, verifier: string, satisfied: boolean): Promise<void> {
    const item = await this.#verified(code, verifier);
    if (!answeredStatuses.has(item.status)) throw new ConflictError('not_answered', 'feedback.errors.notAnswered');
    if (item.satisfied !== null) throw new ConflictError('already_rated', 'feedback.errors.alreadyRated');
    const at = this.#clock.now().toISOString();
    await inTransaction(this.#db.kysely, async (tx) => {
      const changed = await repo.updateIfVersion(tx, item.id, item.version, {
        satisfied: satisfied ? 1 : 0,
        rated_at: at,
        updated_at: at,
      });
      if (!changed) throw new ConflictError('already_rated', 'feedback.errors.alreadyRated');
      await repo.insertAction(tx, {
        feedback_id: item.id,
        action: 'rate',
        actor_id: null,
        at,
        comment: null,
        old_status: item.status,
        new_status: item.status,
        agency_id: null,
        on_time: null,
        data: JSON.stringify({ satisfied }),
      });
    });
  }

  async #verified(code: string, verifier: string): Promise<repo.ItemRow> {
    const normalized = code.trim().toUpperCase();
    const item = isFeedbackCode(normalized) ? await repo.findByCode(this.#db.kysely, normalized) : undefined;
    if (!item || !/^\d{4}$/.test(verifier) || verifierOf(item.phone) !== verifier) {
      throw new NotFoundError('feedback.errors.notFound', {}, 'feedback_not_found');
    }
    return item;
  }

  /** Everything about an item, for the back office (the caller has checked the officer may handle it). */
  async detail(code: string): Promise<FeedbackDetail> {
    const item = await repo.findByCode(this.#db.kysely, code);
    if (!item) throw new NotFoundError('feedback.errors.notFound', {}, 'feedback_not_found');
    const actions = await repo.actionsOf(this.#db.kysely, item.id);
    const attachments = await this.#files.attachedTo(FEEDBACK_REF, item.id);
    return toDetail(item, actions, attachments);
  }

  /**
   * Takes a handler's command: checks the transition, the version the officer saw, and the command's own rules, then
   * writes the change, its history row (with whether a measured step was in time) and any mail to the sender.
   */
  async act(code: string, actorId: string, command: FeedbackCommand, expectedVersion: number): Promise<FeedbackDetail> {
    const item = await repo.findByCode(this.#db.kysely, code);
    if (!item) throw new NotFoundError('feedback.errors.notFound', {}, 'feedback_not_found');
    const next = nextStatus(item.status, command.action);
    if (!next) {
      throw new ConflictError('transition_refused', 'feedback.errors.transition', {
        action: translate('vi', `feedback.action.${command.action}`),
        status: translate('vi', `feedback.status.${item.status}`),
      });
    }
    if (item.version !== expectedVersion) throw staleVersion();
    const now = this.#clock.now().toISOString();
    const patch = await this.#patch(item, command, now);
    const step = measuredStep(command.action, this.#deadlines);
    let onTime: 0 | 1 | null = null;
    if (step) {
      const start = step.from === 'answer' ? item.answered_at : item.clock_started_at;
      const due = start && (await this.#due(start, step.days));
      onTime = due && now > due ? 0 : 1;
    }
    await inTransaction(this.#db.kysely, async (tx) => {
      if (!(await repo.updateIfVersion(tx, item.id, expectedVersion, { ...patch, status: next, updated_at: now }))) {
        throw staleVersion();
      }
      await repo.insertAction(tx, {
        feedback_id: item.id,
        action: command.action,
        actor_id: actorId,
        at: now,
        comment: commentOf(command),
        old_status: item.status,
        new_status: next,
        agency_id: 'agency' in command ? command.agency : null,
        on_time: onTime,
        data: null,
      });
      const updated = await repo.findByCode(tx, code);
      if (updated && mailed.has(command.action)) await this.#mail(tx, updated, command.action, commentOf(command));
    });
    return this.detail(code);
  }

  async #patch(item: repo.ItemRow, command: FeedbackCommand, now: string): Promise<Partial<repo.ItemRow>> {
    switch (command.action) {
      case 'refuse':
        return { refusal_reason: command.reason };
      case 'request_supplement':
        // The answer clock stops while the sender completes the petition.
        return { clock_started_at: null, answer_due_at: null };
      case 'receive_supplement':
        return {
          clock_started_at: now,
          answer_due_at: await this.#due(now, this.#deadlines.answerDays),
          content:
            `${item.content}\n\n— ${translate('vi', 'feedback.supplementAdded', { at: writtenDateTime(now) })}\n${command.comment}`.trim(),
        };
      case 'assign':
      case 'transfer': {
        await this.#assertAgency(command.agency);
        if (command.action === 'transfer' && command.agency === item.assigned_agency_id) {
          throw new ValidationError([{ path: 'agency', messageKey: 'feedback.errors.sameAgency' }]);
        }
        return { assigned_agency_id: command.agency };
      }
      case 'answer':
        return {
          answer: command.answer,
          answered_at: now,
          publish_due_at: await this.#due(now, this.#deadlines.publishDays),
        };
      case 'edit_for_publication':
        return { public_subject: command.publicSubject, public_question: command.publicQuestion };
      case 'publish': {
        if (item.consent_publish !== 1) throw new ConflictError('no_consent', 'feedback.errors.noConsent');
        const subject = item.public_subject ?? (item.subject || item.summary);
        const question = item.public_question ?? [item.summary, item.content].filter(Boolean).join('\n\n');
        return {
          published_at: now,
          public_subject: subject,
          public_question: question,
          search_text: foldVietnamese([subject, question, item.answer ?? ''].join(' ')),
        };
      }
      default:
        return {};
    }
  }

  async #assertAgency(identifier: string): Promise<void> {
    const agency = await agencies.findAgency(this.#db.kysely, identifier);
    if (!agency?.active) {
      throw new ValidationError([
        { path: 'agency', messageKey: 'feedback.errors.unknownAgency', params: { identifier } },
      ]);
    }
  }

  /** The items an officer's agencies received or were assigned, in the given statuses, oldest first. */
  async queue(agencyIds: readonly string[], statuses: readonly FeedbackStatus[]): Promise<QueueRow[]> {
    const rows = await repo.queue(this.#db.kysely, { agencyIds, statuses, limit: QUEUE_LIMIT, offset: 0 });
    const now = this.#clock.now().toISOString();
    return rows.map((r) => {
      const dueAt = currentDue({ status: r.status, answerDueAt: r.answer_due_at, publishDueAt: r.publish_due_at });
      return {
        code: r.code,
        status: r.status,
        category: r.category,
        summary: r.summary,
        receivedAt: r.received_at,
        assignedAgencyId: r.assigned_agency_id,
        dueAt,
        overdue: dueAt !== null && now > dueAt,
      };
    });
  }

  /** The public page: published items, newest first, searched without regard to diacritics. */
  async published(query: {
    q?: string;
    agency?: string;
    category?: FeedbackCategory;
    page?: number;
  }): Promise<{ items: PublishedFeedback[]; total: number; pageSize: number }> {
    const page = query.page ?? 1;
    const tokens = tokenize(query.q ?? '')
      .map((t) => t.replace(/[%_\\]/g, ''))
      .filter(Boolean)
      .slice(0, 10);
    const { rows, total } = await repo.published(this.#db.kysely, {
      tokens,
      ...(query.agency && { agencyId: query.agency }),
      ...(query.category && { category: query.category }),
      limit: PUBLIC_PAGE_SIZE,
      offset: (page - 1) * PUBLIC_PAGE_SIZE,
    });
    return {
      total,
      pageSize: PUBLIC_PAGE_SIZE,
      items: rows.map((r) => ({
        code: r.code,
        category: r.category,
        subject: r.public_subject ?? '',
        question: r.public_question ?? '',
        answer: r.answer ?? '',
        agencyId: r.assigned_agency_id ?? r.receiving_agency_id,
        publishedAt: r.published_at ?? '',
      })),
    };
  }

  publishingAgencies(): Promise<string[]> {
    return repo.publishingAgencies(this.#db.kysely);
  }

  async agencyName(identifier: string): Promise<string> {
    return (await agencies.findAgency(this.#db.kysely, identifier))?.name ?? identifier;
  }

  async #due(from: string, days: number): Promise<string> {
    return (await this.#calendar.dueDate(from, { unit: 'workingDays', value: days })).dueAt;
  }

  /** Queues the sender's mail about a step, in the step's transaction; a sender without e-mail gets none. */
  async #mail(tx: Tx, item: repo.ItemRow, action: FeedbackAction, comment: string | null): Promise<void> {
    if (!item.email) return;
    const params = {
      name: item.full_name || translate('vi', 'feedback.mail.sender'),
      code: item.code,
      summary: item.summary,
      verifier: verifierOf(item.phone),
      reason: comment ?? '',
      answer: item.answer ?? '',
      due: item.answer_due_at ? writtenDateTime(item.answer_due_at) : '',
      link: `${this.#baseUrl()}/feedback/track?code=${encodeURIComponent(item.code)}`,
    };
    const key = `feedback.mail.${action}`;
    await enqueue(
      tx,
      {
        topic: mailTopic,
        dedupeKey: `mail:${item.code}:v${item.version}`,
        orderingKey: item.code,
        payload: {
          to: item.email,
          subject: translate('vi', `${key}.subject`, params),
          text: translate('vi', `${key}.text`, params),
        },
      },
      this.#clock,
    );
  }
}

function staleVersion(): ConflictError {
  return new ConflictError('stale_version', 'feedback.errors.staleVersion');
}

function commentOf(command: FeedbackCommand): string | null {
  switch (command.action) {
    case 'refuse':
      return command.reason;
    case 'request_supplement':
    case 'receive_supplement':
    case 'note':
      return command.comment;
    case 'transfer':
      return command.comment ?? null;
    default:
      return null;
  }
}

function toDetail(
  item: repo.ItemRow,
  actions: repo.ActionRow[],
  attachments: { id: string; name: string; size: number }[],
): FeedbackDetail {
  return {
    id: item.id,
    code: item.code,
    status: item.status,
    category: item.category,
    submittedBy: item.submitted_by,
    fullName: item.full_name,
    address: item.address,
    phone: item.phone,
    email: item.email,
    subject: item.subject,
    summary: item.summary,
    content: item.content,
    relatedCode: item.related_code,
    consentPublish: item.consent_publish === 1,
    publicSubject: item.public_subject,
    publicQuestion: item.public_question,
    answer: item.answer,
    answeredAt: item.answered_at,
    publishedAt: item.published_at,
    refusalReason: item.refusal_reason,
    receivingAgencyId: item.receiving_agency_id,
    assignedAgencyId: item.assigned_agency_id,
    answerDueAt: item.answer_due_at,
    publishDueAt: item.publish_due_at,
    clockStartedAt: item.clock_started_at,
    satisfied: item.satisfied === null ? null : item.satisfied === 1,
    receivedAt: item.received_at,
    version: item.version,
    attachments,
    actions: actions.map((a) => ({
      action: a.action,
      actorId: a.actor_id,
      at: a.at,
      comment: a.comment,
      oldStatus: a.old_status,
      newStatus: a.new_status,
      agencyId: a.agency_id,
      onTime: a.on_time === null ? null : a.on_time === 1,
    })),
  };
}

/** The period `[from, to]` of Vietnam dates as UTC instants `[start, end)`. */
function periodInstants(period: { from: string; to: string }): [string, string] {
  const from = vietnamInstant(period.from).toISOString();
  return [from, new Date(vietnamInstant(period.to).getTime() + 24 * HOUR_MS).toISOString()];
}

/**
 * The statistics module's source for indicators 5.2 and 5.3: feedback whose handling ended (refused, published or
 * answered privately) in the period, at the agencies of the scope (the answering agency, or the receiving one for a
 * refusal) and those below it; on time when no measured step was late; unsatisfactory when late or the sender was
 * dissatisfied. Repeated petitions are not recognised yet.
 */
export function feedbackIndicatorSource(db: DbOrTx) {
  return {
    async handling(scope: { from: string; to: string; agency?: string | undefined }) {
      const rows = await repo.closedBetween(db, ...periodInstants(scope));
      const covered = await agencies.identifiersUnder(db, scope.agency);
      const inScope = rows.filter((r) => !covered || covered.has(r.agencyId));
      return {
        handled: inScope.length,
        onTime: inScope.filter((r) => !r.late).length,
        unsatisfactory: inScope.filter((r) => r.late || r.satisfied === 0).length,
      };
    },
  };
}

/**
 * For the statistics module's 766 satisfaction indicators (5.2 PAKN on time, 5.3 PAKN satisfaction): per answering
 * agency, the items answered between two Vietnam dates (inclusive), with how many satisfied, dissatisfied, unrated or
 * late (any measured step past its working-day limit).
 */
export function feedbackSatisfactionCounts(
  db: DbOrTx,
  period: { from: string; to: string },
): Promise<SatisfactionCounts[]> {
  return repo.satisfaction(db, ...periodInstants(period));
}
