/**
 * Catalogue sync: procedure definitions pulled from the national procedure database (CSDL TTHC, `GET /api/tthc`)
 * become drafts of our catalogue, through the catalogue service, for an administrator to review and publish.
 *
 * The national entry owns what the national database decides — name, field, legal basis, conditions, steps, result,
 * and per case the name, deadline, documents and fees. What the province decides stays ours: the e-form, the workflow,
 * the online mode and channels, paper counts and file types of a document, fee kinds and exemptions. A new procedure
 * gets a minimal e-form and workflow for the administrator to complete before publishing.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { type FieldProblem, NotFoundError, ValidationError } from '../../lib/errors.ts';
import {
  type Component,
  type Fee,
  type ProcedureCase,
  type ProcedureDefinition,
  parseProcedureDefinition,
} from '../catalog/catalog.schema.ts';
import type { Actor, CatalogService, ProcedureView } from '../catalog/catalog.service.ts';
import type { NationalPortalClient } from './national-portal.client.ts';
import * as repo from './national-portal.repo.ts';

// ---------------------------------------------------------------------------------------------------------------
// The national entry

const text = (max: number) => z.string().trim().min(1).max(max);
const code = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'code: letters, digits, . _ -');
const unit = z.enum(['NgayLamViec', 'GioLamViec', 'Ngay']);
const feeSchema = z.object({ MaPhiLePhi: code.optional(), TenPhiLePhi: text(500), MucPhi: z.int().min(0) });
const componentSchema = z.object({ MaThanhPhan: code, TenThanhPhan: text(1000), BatBuoc: z.boolean() });
const caseSchema = z.object({
  MaTruongHop: code,
  TenTruongHop: text(1000),
  ThoiHanGiaiQuyet: z.number().positive(),
  DonViThoiHan: unit,
  PhiLePhi: z.array(feeSchema).max(50),
  ThanhPhanHoSo: z.array(componentSchema).min(1).max(100),
});

const nationalProcedureSchema = z
  .object({
    MaTTHC: z.string().regex(/^[A-Za-z0-9.]{1,100}$/, 'MaTTHC: letters, digits and dots'),
    TenTTHC: text(1000),
    MaLinhVuc: code,
    TenLinhVuc: text(300),
    ThoiHanGiaiQuyet: z.number().positive().optional(),
    DonViThoiHan: unit.optional(),
    PhiLePhi: z.array(feeSchema).max(50).optional(),
    ThanhPhanHoSo: z.array(componentSchema).min(1).max(100).optional(),
    TruongHop: z.array(caseSchema).min(1).max(50).optional(),
    CanCuPhapLy: z.array(text(1000)).min(1).optional(),
    TrinhTuThucHien: z.array(text(2000)).min(1).optional(),
    YeuCauDieuKien: z.string().trim().max(10_000).optional(),
    KetQuaThucHien: text(500).optional(),
    DoiTuongThucHien: z
      .array(z.enum(['CongDan', 'DoanhNghiep']))
      .min(1)
      .optional(),
    CoQuanThucHien: z.object({ MaCoQuan: z.string().max(40), CapThucHien: z.enum(['Tinh', 'Xa']) }).optional(),
    NgayCapNhat: z.string().max(40),
  })
  .refine(
    (p) => p.TruongHop || (p.ThoiHanGiaiQuyet && p.DonViThoiHan && p.ThanhPhanHoSo),
    'TruongHop, or ThoiHanGiaiQuyet, DonViThoiHan and ThanhPhanHoSo, required',
  );
type NationalProcedureEntry = z.infer<typeof nationalProcedureSchema>;
type NationalCaseEntry = z.infer<typeof caseSchema>;

const UNITS = { NgayLamViec: 'workingDays', GioLamViec: 'workingHours', Ngay: 'calendarDays' } as const;
/** The case of a single-case national entry, when we have none to match it to. */
const SINGLE_CASE = 'CHUNG';

