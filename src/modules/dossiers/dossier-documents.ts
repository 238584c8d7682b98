/**
 * The printed documents of a dossier, filled in from its record and timeline: which ones exist at this point of its
 * life, and the data each needs. The documents module renders them.
 */
import { renderControlSheet } from '../documents/control-sheet.ts';
import type { Applicant, Handover, Issuer, ResultDelivery } from '../documents/documents.schema.ts';
import { renderRegisterPdf, renderRegisterXlsx } from '../documents/register.ts';
import {
  renderApology,
  renderReceipt,
  renderRefusal,
  renderStopNotice,
  renderSupplementRequest,
} from '../documents/slips.ts';
import type { DossierActionView, DossierDetail, DossierView } from './dossiers.schema.ts';
import type { DossierAction } from './lifecycle.ts';

export const documentKinds = ['receipt', 'supplement', 'refusal', 'apology', 'stop', 'control-sheet'] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** The action each slip records; the control sheet exists from the first action on. */
const slipAction: Record<Exclude<DocumentKind, 'control-sheet'>, DossierAction> = {
  receipt: 'accept',
  supplement: 'request_supplement',
  refusal: 'refuse',
  apology: 'extend_with_apology',
  stop: 'stop',
};

export interface DocumentContext {
  /** The agency's name and its parent's, by electronic identifier. */
  agency(identifier: string): { name: string; parent?: string };
  /** A person's name by user id (the actor of an action). */
  userName(id: string): string;
  /** The place printed before the date (the province). */
  place: string;
  baseUrl: string;
  now: Date;
  /** Texts that are not data: the default reason of a missing item, the signer's title, "not assigned yet". */
  text(key: string): string;
}

const lastAction = (dossier: DossierDetail, action: DossierAction) =>
  dossier.actions.findLast((a) => a.action === action);

/** The documents that can be printed for the dossier now. */
export function availableDocuments(dossier: DossierDetail): DocumentKind[] {
  return documentKinds.filter((kind) => {
    if (kind === 'control-sheet') return true;
    if (kind === 'receipt' && !dossier.dueAt) return false;
    return lastAction(dossier, slipAction[kind]) !== undefined;
  });
}

function issuer(ctx: DocumentContext, identifier: string): Issuer {
  const agency = ctx.agency(identifier);
  return { ...(agency.parent && { parentAgency: agency.parent }), agency: agency.name, place: ctx.place };
}

function applicantOf(dossier: DossierView): Applicant {
  const { name, phone, email, address } = dossier.applicant;
  return { name, ...(address && { address }), ...(phone && { phone }), ...(email && { email }) };
}

/** `Số: 0001/GTN` — the dossier's sequence and the slip's abbreviation. */
const numberOf = (dossier: DossierView, abbreviation: string) => `${dossier.code.split('-').at(-1)}/${abbreviation}`;

function delivery(dossier: DossierView): ResultDelivery {
  const { delivery: d } = dossier;
  if (d.method === 'postal') return { method: 'post', address: d.address };
  return { method: d.method === 'electronic' ? 'online' : 'counter' };
}

