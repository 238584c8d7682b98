/**
 * `motcua import dossiers FILE.csv`: dossier records from an earlier system, checked row by row. Good rows become
 * dossiers with `source = 'import'` that count in every statistic like native ones; bad rows are reported (row, code,
 * reason) and change nothing. Importing the same file again updates the imported records instead of adding them twice;
 * a code that belongs to a dossier filed on this system is never overwritten.
 *
 * Columns: code, procedureCode, agencyCode, channel (1 in person, 2 online, 3 postal), onlineLevel (2/3/4, empty: the
 * procedure's mode), receivedAt, dueAt, resolvedAt, returnedAt (ISO 8601 instants with a zone), status (1–10).
 * For statuses 3, 7 and 8 (refused, withdrawn, stopped) resolvedAt, when given, is when that happened.
 */
import { randomUUID } from 'node:crypto';
import { parseString } from '@fast-csv/parse';
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { AppError, type MessageParams } from '../../lib/errors.ts';
import { vietnamDateOf } from '../../lib/vn-time.ts';
import { listAgencies } from '../agencies/agencies.service.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';
import { parseDossierCode } from '../dossiers/dossier-code.ts';
import type { FrozenProcedure } from '../dossiers/dossiers.schema.ts';
import type { DossiersTable } from '../dossiers/dossiers.tables.ts';
import { type FrozenText, freeze, storeFrozen } from '../dossiers/frozen-procedures.ts';
import { resetCells, withDossierColumns } from './statistics.repo.ts';
import type { DossierStatsColumns } from './statistics.tables.ts';

export const importColumns = [
  'code',
  'procedureCode',
  'agencyCode',
  'channel',
  'onlineLevel',
  'receivedAt',
  'dueAt',
  'resolvedAt',
  'returnedAt',
  'status',
] as const;
type Column = (typeof importColumns)[number];
type CsvRow = Partial<Record<Column, string>>;

export interface RejectedRow {
  /** Line number in the file (the header is line 1). */
  row: number;
  code: string;
  messageKey: string;
  params: MessageParams;
}

export interface ImportReport {
  imported: number;
  updated: number;
  rejected: RejectedRow[];
}

export class ImportHeaderError extends Error {
  readonly messageKey = 'statistics.import.header';
  readonly params = { columns: importColumns.join(', ') };
}

