import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/database.ts';
import { abortReason } from '../../db/statement-guard.ts';
import { type DbOrTx, inTransaction, type Tx } from '../../db/transaction.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { type FieldProblem, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { foldVietnamese } from '../../lib/text.ts';
import { addDays, vietnamDateOf, vietnamInstant } from '../../lib/vn-time.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import type { ProcedureDefinition } from '../catalog/catalog.schema.ts';
import type { FormValues } from '../catalog/form-values.ts';
import type { FileKind, FileService } from '../files/files.service.ts';
import { enqueue, enqueuing } from '../outbox/outbox.service.ts';
import { formatDossierCode } from './dossier-code.ts';
import {
  actingRole,
  type CommandContext,
  checkSubmission,
  commandEffects,
  DOSSIER_REF,
  describeKinds,
  type Effect,
  fileTypeProblems,
  problem,
  SUBMISSION_KEY,
  staleVersion,
  transitionRefused,
} from './dossier-commands.ts';
import * as repo from './dossiers.repo.ts';
import {
  type Actor,
  type ComponentFiles,
  type DossierActionView,
  type DossierCommand,
  type DossierDetail,
  type DossierView,
  type FrozenProcedure,
  type OnBehalf,
  type ProcedureSource,
  type QueueItem,
  type QueuePage,
  type QueueQuery,
  type QueueStage,
  queueStages,
  type ReusableDocument,
  type SubmitDossierInput,
} from './dossiers.schema.ts';
import { freeze, frozenDefinitions, storeFrozen } from './frozen-procedures.ts';
import {
  type ActingRole,
  checkTransition,
  type DossierAction,
  type DossierStatus,
  portalStatus,
  rolesAllowed,
  statuses,
} from './lifecycle.ts';

/**
 * Allocates the dossier code `{agency}-{yyMMdd}-{NNNN}` inside the transaction `tx`: the reception day is the
 * Vietnam date of `receivedAt`, the sequence restarts at 0001 each day per receiving agency, and a transaction that
 * rolls back gives its number back.
 */
export async function allocateDossierCode(tx: Tx, agencyIdentifier: string, receivedAt: Date): Promise<string> {
  const day = vietnamDateOf(receivedAt);
  const sequence = await repo.nextSequence(tx, agencyIdentifier, day);
  return formatDossierCode(agencyIdentifier, day, sequence);
}

/**
 * On PostgreSQL a submission takes its code in a short transaction of its own, before the submission's: the counter
 * row of an agency-day stays locked until its transaction ends, and held through a whole submission (a dozen round
 * trips) it made every other submission to that agency wait in line. A submission that fails after this leaves its
 * number unused. This commit need not wait for the disk: the submission's commit comes later in the write-ahead log,
 * so flushing it makes the counter durable too, and if it never commits, no dossier carries the number.
 * SQLite writes one transaction at a time anyway: there the code is taken inside the submission, without gaps.
 */
async function codeAhead(db: Db, agencyIdentifier: string, receivedAt: Date): Promise<string | undefined> {
  if (db.dialect !== 'postgres') return undefined;
  const day = vietnamDateOf(receivedAt);
  return formatDossierCode(agencyIdentifier, day, await repo.nextSequenceAhead(db.kysely, agencyIdentifier, day));
}

/** Each file of a submission with the kinds it may be: those every component listing it accepts. */
function attachable(frozen: FrozenProcedure, components: readonly ComponentFiles[]): Map<string, readonly FileKind[]> {
  const kinds = new Map<string, readonly FileKind[]>();
  for (const entry of components) {
    const accepted = frozen.case.components.find((c) => c.code === entry.code)?.fileTypes ?? [];
    for (const id of entry.fileIds)
      kinds.set(
        id,
        (kinds.get(id) ?? accepted).filter((k) => accepted.includes(k)),
      );
  }
  return kinds;
}

/** The register prints at most this many dossiers (its document's limit). */
const REGISTER_LIMIT = 20_000;

/** The one-stop unit works these stages at the agency that received the dossier; the others where it now is. */
const receivingStages: ReadonlySet<QueueStage> = new Set(['awaitingIntake', 'toReturn', 'returned']);

/** The working calendar and the time a command runs at (see `DossierService.commandContext`). */
export interface ActionContext {
  engine: Awaited<ReturnType<CalendarService['current']>>['engine'];
  now: Date;
}

