import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTx } from '../../db/transaction.ts';
import './postal.tables.ts';
import type { PostalEventsTable, PostalOrdersTable } from './postal.tables.ts';

export type PostalOrderRow = Selectable<PostalOrdersTable>;
export type PostalEventRow = Selectable<PostalEventsTable>;

export async function insertOrder(db: DbOrTx, row: Insertable<PostalOrdersTable>): Promise<void> {
  await db.insertInto('postal_orders').values(row).execute();
}

export function findOrder(db: DbOrTx, id: string): Promise<PostalOrderRow | undefined> {
  return db.selectFrom('postal_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findByOrderNumber(db: DbOrTx, orderNumber: string): Promise<PostalOrderRow | undefined> {
  return db.selectFrom('postal_orders').selectAll().where('order_number', '=', orderNumber).executeTakeFirst();
}

export function ordersOfDossier(db: DbOrTx, dossierId: string): Promise<PostalOrderRow[]> {
  return db
    .selectFrom('postal_orders')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function eventsOf(db: DbOrTx, orderIds: readonly string[]): Promise<PostalEventRow[]> {
  if (orderIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('postal_events').selectAll().where('order_id', 'in', orderIds).orderBy('id').execute();
}

/** Records a partner event once; false when its event id was already recorded for the order. */
export async function insertEventOnce(db: DbOrTx, row: Insertable<PostalEventsTable>): Promise<boolean> {
  const inserted = await db
    .insertInto('postal_events')
    .values(row)
    .onConflict((oc) => oc.columns(['order_id', 'event_id']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateOrder(db: DbOrTx, id: string, patch: Updateable<PostalOrdersTable>): Promise<void> {
  await db.updateTable('postal_orders').set(patch).where('id', '=', id).execute();
}
