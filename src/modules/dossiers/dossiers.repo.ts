import {
  type Insertable,
  type InsertQueryBuilder,
  type InsertResult,
  type Kysely,
  type QueryCreator,
  type Selectable,
  sql,
  type Updateable,
  type UpdateQueryBuilder,
} from 'kysely';
import type { Database } from '../../db/schema.ts';
import { abortWhen } from '../../db/statement-guard.ts';
import type { DbOrTx, Tx } from '../../db/transaction.ts';
import './dossiers.tables.ts';
import type { DossierActionsTable, DossiersTable, FrozenProceduresTable } from './dossiers.tables.ts';

export type DossierRow = Selectable<DossiersTable>;
export type ActionRow = Selectable<DossierActionsTable>;

/**
 * Takes the next sequence for an agency-day. The upsert locks the counter row until the caller's transaction ends,
 * so concurrent submitters queue on it (across processes too), and a rolled-back submission gives its number back.
 */
export async function nextSequence(tx: Tx, agencyIdentifier: string, day: string): Promise<number> {
  const row = await tx
    .insertInto('dossier_code_counters')
    .values({ agency_identifier: agencyIdentifier, day, last_sequence: 1 })
    .onConflict((oc) =>
      oc
        .columns(['agency_identifier', 'day'])
        .doUpdateSet((eb) => ({ last_sequence: eb('dossier_code_counters.last_sequence', '+', 1) })),
    )
    .returning('last_sequence')
    .executeTakeFirstOrThrow();
  return Number(row.last_sequence);
}

/**
 * `nextSequence` as a statement of its own whose commit does not wait for the disk (PostgreSQL): a later commit that
 * uses the number flushes the log past it. One round trip: `set_config(…, true)` holds until the end of the
 * statement's own transaction, its commit included, as `set local` would in an explicit one.
 */
export async function nextSequenceAhead(db: Kysely<Database>, agencyIdentifier: string, day: string): Promise<number> {
  const { rows } = await sql<{ last_sequence: number | string }>`
    insert into dossier_code_counters (agency_identifier, day, last_sequence)
    select ${agencyIdentifier}, ${day}, 1 from (select set_config('synchronous_commit', 'off', true)) as async_commit
    on conflict (agency_identifier, day) do update set last_sequence = dossier_code_counters.last_sequence + 1
    returning last_sequence`.execute(db);
  return Number(rows[0]!.last_sequence);
}

export async function insertDossier(tx: Tx, row: Insertable<DossiersTable>): Promise<void> {
  await tx.insertInto('dossiers').values(row).execute();
}

/** The parts of a submission written with the dossier row (see `insertSubmission`). */
export interface SubmissionWrite {
  dossier: Insertable<DossiersTable>;
  action: Insertable<DossierActionsTable>;
  /**
   * The update attaching the dossier's files (returning their ids and sizes), how many it must attach (none: no
   * update), and how many bytes they may hold together (not finite: any).
   */
  files: { count: number; maxBytes: number; update: (qc: QueryCreator<Database>) => AttachUpdate };
  /** The insert of its outbox message. */
  message: (qc: QueryCreator<Database>) => MessageInsert;
}

type AttachUpdate = UpdateQueryBuilder<Database, 'files', 'files', { id: string; size: number }>;
type MessageInsert = InsertQueryBuilder<Database, 'outbox', InsertResult>;

/** Why a submission written as one statement was undone. */
export const FILES_NOT_ATTACHED = 'dossier_files_not_attached';

/**
 * PostgreSQL: writes a submission — dossier, attached files, first action, outbox message — as one statement, so one
 * round trip and one commit. If the files did not all attach (unknown, taken, of a wrong kind) or hold too many bytes
 * together, the statement aborts with
 * `FILES_NOT_ATTACHED` and nothing stays (see db/statement-guard.ts). The action's reference to the dossier is checked
 * at the end of the statement, when the dossier row is there. The parts built elsewhere are built on `db` itself.
 */
