import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { bumpReference, deepFreeze, Lru, readReference } from '../../db/reference-cache.ts';
import { type DbOrTx, inTransaction } from '../../db/transaction.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import * as agencies from '../agencies/agencies.service.ts';
import * as repo from './catalog.repo.ts';
import { assertProcedureDefinition, type ProcedureDefinition } from './catalog.schema.ts';
import type { ProcedureStatus, VersionStatus } from './catalog.tables.ts';
import { type ImportSummary, importCatalogue } from './catalog.transfer.ts';
import { CatalogIndex, type SearchQuery, type SearchResult } from './catalog-index.ts';

/** The officer who acts (a user id), or null for the system (seed, CLI import). */
export type Actor = string | null;

export interface VersionRef {
  code: string;
  versionId: string;
  version: number;
  status: VersionStatus;
}

/** What a dossier freezes at submission: later catalogue edits make new versions and never change this one. */
export interface PublishedProcedure {
  versionId: string;
  version: number;
  definition: ProcedureDefinition;
}

export interface ProcedureVersionView {
  versionId: string;
  version: number;
  status: VersionStatus;
  definition: ProcedureDefinition;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  retiredAt: string | null;
}

export interface ProcedureView {
  code: string;
  status: ProcedureStatus;
  published: ProcedureVersionView | undefined;
  draft: ProcedureVersionView | undefined;
  versions: ProcedureVersionView[];
}

export interface ProcedureSummary {
  code: string;
  name: string;
  status: ProcedureStatus;
  agency: { code: string; name: string };
  publishedVersion: number | null;
  draftVersion: number | null;
}

const notFound = (code: string) =>
  new NotFoundError('catalog.errors.procedureNotFound', { code }, 'procedure_not_found');

/** Validates a definition and checks that its agency exists; returns the definition in its stored form. */
async function validDefinition(
  db: DbOrTx,
  input: unknown,
): Promise<{ definition: ProcedureDefinition; agencyId: string }> {
  const definition = assertProcedureDefinition(input);
  const agency = await agencies.findAgency(db, definition.agency.id);
  if (!agency) {
    throw new ValidationError(
      [{ path: 'agency.id', messageKey: 'catalog.errors.agencyUnknown', params: { value: definition.agency.id } }],
      'catalog.procedure.invalid',
    );
  }
  return { definition, agencyId: agency.id };
}

async function procedureOrThrow(db: DbOrTx, code: string): Promise<repo.ProcedureRow> {
  const procedure = await repo.findProcedure(db, code);
  if (!procedure) throw notFound(code);
  return procedure;
}

/** A new procedure whose first version is a draft. */
export async function createDraft(
  db: DbOrTx,
  input: unknown,
  actor: Actor,
  clock: Clock = systemClock,
): Promise<VersionRef> {
  const { definition, agencyId } = await validDefinition(db, input);
  if (await repo.findProcedure(db, definition.code)) {
    throw new ConflictError('procedure_exists', 'catalog.errors.codeTaken', { code: definition.code });
  }
  const now = clock.now().toISOString();
  const procedureId = randomUUID();
  const versionId = randomUUID();
  await repo.insertProcedure(db, {
    id: procedureId,
    code: definition.code,
    agency_id: agencyId,
    status: 'draft',
    published_version_id: null,
    draft_version_id: null,
    created_at: now,
    updated_at: now,
  });
  await repo.insertVersion(db, newVersionRow(procedureId, versionId, 1, definition, actor, now));
  await repo.updateProcedure(db, procedureId, { draft_version_id: versionId });
  return { code: definition.code, versionId, version: 1, status: 'draft' };
}

function newVersionRow(
  procedureId: string,
  id: string,
  version: number,
  definition: ProcedureDefinition,
  actor: Actor,
  now: string,
) {
  return {
    id,
    procedure_id: procedureId,
    version,
    status: 'draft' as const,
    definition: JSON.stringify(definition),
    created_by: actor,
    created_at: now,
    updated_at: now,
    published_by: null,
    published_at: null,
    retired_at: null,
  };
}

/**
 * Saves an edit. A published version never changes: the edit goes to the procedure's open draft, or to a new draft
 * version when there is none.
 */
