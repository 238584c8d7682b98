/**
 * The citizen's online application, one step per page: each e-form section (from the catalogue), the documents, how
 * to receive the result, then check and submit. The e-form definition drives the pages and the checks; the dossier
 * service makes the final checks and the dossier.
 *
 * The e-form's result-delivery fields (`deliveryMethod`, `deliveryAddress`) and its `declaration` have pages of their
 * own (the delivery step, the check page), so the section pages leave them out.
 */
import type { Db } from '../../db/database.ts';
import { type FieldProblem, NotFoundError, ValidationError } from '../../lib/errors.ts';
import type { FormField, FormSection, ProcedureCase, ProcedureDefinition } from '../catalog/catalog.schema.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';
import { type AddressValue, validateFormValues } from '../catalog/form-values.ts';
import type { Actor, DeliveryMethod, DossierView, ReusableDocument } from '../dossiers/dossiers.schema.ts';
import type { DossierService } from '../dossiers/dossiers.service.ts';
import type { FileService, StoredFile } from '../files/files.service.ts';
import { getProfile, type Profile } from '../identity/accounts.service.ts';
import type { Draft, DraftData, DraftService } from './drafts.service.ts';

const DELIVERY_METHOD = 'deliveryMethod';
const DELIVERY_ADDRESS = 'deliveryAddress';
const DECLARATION = 'declaration';
const OWN_PAGES: ReadonlySet<string> = new Set([DELIVERY_METHOD, DELIVERY_ADDRESS, DECLARATION]);
export const ADDRESS_PARTS = ['detail', 'commune', 'province'] as const;
/** Blank table rows a form without scripts offers; blank rows are not rows. */
export const TABLE_ROWS = 3;
const ADDRESS_PART_MAX = 200;

export type Step =
  | { id: string; kind: 'section'; section: FormSection; fields: FormField[] }
  | { id: 'files'; kind: 'files' }
  | { id: 'delivery'; kind: 'delivery' };

/** A problem placed on the wizard: the step that shows it and the input it belongs to. */
export interface StepProblem {
  step: string;
  name: string;
  messageKey: string;
  params?: FieldProblem['params'];
}

/** The pages of a case: every section with a field of its own, then documents, then delivery. */
function wizardSteps(procedureCase: ProcedureCase): Step[] {
  const sections = procedureCase.form.sections
    .map((section) => ({ section, fields: section.fields.filter((f) => !OWN_PAGES.has(f.key)) }))
    .filter(({ fields }) => fields.length > 0)
    .map(({ section, fields }): Step => ({ id: section.key, kind: 'section', section, fields }));
  return [...sections, { id: 'files', kind: 'files' }, { id: 'delivery', kind: 'delivery' }];
}

/** How the result may come back: at the counter always, by post or electronically where the procedure offers it. */
export function deliveryMethods(definition: Pick<ProcedureDefinition, 'channels' | 'result'>): DeliveryMethod[] {
  return [
    'counter',
    ...(definition.channels.includes('postal') ? (['postal'] as const) : []),
    ...(definition.result.electronic ? (['electronic'] as const) : []),
  ];
}

/** Whether a procedure takes online applications at all (the button on its page). */
function acceptsOnline(definition: Pick<ProcedureDefinition, 'onlineMode' | 'channels'>): boolean {
  return definition.onlineMode !== 'none' && definition.channels.includes('online');
}

/** The input name a form-value problem belongs to: `form.key`, `form.key.part`, `form.key.row.column`. */
function formInputName(fieldPath: string): string {
  return `form.${fieldPath.replace('.rows.', '.')}`;
}

