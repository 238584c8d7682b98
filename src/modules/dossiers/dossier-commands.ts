/**
 * The rules of each dossier command, apart from the database: who acts in which role, what a submission must hold,
 * and what each lifecycle action changes (status aside, which the transition table decides). The service runs these
 * inside the command's transaction, on the dossier as read there.
 */
import type { Updateable } from 'kysely';
import { ConflictError, type FieldProblem, type MessageParams, ValidationError } from '../../lib/errors.ts';
import { parseIsoDate, vietnamInstant } from '../../lib/vn-time.ts';
import type { DeadlineEngine } from '../calendar/deadline.ts';
import type { ProcessingTime } from '../catalog/catalog.schema.ts';
import { type FormValues, validateFormValues } from '../catalog/form-values.ts';
import { type FileKind, fileKinds, type StoredFile } from '../files/files.service.ts';
import { isAgencyIdentifier } from './dossier-code.ts';
import type { DossierRow } from './dossiers.repo.ts';
import type {
  Actor,
  Channel,
  ComponentFiles,
  DossierCommand,
  FrozenProcedure,
  OnBehalf,
  SubmitDossierInput,
} from './dossiers.schema.ts';
import type { DossiersTable } from './dossiers.tables.ts';
import {
  type ActingRole,
  type DossierAction,
  type DossierStatus,
  dossierActions,
  rolesAllowed,
  statuses,
} from './lifecycle.ts';

export const DOSSIER_REF = 'dossier';
export const SUBMISSION_KEY = /^[A-Za-z0-9_-]{8,100}$/;
const TEXT_MAX = 2000;
const NAME_MAX = 200;
const channelNames = { 1: 'in_person', 2: 'online', 3: 'postal' } as const;

export const transitionRefused = (reason: string, params: MessageParams = {}) =>
  new ConflictError('transition_not_allowed', reason, params);
export const staleVersion = () => new ConflictError('stale_version', 'dossiers.errors.staleVersion');
export const problem = (path: string, messageKey: string, params?: MessageParams): FieldProblem => ({
  path,
  messageKey,
  ...(params && { params }),
});

function processingTime(frozen: FrozenProcedure, channel: Channel): ProcessingTime {
  return (channel === 2 && frozen.case.onlineProcessingTime) || frozen.case.processingTime;
}

/** Where a workflow step is worked: its configured agency, else the receiving one-stop unit or the procedure's agency. */
function stepAgency(frozen: FrozenProcedure, receivingAgencyId: string, index: number): string {
  const { assignee } = frozen.case.workflow[index]!;
  return assignee.agency ?? (assignee.role === 'intake' ? receivingAgencyId : frozen.procedure.agency.id);
}

/**
 * The role in which `actor` takes `action`: the first allowed role the actor holds where it counts. Intake and
 * cashiers work for the applicant at the one-stop unit that received the dossier, or where the dossier now is;
 * processors and leaders where it now is.
 */
export function actingRole(
  actor: Actor,
  row: Pick<DossierRow, 'applicant_user_id' | 'current_agency_id' | 'receiving_agency_id'>,
  allowed: readonly ActingRole[],
): { role: ActingRole; agencyId: string | null } | undefined {
  for (const role of allowed) {
    if (role === 'applicant') {
      const isApplicant = actor.kind !== 'officer' && actor.kind !== 'system' && actor.userId === row.applicant_user_id;
      if (isApplicant) return { role, agencyId: null };
    } else if (role === 'system') {
      if (actor.kind === 'system') return { role, agencyId: null };
    } else if (actor.kind === 'officer') {
      const where =
        role === 'intake' || role === 'cashier'
          ? [row.current_agency_id, row.receiving_agency_id]
          : [row.current_agency_id];
      const held = actor.roles.find((r) => r.role === role && where.includes(r.agencyId));
      if (held) return { role, agencyId: held.agencyId };
    }
  }
  return undefined;
}

/**
 * The commands `actor` may take on the dossier now: allowed by the transition table in its status, in a role the actor
 * holds where it counts, and possible at its workflow step (the buttons of the back-office dossier page).
 */