/** Renders one document of the dossier as PDF; undefined when it does not exist (yet). */
export async function renderDossierDocument(
  kind: DocumentKind,
  dossier: DossierDetail,
  ctx: DocumentContext,
): Promise<Buffer | undefined> {
  if (!availableDocuments(dossier).includes(kind)) return undefined;
  const issuedAt = ctx.now.toISOString();
  const base = (action: DossierActionView | undefined, abbreviation: string) => ({
    issuer: issuer(ctx, action?.agencyId ?? dossier.receivingAgencyId),
    number: numberOf(dossier, abbreviation),
    issuedAt: action?.at ?? issuedAt,
    dossierCode: dossier.code,
    applicant: applicantOf(dossier),
    procedureName: dossier.procedure.name,
  });
  const signer = (action: DossierActionView) => ({
    title: ctx.text('office.print.signer'),
    name: ctx.userName(action.actorId),
  });
  switch (kind) {
    case 'receipt': {
      const accepted = lastAction(dossier, 'accept');
      const given = new Set(dossier.components.filter((c) => c.fileIds.length > 0).map((c) => c.code));
      const components = dossier.definition.case.components
        .filter((c) => given.has(c.code))
        .map((c) => ({ name: c.name, originals: c.originals, copies: c.copies }));
      const fees = dossier.definition.case.fees
        .filter((f) => f.amount > 0)
        .map((f) => ({ name: f.name, amount: f.amount }));
      return renderReceipt({
        ...base(accepted, 'GTN'),
        components,
        receivedAt: dossier.acceptedAt ?? dossier.submittedAt,
        appointmentAt: dossier.dueAt ?? issuedAt,
        resultDelivery: delivery(dossier),
        ...(fees.length > 0 && { fees }),
        officerName: ctx.userName(accepted?.actorId ?? ''),
        baseUrl: ctx.baseUrl,
      });
    }
    case 'supplement': {
      const request = lastAction(dossier, 'request_supplement');
      const missing = (request?.data?.missing as string[] | undefined) ?? [];
      const reason = request?.comment ?? ctx.text('office.print.missingReason');
      return renderSupplementRequest({
        ...base(request, 'YCBS'),
        items: missing.map((name) => ({ name, reason })),
        officer: { name: ctx.userName(request?.actorId ?? '') },
      });
    }
    case 'refusal': {
      const refusal = lastAction(dossier, 'refuse');
      return renderRefusal({
        ...base(refusal, 'TC'),
        reason: refusal?.comment ?? '',
        officerName: ctx.userName(refusal?.actorId ?? ''),
      });
    }
    case 'apology': {
      const apology = lastAction(dossier, 'extend_with_apology') as DossierActionView;
      return renderApology({
        ...base(apology, 'XL'),
        receivedAt: dossier.acceptedAt ?? dossier.submittedAt,
        previousAppointmentAt: apology.oldDueAt ?? issuedAt,
        newAppointmentAt: apology.newDueAt ?? issuedAt,
        reason: apology.comment ?? '',
        signer: signer(apology),
      });
    }
    case 'stop': {
      const stop = lastAction(dossier, 'stop') as DossierActionView;
      return renderStopNotice({
        ...base(stop, 'TB'),
        stoppedAt: stop.at,
        reason: stop.comment ?? '',
        signer: signer(stop),
      });
    }
    case 'control-sheet':
      return renderControlSheet({
        issuer: issuer(ctx, dossier.receivingAgencyId),
        issuedAt,
        dossierCode: dossier.code,
        applicant: applicantOf(dossier),
        procedureName: dossier.procedure.name,
        leadAgency: ctx.agency(dossier.definition.procedure.agency.id).name,
        handovers: handovers(dossier, ctx),
      });
  }
}

/**
 * Every hand-over of the dossier: from whoever took one action to whoever took the next, with the due date in force,
 * and, while the dossier is open, the hand-over to the unit that now holds it.
 */
function handovers(dossier: DossierDetail, ctx: DocumentContext): Handover[] {
  const party = (action: DossierActionView) => ({
    unit: ctx.agency(action.agencyId ?? dossier.receivingAgencyId).name,
    officer: action.role === 'applicant' ? dossier.applicant.name : ctx.userName(action.actorId),
  });
  const list: Handover[] = [];
  dossier.actions.forEach((action, i) => {
    const next = dossier.actions[i + 1];
    const due = action.newDueAt ?? undefined;
    if (next) {
      list.push({
        from: party(action),
        to: party(next),
        handedOverAt: action.at,
        ...(due && { dueAt: due }),
        doneAt: next.at,
        note: ctx.text(`dossiers.action.${next.action}`),
      });
    } else if (![3, 7, 8, 10].includes(dossier.status)) {
      const holder = dossier.assigneeId ? ctx.userName(dossier.assigneeId) : ctx.text('office.print.notAssigned');
      list.push({
        from: party(action),
        to: { unit: ctx.agency(dossier.currentAgencyId).name, officer: holder },
        handedOverAt: action.at,
        ...(due && { dueAt: due }),
        note: dossier.currentStep.name,
      });
    }
  });
  return list;
}

/** The dossier register of one agency for a date range, as PDF or XLSX. */
export function renderDossierRegister(
  format: 'pdf' | 'xlsx',
  dossiers: readonly DossierView[],
  range: { agencyId: string; from: string; to: string },
  ctx: DocumentContext,
): Promise<Buffer> {
  const input = {
    issuer: issuer(ctx, range.agencyId),
    from: range.from,
    to: range.to,
    generatedAt: ctx.now.toISOString(),
    entries: dossiers.map((d) => ({
      dossierCode: d.code,
      procedureName: d.procedure.name,
      applicant: applicantOf(d),
      handlingAgency: ctx.agency(d.currentAgencyId).name,
      receivedAt: d.submittedAt,
      ...(d.dueAt && { appointmentAt: d.dueAt }),
      ...(d.returnedAt && { returnedAt: d.returnedAt }),
      status: d.status,
    })),
  };
  return format === 'pdf' ? renderRegisterPdf(input) : renderRegisterXlsx(input);
}
