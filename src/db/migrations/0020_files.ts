import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Uploaded attachments. The bytes live in the content-addressed store under their SHA-256; a row is written only
  // after its bytes are durable, and points at what uses it (a dossier, a feedback item) once that commits.
  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('ref_kind', 'text')
    .addColumn('ref_id', 'text')
    .addColumn('attached_at', 'text')
    .addCheckConstraint('files_size_check', sql`size >= 0`)
    .addCheckConstraint('files_ref_check', sql`(ref_kind is null) = (ref_id is null)`)
    .execute();
  await db.schema.createIndex('files_sha256_idx').on('files').column('sha256').execute();
  await db.schema.createIndex('files_ref_idx').on('files').columns(['ref_kind', 'ref_id']).execute();
  await db.schema.createIndex('files_unattached_idx').on('files').columns(['ref_kind', 'created_at']).execute();
}