/** The e-form's values as the checks take them, from the saved answers and the delivery and declaration steps. */
function formInput(
  procedureCase: ProcedureCase,
  values: Readonly<Record<string, string>>,
  declared = false,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of procedureCase.form.sections.flatMap((s) => s.fields)) {
    const name = `form.${field.key}`;
    if (field.key === DELIVERY_METHOD) {
      if (values['delivery.method']) input[field.key] = values['delivery.method'];
    } else if (field.key === DELIVERY_ADDRESS) {
      const address = postalAddress(values);
      if (address) input[field.key] = address;
    } else if (field.key === DECLARATION && field.type === 'checkbox') {
      input[field.key] = declared;
    } else if (field.type === 'address') {
      if (ADDRESS_PARTS.some((p) => values[`${name}.${p}`])) {
        input[field.key] = Object.fromEntries(ADDRESS_PARTS.map((p) => [p, values[`${name}.${p}`] ?? '']));
      }
    } else if (field.type === 'table') {
      input[field.key] = Array.from({ length: TABLE_ROWS }, (_, row) =>
        Object.fromEntries(field.columns.map((c) => [c.key, values[`${name}.${row}.${c.key}`] ?? ''])),
      );
    } else if (values[name] !== undefined) {
      input[field.key] = values[name];
    }
  }
  return input;
}

function postalAddress(values: Readonly<Record<string, string>>): AddressValue | undefined {
  if (values['delivery.method'] !== 'postal') return undefined;
  const [detail = '', commune = '', province = ''] = ADDRESS_PARTS.map((p) => values[`delivery.address.${p}`] ?? '');
  return { detail: detail.trim(), commune: commune.trim(), province: province.trim() };
}

/** The problems of one section page: the e-form checks, kept to that section's fields. */
function sectionProblems(procedureCase: ProcedureCase, sectionKey: string, values: Record<string, string>) {
  const checked = validateFormValues(procedureCase.form, formInput(procedureCase, values));
  if (checked.ok) return [];
  const prefix = `sections.${sectionKey}.fields.`;
  return checked.problems
    .filter((p) => p.path.startsWith(prefix) && !OWN_PAGES.has(p.path.slice(prefix.length).split('.')[0] ?? ''))
    .map((p): StepProblem => ({ ...p, step: sectionKey, name: formInputName(p.path.slice(prefix.length)) }));
}

/** The delivery page: a method the procedure offers, and a full postal address when by post. */
function deliveryProblems(definition: ProcedureDefinition, values: Record<string, string>): StepProblem[] {
  const method = values['delivery.method'] ?? '';
  const problem = (name: string, messageKey: string, params?: FieldProblem['params']): StepProblem => ({
    step: 'delivery',
    name,
    messageKey,
    ...(params && { params }),
  });
  if (!(deliveryMethods(definition) as string[]).includes(method)) {
    return [problem('delivery.method', 'portalApply.delivery.methodRequired')];
  }
  if (method !== 'postal') return [];
  return ADDRESS_PARTS.flatMap((part) => {
    const value = (values[`delivery.address.${part}`] ?? '').trim();
    if (!value) return [problem(`delivery.address.${part}`, `portalApply.delivery.${part}Required`)];
    return value.length > ADDRESS_PART_MAX
      ? [problem(`delivery.address.${part}`, 'portalApply.tooLong', { maximum: ADDRESS_PART_MAX })]
      : [];
  });
}

/** The documents page: every mandatory component has a document. */
function filesProblems(procedureCase: ProcedureCase, data: DraftData): StepProblem[] {
  return procedureCase.components
    .filter((c) => c.mandatory && (data.files[c.code]?.length ?? 0) === 0)
    .map((c) => ({
      step: 'files',
      name: `file.${c.code}`,
      messageKey: 'portalApply.files.missing',
      params: { name: c.name },
    }));
}

