import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { DbOrTx, Tx } from '../../db/transaction.ts';
import './feedback.tables.ts';
import type { FeedbackCategory, FeedbackStatus } from './feedback.schema.ts';
import type { FeedbackActionsTable, FeedbackItemsTable } from './feedback.tables.ts';

export type ItemRow = Selectable<FeedbackItemsTable>;
export type ActionRow = Selectable<FeedbackActionsTable>;

/** The next sequence of a counter period; the upsert holds the row until the caller's transaction ends. */
export async function nextSequence(tx: Tx, period: string): Promise<number> {
  const row = await tx
    .insertInto('feedback_code_counters')
    .values({ period, last_sequence: 1 })
    .onConflict((oc) =>
      oc.column('period').doUpdateSet((eb) => ({ last_sequence: eb('feedback_code_counters.last_sequence', '+', 1) })),
    )
    .returning('last_sequence')
    .executeTakeFirstOrThrow();
  return Number(row.last_sequence);
}

export async function insertItem(tx: Tx, row: Insertable<FeedbackItemsTable>): Promise<void> {
  await tx.insertInto('feedback_items').values(row).execute();
}

export function findByCode(db: DbOrTx, code: string): Promise<ItemRow | undefined> {
  return db.selectFrom('feedback_items').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Applies a change only if nobody changed the item since `expectedVersion`; returns whether it did. */
export async function updateIfVersion(
  tx: Tx,
  id: string,
  expectedVersion: number,
  patch: Updateable<FeedbackItemsTable>,
): Promise<boolean> {
  const result = await tx
    .updateTable('feedback_items')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertAction(tx: Tx, row: Insertable<FeedbackActionsTable>): Promise<void> {
  await tx.insertInto('feedback_actions').values(row).execute();
}

export function actionsOf(db: DbOrTx, feedbackId: string): Promise<ActionRow[]> {
  return db.selectFrom('feedback_actions').selectAll().where('feedback_id', '=', feedbackId).orderBy('id').execute();
}

export async function countSince(
  db: DbOrTx,
  column: 'phone' | 'client_digest' | 'content_digest',
  value: string,
  since: string,
): Promise<number> {
  const row = await db
    .selectFrom('feedback_items')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where(column, '=', value)
    .where('received_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface QueueFilter {
  statuses: readonly FeedbackStatus[];
  /** Items received by, or assigned to, one of these agencies (identifiers). */
  agencyIds: readonly string[];
  limit: number;
  offset: number;
}

export function queue(db: DbOrTx, filter: QueueFilter): Promise<ItemRow[]> {
  if (filter.agencyIds.length === 0 || filter.statuses.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('feedback_items')
    .selectAll()
    .where('status', 'in', [...filter.statuses])
    .where((eb) =>
      eb.or([
        eb('receiving_agency_id', 'in', [...filter.agencyIds]),
        eb('assigned_agency_id', 'in', [...filter.agencyIds]),
      ]),
    )
    .orderBy('received_at')
    .orderBy('id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export interface PublishedFilter {
  /** Folded search tokens; every one must occur. Already stripped of LIKE wildcards. */
  tokens: readonly string[];
  agencyId?: string;
  category?: FeedbackCategory;
  limit: number;
  offset: number;
}

function publishedQuery(db: DbOrTx, filter: PublishedFilter) {
  let query = db.selectFrom('feedback_items').where('status', '=', 'published');
  for (const token of filter.tokens) query = query.where('search_text', 'like', `%${token}%`);
  if (filter.agencyId) query = query.where('assigned_agency_id', '=', filter.agencyId);
  if (filter.category) query = query.where('category', '=', filter.category);
  return query;
}

export async function published(db: DbOrTx, filter: PublishedFilter): Promise<{ rows: ItemRow[]; total: number }> {
  const rows = await publishedQuery(db, filter)
    .selectAll()
    .orderBy('published_at', 'desc')
    .orderBy('id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const count = await publishedQuery(db, filter)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

/** Agencies (identifiers) that have published answers, for the public filter. */
export async function publishingAgencies(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .selectFrom('feedback_items')
    .select('assigned_agency_id')
    .distinct()
    .where('status', '=', 'published')
    .execute();
  return rows.map((r) => r.assigned_agency_id).filter((id): id is string => id !== null);
}

/** Items whose handling ended (refused, published, answered privately) in [from, to), with whether any step was late. */
export async function closedBetween(db: DbOrTx, from: string, to: string) {
  const late = sql<number>`case when exists (select 1 from feedback_actions l where l.feedback_id = i.id and l.on_time = 0) then 1 else 0 end`;
  const rows = await db
    .selectFrom('feedback_actions as a')
    .innerJoin('feedback_items as i', 'i.id', 'a.feedback_id')
    .select(['i.assigned_agency_id', 'i.receiving_agency_id', 'i.satisfied', late.as('late')])
    .where('a.action', 'in', ['refuse', 'publish', 'close_private'])
    .where('a.at', '>=', from)
    .where('a.at', '<', to)
    .execute();
  return rows.map((r) => ({
    agencyId: r.assigned_agency_id ?? r.receiving_agency_id,
    satisfied: r.satisfied,
    late: Number(r.late) === 1,
  }));
}

/** Per answering agency, the items answered in [from, to): satisfied, dissatisfied, unrated and late counts. */
export async function satisfaction(db: DbOrTx, from: string, to: string) {
  const late = sql<number>`case when exists (select 1 from feedback_actions a where a.feedback_id = feedback_items.id and a.on_time = 0) then 1 else 0 end`;
  const rows = await db
    .selectFrom('feedback_items')
    .select((eb) => [
      'assigned_agency_id',
      eb.fn.countAll<string | number>().as('answered'),
      eb.fn.sum<string | number | null>(sql`case when satisfied = 1 then 1 else 0 end`).as('satisfied'),
      eb.fn.sum<string | number | null>(sql`case when satisfied = 0 then 1 else 0 end`).as('dissatisfied'),
      eb.fn.sum<string | number | null>(sql`case when satisfied is null then 1 else 0 end`).as('unrated'),
      eb.fn.sum<string | number | null>(late).as('late'),
    ])
    .where('status', 'in', ['published', 'answered_private'])
    .where('answered_at', '>=', from)
    .where('answered_at', '<', to)
    .groupBy('assigned_agency_id')
    .orderBy('assigned_agency_id')
    .execute();
  return rows.map((r) => ({
    agencyId: r.assigned_agency_id ?? '',
    answered: Number(r.answered),
    satisfied: Number(r.satisfied ?? 0),
    dissatisfied: Number(r.dissatisfied ?? 0),
    unrated: Number(r.unrated ?? 0),
    late: Number(r.late ?? 0),
  }));
}
