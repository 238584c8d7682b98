/**
 * The whole catalogue as one JSON document (export and import, round-trip exact) and as a CSV list. An import is
 * checked in full before anything is written, and written in one transaction: all or nothing.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type DbOrTx, inTransaction } from '../../db/transaction.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { type MessageParams, ValidationError } from '../../lib/errors.ts';
import type { Translator } from '../../web/i18n/index.ts';
import * as agencies from '../agencies/agencies.service.ts';
import * as repo from './catalog.repo.ts';
import { type ProcedureDefinition, parseProcedureDefinition } from './catalog.schema.ts';
import { type Actor, createDraft, describe, publish, unpublish, updateDraft } from './catalog.service.ts';
import type { ProcedureStatus } from './catalog.tables.ts';

export const CATALOG_FORMAT = 'motcua.catalog';

/**
 * One procedure: `definition` is what citizens see (published), saw last (unpublished) or the draft of a procedure
 * never published; `draft` is a pending edit of a published or unpublished procedure.
 */
export interface CatalogEntry {
  status: ProcedureStatus;
  definition: ProcedureDefinition;
  draft?: ProcedureDefinition;
}

export interface CatalogDocument {
  format: typeof CATALOG_FORMAT;
  formatVersion: 1;
  procedures: CatalogEntry[];
}

export type Progress = (done: number, total: number) => void;

export async function exportCatalogue(db: DbOrTx, onProgress?: Progress): Promise<CatalogDocument> {
  const rows = await repo.catalogue(db);
  const procedures = rows.map((row, i): CatalogEntry => {
    onProgress?.(i + 1, rows.length);
    const shown = row.status === 'published' ? row.published_definition : row.retired_definition;
    if (row.status === 'draft' || !shown)
      return { status: row.status, definition: JSON.parse(row.draft_definition ?? '{}') };
    return {
      status: row.status,
      definition: JSON.parse(shown),
      ...(row.draft_definition ? { draft: JSON.parse(row.draft_definition) } : {}),
    };
  });
  return { format: CATALOG_FORMAT, formatVersion: 1, procedures };
}