export function availableCommands(
  dossier: {
    status: DossierStatus;
    currentStep: number;
    dueAt: string | null;
    applicantUserId: string | null;
    receivingAgencyId: string;
    currentAgencyId: string;
  },
  frozen: FrozenProcedure,
  actor: Actor,
  now: Date,
): DossierCommand['action'][] {
  const row = {
    applicant_user_id: dossier.applicantUserId,
    current_agency_id: dossier.currentAgencyId,
    receiving_agency_id: dossier.receivingAgencyId,
  };
  const last = lastStep(frozen);
  const possible: Partial<Record<DossierAction, boolean>> = {
    submit: false,
    forward: dossier.currentStep + 1 < last,
    send_back: dossier.currentStep - 1 >= FIRST_PROCESSING_STEP,
    approve: dossier.currentStep < last,
    resolve: dossier.currentStep === last,
    extend_with_apology: dossier.dueAt !== null && now.getTime() <= Date.parse(dossier.dueAt),
  };
  return dossierActions.filter(
    (action): action is DossierCommand['action'] =>
      possible[action] !== false && actingRole(actor, row, rolesAllowed(dossier.status, action)) !== undefined,
  );
}

function requiredText(value: string | undefined, path: string, messageKey: string): string {
  const text = value?.trim() ?? '';
  if (text === '') throw new ValidationError([problem(path, messageKey)]);
  if (text.length > TEXT_MAX) {
    throw new ValidationError([problem(path, 'dossiers.submission.tooLong', { maximum: TEXT_MAX })]);
  }
  return text;
}

function optionalText(value: string | undefined, path: string): string | null {
  const text = value?.trim() ?? '';
  if (text.length > TEXT_MAX) {
    throw new ValidationError([problem(path, 'dossiers.submission.tooLong', { maximum: TEXT_MAX })]);
  }
  return text === '' ? null : text;
}

function positiveAmount(amount: number): number {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new ValidationError([problem('amount', 'dossiers.command.amountInvalid')]);
  }
  return amount;
}

export function describeKinds(kinds: readonly FileKind[]): string {
  return kinds.map((k) => fileKinds[k].extensions[0]?.toUpperCase()).join(', ');
}

