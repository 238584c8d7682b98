import type { CreateTableBuilder, Kysely } from 'kysely';
import { isPostgres } from './migrate.ts';

/** Adds an auto-increment integer primary key `id`, 64-bit on PostgreSQL. */
export function withSerialId<T extends string>(db: Kysely<unknown>, table: CreateTableBuilder<T, never>) {
  return isPostgres(db)
    ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