export async function updateDraft(
  db: DbOrTx,
  code: string,
  input: unknown,
  actor: Actor,
  clock: Clock = systemClock,
): Promise<VersionRef> {
  const procedure = await procedureOrThrow(db, code);
  const { definition, agencyId } = await validDefinition(db, input);
  if (definition.code !== code) {
    throw new ValidationError(
      [{ path: 'code', messageKey: 'catalog.errors.codeChanged', params: { code } }],
      'catalog.procedure.invalid',
    );
  }
  const now = clock.now().toISOString();
  const agencyPatch = procedure.status === 'published' ? {} : { agency_id: agencyId };
  if (procedure.draft_version_id) {
    await repo.updateVersion(db, procedure.draft_version_id, {
      definition: JSON.stringify(definition),
      updated_at: now,
    });
    await repo.updateProcedure(db, procedure.id, { ...agencyPatch, updated_at: now });
    const draft = await repo.findVersion(db, procedure.draft_version_id);
    return { code, versionId: procedure.draft_version_id, version: draft?.version ?? 0, status: 'draft' };
  }
  const version = (await repo.lastVersionNumber(db, procedure.id)) + 1;
  const versionId = randomUUID();
  await repo.insertVersion(db, newVersionRow(procedure.id, versionId, version, definition, actor, now));
  await repo.updateProcedure(db, procedure.id, { ...agencyPatch, draft_version_id: versionId, updated_at: now });
  return { code, versionId, version, status: 'draft' };
}

/** Publishes the open draft; the version published before it is retired. */
export async function publish(db: DbOrTx, code: string, actor: Actor, clock: Clock = systemClock): Promise<VersionRef> {
  const procedure = await procedureOrThrow(db, code);
  const draft = procedure.draft_version_id ? await repo.findVersion(db, procedure.draft_version_id) : undefined;
  if (!draft) throw new ConflictError('no_draft', 'catalog.errors.noDraft', { code });
  // Checked again: the agency may have gone, or the rules may have tightened, since the draft was saved.
  const { agencyId } = await validDefinition(db, JSON.parse(draft.definition));
  const now = clock.now().toISOString();
  if (procedure.published_version_id) {
    await repo.updateVersion(db, procedure.published_version_id, {
      status: 'retired',
      retired_at: now,
      updated_at: now,
    });
  }
  await repo.updateVersion(db, draft.id, {
    status: 'published',
    published_by: actor,
    published_at: now,
    updated_at: now,
  });
  await repo.updateProcedure(db, procedure.id, {
    status: 'published',
    agency_id: agencyId,
    published_version_id: draft.id,
    draft_version_id: null,
    updated_at: now,
  });
  await bumpReference(db, 'catalog');
  return { code, versionId: draft.id, version: draft.version, status: 'published' };
}

/** Withdraws the procedure from the public catalogue; its published version is retired. */
export async function unpublish(db: DbOrTx, code: string, clock: Clock = systemClock): Promise<void> {
  const procedure = await procedureOrThrow(db, code);
  if (!procedure.published_version_id)
    throw new ConflictError('not_published', 'catalog.errors.notPublished', { code });
  const now = clock.now().toISOString();
  await repo.updateVersion(db, procedure.published_version_id, { status: 'retired', retired_at: now, updated_at: now });
  await repo.updateProcedure(db, procedure.id, { status: 'unpublished', published_version_id: null, updated_at: now });
  await bumpReference(db, 'catalog');
}

/** A new procedure, as a draft, from the newest definition of an existing one under a new code. */
async function copy(
  db: DbOrTx,
  fromCode: string,
  newCode: string,
  actor: Actor,
  clock: Clock = systemClock,
): Promise<VersionRef> {
  const view = await describe(db, fromCode);
  const source = view.draft ?? view.published ?? view.versions[0];
  if (!source) throw notFound(fromCode);
  return createDraft(db, { ...source.definition, code: newCode }, actor, clock);
}

async function findVersion(db: DbOrTx, versionId: string): Promise<repo.VersionRow> {
  const version = await repo.findVersion(db, versionId);
  if (!version) throw new NotFoundError('catalog.errors.versionNotFound', { id: versionId }, 'version_not_found');
  return version;
}

const toPublished = (row: repo.VersionRow): PublishedProcedure => ({
  versionId: row.id,
  version: row.version,
  definition: JSON.parse(row.definition),
});

/** Any version by its id: the definition a dossier froze, whatever happened to the catalogue since. */
export async function getVersion(db: DbOrTx, versionId: string): Promise<PublishedProcedure> {
  return toPublished(await findVersion(db, versionId));
}

const toVersionView = (row: repo.VersionRow): ProcedureVersionView => ({
  versionId: row.id,
  version: row.version,
  status: row.status,
  definition: JSON.parse(row.definition),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  publishedAt: row.published_at,
  retiredAt: row.retired_at,
});

