import { type Kysely, sql } from 'kysely';
import { withSerialId } from '../columns.ts';
import { isPostgres } from '../migrate.ts';

const STATUSES = [
  'received',
  'supplement_requested',
  'refused',
  'accepted',
  'assigned',
  'answered',
  'published',
  'answered_private',
];
const ACTIONS = [
  'submit',
  'accept',
  'refuse',
  'request_supplement',
  'receive_supplement',
  'assign',
  'transfer',
  'answer',
  'edit_for_publication',
  'publish',
  'close_private',
  'note',
  'rate',
];
const CATEGORIES = ['regulation', 'procedure', 'officer_conduct', 'other'];
const list = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));

export async function up(db: Kysely<unknown>): Promise<void> {
  // Feedback and petitions (phản ánh, kiến nghị): the current state of each item, changed only together with a row of
  // feedback_actions. Agency columns hold electronic identifiers (QCVN 102), as for dossiers.
  await db.schema
    .createTable('feedback_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text')
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('related_code', 'text')
    .addColumn('consent_publish', 'integer', (c) => c.notNull())
    // What the public page shows of the question: the citizen's text, or the handler's edit of it (moderation).
    .addColumn('public_subject', 'text')
    .addColumn('public_question', 'text')
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('refusal_reason', 'text')
    .addColumn('receiving_agency_id', 'text', (c) => c.notNull())
    .addColumn('assigned_agency_id', 'text')
    // The 15-working-day clock starts at reception, again when a requested supplement arrives; null while it waits.
    .addColumn('clock_started_at', 'text')
    .addColumn('answer_due_at', 'text')
    .addColumn('publish_due_at', 'text')
    .addColumn('satisfied', 'integer')
    .addColumn('rated_at', 'text')
    // Folded (accent-free, lower-case) question and answer, for the public search.
    .addColumn('search_text', 'text')
    // For the duplicate rule and the rate limits: a digest of the text, and one of the client address (never the IP).
    .addColumn('content_digest', 'text', (c) => c.notNull())
    .addColumn('client_digest', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('feedback_items_status_check', sql`status in (${list(STATUSES)})`)
    .addCheckConstraint('feedback_items_category_check', sql`category in (${list(CATEGORIES)})`)
    .addCheckConstraint('feedback_items_consent_check', sql`consent_publish in (0, 1)`)
    .addCheckConstraint('feedback_items_satisfied_check', sql`satisfied is null or satisfied in (0, 1)`)
    .addCheckConstraint(
      'feedback_items_published_check',
      sql`(status = 'published') = (published_at is not null) and (status <> 'published' or consent_publish = 1)`,
    )
    .addCheckConstraint('feedback_items_version_check', sql`version >= 1`)
    .execute();
  await db.schema
    .createIndex('feedback_items_queue_idx')
    .on('feedback_items')
    .columns(['status', 'received_at'])
    .execute();
  await db.schema
    .createIndex('feedback_items_phone_idx')
    .on('feedback_items')
    .columns(['phone', 'received_at'])
    .execute();
  await db.schema
    .createIndex('feedback_items_client_idx')
    .on('feedback_items')
    .columns(['client_digest', 'received_at'])
    .execute();
  await db.schema
    .createIndex('feedback_items_digest_idx')
    .on('feedback_items')
    .columns(['content_digest', 'received_at'])
    .execute();
  await db.schema
    .createIndex('feedback_items_public_idx')
    .on('feedback_items')
    .columns(['status', 'published_at'])
    .execute();

  // The history of every item, append-only, like dossier_actions. `internal` notes are shown to officers only.
  await withSerialId(db, db.schema.createTable('feedback_actions'))
    .addColumn('feedback_id', 'text', (c) => c.notNull().references('feedback_items.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('old_status', 'text')
    .addColumn('new_status', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text')
    // Whether a step measured by indicator 5.2 (refuse, request a supplement, answer, publish) was in time; else null.
    .addColumn('on_time', 'integer')
    .addColumn('data', 'text')
    .addCheckConstraint('feedback_actions_action_check', sql`action in (${list(ACTIONS)})`)
    .addCheckConstraint('feedback_actions_status_check', sql`new_status in (${list(STATUSES)})`)
    .addCheckConstraint('feedback_actions_on_time_check', sql`on_time is null or on_time in (0, 1)`)
    .execute();
  await db.schema
    .createIndex('feedback_actions_item_idx')
    .on('feedback_actions')
    .columns(['feedback_id', 'id'])
    .execute();

  // Tracking-code sequences per province and Vietnam month, taken inside the submitting transaction.
  await db.schema
    .createTable('feedback_code_counters')
    .addColumn('period', 'text', (c) => c.primaryKey())
    .addColumn('last_sequence', 'integer', (c) => c.notNull())
    .execute();

  if (isPostgres(db)) {
    await sql`create function feedback_actions_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'feedback_actions is append-only: % refused', tg_op using errcode = 'restrict_violation';
      end
    $$`.execute(db);
    await sql`create trigger feedback_actions_no_change before update or delete on feedback_actions
      for each row execute function feedback_actions_append_only()`.execute(db);
    await sql`create trigger feedback_actions_no_truncate before truncate on feedback_actions
      for each statement execute function feedback_actions_append_only()`.execute(db);
    await sql`comment on table feedback_actions is 'Append-only history of every feedback item (phản ánh, kiến nghị); UPDATE, DELETE and TRUNCATE are refused'`.execute(
      db,
    );
  }
}