/** The national entry's cases; a single-case entry matches our first case. */
function nationalCases(entry: NationalProcedureEntry, base: ProcedureDefinition | undefined): NationalCaseEntry[] {
  if (entry.TruongHop) return entry.TruongHop;
  const first = base?.cases[0];
  return [
    {
      MaTruongHop: first?.code ?? SINGLE_CASE,
      TenTruongHop: first?.name ?? entry.TenTTHC,
      ThoiHanGiaiQuyet: entry.ThoiHanGiaiQuyet ?? 0,
      DonViThoiHan: entry.DonViThoiHan ?? 'NgayLamViec',
      PhiLePhi: entry.PhiLePhi ?? [],
      ThanhPhanHoSo: entry.ThanhPhanHoSo ?? [],
    },
  ];
}

/** A minimal e-form and workflow for a new procedure: the administrator completes them before publishing. */
const starterForm = {
  sections: [
    {
      key: 'request',
      title: { vi: 'Nội dung đề nghị', en: 'Request' },
      fields: [
        {
          key: 'requestDetails',
          label: { vi: 'Nội dung đề nghị', en: 'What you request' },
          type: 'textarea',
          required: true,
          validation: { maxLength: 2000 },
        },
      ],
    },
  ],
};
const starterWorkflow = [
  { code: 'TIEP_NHAN', name: 'Tiếp nhận hồ sơ', assignee: { role: 'intake' }, share: { kind: 'fraction', value: 0.1 } },
  {
    code: 'THAM_DINH',
    name: 'Thẩm định hồ sơ',
    assignee: { role: 'processor' },
    share: { kind: 'fraction', value: 0.6 },
  },
  {
    code: 'PHE_DUYET',
    name: 'Phê duyệt kết quả',
    assignee: { role: 'leader' },
    share: { kind: 'fraction', value: 0.3 },
  },
];

function mergeComponent(n: NationalCaseEntry['ThanhPhanHoSo'][number], ours: Component | undefined) {
  return {
    code: n.MaThanhPhan,
    name: n.TenThanhPhan,
    mandatory: n.BatBuoc,
    originals: ours?.originals ?? 1,
    copies: ours?.copies ?? 0,
    fileTypes: ours?.fileTypes ?? ['pdf'],
    ...(ours?.template && { template: ours.template }),
  };
}

function mergeFees(national: NationalCaseEntry['PhiLePhi'], ours: readonly Fee[]) {
  return national.map((n, i) => {
    // A fee without a national code is ours by name, or numbered.
    const mine = ours.find((f) => (n.MaPhiLePhi ? f.code === n.MaPhiLePhi : f.name === n.TenPhiLePhi));
    const base = mine ?? { kind: 'fixed' as const };
    return { ...base, code: n.MaPhiLePhi ?? mine?.code ?? `PHI_${i + 1}`, name: n.TenPhiLePhi, amount: n.MucPhi };
  });
}

function mergeCase(n: NationalCaseEntry, ours: ProcedureCase | undefined, template: ProcedureCase | undefined) {
  const processingTime = { value: n.ThoiHanGiaiQuyet, unit: UNITS[n.DonViThoiHan] };
  const online = ours?.onlineProcessingTime;
  // A shorter online deadline survives only while it still is one.
  const keepOnline = online && (online.unit !== processingTime.unit || online.value <= processingTime.value);
  return {
    code: n.MaTruongHop,
    name: n.TenTruongHop,
    processingTime,
    ...(keepOnline && { onlineProcessingTime: online }),
    noDueDate: ours?.noDueDate ?? false,
    components: n.ThanhPhanHoSo.map((c) =>
      mergeComponent(
        c,
        ours?.components.find((o) => o.code === c.MaThanhPhan),
      ),
    ),
    form: (ours ?? template)?.form ?? starterForm,
    fees: mergeFees(n.PhiLePhi, ours?.fees ?? []),
    workflow: (ours ?? template)?.workflow ?? starterWorkflow,
  };
}