export async function insertSubmission(db: Kysely<Database>, write: SubmissionWrite): Promise<void> {
  const parts = db
    .with('dossier', (qc) => qc.insertInto('dossiers').values(write.dossier))
    .with('action', (qc) => qc.insertInto('dossier_actions').values(write.action))
    .with('message', () => write.message(db));
  if (write.files.count === 0) {
    await parts.selectNoFrom(sql<boolean>`true`.as('written')).execute();
    return;
  }
  await parts
    .with('attached', () => write.files.update(db))
    .selectNoFrom((eb) => {
      const attached = (what: 'n' | 'bytes') =>
        eb
          .selectFrom('attached')
          .select((a) => (what === 'n' ? a.fn.countAll<number>() : a.fn.sum<number>('size')).as(what));
      const short = eb(attached('n'), '<>', write.files.count);
      const failed = Number.isFinite(write.files.maxBytes)
        ? eb.or([short, eb(attached('bytes'), '>', write.files.maxBytes)])
        : short;
      return abortWhen(failed, FILES_NOT_ATTACHED).as('written');
    })
    .execute();
}

/** Inserts the frozen definitions whose hash is not there yet (see `storeFrozen`). */
export async function insertFrozen(db: DbOrTx, rows: readonly FrozenProceduresTable[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('frozen_procedures')
    .values([...rows])
    .onConflict((oc) => oc.column('hash').doNothing())
    .execute();
}

export function frozenByHash(db: DbOrTx, hashes: readonly string[]): Promise<FrozenProceduresTable[]> {
  return db
    .selectFrom('frozen_procedures')
    .select(['hash', 'definition'])
    .where('hash', 'in', [...hashes])
    .execute();
}

export function findByCode(db: DbOrTx, code: string): Promise<DossierRow | undefined> {
  return db.selectFrom('dossiers').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findBySubmissionKey(
  db: DbOrTx,
  submittedBy: string,
  submissionKey: string,
): Promise<DossierRow | undefined> {
  return db
    .selectFrom('dossiers')
    .selectAll()
    .where('submitted_by', '=', submittedBy)
    .where('submission_key', '=', submissionKey)
    .executeTakeFirst();
}

/** Applies a change only if nobody changed the dossier since `expectedVersion`; returns whether it did. */
export async function updateIfVersion(
  tx: Tx,
  id: string,
  expectedVersion: number,
  patch: Updateable<DossiersTable>,
): Promise<boolean> {
  const result = await tx
    .updateTable('dossiers')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertAction(tx: Tx, row: Insertable<DossierActionsTable>): Promise<void> {
  await tx.insertInto('dossier_actions').values(row).execute();
}

export function actionsOf(db: DbOrTx, dossierId: string): Promise<ActionRow[]> {
  return db.selectFrom('dossier_actions').selectAll().where('dossier_id', '=', dossierId).orderBy('id').execute();
}

export interface QueueFilter {
  statuses: readonly number[];
  agencyColumn: 'current_agency_id' | 'receiving_agency_id';
  agencyIds: readonly string[];
  /** Upper-case code prefix and folded applicant-name fragment, already stripped of LIKE wildcards. */
  search?: { codePrefix: string; nameFragment: string };
  offset: number;
  limit: number;
  /** Counting stops here: an exact total over a queue of half a million dossiers costs a read of every one. */
  countUpTo: number;
}

function queueQuery(db: DbOrTx, filter: QueueFilter, statuses = filter.statuses, agencyIds = filter.agencyIds) {
  let query = db
    .selectFrom('dossiers')
    .where('status', 'in', [...statuses])
    .where(filter.agencyColumn, 'in', [...agencyIds]);
  const { search } = filter;
  if (search) {
    query = query.where((eb) =>
      eb.or([eb('code', 'like', `${search.codePrefix}%`), eb('applicant_search', 'like', `%${search.nameFragment}%`)]),
    );
  }
  return query;
}

/**
 * The ids of a queue page's candidates: for each status and agency, the first `offset + limit` dossiers with a due
 * date and the first without, each read in the order of the queue indexes (status, agency, due_at, submitted_at, id)
 * and stopped there, so that a page costs the same in a queue of ten dossiers or of half a million.
 */
function pageCandidates(db: DbOrTx, filter: QueueFilter) {
  const take = filter.offset + filter.limit;
  const branches = filter.statuses.flatMap((status) =>
    filter.agencyIds.flatMap((agencyId, i) =>
      [true, false].map((dated) => {
        const alias = `b${status}_${i}_${dated ? 'd' : 'n'}`;
        let branch = queueQuery(db, filter, [status], [agencyId]).select('id');
        branch = dated
          ? branch.where('due_at', 'is not', null).orderBy('due_at').orderBy('submitted_at').orderBy('id')
          : branch.where('due_at', 'is', null).orderBy('submitted_at').orderBy('id');
        return db.selectFrom(branch.limit(take).as(alias)).select(`${alias}.id` as 'id');
      }),
    ),
  );
  const [first, ...rest] = branches;
  return rest.reduce((union, branch) => union.unionAll(branch), first!);
}

/** What a queue row shows: the large JSON columns (frozen definition, form data) stay unread. */
const queueColumns = [
  'id',
  'code',
  'version',
  'status',
  'procedure_name',
  'applicant_name',
  'channel',
  'receiving_agency_id',
  'current_agency_id',
  'assignee_id',
  'submitted_at',
  'due_at',
  'due_date',
  'paused_at',
] as const;
type QueueRow = Pick<DossierRow, (typeof queueColumns)[number]>;

/**
 * A page of a work queue, soonest due first; dossiers without a due date last, oldest first. `total` is exact up to
 * `countUpTo`; past it, `more` says that the queue holds more than that.
 */
export async function queuePage(
  db: DbOrTx,
  filter: QueueFilter,
): Promise<{ rows: QueueRow[]; total: number; more: boolean }> {
  if (filter.agencyIds.length === 0) return { rows: [], total: 0, more: false };
  const counted = () =>
    db
      .selectFrom(
        queueQuery(db, filter)
          .select('id')
          .limit(filter.countUpTo + 1)
          .as('counted'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'));
  // The count rides along with the page (one round trip); a page past the end needs it on its own.
  const found = await db
    .selectFrom('dossiers')
    .select(queueColumns)
    .select(counted().as('queue_count'))
    .where('id', 'in', pageCandidates(db, filter))
    .orderBy((eb) => eb.case().when('due_at', 'is', null).then(1).else(0).end())
    .orderBy('due_at')
    .orderBy('submitted_at')
    .orderBy('id')
    .offset(filter.offset)
    .limit(filter.limit)
    .execute();
  const n = Number(found[0]?.queue_count ?? (filter.offset > 0 ? (await counted().executeTakeFirstOrThrow()).n : 0));
  const rows = found.map(({ queue_count: _, ...row }) => row);
  return { rows, total: Math.min(n, filter.countUpTo), more: n > filter.countUpTo };
}

export function byApplicant(db: DbOrTx, userId: string, limit: number): Promise<DossierRow[]> {
  return db
    .selectFrom('dossiers')
    .selectAll()
    .where('applicant_user_id', '=', userId)
    .orderBy('submitted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** How many dossiers the agencies received in [from, to). */
export async function countReceivedBetween(
  db: DbOrTx,
  agencyIds: readonly string[],
  from: string,
  to: string,
): Promise<number> {
  if (agencyIds.length === 0) return 0;
  const row = await db
    .selectFrom('dossiers')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('receiving_agency_id', 'in', [...agencyIds])
    .where('submitted_at', '>=', from)
    .where('submitted_at', '<', to)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Dossiers received at the agencies between two instants (`from` included, `to` excluded), oldest first. */
export function receivedBetween(
  db: DbOrTx,
  agencyIds: readonly string[],
  from: string,
  to: string,
  limit: number,
): Promise<DossierRow[]> {
  if (agencyIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('dossiers')
    .selectAll()
    .where('receiving_agency_id', 'in', [...agencyIds])
    .where('submitted_at', '>=', from)
    .where('submitted_at', '<', to)
    .orderBy('submitted_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}
