import { type Kysely, sql } from 'kysely';
import { withSerialId } from '../columns.ts';
import { isPostgres } from '../migrate.ts';

const STATUS = sql`between 1 and 10`;
const ACTIONS = [
  'submit',
  'accept',
  'request_supplement',
  'receive_supplement',
  'refuse',
  'assign',
  'forward',
  'send_back',
  'approve',
  'request_payment',
  'confirm_payment',
  'stop',
  'withdraw',
  'extend_with_apology',
  'resolve',
  'return_result',
];
const ROLES = ['applicant', 'intake', 'processor', 'leader', 'cashier', 'system'];
const list = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));

export async function up(db: Kysely<unknown>): Promise<void> {
  // The current state of each dossier, for queries; it only ever changes together with a row of dossier_actions.
  // Agency ids here are the agencies' electronic identifiers (QCVN 102), as in the catalogue and in dossier codes.
  await db.schema
    .createTable('dossiers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submission_key', 'text', (c) => c.notNull())
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('procedure_name', 'text', (c) => c.notNull())
    .addColumn('procedure_version_id', 'text', (c) => c.notNull())
    .addColumn('procedure_version', 'integer', (c) => c.notNull())
    // The procedure header and the case as they were at submission: catalogue edits never re-route a dossier.
    .addColumn('frozen_definition', 'text', (c) => c.notNull())
    .addColumn('field_code', 'text', (c) => c.notNull())
    .addColumn('case_code', 'text', (c) => c.notNull())
    .addColumn('receiving_agency_id', 'text', (c) => c.notNull())
    .addColumn('current_agency_id', 'text', (c) => c.notNull())
    .addColumn('current_step', 'integer', (c) => c.notNull())
    .addColumn('channel', 'integer', (c) => c.notNull())
    .addColumn('online_mode', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    // Where a supplement or payment request returns to.
    .addColumn('resume_status', 'integer')
    .addColumn('applicant_user_id', 'text')
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('applicant_search', 'text', (c) => c.notNull())
    .addColumn('applicant_id_number', 'text', (c) => c.notNull())
    .addColumn('applicant_phone', 'text')
    .addColumn('applicant_email', 'text')
    .addColumn('applicant_address', 'text')
    .addColumn('on_behalf', 'text')
    .addColumn('form_data', 'text', (c) => c.notNull())
    .addColumn('components', 'text', (c) => c.notNull())
    .addColumn('delivery_method', 'text', (c) => c.notNull())
    .addColumn('delivery_address', 'text')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('due_at', 'text')
    .addColumn('due_date', 'text')
    .addColumn('paused_at', 'text')
    .addColumn('total_paused_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('resolved_at', 'text')
    .addColumn('returned_at', 'text')
    .addColumn('refused_at', 'text')
    .addColumn('stopped_at', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('assignee_id', 'text')
    .addColumn('supplement_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('dossiers_submission_unique', ['submitted_by', 'submission_key'])
    .addCheckConstraint('dossiers_channel_check', sql`channel in (1, 2, 3)`)
    .addCheckConstraint('dossiers_online_mode_check', sql`online_mode in ('full', 'partial', 'none')`)
    .addCheckConstraint('dossiers_status_check', sql`status ${STATUS}`)
    .addCheckConstraint(
      'dossiers_resume_status_check',
      sql`(resume_status is null) = (status not in (5, 6)) and (resume_status is null or resume_status in (1, 2, 4))`,
    )
    .addCheckConstraint('dossiers_delivery_check', sql`delivery_method in ('counter', 'postal', 'electronic')`)
    .addCheckConstraint(
      'dossiers_delivery_address_check',
      sql`(delivery_method = 'postal') = (delivery_address is not null)`,
    )
    .addCheckConstraint('dossiers_due_check', sql`(due_at is null) = (due_date is null)`)
    .addCheckConstraint('dossiers_step_check', sql`current_step >= 0`)
    .addCheckConstraint('dossiers_counts_check', sql`supplement_count >= 0 and total_paused_ms >= 0`)
    .addCheckConstraint('dossiers_version_check', sql`version >= 1`)
    .execute();
  await db.schema
    .createIndex('dossiers_current_queue_idx')
    .on('dossiers')
    .columns(['status', 'current_agency_id', 'due_at'])
    .execute();
  await db.schema
    .createIndex('dossiers_receiving_queue_idx')
    .on('dossiers')
    .columns(['status', 'receiving_agency_id', 'due_at'])
    .execute();
  await db.schema
    .createIndex('dossiers_applicant_idx')
    .on('dossiers')
    .columns(['applicant_user_id', 'submitted_at'])
    .execute();

  // The history of every dossier, append-only: who did what, in which role and agency, with the status and due date
  // before and after.
  await withSerialId(db, db.schema.createTable('dossier_actions'))
    .addColumn('dossier_id', 'text', (c) => c.notNull().references('dossiers.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('old_status', 'integer')
    .addColumn('new_status', 'integer', (c) => c.notNull())
    .addColumn('old_due_at', 'text')
    .addColumn('new_due_at', 'text')
    .addColumn('data', 'text')
    .addColumn('attachment_ids', 'text')
    .addCheckConstraint('dossier_actions_action_check', sql`action in (${list(ACTIONS)})`)
    .addCheckConstraint('dossier_actions_role_check', sql`role in (${list(ROLES)})`)
    .addCheckConstraint('dossier_actions_new_status_check', sql`new_status ${STATUS}`)
    .addCheckConstraint(
      'dossier_actions_old_status_check',
      sql`(old_status is null) = (action = 'submit') and (old_status is null or old_status ${STATUS})`,
    )
    .execute();
  await db.schema
    .createIndex('dossier_actions_dossier_idx')
    .on('dossier_actions')
    .columns(['dossier_id', 'id'])
    .execute();

  if (isPostgres(db)) {
    await sql`create function dossier_actions_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'dossier_actions is append-only: % refused', tg_op using errcode = 'restrict_violation';
      end
    $$`.execute(db);
    await sql`create trigger dossier_actions_no_change before update or delete on dossier_actions
      for each row execute function dossier_actions_append_only()`.execute(db);
    await sql`create trigger dossier_actions_no_truncate before truncate on dossier_actions
      for each statement execute function dossier_actions_append_only()`.execute(db);
    await sql`comment on table dossiers is 'Current state of each dossier (hồ sơ), changed only together with a dossier_actions row; status codes are those of the national portal (1-10)'`.execute(
      db,
    );
    await sql`comment on table dossier_actions is 'Append-only history of every dossier: one row per command, in the same transaction as the change; UPDATE, DELETE and TRUNCATE are refused'`.execute(
      db,
    );
  }
}