/** Our definition with the national entry applied; unchecked (the catalogue checks it). */
function mergeDefinition(
  entry: NationalProcedureEntry,
  procedureCode: string,
  base: ProcedureDefinition | undefined,
): Record<string, unknown> {
  const cases = nationalCases(entry, base).map((n) =>
    mergeCase(
      n,
      base?.cases.find((c) => c.code === n.MaTruongHop),
      base?.cases[0],
    ),
  );
  const agency = entry.CoQuanThucHien
    ? { id: entry.CoQuanThucHien.MaCoQuan, level: entry.CoQuanThucHien.CapThucHien === 'Xa' ? 'commune' : 'province' }
    : base?.agency;
  const applicantTypes = entry.DoiTuongThucHien?.map((d) => (d === 'CongDan' ? 'citizen' : 'business'));
  const ours: Partial<ProcedureDefinition> = base ?? {};
  return {
    ...ours,
    ...(!base && {
      onlineMode: 'none',
      channels: ['in_person', 'postal'],
      paymentAtSubmission: false,
      result: { name: entry.KetQuaThucHien, electronic: false },
    }),
    code: procedureCode,
    name: entry.TenTTHC,
    field: { code: entry.MaLinhVuc, name: entry.TenLinhVuc },
    agency,
    applicantTypes: applicantTypes ?? base?.applicantTypes ?? ['citizen'],
    legalBasis: entry.CanCuPhapLy ?? base?.legalBasis,
    conditions: entry.YeuCauDieuKien ?? base?.conditions ?? '',
    steps: entry.TrinhTuThucHien ?? base?.steps,
    ...(base && { result: { ...base.result, name: entry.KetQuaThucHien ?? base.result.name } }),
    cases,
    // A procedure whose fees are gone can no longer ask for payment at submission.
    ...(base?.paymentAtSubmission &&
      !cases.some((c) => c.fees.some((f) => f.amount > 0)) && {
        paymentAtSubmission: false,
      }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Differences, readable

/** A value as the page shows it: text as is, an amount of đồng, or a message of the catalogue. */
export type Shown = { text: string } | { amount: number } | { key: string; params: Record<string, string | number> };

export interface Change {
  /** What changed: a message key of `nationalPortal.diff.*` with its parameters (case, document, fee). */
  what: { key: string; params: Record<string, string> };
  before: Shown | null;
  after: Shown | null;
}

const said = (value: string): Shown => ({ text: value });
const duration = (c: ProcedureCase): Shown => ({
  key: `catalog.duration.${c.processingTime.unit}`,
  params: { value: c.processingTime.value },
});
const mandatory = (c: Component): Shown => ({
  key: c.mandatory ? 'nationalPortal.diff.yes' : 'nationalPortal.diff.no',
  params: {},
});

function listChanges(key: string, before: readonly string[], after: readonly string[], out: Change[]) {
  for (const item of before)
    if (!after.includes(item))
      out.push({ what: { key: `${key}Removed`, params: {} }, before: said(item), after: null });
  for (const item of after)
    if (!before.includes(item)) out.push({ what: { key: `${key}Added`, params: {} }, before: null, after: said(item) });
}

function byCode<T extends { code: string }>(
  before: readonly T[],
  after: readonly T[],
  added: (item: T) => void,
  removed: (item: T) => void,
  both: (was: T, is: T) => void,
) {
  for (const was of before) {
    const is = after.find((x) => x.code === was.code);
    if (is) both(was, is);
    else removed(was);
  }
  for (const is of after) if (!before.some((x) => x.code === is.code)) added(is);
}

function caseChanges(was: ProcedureCase, is: ProcedureCase, out: Change[]) {
  const at = (key: string, extra: Record<string, string> = {}) => ({
    key: `nationalPortal.diff.${key}`,
    params: { case: is.code, ...extra },
  });
  if (was.name !== is.name) out.push({ what: at('caseName'), before: said(was.name), after: said(is.name) });
  if (was.processingTime.value !== is.processingTime.value || was.processingTime.unit !== is.processingTime.unit) {
    out.push({ what: at('processingTime'), before: duration(was), after: duration(is) });
  }
  byCode(
    was.components,
    is.components,
    (c) => out.push({ what: at('componentAdded', { code: c.code }), before: null, after: said(c.name) }),
    (c) => out.push({ what: at('componentRemoved', { code: c.code }), before: said(c.name), after: null }),
    (a, b) => {
      if (a.name !== b.name)
        out.push({ what: at('componentName', { code: b.code }), before: said(a.name), after: said(b.name) });
      if (a.mandatory !== b.mandatory) {
        out.push({ what: at('componentMandatory', { code: b.code }), before: mandatory(a), after: mandatory(b) });
      }
    },
  );
  byCode(
    was.fees,
    is.fees,
    (f) =>
      out.push({ what: at('feeAdded', { code: f.code, name: f.name }), before: null, after: { amount: f.amount } }),
    (f) =>
      out.push({ what: at('feeRemoved', { code: f.code, name: f.name }), before: { amount: f.amount }, after: null }),
    (a, b) => {
      if (a.name !== b.name)
        out.push({ what: at('feeName', { code: b.code }), before: said(a.name), after: said(b.name) });
      if (a.amount !== b.amount) {
        out.push({
          what: at('feeAmount', { code: b.code, name: b.name }),
          before: { amount: a.amount },
          after: { amount: b.amount },
        });
      }
    },
  );
}

/** What differs between two definitions, in the terms the national database speaks of. */
function definitionChanges(before: ProcedureDefinition, after: ProcedureDefinition): Change[] {
  const out: Change[] = [];
  const top = (key: string) => ({ key: `nationalPortal.diff.${key}`, params: {} });
  if (before.name !== after.name) out.push({ what: top('name'), before: said(before.name), after: said(after.name) });
  if (before.field.code !== after.field.code || before.field.name !== after.field.name) {
    const field = (d: ProcedureDefinition) => said(`${d.field.code} — ${d.field.name}`);
    out.push({ what: top('field'), before: field(before), after: field(after) });
  }
  if (before.agency.id !== after.agency.id)
    out.push({ what: top('agency'), before: said(before.agency.id), after: said(after.agency.id) });
  listChanges('nationalPortal.diff.legalBasis', before.legalBasis, after.legalBasis, out);
  if (before.conditions !== after.conditions) {
    out.push({ what: top('conditions'), before: said(before.conditions || '—'), after: said(after.conditions || '—') });
  }
  listChanges('nationalPortal.diff.step', before.steps, after.steps, out);
  if (before.result.name !== after.result.name)
    out.push({ what: top('result'), before: said(before.result.name), after: said(after.result.name) });
  byCode(
    before.cases,
    after.cases,
    (c) =>
      out.push({
        what: { key: 'nationalPortal.diff.caseAdded', params: { case: c.code } },
        before: null,
        after: said(c.name),
      }),
    (c) =>
      out.push({
        what: { key: 'nationalPortal.diff.caseRemoved', params: { case: c.code } },
        before: said(c.name),
        after: null,
      }),
    (was, is) => caseChanges(was, is, out),
  );
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The pull

export type PullEntry =
  | { state: 'new'; nationalCode: string; procedureCode: string; name: string; draftVersion: number }
  | {
      state: 'updated';
      nationalCode: string;
      procedureCode: string;
      name: string;
      draftVersion: number;
      /** Against the published version. */
      changes: Change[];
    }
  | { state: 'unchanged'; nationalCode: string; procedureCode: string; name: string }
  /** The entry's data would make an invalid procedure: the catalogue's problems. */
  | { state: 'invalid'; nationalCode: string; procedureCode: string; name: string; problems: FieldProblem[] }
  /** The entry itself is not a procedure definition: what is wrong with it. */
  | { state: 'malformed'; nationalCode: string; detail: string };

export interface CataloguePull {
  id: string;
  startedBy: string | null;
  startedAt: string;
  finishedAt: string;
  outcome: 'done' | 'failed';
  error: string | null;
  entries: PullEntry[];
}

async function describeOrNone(catalog: CatalogService, code: string): Promise<ProcedureView | undefined> {
  try {
    return await catalog.describe(code);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

const sameDefinition = (a: ProcedureDefinition, b: ProcedureDefinition) => JSON.stringify(a) === JSON.stringify(b);

export class NationalCatalogueSync {
  constructor(
    private readonly db: Db,
    private readonly catalog: CatalogService,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Reads the national procedure database and brings each entry into the catalogue as a draft; records and returns
   * the report. A failed read records a failed pull and changes nothing.
   */
  async pull(client: NationalPortalClient, actor: Actor): Promise<CataloguePull> {
    const startedAt = this.clock.now().toISOString();
    const entries: PullEntry[] = [];
    let error: string | null = null;
    try {
      for (const raw of await client.procedures()) entries.push(await this.#take(raw, actor));
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    const pull: CataloguePull = {
      id: randomUUID(),
      startedBy: actor,
      startedAt,
      finishedAt: this.clock.now().toISOString(),
      outcome: error === null ? 'done' : 'failed',
      error,
      entries,
    };
    await repo.insertCataloguePull(this.db.kysely, {
      id: pull.id,
      started_by: pull.startedBy,
      started_at: pull.startedAt,
      finished_at: pull.finishedAt,
      outcome: pull.outcome,
      error: pull.error,
      report: JSON.stringify(pull.entries),
    });
    return pull;
  }

  async #take(raw: unknown, actor: Actor): Promise<PullEntry> {
    const parsed = nationalProcedureSchema.safeParse(raw);
    if (!parsed.success) {
      const given = (raw as { MaTTHC?: unknown } | null)?.MaTTHC;
      return {
        state: 'malformed',
        nationalCode: typeof given === 'string' ? given.slice(0, 100) : '—',
        detail: parsed.error.issues.map((i) => `${i.path.join('.') || '—'}: ${i.message}`).join('; '),
      };
    }
    const entry = parsed.data;
    const mapping = await repo.findMapping(this.db.kysely, entry.MaTTHC);
    const procedureCode = mapping?.procedure_code ?? entry.MaTTHC;
    const named = { nationalCode: entry.MaTTHC, procedureCode, name: entry.TenTTHC };
    const view = await describeOrNone(this.catalog, procedureCode);
    const base = view?.draft ?? view?.published ?? view?.versions[0];
    const merged = parseProcedureDefinition(mergeDefinition(entry, procedureCode, base?.definition));
    if (!merged.ok) return { ...named, state: 'invalid', problems: merged.problems };
    const definition = merged.value;
    const published = view?.published?.definition;
    // A draft awaiting review, reported against what the public sees now.
    const drafted = (draftVersion: number): PullEntry =>
      published
        ? { ...named, state: 'updated', draftVersion, changes: definitionChanges(published, definition) }
        : { ...named, state: 'new', draftVersion };
    if (base && sameDefinition(base.definition, definition)) {
      // An earlier pull's draft that already says this is still awaiting review; otherwise nothing changed.
      return view?.draft ? drafted(view.draft.version) : { ...named, state: 'unchanged' };
    }
    try {
      const draft = view
        ? await this.catalog.updateDraft(procedureCode, definition, actor)
        : await this.catalog.createDraft(definition, actor);
      return drafted(draft.version);
    } catch (failure) {
      // E.g. the agency named is not one of ours: the catalogue says so and nothing was written.
      if (failure instanceof ValidationError) return { ...named, state: 'invalid', problems: failure.fields };
      throw failure;
    }
  }

  async last(): Promise<CataloguePull | undefined> {
    const row = await repo.lastCataloguePull(this.db.kysely);
    if (!row) return undefined;
    return {
      id: row.id,
      startedBy: row.started_by,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      outcome: row.outcome,
      error: row.error,
      entries: JSON.parse(row.report) as PullEntry[],
    };
  }
}