export interface DossierServiceOptions {
  db: Db;
  calendar: CalendarService;
  files: FileService;
  procedures: ProcedureSource;
  clock?: Clock;
  /** A running dossier is "due soon" on its last this-many working days (default 1: its due day). */
  dueSoonWorkingDays?: number;
  /** All attachments of one submission together, in bytes (MOTCUA_MAX_DOSSIER_MB). */
  maxDossierBytes?: number;
  /**
   * Where an online or postal dossier is received: by default the procedure's own agency. The composition root
   * sends province-level procedures to the provincial one-stop centre, which receives for every department.
   */
  receivingAgency?: (definition: ProcedureDefinition) => Promise<string>;
  /** A queue's total is counted up to this many dossiers (default 1,000), then shown as "1,000+". */
  queueCountCap?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Queue flags

/**
 * Due-soon and overdue for a whole page from two precomputed values: `now`, and the first date that is not "soon"
 * (the `threshold`-th working day after today). This is `DeadlineEngine.isDueSoon` / `isOverdue` without a calendar
 * walk per row: a due date before that boundary has fewer than `threshold` working days left.
 */
export function deadlineFlags(
  dueAt: string | null,
  dueDate: string | null,
  nowIso: string,
  soonBoundary: string,
): { dueSoon: boolean; overdue: boolean } {
  if (!dueAt || !dueDate) return { dueSoon: false, overdue: false };
  const overdue = Date.parse(nowIso) > Date.parse(dueAt);
  return { overdue, dueSoon: !overdue && dueDate < soonBoundary };
}

// ---------------------------------------------------------------------------------------------------------------
// The service

export class DossierService {
  readonly #db: Db;
  readonly #calendar: CalendarService;
  readonly #files: FileService;
  readonly #procedures: ProcedureSource;
  readonly #clock: Clock;
  readonly #dueSoonWorkingDays: number;
  readonly #maxDossierBytes: number;
  readonly #receivingAgency: (definition: ProcedureDefinition) => Promise<string>;
  readonly #queueCountCap: number;
  /** Frozen definitions known to be committed in this database: a submission under one of them skips storing it. */
  readonly #storedFrozen = new Set<string>();

  constructor(options: DossierServiceOptions) {
    this.#db = options.db;
    this.#calendar = options.calendar;
    this.#files = options.files;
    this.#procedures = options.procedures;
    this.#clock = options.clock ?? systemClock;
    this.#dueSoonWorkingDays = options.dueSoonWorkingDays ?? 1;
    this.#maxDossierBytes = options.maxDossierBytes ?? Number.POSITIVE_INFINITY;
    this.#receivingAgency = options.receivingAgency ?? (async (definition) => definition.agency.id);
    this.#queueCountCap = options.queueCountCap ?? 1000;
  }

