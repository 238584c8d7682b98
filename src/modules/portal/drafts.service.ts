/**
 * Save and return: a citizen's online application in progress lives on the server, so it can be resumed on any
 * device by the same account. A draft expires a set time after it was started; a reminder mail goes out before that,
 * and the expiry itself removes it. Both are outbox messages written with the draft, delivered when they fall due.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { translate } from '../../web/i18n/index.ts';
import { writtenDateTime } from '../documents/format.ts';
import type { FileKind, FileService, StoredFile } from '../files/files.service.ts';
import { getProfile } from '../identity/accounts.service.ts';
import { enqueueMail, mailTopic } from '../notifications/mail.ts';
import { enqueue, type OutboxHandler } from '../outbox/outbox.service.ts';
import * as repo from './drafts.repo.ts';

/** Files attached to a draft are owned by it until the submission copies them onto the dossier. */
const DRAFT_REF = 'application_draft';
export const draftReminderTopic = 'application_draft.reminder';
export const draftExpiryTopic = 'application_draft.expire';
const DAY_MS = 86_400_000;
const LIST_LIMIT = 50;

export interface DraftFile {
  id: string;
  name: string;
  size: number;
  kind: FileKind;
  /** The code of the earlier dossier the document was reused from, instead of a new upload. */
  reusedFrom?: string;
}

export interface DraftData {
  /** Answers by input name: `form.<key>`, `form.<key>.<part>`, `form.<key>.<row>.<column>`, `delivery.<…>`. */
  values: Record<string, string>;
  /** Documents by component code. */
  files: Record<string, DraftFile[]>;
  /** Steps answered at least once (a section key, `files`, `delivery`). */
  done: string[];
}

export interface Draft {
  id: string;
  accountId: string;
  procedure: { code: string; name: string; versionId: string };
  caseCode: string;
  submissionKey: string;
  data: DraftData;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  dossierCode: string | null;
}

export type DraftLookup =
  | { state: 'open'; draft: Draft }
  | { state: 'submitted'; draft: Draft }
  | { state: 'expired'; procedureCode: string }
  /** Unknown, or another account's: the same answer, so nobody learns which. */
  | { state: 'unknown' };

export interface DraftSummary {
  id: string;
  procedureCode: string;
  procedureName: string;
  updatedAt: string;
  expiresAt: string;
}

export interface DraftSettings {
  /** How long a draft lives after it was started (MOTCUA_DRAFT_DAYS). */
  lifetimeDays: number;
  /** The reminder goes this many days before the expiry (MOTCUA_DRAFT_REMINDER_DAYS). */
  reminderDays: number;
}

export interface NewDraft {
  accountId: string;
  procedure: { code: string; name: string; versionId: string };
  caseCode: string;
  values: Record<string, string>;
}

export class DraftService {
  constructor(
    private readonly db: Db,
    private readonly files: FileService,
    private readonly settings: DraftSettings = { lifetimeDays: 30, reminderDays: 3 },
    private readonly clock: Clock = systemClock,
  ) {}