/** The export file's bytes: stable, so that export → import → export gives the same file. */
export function serialiseCatalogue(document: CatalogDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

export interface ImportProblem {
  /** Position of the procedure in the file's `procedures` array, or null for the file itself. */
  row: number | null;
  code: string | null;
  path: string;
  messageKey: string;
  params?: MessageParams;
}

/** A refused import: nothing was written. `rows` is the per-procedure report. */
export class CatalogImportError extends ValidationError {
  constructor(readonly rows: ImportProblem[]) {
    super(
      rows.map((r) => ({
        path: r.row === null ? r.path : `procedures.${r.row}.${r.path}`,
        messageKey: r.messageKey,
        ...(r.params ? { params: r.params } : {}),
      })),
      'catalog.import.refused',
      { count: rows.length },
    );
  }
}

const STATUSES: readonly ProcedureStatus[] = ['draft', 'published', 'unpublished'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a whole document without writing: every problem of every row. */
async function checkDocument(db: DbOrTx, input: unknown, onProgress?: Progress): Promise<CatalogEntry[]> {
  if (!isRecord(input) || input.format !== CATALOG_FORMAT || input.formatVersion !== 1) {
    throw new CatalogImportError([
      {
        row: null,
        code: null,
        path: 'format',
        messageKey: 'catalog.import.format',
        params: { format: CATALOG_FORMAT },
      },
    ]);
  }
  if (!Array.isArray(input.procedures)) {
    throw new CatalogImportError([
      { row: null, code: null, path: 'procedures', messageKey: 'catalog.problem.invalidType' },
    ]);
  }
  const known = new Set((await agencies.listAgencies(db)).map((a) => a.identifier));
  const problems: ImportProblem[] = [];
  const entries: CatalogEntry[] = [];
  const seen = new Set<string>();
  const rows = input.procedures as unknown[];
  rows.forEach((raw, row) => {
    onProgress?.(row + 1, rows.length);
    const record = isRecord(raw) ? raw : {};
    const definitionCode = isRecord(record.definition) ? record.definition.code : undefined;
    const code = typeof definitionCode === 'string' ? definitionCode : null;
    const report = (path: string, messageKey: string, params?: MessageParams) =>
      problems.push({ row, code, path, messageKey, ...(params ? { params } : {}) });
    const parsed = (key: 'definition' | 'draft'): ProcedureDefinition | undefined => {
      const result = parseProcedureDefinition(record[key]);
      if (!result.ok) {
        for (const p of result.problems) report(p.path ? `${key}.${p.path}` : key, p.messageKey, p.params);
        return undefined;
      }
      if (!known.has(result.value.agency.id)) {
        report(`${key}.agency.id`, 'catalog.errors.agencyUnknown', { value: result.value.agency.id });
      }
      return result.value;
    };
    const status = record.status as ProcedureStatus;
    if (!STATUSES.includes(status)) {
      report('status', 'catalog.problem.invalidOption', { values: STATUSES.join(', ') });
    }
    const definition = parsed('definition');
    const draft = record.draft === undefined || status === 'draft' ? undefined : parsed('draft');
    if (record.draft !== undefined && status === 'draft') report('draft', 'catalog.import.draftOfDraft');
    if (definition && seen.has(definition.code)) {
      report('definition.code', 'catalog.problem.duplicate', { value: definition.code });
    }
    if (definition) seen.add(definition.code);
    if (definition && draft && draft.code !== definition.code) {
      report('draft.code', 'catalog.errors.codeChanged', { code: definition.code });
    }
    if (definition) entries.push({ status, definition, ...(draft ? { draft } : {}) });
  });
  if (problems.length > 0) throw new CatalogImportError(problems);
  return entries;
}

const same = (a: ProcedureDefinition | undefined, b: ProcedureDefinition) =>
  a !== undefined && JSON.stringify(a) === JSON.stringify(b);

/** Brings one procedure to the state the entry describes, writing only what differs. Returns whether it changed. */
async function applyEntry(tx: DbOrTx, entry: CatalogEntry, actor: Actor, clock: Clock): Promise<boolean> {
  const { status, definition, draft } = entry;
  const { code } = definition;
  if (!(await repo.findProcedure(tx, code))) {
    await createDraft(tx, definition, actor, clock);
    if (status !== 'draft') await publish(tx, code, actor, clock);
    if (status === 'unpublished') await unpublish(tx, code, clock);
    if (draft) await updateDraft(tx, code, draft, actor, clock);
    return true;
  }
  const view = await describe(tx, code);
  let changed = false;
  const republish = async () => {
    await updateDraft(tx, code, definition, actor, clock);
    await publish(tx, code, actor, clock);
    changed = true;
  };
  const lastShown = view.versions.find((v) => v.status !== 'draft');
  if (status === 'draft') {
    if (!same(view.draft?.definition, definition)) {
      await updateDraft(tx, code, definition, actor, clock);
      changed = true;
    }
  } else if (status === 'published') {
    if (!same(view.published?.definition, definition)) await republish();
  } else if (view.status === 'published' && same(view.published?.definition, definition)) {
    await unpublish(tx, code, clock);
    changed = true;
  } else if (view.status !== 'unpublished' || !same(lastShown?.definition, definition)) {
    await republish();
    await unpublish(tx, code, clock);
  }
  if (draft && !same((await describe(tx, code)).draft?.definition, draft)) {
    await updateDraft(tx, code, draft, actor, clock);
    changed = true;
  }
  return changed;
}

export interface ImportSummary {
  procedures: number;
  changed: number;
}

/** Imports a catalogue document: refused whole (CatalogImportError) when any row has a problem. */
export async function importCatalogue(
  db: Kysely<Database>,
  input: unknown,
  options: { actor?: Actor; clock?: Clock; onCheck?: Progress; onWrite?: Progress } = {},
): Promise<ImportSummary> {
  const entries = await checkDocument(db, input, options.onCheck);
  const clock = options.clock ?? systemClock;
  return inTransaction(db, async (tx) => {
    let changed = 0;
    for (const [i, entry] of entries.entries()) {
      if (await applyEntry(tx, entry, options.actor ?? null, clock)) changed += 1;
      options.onWrite?.(i + 1, entries.length);
    }
    return { procedures: entries.length, changed };
  });
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The catalogue as a list (one line per procedure, its newest definition), for spreadsheets: UTF-8 with a BOM. */
export async function exportCsv(db: DbOrTx, t: Translator): Promise<string> {
  const rows = await repo.catalogue(db);
  const header = [
    'code',
    'name',
    'status',
    'publishedVersion',
    'draftVersion',
    'agencyCode',
    'agencyName',
    'fieldCode',
    'fieldName',
    'level',
    'onlineMode',
    'processingTime',
    'fees',
  ].map((column) => t(`catalog.csv.${column}`));
  const lines = rows.map((row) => {
    const d = JSON.parse(
      row.draft_definition ?? row.published_definition ?? row.retired_definition ?? '{}',
    ) as ProcedureDefinition;
    const first = d.cases[0];
    return [
      row.code,
      d.name,
      t(`catalog.status.${row.status}`),
      row.published_version ?? '',
      row.draft_version ?? '',
      row.agency_identifier,
      row.agency_name,
      d.field.code,
      d.field.name,
      t(`catalog.level.${d.agency.level}`),
      t(`catalog.mode.${d.onlineMode}`),
      first ? t(`catalog.duration.${first.processingTime.unit}`, { value: first.processingTime.value }) : '',
      (first?.fees ?? []).map((fee) => `${fee.name}: ${fee.amount}`).join('; '),
    ]
      .map(csvCell)
      .join(',');
  });
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