/** Where a problem of the dossier service is shown: its step and input. */
export function placeProblem(steps: readonly Step[], problem: FieldProblem): StepProblem {
  const form = /^form\.sections\.([^.]+)\.fields\.(.+)$/.exec(problem.path);
  const first = steps[0]?.id ?? 'files';
  if (form) {
    const [, sectionKey = '', rest = ''] = form;
    const fieldKey = rest.split('.')[0] ?? '';
    if (fieldKey === DELIVERY_METHOD || fieldKey === DELIVERY_ADDRESS)
      return { ...problem, step: 'delivery', name: 'delivery.method' };
    if (fieldKey === DECLARATION) return { ...problem, step: 'check', name: 'declaration' };
    return { ...problem, step: sectionKey, name: formInputName(rest) };
  }
  const component = /^components\.([^.]+)/.exec(problem.path);
  if (component || problem.path === 'components') {
    return { ...problem, step: 'files', name: component ? `file.${component[1]}` : 'files' };
  }
  if (problem.path.startsWith('delivery')) return { ...problem, step: 'delivery', name: 'delivery.method' };
  return { ...problem, step: first, name: problem.path };
}

/** Profile fields a form may ask for, by the e-form keys the catalogue uses. */
function profileAnswers(profile: Profile): { key: string; value: string | null; verifiedAs: string }[] {
  const person = [
    { key: 'fullName', value: profile.fullName, verifiedAs: 'fullName' },
    { key: 'idNumber', value: profile.identityNumber, verifiedAs: 'identityNumber' },
    { key: 'birthDate', value: profile.dateOfBirth, verifiedAs: 'dateOfBirth' },
    { key: 'phone', value: profile.phone, verifiedAs: 'phone' },
    { key: 'email', value: profile.email, verifiedAs: 'email' },
  ];
  const business = [
    { key: 'enterpriseName', value: profile.fullName, verifiedAs: 'fullName' },
    { key: 'enterpriseCode', value: profile.taxCode, verifiedAs: 'taxCode' },
  ];
  return profile.kind === 'business' ? [...business, ...person.slice(3)] : person;
}

/** The answers the account's profile gives, and which of them the identity provider vouched for. */
function prefill(
  procedureCase: ProcedureCase,
  profile: Profile,
): { values: Record<string, string>; verified: Set<string> } {
  const keys = new Set(procedureCase.form.sections.flatMap((s) => s.fields.map((f) => f.key)));
  const values: Record<string, string> = {};
  const verified = new Set<string>();
  for (const answer of profileAnswers(profile)) {
    if (!keys.has(answer.key) || !answer.value) continue;
    values[`form.${answer.key}`] = answer.value;
    if (profile.verified.includes(answer.verifiedAs)) verified.add(`form.${answer.key}`);
  }
  return { values, verified };
}

const addressText = (value: unknown) => {
  const address = value as Partial<AddressValue> | undefined;
  return address?.detail ? [address.detail, address.commune, address.province].filter(Boolean).join(', ') : null;
};

export interface ApplyServiceOptions {
  db: Db;
  catalog: CatalogService;
  dossiers: DossierService;
  files: FileService;
  drafts: DraftService;
}

/** The published procedure and case a draft is for. */
export interface DraftContext {
  definition: ProcedureDefinition;
  procedureCase: ProcedureCase;
  steps: Step[];
  /** Inputs vouched for by the identity provider: shown as verified, never taken from the form. */
  verified: Set<string>;
}

export class ApplyService {
  constructor(private readonly o: ApplyServiceOptions) {}

  /** A published procedure open to online applications, or 404. */
  async procedure(code: string): Promise<{ definition: ProcedureDefinition; versionId: string }> {
    const published = await this.o.catalog.getPublished(code).catch(() => undefined);
    if (!published || !acceptsOnline(published.definition)) {
      throw new NotFoundError('portalApply.errors.notOnline', { code }, 'procedure_not_online');
    }
    return { definition: published.definition, versionId: published.versionId };
  }

  /** Starts a draft for one case of the procedure, filled in from the account's profile. */
  async start(accountId: string, code: string, caseCode: string): Promise<Draft> {
    const { definition, versionId } = await this.procedure(code);
    const procedureCase = definition.cases.find((c) => c.code === caseCode);
    if (!procedureCase) throw new ValidationError([{ path: 'case', messageKey: 'portalApply.choose.caseRequired' }]);
    const profile = await getProfile(this.o.db.kysely, accountId);
    return this.o.drafts.create({
      accountId,
      procedure: { code, name: definition.name, versionId },
      caseCode,
      values: prefill(procedureCase, profile).values,
    });
  }