  /** Starts a draft, with its reminder and its expiry queued in the same transaction. */
  async create(input: NewDraft): Promise<Draft> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.settings.lifetimeDays * DAY_MS);
    const remindAt = new Date(expiresAt.getTime() - this.settings.reminderDays * DAY_MS);
    const row = {
      id: randomUUID(),
      account_id: input.accountId,
      procedure_code: input.procedure.code,
      procedure_name: input.procedure.name,
      procedure_version_id: input.procedure.versionId,
      case_code: input.caseCode,
      submission_key: randomUUID(),
      data: JSON.stringify({ values: input.values, files: {}, done: [] } satisfies DraftData),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      dossier_code: null,
    };
    await inTransaction(this.db.kysely, async (tx) => {
      await repo.insertDraft(tx, row);
      if (this.settings.reminderDays > 0 && remindAt > now) {
        await enqueue(
          tx,
          {
            topic: draftReminderTopic,
            dedupeKey: `${draftReminderTopic}:${row.id}`,
            payload: { id: row.id },
            notBefore: remindAt,
          },
          this.clock,
        );
      }
      await enqueue(
        tx,
        {
          topic: draftExpiryTopic,
          dedupeKey: `${draftExpiryTopic}:${row.id}`,
          payload: { id: row.id },
          notBefore: expiresAt,
        },
        this.clock,
      );
    });
    return toDraft(row);
  }

  /** The draft if it belongs to the account; an expired one is removed as it is found. */
  async lookup(accountId: string, id: string): Promise<DraftLookup> {
    const row = await repo.findDraft(this.db.kysely, id);
    if (!row || row.account_id !== accountId) return { state: 'unknown' };
    if (row.dossier_code) return { state: 'submitted', draft: toDraft(row) };
    if (row.expires_at <= this.clock.now().toISOString()) {
      await this.#remove(row.id);
      return { state: 'expired', procedureCode: row.procedure_code };
    }
    return { state: 'open', draft: toDraft(row) };
  }

  /** Saves the answers and progress of a page. */
  async save(draft: Draft, data: DraftData): Promise<Draft> {
    const updatedAt = this.clock.now().toISOString();
    await repo.updateDraft(this.db.kysely, draft.id, { data: JSON.stringify(data), updated_at: updatedAt });
    return { ...draft, data, updatedAt };
  }

  /** Hands an upload (already the account's) to the draft, which keeps it until submission or expiry. */
  async addFile(draft: Draft, componentCode: string, file: StoredFile, reusedFrom?: string): Promise<Draft> {
    const entry: DraftFile = {
      id: file.id,
      name: file.name,
      size: file.size,
      kind: file.kind,
      ...(reusedFrom && { reusedFrom }),
    };
    const data: DraftData = {
      ...draft.data,
      files: { ...draft.data.files, [componentCode]: [...(draft.data.files[componentCode] ?? []), entry] },
    };
    const updatedAt = this.clock.now().toISOString();
    await inTransaction(this.db.kysely, async (tx) => {
      await this.files.attach(tx, [file.id], { kind: DRAFT_REF, id: draft.id }, draft.accountId);
      await repo.updateDraft(tx, draft.id, { data: JSON.stringify(data), updated_at: updatedAt });
    });
    return { ...draft, data, updatedAt };
  }

  async removeFile(draft: Draft, fileId: string): Promise<Draft> {
    const files = Object.fromEntries(
      Object.entries(draft.data.files).map(([code, list]) => [code, list.filter((f) => f.id !== fileId)]),
    );
    const data: DraftData = { ...draft.data, files };
    const updatedAt = this.clock.now().toISOString();
    await inTransaction(this.db.kysely, async (tx) => {
      await this.files.discard(tx, { kind: DRAFT_REF, id: draft.id }, [fileId]);
      await repo.updateDraft(tx, draft.id, { data: JSON.stringify(data), updated_at: updatedAt });
    });
    return { ...draft, data, updatedAt };
  }

  /** Whether the file is one of the draft's (for showing a thumbnail to its owner). */
  hasFile(draft: Draft, fileId: string): boolean {
    return Object.values(draft.data.files).some((list) => list.some((f) => f.id === fileId));
  }

  /** Records the dossier the draft became; its files were copied onto the dossier, so the draft's own go. */
  async markSubmitted(draft: Draft, dossierCode: string): Promise<void> {
    await inTransaction(this.db.kysely, async (tx) => {
      await repo.updateDraft(tx, draft.id, { dossier_code: dossierCode, updated_at: this.clock.now().toISOString() });
      await this.files.discard(tx, { kind: DRAFT_REF, id: draft.id });
    });
  }

  /** Deletes the account's draft; false when there is no such open draft. */
  async delete(accountId: string, id: string): Promise<boolean> {
    const found = await this.lookup(accountId, id);
    if (found.state !== 'open') return false;
    await this.#remove(id);
    return true;
  }

  /** The account's open drafts, most recently saved first. */
  async listDrafts(accountId: string): Promise<DraftSummary[]> {
    const rows = await repo.openDraftsOf(this.db.kysely, accountId, this.clock.now().toISOString(), LIST_LIMIT);
    return rows.map((r) => ({
      id: r.id,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name,
      updatedAt: r.updated_at,
      expiresAt: r.expires_at,
    }));
  }

  /** "Lưu và tiếp tục sau": mails the resume link to the account's address; false when the account has none. */
  async sendResumeLink(draft: Draft, baseUrl: string): Promise<boolean> {
    const email = (await getProfile(this.db.kysely, draft.accountId)).email;
    if (!email) return false;
    await enqueueMail(this.db.kysely, resumeMail('saved', email, draft, baseUrl), this.clock);
    return true;
  }

  async #remove(id: string): Promise<void> {
    await inTransaction(this.db.kysely, async (tx) => {
      await this.files.discard(tx, { kind: DRAFT_REF, id });
      await repo.deleteDraft(tx, id);
    });
  }

  /**
   * The outbox reactions: the reminder mails the resume link to an open draft's account before it expires; the
   * expiry removes a draft that was never submitted (a submitted one keeps its row for repeated submits, without
   * files).
   */
  outboxHandlers(baseUrl: () => string): Map<string, OutboxHandler> {
    const reminder: OutboxHandler = async (message) => {
      const { id } = message.payload as { id: string };
      const row = await repo.findDraft(this.db.kysely, id);
      if (!row || row.dossier_code || row.expires_at <= this.clock.now().toISOString()) return;
      const email = (await getProfile(this.db.kysely, row.account_id).catch(() => undefined))?.email;
      if (!email) return;
      const mail = resumeMail('reminder', email, toDraft(row), baseUrl());
      await enqueue(
        this.db.kysely,
        { topic: mailTopic, dedupeKey: `mail:${message.dedupeKey}`, payload: mail },
        this.clock,
      );
    };
    const expiry: OutboxHandler = async (message) => {
      const { id } = message.payload as { id: string };
      const row = await repo.findDraft(this.db.kysely, id);
      if (row) await this.#remove(row.id);
    };
    return new Map([
      [draftReminderTopic, reminder],
      [draftExpiryTopic, expiry],
    ]);
  }
}

function resumeUrl(baseUrl: string, draftId: string): string {
  return `${baseUrl}/apply/resume/${draftId}`;
}

function resumeMail(kind: 'saved' | 'reminder', to: string, draft: Draft, baseUrl: string) {
  const params = {
    procedure: draft.procedure.name,
    link: resumeUrl(baseUrl, draft.id),
    expires: writtenDateTime(draft.expiresAt),
  };
  return {
    to,
    subject: translate('vi', `portalApply.mail.${kind}.subject`, params),
    text: translate('vi', `portalApply.mail.${kind}.text`, params),
  };
}

function toDraft(row: repo.DraftRow): Draft {
  return {
    id: row.id,
    accountId: row.account_id,
    procedure: { code: row.procedure_code, name: row.procedure_name, versionId: row.procedure_version_id },
    caseCode: row.case_code,
    submissionKey: row.submission_key,
    data: JSON.parse(row.data) as DraftData,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
    dossierCode: row.dossier_code,
  };
}