class RowProblem extends Error {
  constructor(
    readonly messageKey: string,
    readonly params: MessageParams = {},
  ) {
    super(messageKey);
  }
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const modeOfLevel = { '2': 'none', '3': 'partial', '4': 'full' } as const;
const BATCH = 500;

type ImportedRow = Insertable<DossiersTable> & Insertable<DossierStatsColumns>;

interface Lookups {
  agencies: Set<string>;
  procedure(
    code: string,
  ): Promise<{ versionId: string; version: number; frozen: FrozenProcedure; text: FrozenText } | undefined>;
}

function instant(row: CsvRow, column: Column, required: boolean): string | null {
  const text = row[column]?.trim() ?? '';
  if (text === '') {
    if (required) throw new RowProblem('statistics.import.required', { column });
    return null;
  }
  const ms = Date.parse(text);
  if (!INSTANT.test(text) || Number.isNaN(ms))
    throw new RowProblem('statistics.import.instant', { column, value: text });
  return new Date(ms).toISOString();
}

/** One CSV row as a dossier row, or the first problem found. */
async function toDossier(row: CsvRow, lookups: Lookups, now: string): Promise<ImportedRow> {
  const code = row.code?.trim() ?? '';
  if (code === '') throw new RowProblem('statistics.import.required', { column: 'code' });
  try {
    parseDossierCode(code);
  } catch (error) {
    if (error instanceof AppError) throw new RowProblem('statistics.import.code', { value: code });
    throw error;
  }
  const procedureCode = row.procedureCode?.trim() ?? '';
  if (procedureCode === '') throw new RowProblem('statistics.import.required', { column: 'procedureCode' });
  const procedure = await lookups.procedure(procedureCode);
  if (!procedure) throw new RowProblem('statistics.import.procedure', { value: procedureCode });
  const agency = row.agencyCode?.trim().toUpperCase() ?? '';
  if (agency === '') throw new RowProblem('statistics.import.required', { column: 'agencyCode' });
  if (!lookups.agencies.has(agency)) throw new RowProblem('statistics.import.agency', { value: agency });
  const channelText = row.channel?.trim() ?? '';
  if (!['1', '2', '3'].includes(channelText)) throw new RowProblem('statistics.import.channel', { value: channelText });
  const levelText = row.onlineLevel?.trim() ?? '';
  if (levelText !== '' && !(levelText in modeOfLevel))
    throw new RowProblem('statistics.import.level', { value: levelText });
  const statusText = row.status?.trim() ?? '';
  const status = Number(statusText);
  if (!/^\d{1,2}$/.test(statusText) || status < 1 || status > 10) {
    throw new RowProblem('statistics.import.status', { value: statusText });
  }
  const receivedAt = instant(row, 'receivedAt', true) as string;
  const dueAt = instant(row, 'dueAt', false);
  const resolvedAt = instant(row, 'resolvedAt', false);
  const returnedAt = instant(row, 'returnedAt', false);
  for (const [column, at] of [
    ['dueAt', dueAt],
    ['resolvedAt', resolvedAt],
    ['returnedAt', returnedAt],
  ] as const) {
    if (at !== null && at < receivedAt) throw new RowProblem('statistics.import.order', { column });
  }
  // What each status needs of the dates: a result needs its resolution (or return), open dossiers have neither.
  const consistent =
    status === 9
      ? resolvedAt !== null && returnedAt === null
      : status === 10
        ? returnedAt !== null
        : [1, 2, 4, 5, 6].includes(status)
          ? resolvedAt === null && returnedAt === null
          : returnedAt === null;
  if (!consistent) throw new RowProblem('statistics.import.statusDates', { status });
  const endedAt = resolvedAt ?? receivedAt;
  const accepted = status !== 1 && status !== 3;
  const events = [receivedAt, resolvedAt, returnedAt].filter((v): v is string => v !== null).sort();
  const frozen = procedure.frozen;
  return {
    id: randomUUID(),
    code,
    submitted_by: 'import',
    submission_key: `import:${code}`,
    procedure_code: frozen.procedure.code,
    procedure_name: frozen.procedure.name,
    procedure_version_id: procedure.versionId,
    procedure_version: procedure.version,
    frozen_hash: procedure.text.hash,
    field_code: frozen.procedure.field.code,
    case_code: frozen.case.code,
    receiving_agency_id: agency,
    current_agency_id: agency,
    current_step: 0,
    channel: Number(channelText) as 1 | 2 | 3,
    online_mode: levelText === '' ? frozen.procedure.onlineMode : modeOfLevel[levelText as keyof typeof modeOfLevel],
    status,
    resume_status: status === 5 || status === 6 ? 4 : null,
    applicant_user_id: null,
    // Earlier systems' exports for statistics carry no personal data.
    applicant_name: '',
    applicant_search: '',
    applicant_id_number: '',
    form_data: '{}',
    components: '[]',
    delivery_method: 'counter',
    delivery_address: null,
    submitted_at: receivedAt,
    accepted_at: accepted ? receivedAt : null,
    due_at: accepted ? dueAt : null,
    due_date: accepted && dueAt ? vietnamDateOf(new Date(dueAt)) : null,
    resolved_at: status >= 9 ? resolvedAt : null,
    returned_at: returnedAt,
    refused_at: status === 3 ? endedAt : null,
    stopped_at: status === 8 ? endedAt : null,
    withdrawn_at: status === 7 ? endedAt : null,
    version: 1,
    created_at: now,
    // The record's last event: the statistics read changes by this column.
    updated_at: events[events.length - 1] as string,
    source: 'import',
    handling_agency_id: agency,
  };
}

export interface ImportOptions {
  clock?: Clock;
  onProgress?: (done: number, total: number) => void;
}

function parseRows(text: string): Promise<{ headers: string[]; rows: CsvRow[] }> {
  return new Promise((resolve, reject) => {
    let headers: string[] = [];
    const rows: CsvRow[] = [];
    parseString(text.replace(/^\uFEFF/, ''), {
      headers: (h) => {
        headers = h.map((name) => name?.trim() ?? '');
        return headers;
      },
      ignoreEmpty: true,
      discardUnmappedColumns: true,
    })
      .on('error', reject)
      .on('data', (row: CsvRow) => rows.push(row))
      .on('end', () => resolve({ headers, rows }));
  });
}

export async function importDossiers(
  db: Db,
  catalog: CatalogService,
  text: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const now = (options.clock ?? systemClock).now().toISOString();
  const { headers, rows } = await parseRows(text);
  if (!importColumns.every((c) => headers.includes(c))) throw new ImportHeaderError();

  const index = await catalog.index();
  const procedures = new Map<string, Awaited<ReturnType<Lookups['procedure']>>>();
  const frozenTexts = new Map<string, FrozenText>();
  const lookups: Lookups = {
    agencies: new Set((await listAgencies(db.kysely)).map((a) => a.identifier)),
    async procedure(code) {
      if (!procedures.has(code)) {
        const entry = index.get(code);
        const definition = entry?.definition;
        const procedureCase = definition?.cases[0];
        const version = entry ? await catalog.getVersion(entry.versionId) : undefined;
        if (definition && procedureCase && version) {
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
          const text = freeze(frozen);
          frozenTexts.set(text.hash, text);
          procedures.set(code, { versionId: version.versionId, version: version.version, frozen, text });
        } else {
          procedures.set(code, undefined);
        }
      }
      return procedures.get(code);
    },
  };

  const report: ImportReport = { imported: 0, updated: 0, rejected: [] };
  const seen = new Set<string>();
  let batch: { line: number; dossier: ImportedRow }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    await inTransaction(db.kysely, async (tx) => {
      await storeFrozen(
        tx,
        current.map((b) => frozenTexts.get(b.dossier.frozen_hash)!),
      );
      const existing = await withDossierColumns(tx)
        .selectFrom('dossiers')
        .select(['id', 'code', 'source'])
        .where(
          'code',
          'in',
          current.map((b) => b.dossier.code),
        )
        .execute();
      const byCode = new Map(existing.map((e) => [e.code, e]));
      const fresh: ImportedRow[] = [];
      for (const { line, dossier } of current) {
        const found = byCode.get(dossier.code);
        if (!found) {
          fresh.push(dossier);
          continue;
        }
        if (found.source !== 'import') {
          report.rejected.push({
            row: line,
            code: dossier.code,
            messageKey: 'statistics.import.native',
            params: { value: dossier.code },
          });
          continue;
        }
        const { id: _id, created_at: _created, code: _code, ...changes } = dossier;
        await withDossierColumns(tx).updateTable('dossiers').set(changes).where('id', '=', found.id).execute();
        report.updated += 1;
      }
      if (fresh.length > 0) await withDossierColumns(tx).insertInto('dossiers').values(fresh).execute();
      report.imported += fresh.length;
    });
  };

  for (const [i, row] of rows.entries()) {
    const line = i + 2;
    const code = row.code?.trim() ?? '';
    try {
      if (seen.has(code)) throw new RowProblem('statistics.import.duplicate', { value: code });
      const dossier = await toDossier(row, lookups, now);
      seen.add(code);
      batch.push({ line, dossier });
      if (batch.length >= BATCH) await flush();
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      report.rejected.push({ row: line, code, messageKey: error.messageKey, params: error.params });
    }
    options.onProgress?.(i + 1, rows.length);
  }
  await flush();
  report.rejected.sort((a, b) => a.row - b.row);
  // Imported records may fall in any month: the statistics rebuild all their months at the next refresh.
  if (report.imported + report.updated > 0) await resetCells(db.kysely);
  return report;
}