/** Checks attached files against the component's accepted types; `files` are the attached uploads. */
export function fileTypeProblems(frozen: FrozenProcedure, components: readonly ComponentFiles[], files: StoredFile[]) {
  const byId = new Map(files.map((f) => [f.id, f]));
  const problems: FieldProblem[] = [];
  for (const entry of components) {
    const component = frozen.case.components.find((c) => c.code === entry.code);
    if (!component) {
      problems.push(problem(`components.${entry.code}`, 'dossiers.submission.unknownComponent', { value: entry.code }));
      continue;
    }
    entry.fileIds.forEach((id, i) => {
      const file = byId.get(id);
      if (file && !component.fileTypes.includes(file.kind)) {
        problems.push(
          problem(`components.${entry.code}.files.${i}`, 'dossiers.submission.fileType', {
            name: file.name,
            accepted: describeKinds(component.fileTypes),
          }),
        );
      }
    });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// The effects of each command, computed from the dossier as read in the command's transaction

export interface CommandContext {
  row: DossierRow;
  frozen: FrozenProcedure;
  now: Date;
  engine: DeadlineEngine;
}

export interface Effect {
  patch?: Updateable<DossiersTable>;
  comment?: string | null;
  data?: Record<string, unknown>;
  /** Uploads to attach to the dossier, with the uploader they must belong to (undefined: anyone's). */
  attach?: { ids: readonly string[]; uploadedBy?: string; components?: readonly ComponentFiles[] };
}

const FIRST_PROCESSING_STEP = 1;
const lastStep = (frozen: FrozenProcedure) => frozen.case.workflow.length - 1;

/** Stops the clock: the due date stays put until `resume` moves it by the time paused. */
function pause({ row, now }: CommandContext): Updateable<DossiersTable> {
  const running = row.status === statuses.accepted || row.status === statuses.processing;
  return { resume_status: row.status, paused_at: running ? now.toISOString() : null };
}

/** Restarts the clock: the due date moves by the working time (or days) the dossier spent paused. */
function resume({ row, frozen, now, engine }: CommandContext): { patch: Updateable<DossiersTable>; pausedMs: number } {
  if (!row.paused_at) return { patch: { resume_status: null }, pausedMs: 0 };
  const pausedMs = Math.max(now.getTime() - Date.parse(row.paused_at), 0);
  const moved = row.due_at
    ? engine.applyPause({
        dueAt: row.due_at,
        pausedAt: row.paused_at,
        resumedAt: now,
        unit: processingTime(frozen, row.channel).unit,
      })
    : undefined;
  const patch = { resume_status: null, paused_at: null, total_paused_ms: row.total_paused_ms + pausedMs };
  return { patch: moved ? { ...patch, due_at: moved.dueAt, due_date: moved.dueDate } : patch, pausedMs };
}

/** Ends a dossier: a pause in progress is closed without moving the (now irrelevant) due date. */
function closePause({ row, now }: CommandContext): Updateable<DossiersTable> {
  if (!row.paused_at) return { resume_status: null };
  const pausedMs = Math.max(now.getTime() - Date.parse(row.paused_at), 0);
  return { resume_status: null, paused_at: null, total_paused_ms: row.total_paused_ms + pausedMs };
}

type Effects = {
  [A in DossierCommand['action']]: (
    ctx: CommandContext,
    command: Extract<DossierCommand, { action: A }>,
    actor: Actor,
    role: ActingRole,
  ) => Effect;
};

export const commandEffects: Effects = {
  accept(ctx, command) {
    const { row, frozen, now, engine } = ctx;
    const step = Math.min(FIRST_PROCESSING_STEP, lastStep(frozen));
    const due = frozen.case.noDueDate ? null : engine.deadline(now, processingTime(frozen, row.channel));
    return {
      patch: {
        accepted_at: now.toISOString(),
        due_at: due?.dueAt ?? null,
        due_date: due?.dueDate ?? null,
        current_step: step,
        current_agency_id: stepAgency(frozen, row.receiving_agency_id, step),
      },
      comment: optionalText(command.comment, 'comment'),
      data: { receptionDay: engine.receptionDay(now), processingTime: processingTime(frozen, row.channel) },
    };
  },

  refuse(ctx, command) {
    return {
      patch: { refused_at: ctx.now.toISOString() },
      comment: requiredText(command.reason, 'reason', 'dossiers.command.reasonRequired'),
    };
  },

  request_supplement(ctx, command) {
    const missing = command.missing.map((item) => item.trim()).filter((item) => item !== '');
    if (missing.length === 0) throw new ValidationError([problem('missing', 'dossiers.command.missingItemsRequired')]);
    missing.forEach((item, i) => {
      if (item.length > TEXT_MAX) {
        throw new ValidationError([problem(`missing.${i}`, 'dossiers.submission.tooLong', { maximum: TEXT_MAX })]);
      }
    });
    const requestNumber = ctx.row.supplement_count + 1;
    return {
      patch: { ...pause(ctx), supplement_count: requestNumber },
      comment: optionalText(command.comment, 'comment'),
      // The national indicator 2.1 counts a dossier with a second supplement request as late.
      data: { missing, requestNumber, beforeAcceptance: ctx.row.status === statuses.submitted },
    };
  },

  receive_supplement(ctx, command, actor, role) {
    const { patch, pausedMs } = resume(ctx);
    const added = command.components ?? [];
    const comment = optionalText(command.comment, 'comment');
    // The applicant answers a request: with nothing uploaded and nothing said, there is no answer to record.
    if (role === 'applicant' && comment === null && !added.some((c) => c.fileIds.length > 0)) {
      throw new ValidationError([problem('components', 'dossiers.command.supplementEmpty')]);
    }
    const merged = mergeComponents(JSON.parse(ctx.row.components) as ComponentFiles[], added);
    return {
      patch: { ...patch, components: JSON.stringify(merged) },
      comment,
      data: { pausedMs, components: added },
      attach: {
        ids: added.flatMap((c) => c.fileIds),
        uploadedBy: role === 'applicant' ? actor.userId : undefined,
        components: added,
      },
    };
  },

  assign(ctx, command) {
    const assigneeId = requiredText(command.assigneeId, 'assigneeId', 'dossiers.command.assigneeRequired');
    return {
      patch: { assignee_id: assigneeId },
      comment: optionalText(command.comment, 'comment'),
      data: { assigneeId, previousAssigneeId: ctx.row.assignee_id },
    };
  },

  forward(ctx, command) {
    const { row, frozen } = ctx;
    const next = row.current_step + 1;
    if (next > lastStep(frozen)) throw transitionRefused('dossiers.transition.noNextStep');
    if (next === lastStep(frozen)) throw transitionRefused('dossiers.transition.approvalRequired');
    const toAgencyId = command.toAgencyId?.trim();
    if (toAgencyId !== undefined && !isAgencyIdentifier(toAgencyId)) {
      throw new ValidationError([problem('toAgencyId', 'dossiers.command.agencyInvalid', { value: toAgencyId })]);
    }
    const agencyId = toAgencyId ?? stepAgency(frozen, row.receiving_agency_id, next);
    const interAgency = agencyId !== row.current_agency_id;
    const assigneeId = command.assigneeId?.trim() || (interAgency ? null : row.assignee_id);
    return {
      patch: { current_step: next, current_agency_id: agencyId, assignee_id: assigneeId },
      comment: optionalText(command.comment, 'comment'),
      data: {
        fromStep: frozen.case.workflow[row.current_step]!.code,
        toStep: frozen.case.workflow[next]!.code,
        fromAgencyId: row.current_agency_id,
        toAgencyId: agencyId,
        interAgency,
        assigneeId,
      },
    };
  },

  send_back(ctx, command) {
    const { row, frozen } = ctx;
    const reason = requiredText(command.reason, 'reason', 'dossiers.command.reasonRequired');
    const previous = row.current_step - 1;
    if (previous < FIRST_PROCESSING_STEP) throw transitionRefused('dossiers.transition.noPreviousStep');
    const agencyId = stepAgency(frozen, row.receiving_agency_id, previous);
    return {
      patch: { current_step: previous, current_agency_id: agencyId },
      comment: reason,
      data: {
        fromStep: frozen.case.workflow[row.current_step]!.code,
        toStep: frozen.case.workflow[previous]!.code,
        toAgencyId: agencyId,
      },
    };
  },

  approve(ctx, command) {
    const { row, frozen } = ctx;
    if (row.current_step >= lastStep(frozen)) throw transitionRefused('dossiers.transition.alreadyAtIssuingStep');
    return {
      patch: { current_step: lastStep(frozen) },
      comment: optionalText(command.comment, 'comment'),
      data: {
        fromStep: frozen.case.workflow[row.current_step]!.code,
        toStep: frozen.case.workflow[lastStep(frozen)]!.code,
      },
    };
  },

  request_payment(ctx, command) {
    return {
      patch: pause(ctx),
      comment: optionalText(command.comment, 'comment'),
      data: { amount: positiveAmount(command.amount) },
    };
  },

  confirm_payment(ctx, command) {
    const amount = positiveAmount(command.amount);
    const { patch, pausedMs } = resume(ctx);
    return {
      patch,
      data: { amount, method: command.method, reference: command.reference ?? null, pausedMs },
    };
  },

  stop(ctx, command) {
    return {
      patch: { ...closePause(ctx), stopped_at: ctx.now.toISOString() },
      comment: requiredText(command.reason, 'reason', 'dossiers.command.reasonRequired'),
    };
  },

  withdraw(ctx, command) {
    return {
      patch: { ...closePause(ctx), withdrawn_at: ctx.now.toISOString() },
      comment: optionalText(command.reason, 'reason'),
    };
  },

  extend_with_apology(ctx, command) {
    const { row, now, engine } = ctx;
    const reason = requiredText(command.reason, 'reason', 'dossiers.command.reasonRequired');
    if (parseIsoDate(command.newDueDate) === undefined) {
      throw new ValidationError([problem('newDueDate', 'dossiers.command.dateInvalid', { value: command.newDueDate })]);
    }
    if (!row.due_at || !row.due_date) throw transitionRefused('dossiers.transition.noDueDate');
    // The apology must come before the deadline passes (Decree 118/2025, form 04).
    if (engine.isOverdue(now, row.due_at)) {
      throw transitionRefused('dossiers.transition.deadlinePassed', { dueDate: row.due_date });
    }
    // A zero-day count from the start of the new date: the end of office hours that day, or of the next working day.
    const due = engine.deadline(vietnamInstant(command.newDueDate), { unit: 'workingDays', value: 0 });
    if (due.dueAt <= row.due_at) {
      throw transitionRefused('dossiers.transition.extensionNotLater', { dueDate: row.due_date });
    }
    return {
      patch: { due_at: due.dueAt, due_date: due.dueDate },
      comment: reason,
      data: { requestedDate: command.newDueDate, previousDueDate: row.due_date },
    };
  },

  resolve(ctx, command, actor) {
    const { row, frozen, now } = ctx;
    if (row.current_step !== lastStep(frozen)) throw transitionRefused('dossiers.transition.notAtLastStep');
    const ids = command.resultFileIds;
    if (ids.length === 0) throw new ValidationError([problem('resultFileIds', 'dossiers.command.resultFilesRequired')]);
    return {
      patch: { resolved_at: now.toISOString() },
      comment: optionalText(command.comment, 'comment'),
      data: { resultFileIds: ids },
      attach: { ids, uploadedBy: actor.userId },
    };
  },

  return_result(ctx, command) {
    const method = command.method ?? ctx.row.delivery_method;
    return {
      patch: { returned_at: ctx.now.toISOString() },
      data: { method, postalItemCode: command.postalItemCode?.trim() || null },
    };
  },
};

function mergeComponents(current: ComponentFiles[], added: readonly ComponentFiles[]): ComponentFiles[] {
  const merged = current.map((c) => ({ code: c.code, fileIds: [...c.fileIds] }));
  for (const entry of added) {
    const existing = merged.find((c) => c.code === entry.code);
    if (existing) existing.fileIds.push(...entry.fileIds);
    else merged.push({ code: entry.code, fileIds: [...entry.fileIds] });
  }
  return merged;
}

interface CheckedSubmission {
  problems: FieldProblem[];
  formValues: FormValues;
  applicant: {
    userId: string | null;
    name: string;
    idNumber: string;
    phone: string | null;
    email: string | null;
    address: string | null;
  };
  onBehalf: OnBehalf | null;
}

/** Everything about a submission that needs no database: channel, applicant, delivery, e-form and components. */
export function checkSubmission(
  actor: Actor,
  role: ActingRole,
  frozen: FrozenProcedure,
  input: SubmitDossierInput,
): CheckedSubmission {
  const problems: FieldProblem[] = [];
  const { procedure } = frozen;
  if (!procedure.channels.includes(channelNames[input.channel])) {
    problems.push(problem('channel', 'dossiers.submission.channelNotOffered'));
  }
  if (role === 'applicant' && !procedure.applicantTypes.some((type) => type === actor.kind)) {
    problems.push(problem('applicant', 'dossiers.submission.applicantType'));
  }
  const text = (value: string | null | undefined, path: string, required: boolean, max = NAME_MAX) => {
    const cleaned = value?.normalize('NFC').replace(/\s+/g, ' ').trim() ?? '';
    if (cleaned === '' && required) problems.push(problem(path, 'dossiers.submission.required'));
    if (cleaned.length > max) problems.push(problem(path, 'dossiers.submission.tooLong', { maximum: max }));
    return cleaned === '' ? null : cleaned;
  };
  const applicant = {
    userId: role === 'applicant' ? actor.userId : (input.applicant.userId ?? null),
    name: text(input.applicant.name, 'applicant.name', true) ?? '',
    idNumber: text(input.applicant.idNumber, 'applicant.idNumber', true, 50) ?? '',
    phone: text(input.applicant.phone, 'applicant.phone', false, 50),
    email: text(input.applicant.email, 'applicant.email', false),
    address: text(input.applicant.address, 'applicant.address', false, 500),
  };
  let onBehalf: OnBehalf | null = null;
  if (input.onBehalf) {
    const name = text(input.onBehalf.name, 'onBehalf.name', true) ?? '';
    const idNumber = text(input.onBehalf.idNumber, 'onBehalf.idNumber', true, 50) ?? '';
    const relation = text(input.onBehalf.relation, 'onBehalf.relation', false);
    onBehalf = { name, idNumber, ...(relation && { relation }) };
  }
  const { delivery } = input;
  const deliveryOffered =
    delivery.method === 'counter' ||
    (delivery.method === 'postal' && procedure.channels.includes('postal')) ||
    (delivery.method === 'electronic' && procedure.result.electronic);
  if (!deliveryOffered) problems.push(problem('delivery.method', 'dossiers.submission.deliveryNotOffered'));
  if (delivery.method === 'postal') text(delivery.address, 'delivery.address', true, 500);

  // A dossier filed on a partner system was checked there against its own e-form, and its files stay there (the
  // packet links them): its data is kept as sent, and the intake officer checks completeness on acceptance.
  const fromPartner = role === 'system';
  const form = validateFormValues(frozen.case.form, input.form);
  if (!form.ok && !fromPartner) problems.push(...form.problems.map((p) => ({ ...p, path: `form.${p.path}` })));
  const formValues = form.ok ? form.values : fromPartner ? (input.form as FormValues) : {};

  const given = new Map(input.components.map((c) => [c.code, c.fileIds]));
  for (const entry of input.components) {
    if (!frozen.case.components.some((c) => c.code === entry.code)) {
      problems.push(problem(`components.${entry.code}`, 'dossiers.submission.unknownComponent', { value: entry.code }));
    }
  }
  for (const component of frozen.case.components) {
    if (component.mandatory && !fromPartner && (given.get(component.code)?.length ?? 0) === 0) {
      problems.push(
        problem(`components.${component.code}`, 'dossiers.submission.componentMissing', { name: component.name }),
      );
    }
  }
  return { problems, formValues, applicant, onBehalf };
}