  /**
   * The definition a draft was started under. A draft outlives a catalogue edit: it keeps its version's case, and
   * the submission tells the citizen if that version is no longer open.
   */
  async context(draft: Draft): Promise<DraftContext> {
    const { definition } = await this.o.catalog.getVersion(draft.procedure.versionId);
    const procedureCase = definition.cases.find((c) => c.code === draft.caseCode);
    if (!procedureCase) throw new NotFoundError();
    const profile = await getProfile(this.o.db.kysely, draft.accountId);
    return {
      definition,
      procedureCase,
      steps: wizardSteps(procedureCase),
      verified: prefill(procedureCase, profile).verified,
    };
  }

  /** Saves a section's answers (verified ones stay as the profile has them) and returns the section's problems. */
  async saveSection(
    draft: Draft,
    ctx: DraftContext,
    step: Extract<Step, { kind: 'section' }>,
    posted: Record<string, string>,
  ): Promise<{ draft: Draft; problems: StepProblem[] }> {
    const values = { ...draft.data.values };
    for (const name of sectionInputNames(step.fields)) {
      if (ctx.verified.has(name)) continue;
      values[name] = (posted[name] ?? '').slice(0, 5000);
    }
    const problems = sectionProblems(ctx.procedureCase, step.id, values);
    const done = problems.length === 0 ? markDone(draft.data.done, step.id) : draft.data.done;
    return { draft: await this.o.drafts.save(draft, { ...draft.data, values, done }), problems };
  }

  async saveDelivery(draft: Draft, ctx: DraftContext, posted: Record<string, string>) {
    const values = { ...draft.data.values };
    for (const name of ['delivery.method', ...ADDRESS_PARTS.map((p) => `delivery.address.${p}`)]) {
      values[name] = (posted[name] ?? '').slice(0, 1000);
    }
    const problems = deliveryProblems(ctx.definition, values);
    const done = problems.length === 0 ? markDone(draft.data.done, 'delivery') : draft.data.done;
    return { draft: await this.o.drafts.save(draft, { ...draft.data, values, done }), problems };
  }

  async confirmFiles(draft: Draft, ctx: DraftContext) {
    const problems = filesProblems(ctx.procedureCase, draft.data);
    if (problems.length > 0) return { draft, problems };
    return {
      draft: await this.o.drafts.save(draft, { ...draft.data, done: markDone(draft.data.done, 'files') }),
      problems,
    };
  }

  /** Every problem of the whole application, placed on its step: what the check page must list before submitting. */
  allProblems(draft: Draft, ctx: DraftContext): StepProblem[] {
    const values = draft.data.values;
    return [
      ...ctx.steps.flatMap((step) =>
        step.kind === 'section' ? sectionProblems(ctx.procedureCase, step.id, values) : [],
      ),
      ...filesProblems(ctx.procedureCase, draft.data),
      ...deliveryProblems(ctx.definition, values),
    ];
  }

  /** Documents of the account's earlier dossiers that the component accepts. */
  async reusable(accountId: string, ctx: DraftContext): Promise<Map<string, ReusableDocument[]>> {
    const all = await this.o.dossiers.reusableDocuments(accountId);
    return new Map(
      ctx.procedureCase.components.map((c) => [
        c.code,
        all.filter((d) => (c.fileTypes as readonly string[]).includes(d.kind)),
      ]),
    );
  }

  /** Reuses a document of an earlier dossier for a component: a new copy of it joins the draft. */
  async reuse(draft: Draft, ctx: DraftContext, componentCode: string, sourceFileId: string): Promise<Draft> {
    const offered = (await this.reusable(draft.accountId, ctx)).get(componentCode) ?? [];
    const source = offered.find((d) => d.fileId === sourceFileId);
    if (!source) {
      throw new ValidationError([{ path: `reuse.${componentCode}`, messageKey: 'portalApply.files.reuseUnknown' }]);
    }
    const copy = await this.o.files.copy(source.fileId, draft.accountId);
    return this.o.drafts.addFile(draft, componentCode, copy, source.dossierCode);
  }