/** A procedure with all its versions, newest first. */
export async function describe(db: DbOrTx, code: string): Promise<ProcedureView> {
  const procedure = await procedureOrThrow(db, code);
  const versions = (await repo.versionsOf(db, procedure.id)).map(toVersionView);
  return {
    code,
    status: procedure.status,
    published: versions.find((v) => v.versionId === procedure.published_version_id),
    draft: versions.find((v) => v.versionId === procedure.draft_version_id),
    versions,
  };
}

/** Every procedure, in code order, named by its draft or else its published or last version. */
export async function list(db: DbOrTx): Promise<ProcedureSummary[]> {
  return (await repo.catalogue(db)).map((row) => {
    const text = row.draft_definition ?? row.published_definition ?? row.retired_definition ?? '{}';
    return {
      code: row.code,
      name: (JSON.parse(text) as Partial<ProcedureDefinition>).name ?? row.code,
      status: row.status,
      agency: { code: row.agency_identifier, name: row.agency_name },
      publishedVersion: row.published_version,
      draftVersion: row.draft_version,
    };
  });
}

/** Published definitions with their agency names, for the public index. */
async function publishedCatalogue(db: DbOrTx) {
  const names = new Map((await agencies.listAgencies(db)).map((a) => [a.identifier, a.name]));
  return (await repo.catalogue(db, { publishedOnly: true })).flatMap((row) => {
    if (!row.published_definition || !row.published_version_id) return [];
    const definition = JSON.parse(row.published_definition) as ProcedureDefinition;
    return [
      {
        versionId: row.published_version_id,
        definition,
        agencyName: names.get(definition.agency.id) ?? definition.agency.id,
      },
    ];
  });
}

/** Versions kept in memory per catalogue service, with their parsed definitions. */
const VERSIONS_KEPT = 500;

/**
 * The catalogue for one process: commands in a transaction each; the search index of the published procedures and the
 * published version of each code kept in memory until a publish or unpublish, here or in another process (see
 * db/reference-cache.ts); published and retired versions kept by id, as they never change.
 */
export class CatalogService {
  readonly #versions = new Lru<string, PublishedProcedure>(VERSIONS_KEPT);

  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  /** The index also shows agency names, so it is rebuilt when an agency changes too. */
  index(): Promise<CatalogIndex> {
    return readReference(
      this.db.kysely,
      'catalog.index',
      ['catalog', 'agencies'],
      async (db) => new CatalogIndex(await publishedCatalogue(db)),
    );
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    return (await this.index()).search(query);
  }

  #command<T>(work: (tx: DbOrTx) => Promise<T>): Promise<T> {
    return inTransaction(this.db.kysely, work);
  }

  /** Imports a catalogue document (see catalog.transfer.ts), all or nothing. */
  import(document: unknown, actor: Actor): Promise<ImportSummary> {
    return importCatalogue(this.db.kysely, document, { actor, clock: this.clock });
  }

  createDraft(input: unknown, actor: Actor): Promise<VersionRef> {
    return this.#command((tx) => createDraft(tx, input, actor, this.clock));
  }

  updateDraft(code: string, input: unknown, actor: Actor): Promise<VersionRef> {
    return this.#command((tx) => updateDraft(tx, code, input, actor, this.clock));
  }

  publish(code: string, actor: Actor): Promise<VersionRef> {
    return this.#command((tx) => publish(tx, code, actor, this.clock));
  }

  unpublish(code: string): Promise<void> {
    return this.#command((tx) => unpublish(tx, code, this.clock));
  }

  copy(fromCode: string, newCode: string, actor: Actor): Promise<VersionRef> {
    return this.#command((tx) => copy(tx, fromCode, newCode, actor, this.clock));
  }

  /** Any version by id, published or not: what a dossier froze at submission. Shared and frozen. */
  async getVersion(versionId: string): Promise<PublishedProcedure> {
    const kept = this.#versions.get(versionId);
    if (kept) return kept;
    const row = await findVersion(this.db.kysely, versionId);
    const version = deepFreeze(toPublished(row));
    // A draft is edited in place (updateDraft); once published its definition and number never change.
    if (row.status !== 'draft') this.#versions.set(versionId, version);
    return version;
  }

  /** The published version of a code, to freeze onto a dossier. Shared and frozen. */
  async getPublished(code: string): Promise<PublishedProcedure> {
    const published = await readReference(this.db.kysely, 'catalog.published', ['catalog'], repo.publishedVersions);
    const versionId = published.get(code);
    if (!versionId) throw notFound(code);
    return this.getVersion(versionId);
  }

  describe(code: string): Promise<ProcedureView> {
    return describe(this.db.kysely, code);
  }

  list(): Promise<ProcedureSummary[]> {
    return list(this.db.kysely);
  }
}