  /**
   * Submits a dossier: checks it against the frozen case (e-form values, mandatory components, file types), then
   * allocates its code and writes the dossier, its first action, its attachments and the `dossier.submitted` message
   * in one transaction. The same submission key from the same submitter returns the first dossier.
   */
  async submitDossier(actor: Actor, input: SubmitDossierInput): Promise<DossierView> {
    if (!SUBMISSION_KEY.test(input.submissionKey)) {
      throw new ValidationError([problem('submissionKey', 'dossiers.submission.submissionKey')]);
    }
    try {
      return await this.#submit(actor, input);
    } catch (error) {
      // The same key from the same submitter made a dossier already — a repeated request, or a concurrent twin that
      // won the unique index or took the files first: answer with that dossier.
      const first = await repo
        .findBySubmissionKey(this.#db.kysely, actor.userId, input.submissionKey)
        .catch(() => undefined);
      if (first) return view(this.#db.kysely, first);
      throw error;
    }
  }

  async #submit(actor: Actor, input: SubmitDossierInput): Promise<DossierView> {
    const { role, officerAgencyId } = this.#submitter(actor, input);
    const published = await this.#procedures.publishedVersion(input.procedureVersionId);
    if (!published) throw new ValidationError([problem('procedureVersionId', 'dossiers.submission.unknownVersion')]);
    const { definition } = published;
    const procedureCase = definition.cases.find((c) => c.code === input.caseCode);
    if (!procedureCase) {
      throw new ValidationError([problem('caseCode', 'dossiers.submission.unknownCase', { value: input.caseCode })]);
    }
    const frozen: FrozenProcedure = {
      procedure: {
        code: definition.code,
        name: definition.name,
        field: definition.field,
        agency: definition.agency,
        applicantTypes: definition.applicantTypes,
        result: definition.result,
        onlineMode: definition.onlineMode,
        channels: definition.channels,
      },
      case: procedureCase,
    };
    const receivingAgencyId = officerAgencyId ?? (await this.#receivingAgency(definition));
    const { problems, formValues, applicant, onBehalf } = checkSubmission(actor, role, frozen, input);
    const uploader = role === 'applicant' ? actor.userId : undefined;
    // PostgreSQL writes a submission in one statement whose own conditions check the files (owner, kind, total size;
    // see FileService.attachment): they are read ahead only to report them with other problems. SQLite reads them
    // ahead anyway.
    const readFilesAhead =
      this.#db.dialect !== 'postgres' || problems.length > 0 || input.components.some((c) => c.reusedFileIds?.length);
    if (readFilesAhead) problems.push(...(await this.#fileProblems(frozen, input.components, uploader)));
    if (problems.length > 0) throw new ValidationError(problems);

    const now = this.#clock.now();
    const at = now.toISOString();
    // Time-ordered: each new dossier's index entries land beside the last one's, in pages already in memory.
    const id = uuidv7();
    const frozenText = freeze(frozen);
    const components = input.components
      .filter((c) => c.fileIds.length > 0)
      .map((c) => {
        const reused = (c.reusedFileIds ?? []).filter((id) => c.fileIds.includes(id));
        return { code: c.code, fileIds: [...c.fileIds], ...(reused.length > 0 && { reusedFileIds: reused }) };
      });
    const fileIds = components.flatMap((c) => c.fileIds);
    const dossierRow = (code: string) =>
      ({
        id,
        code,
        submitted_by: actor.userId,
        submission_key: input.submissionKey,
        procedure_code: definition.code,
        procedure_name: definition.name,
        procedure_version_id: published.versionId,
        procedure_version: published.version,
        frozen_hash: frozenText.hash,
        field_code: definition.field.code,
        case_code: procedureCase.code,
        receiving_agency_id: receivingAgencyId,
        current_agency_id: receivingAgencyId,
        current_step: 0,
        channel: input.channel,
        online_mode: definition.onlineMode,
        status: statuses.submitted,
        resume_status: null,
        applicant_user_id: applicant.userId,
        applicant_name: applicant.name,
        applicant_search: foldVietnamese(applicant.name),
        applicant_id_number: applicant.idNumber,
        applicant_phone: applicant.phone,
        applicant_email: applicant.email,
        applicant_address: applicant.address,
        on_behalf: onBehalf && JSON.stringify(onBehalf),
        form_data: JSON.stringify(formValues),
        components: JSON.stringify(components),
        delivery_method: input.delivery.method,
        delivery_address: input.delivery.method === 'postal' ? input.delivery.address.trim() : null,
        submitted_at: at,
        accepted_at: null,
        due_at: null,
        due_date: null,
        paused_at: null,
        resolved_at: null,
        returned_at: null,
        refused_at: null,
        stopped_at: null,
        withdrawn_at: null,
        assignee_id: null,
        reused_files: components.reduce((n, c) => n + (c.reusedFileIds?.length ?? 0), 0),
        version: 1,
        created_at: at,
        updated_at: at,
      }) as const;
    const action = {
      dossier_id: id,
      action: 'submit',
      actor_id: actor.userId,
      role,
      agency_id: role === 'intake' ? receivingAgencyId : null,
      at,
      comment: null,
      old_status: null,
      new_status: statuses.submitted,
      old_due_at: null,
      new_due_at: null,
      data: JSON.stringify({
        channel: input.channel,
        procedureVersionId: published.versionId,
        ...(input.source && { source: input.source }),
      }),
      attachment_ids: JSON.stringify(fileIds),
    } as const;
    const message = (code: string) => ({
      topic: 'dossier.submitted',
      dedupeKey: `dossier.submitted:${code}`,
      orderingKey: code,
      payload: { code, status: statuses.submitted, portalStatus: portalStatus[1], channel: input.channel, at },
    });
    const ref = { kind: DOSSIER_REF, id };
    const early = await codeAhead(this.#db, receivingAgencyId, now);
    let row: ReturnType<typeof dossierRow>;
    if (early) {
      // PostgreSQL: one statement (see repo.insertSubmission). The frozen definition goes first, on its own: it is
      // content-addressed, so one stored for a submission that then fails is simply there for the next.
      if (!this.#storedFrozen.has(frozenText.hash)) await storeFrozen(this.#db.kysely, [frozenText]);
      row = dossierRow(early);
      try {
        await repo.insertSubmission(this.#db.kysely, {
          dossier: row,
          action,
          files: {
            count: new Set(fileIds).size,
            maxBytes: this.#maxDossierBytes,
            update: (qc) => this.#files.attachment(qc, attachable(frozen, components), ref, uploader),
          },
          message: (qc) => enqueuing(qc, message(early), this.#clock),
        });
      } catch (error) {
        // The files are not all attachable (someone else's, taken, of a wrong type, too large together): say which.
        const taken =
          abortReason(error) === repo.FILES_NOT_ATTACHED
            ? await this.#fileProblems(frozen, input.components, uploader)
            : [];
        throw taken.length > 0 ? new ValidationError(taken) : error;
      }
    } else {
      row = await inTransaction(this.#db.kysely, async (tx) => {
        const written = dossierRow(await allocateDossierCode(tx, receivingAgencyId, now));
        if (!this.#storedFrozen.has(frozenText.hash)) await storeFrozen(tx, [frozenText]);
        // The dossier row comes first: a concurrent twin with the same key waits on its unique index here.
        await repo.insertDossier(tx, written);
        await this.#files.attach(tx, fileIds, ref, uploader);
        await repo.insertAction(tx, action);
        await enqueue(tx, message(written.code), this.#clock);
        return written;
      });
    }
    this.#storedFrozen.add(frozenText.hash);
    return toView({ ...row, total_paused_ms: 0, supplement_count: 0 }, frozen);
  }

  /**
   * Takes one lifecycle action on a dossier the caller saw at `expectedVersion`: checks the transition table and the
   * actor's role where the dossier is, applies the change (due date included) only if the version is unchanged, and
   * appends the action and its outbox message, all in one transaction.
   */
  async act(code: string, actor: Actor, command: DossierCommand, expectedVersion: number): Promise<DossierView> {
    const context = await this.commandContext();
    return inTransaction(this.#db.kysely, (tx) => this.actWithin(tx, context, code, actor, command, expectedVersion));
  }

  /**
   * What `actWithin` needs from outside the transaction. Read it before opening the transaction: on SQLite the
   * calendar's own query would wait for the transaction's connection.
   */
  async commandContext(): Promise<ActionContext> {
    const { engine } = await this.#calendar.current();
    return { engine, now: this.#clock.now() };
  }

  /**
   * `act` inside the caller's transaction, so that another module's rows (a booked payment) commit together with the
   * action. Without `expectedVersion` the action applies to the dossier as it is now (system actors).
   */
  async actWithin(
    tx: Tx,
    context: ActionContext,
    code: string,
    actor: Actor,
    command: DossierCommand,
    expectedVersion?: number,
  ): Promise<DossierView> {
    const { engine, now } = context;
    const at = now.toISOString();
    const row = await repo.findByCode(tx, code);
    if (!row) throw new NotFoundError('dossiers.errors.notFound', { code }, 'dossier_not_found');
    const version = expectedVersion ?? row.version;
    if (row.version !== version) throw staleVersion();
    const status = row.status as DossierStatus;
    const allowed = rolesAllowed(status, command.action);
    if (allowed.length === 0) throw transitionRefused('dossiers.transition.statusNotAllowed', { status });
    const acting = actingRole(actor, row, allowed);
    if (!acting) throw transitionRefused('dossiers.transition.roleNotAllowed', { status });
    const transition = checkTransition(status, command.action, acting.role, row.resume_status as DossierStatus | null);
    if (!transition.ok) throw transitionRefused(transition.reason, { status });

    const frozen = (await frozenDefinitions(tx, [row.frozen_hash])).get(row.frozen_hash)!;
    const ctx: CommandContext = { row, frozen, now, engine };
    const apply = commandEffects[command.action] as (
      c: CommandContext,
      x: DossierCommand,
      a: Actor,
      r: ActingRole,
    ) => Effect;
    const effect = apply(ctx, command, actor, acting.role);
    const patch = { ...effect.patch, status: transition.to, updated_at: at };
    if (!(await repo.updateIfVersion(tx, row.id, version, patch))) throw staleVersion();

    const attachmentIds = [...new Set(effect.attach?.ids ?? [])];
    if (effect.attach) {
      const ref = { kind: DOSSIER_REF, id: row.id };
      const files =
        attachmentIds.length > 0 ? await this.#files.attach(tx, attachmentIds, ref, effect.attach.uploadedBy) : [];
      const problems = fileTypeProblems(frozen, effect.attach.components ?? [], files);
      if (problems.length > 0) throw new ValidationError(problems);
    }
    const dueAt = patch.due_at === undefined ? row.due_at : patch.due_at;
    await repo.insertAction(tx, {
      dossier_id: row.id,
      action: command.action,
      actor_id: actor.userId,
      role: acting.role,
      agency_id: acting.agencyId,
      at,
      comment: effect.comment ?? null,
      old_status: status,
      new_status: transition.to,
      old_due_at: row.due_at,
      new_due_at: dueAt,
      data: effect.data ? JSON.stringify(effect.data) : null,
      attachment_ids: attachmentIds.length > 0 ? JSON.stringify(attachmentIds) : null,
    });
    const newVersion = version + 1;
    const topic = transition.to === status ? 'dossier.updated' : 'dossier.status_changed';
    await enqueue(
      tx,
      {
        topic,
        dedupeKey: `${topic}:${row.code}:v${newVersion}`,
        orderingKey: row.code,
        payload: {
          code: row.code,
          version: newVersion,
          action: command.action,
          oldStatus: status,
          status: transition.to,
          portalStatus: portalStatus[transition.to],
          dueAt,
          agencyId: patch.current_agency_id ?? row.current_agency_id,
          at,
        },
      },
      this.#clock,
    );
    const updated = await repo.findByCode(tx, code);
    return toView(updated!, frozen);
  }

  /** A dossier with its timeline, oldest action first. */
  getDossier(code: string): Promise<DossierDetail> {
    return dossierDetail(this.#db.kysely, code);
  }

  /** A page of an officer's work queue at the given agencies, soonest due first, with due-soon and overdue flags. */
  async officerQueue(query: QueueQuery): Promise<QueuePage> {
    const page = Math.max(1, Math.trunc(query.page ?? 1));
    const limit = Math.min(100, Math.max(1, Math.trunc(query.limit ?? 20)));
    const term = query.search?.replace(/[%_\\]/g, '').trim() ?? '';
    const { rows, total, more } = await repo.queuePage(this.#db.kysely, {
      statuses: queueStages[query.stage],
      agencyColumn: receivingStages.has(query.stage) ? 'receiving_agency_id' : 'current_agency_id',
      agencyIds: query.agencyIds,
      ...(term && { search: { codePrefix: term.toUpperCase(), nameFragment: foldVietnamese(term) } }),
      offset: (page - 1) * limit,
      limit,
      countUpTo: Math.max(this.#queueCountCap, page * limit),
    });
    const { calendar } = await this.#calendar.current();
    const now = this.#clock.now();
    const soonBoundary = calendar.addWorkingDays(vietnamDateOf(now), this.#dueSoonWorkingDays);
    const nowIso = now.toISOString();
    const items = rows.map((row): QueueItem => {
      const running = row.status === statuses.accepted || row.status === statuses.processing;
      return {
        code: row.code,
        version: row.version,
        status: row.status as DossierStatus,
        procedureName: row.procedure_name,
        applicantName: row.applicant_name,
        channel: row.channel,
        receivingAgencyId: row.receiving_agency_id,
        currentAgencyId: row.current_agency_id,
        assigneeId: row.assignee_id,
        submittedAt: row.submitted_at,
        dueAt: row.due_at,
        dueDate: row.due_date,
        paused: row.paused_at !== null,
        ...(running
          ? deadlineFlags(row.due_at, row.due_date, nowIso, soonBoundary)
          : { dueSoon: false, overdue: false }),
      };
    });
    return { items, total, more, page, limit };
  }

  /** The dossier register: dossiers received at the agencies on Vietnam dates `from` to `to` (both included). */
  async register(agencyIds: readonly string[], from: string, to: string): Promise<DossierView[]> {
    const start = vietnamInstant(from).toISOString();
    const end = vietnamInstant(addDays(to, 1)).toISOString();
    return views(this.#db.kysely, await repo.receivedBetween(this.#db.kysely, agencyIds, start, end, REGISTER_LIMIT));
  }

  /** How many dossiers the agencies received on Vietnam dates `from` to `to` (a count, not the register's rows). */
  countReceived(agencyIds: readonly string[], from: string, to: string): Promise<number> {
    const start = vietnamInstant(from).toISOString();
    const end = vietnamInstant(addDays(to, 1)).toISOString();
    return repo.countReceivedBetween(this.#db.kysely, agencyIds, start, end);
  }

  /** The applicant's own dossiers, newest first. */
  async applicantDossiers(userId: string, limit = 100): Promise<DossierView[]> {
    return views(this.#db.kysely, await repo.byApplicant(this.#db.kysely, userId, Math.min(Math.max(limit, 1), 500)));
  }

  /**
   * The documents of the applicant's earlier dossiers (newest dossier first), which a new online submission may reuse
   * instead of uploading them again.
   */
  async reusableDocuments(userId: string, dossierLimit = 50): Promise<ReusableDocument[]> {
    const documents: ReusableDocument[] = [];
    const rows = await repo.byApplicant(this.#db.kysely, userId, dossierLimit);
    const definitions = await frozenDefinitions(
      this.#db.kysely,
      rows.map((row) => row.frozen_hash),
    );
    for (const row of rows) {
      const frozen = definitions.get(row.frozen_hash)!;
      for (const entry of JSON.parse(row.components) as ComponentFiles[]) {
        const componentName = frozen.case.components.find((c) => c.code === entry.code)?.name ?? entry.code;
        for (const id of entry.fileIds) {
          const file = await this.#fileOrNothing(id);
          if (!file) continue;
          documents.push({
            fileId: id,
            name: file.name,
            kind: file.kind,
            size: file.size,
            componentCode: entry.code,
            componentName,
            dossierCode: row.code,
            submittedAt: row.submitted_at,
          });
        }
      }
    }
    return documents;
  }

  #fileOrNothing(id: string) {
    return this.#files.get(id).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
  }

  /** Who may submit on which channel: applicants online, intake officers at the counter or from the post. */
  #submitter(actor: Actor, input: SubmitDossierInput): { role: ActingRole; officerAgencyId?: string } {
    const refuse = () => new ValidationError([problem('channel', 'dossiers.submission.submitterNotAllowed')]);
    if (input.channel === 2) {
      if (actor.kind === 'system' && input.source) return { role: 'system' };
      if (actor.kind !== 'citizen' && actor.kind !== 'business') throw refuse();
      return { role: 'applicant' };
    }
    if (actor.kind !== 'officer') throw refuse();
    const intakeAgencies = actor.roles.filter((r) => r.role === 'intake').map((r) => r.agencyId);
    const officerAgencyId = input.receivingAgencyId ?? intakeAgencies[0];
    if (!officerAgencyId || !intakeAgencies.includes(officerAgencyId)) throw refuse();
    return { role: 'intake', officerAgencyId };
  }

  /** Unknown, someone else's, already used or wrongly typed uploads, by component and position. */
  async #fileProblems(
    frozen: FrozenProcedure,
    components: readonly ComponentFiles[],
    uploader: string | undefined,
  ): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    let total = 0;
    const found = await this.#files.getMany(components.flatMap((c) => c.fileIds));
    for (const entry of components) {
      const component = frozen.case.components.find((c) => c.code === entry.code);
      if (!component) continue;
      for (const [i, id] of entry.fileIds.entries()) {
        const path = `components.${entry.code}.files.${i}`;
        const file = found.get(id);
        if (!file || file.refKind !== null || (uploader !== undefined && file.uploadedBy !== uploader)) {
          problems.push(problem(path, 'dossiers.submission.fileUnknown'));
        } else if (!component.fileTypes.includes(file.kind)) {
          const accepted = describeKinds(component.fileTypes);
          problems.push(problem(path, 'dossiers.submission.fileType', { name: file.name, accepted }));
        } else {
          total += file.size;
        }
      }
    }
    const reused = components.flatMap((c) => (c.reusedFileIds ?? []).map((id) => ({ code: c.code, id })));
    if (reused.length > 0) {
      // A reused document must have the content of a document of an earlier dossier of the same applicant.
      const earlier = uploader === undefined ? [] : await this.reusableDocuments(uploader);
      const digests = new Set<string>();
      for (const document of earlier) {
        const file = await this.#fileOrNothing(document.fileId);
        if (file) digests.add(file.sha256);
      }
      for (const { code, id } of reused) {
        const file = await this.#fileOrNothing(id);
        if (!file || !digests.has(file.sha256))
          problems.push(problem(`components.${code}`, 'dossiers.submission.notReusable'));
      }
    }
    if (total > this.#maxDossierBytes) {
      const limit = `${Math.round(this.#maxDossierBytes / 1024 / 1024)} MB`;
      problems.push(problem('components', 'dossiers.submission.tooLarge', { limit }));
    }
    return problems;
  }
}

/** A dossier with its timeline, oldest action first (for readers without the whole service, e.g. partner sync). */
export async function dossierDetail(db: DbOrTx, code: string): Promise<DossierDetail> {
  const row = await repo.findByCode(db, code);
  if (!row) throw new NotFoundError('dossiers.errors.notFound', { code }, 'dossier_not_found');
  const actions = await repo.actionsOf(db, row.id);
  const definition = (await frozenDefinitions(db, [row.frozen_hash])).get(row.frozen_hash)!;
  return { ...toView(row, definition), definition, actions: actions.map(toActionView) };
}

async function views(db: DbOrTx, rows: readonly repo.DossierRow[]): Promise<DossierView[]> {
  const definitions = await frozenDefinitions(
    db,
    rows.map((row) => row.frozen_hash),
  );
  return rows.map((row) => toView(row, definitions.get(row.frozen_hash)!));
}

async function view(db: DbOrTx, row: repo.DossierRow): Promise<DossierView> {
  return (await views(db, [row]))[0]!;
}

function toView(row: repo.DossierRow, frozen: FrozenProcedure): DossierView {
  const step = frozen.case.workflow[row.current_step]!;
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    status: row.status as DossierStatus,
    procedure: {
      code: row.procedure_code,
      name: row.procedure_name,
      versionId: row.procedure_version_id,
      version: row.procedure_version,
      fieldCode: row.field_code,
    },
    caseCode: row.case_code,
    channel: row.channel,
    onlineMode: row.online_mode,
    receivingAgencyId: row.receiving_agency_id,
    currentAgencyId: row.current_agency_id,
    currentStep: { index: row.current_step, code: step.code, name: step.name },
    applicant: {
      userId: row.applicant_user_id,
      name: row.applicant_name,
      idNumber: row.applicant_id_number,
      phone: row.applicant_phone,
      email: row.applicant_email,
      address: row.applicant_address,
    },
    onBehalf: row.on_behalf ? (JSON.parse(row.on_behalf) as OnBehalf) : null,
    form: JSON.parse(row.form_data) as FormValues,
    components: JSON.parse(row.components) as ComponentFiles[],
    delivery:
      row.delivery_method === 'postal'
        ? { method: 'postal', address: row.delivery_address ?? '' }
        : { method: row.delivery_method },
    submittedAt: row.submitted_at,
    acceptedAt: row.accepted_at,
    dueAt: row.due_at,
    dueDate: row.due_date,
    pausedAt: row.paused_at,
    totalPausedMs: Number(row.total_paused_ms),
    resolvedAt: row.resolved_at,
    returnedAt: row.returned_at,
    refusedAt: row.refused_at,
    stoppedAt: row.stopped_at,
    withdrawnAt: row.withdrawn_at,
    assigneeId: row.assignee_id,
    supplementCount: row.supplement_count,
  };
}

function toActionView(row: repo.ActionRow): DossierActionView {
  return {
    id: row.id,
    action: row.action as DossierAction,
    actorId: row.actor_id,
    role: row.role as ActingRole,
    agencyId: row.agency_id,
    at: row.at,
    comment: row.comment,
    oldStatus: row.old_status as DossierStatus | null,
    newStatus: row.new_status as DossierStatus,
    oldDueAt: row.old_due_at,
    newDueAt: row.new_due_at,
    data: row.data ? (JSON.parse(row.data) as Record<string, unknown>) : null,
    attachmentIds: row.attachment_ids ? (JSON.parse(row.attachment_ids) as string[]) : [],
  };
}