  async addUpload(draft: Draft, ctx: DraftContext, componentCode: string, file: StoredFile): Promise<Draft> {
    const component = ctx.procedureCase.components.find((c) => c.code === componentCode);
    if (!component)
      throw new ValidationError([{ path: `file.${componentCode}`, messageKey: 'portalApply.files.unknownComponent' }]);
    if (!(component.fileTypes as readonly string[]).includes(file.kind)) {
      throw new ValidationError([
        {
          path: `file.${componentCode}`,
          messageKey: 'dossiers.submission.fileType',
          params: { name: file.name, accepted: component.fileTypes.map((k) => k.toUpperCase()).join(', ') },
        },
      ]);
    }
    return this.o.drafts.addFile(draft, componentCode, file);
  }

  /**
   * Submits the draft online (channel 2) with its submission key, so pressing twice or reloading gives one dossier.
   * The draft's documents are copied onto the dossier; the draft then remembers the dossier's code.
   */
  async submit(actor: Actor, draft: Draft, ctx: DraftContext, declared: boolean): Promise<DossierView> {
    const values = draft.data.values;
    const form = formInput(ctx.procedureCase, values, declared);
    const profile = await getProfile(this.o.db.kysely, draft.accountId);
    const text = (key: string) => (typeof form[key] === 'string' ? (form[key] as string) : '');
    const components = [];
    try {
      for (const [code, list] of Object.entries(draft.data.files)) {
        const fileIds: string[] = [];
        const reusedFileIds: string[] = [];
        for (const file of list) {
          const copy = await this.o.files.copy(file.id, draft.accountId);
          fileIds.push(copy.id);
          if (file.reusedFrom) reusedFileIds.push(copy.id);
        }
        components.push({ code, fileIds, reusedFileIds });
      }
    } catch (error) {
      // The same draft submitted twice at once: the first to finish discarded the draft's files. Its dossier answers.
      const found = await this.o.drafts.lookup(draft.accountId, draft.id);
      if (found.state === 'submitted' && found.draft.dossierCode)
        return this.o.dossiers.getDossier(found.draft.dossierCode);
      throw error;
    }
    const method = values['delivery.method'] as DeliveryMethod | undefined;
    const address = postalAddress(values);
    const dossier = await this.o.dossiers.submitDossier(actor, {
      submissionKey: draft.submissionKey,
      procedureVersionId: draft.procedure.versionId,
      caseCode: draft.caseCode,
      channel: 2,
      applicant: {
        name: text('fullName') || text('enterpriseName') || text('organisationName') || profile.fullName,
        idNumber:
          text('idNumber') ||
          text('enterpriseCode') ||
          text('taxCode') ||
          profile.identityNumber ||
          profile.taxCode ||
          '',
        phone: text('phone') || profile.phone,
        email: text('email') || profile.email,
        address: addressText(form.residence) ?? addressText(form.headOffice) ?? profile.address,
      },
      form,
      components,
      delivery:
        method === 'postal'
          ? { method, address: addressText(address) ?? '' }
          : { method: method === 'electronic' ? 'electronic' : 'counter' },
    });
    await this.o.drafts.markSubmitted(draft, dossier.code);
    return dossier;
  }
}

function markDone(done: readonly string[], step: string): string[] {
  return done.includes(step) ? [...done] : [...done, step];
}

/** Every input a section page posts. */
function sectionInputNames(fields: readonly FormField[]): string[] {
  return fields.flatMap((field) => {
    const name = `form.${field.key}`;
    if (field.type === 'address') return ADDRESS_PARTS.map((p) => `${name}.${p}`);
    if (field.type === 'table') {
      return Array.from({ length: TABLE_ROWS }, (_, row) => field.columns.map((c) => `${name}.${row}.${c.key}`)).flat();
    }
    return [name];
  });
}
