import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite adds one column per ALTER TABLE statement.
  for (const column of [
    'totp_secret',
    'totp_enrolled_at',
    'email_verified_at',
    'identity_number',
    'date_of_birth',
    'address',
    'tax_code',
    'representative',
    'sso_subject',
  ]) {
    await db.schema.alterTable('users').addColumn(column, 'text').execute();
  }
  // The last TOTP time step accepted: a code is never accepted twice.
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
  // JSON list of profile fields vouched for by the SSO identity provider; the user cannot edit them.
  await db.schema
    .alterTable('users')
    .addColumn('verified_fields', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.createIndex('users_sso_subject_idx').unique().on('users').column('sso_subject').execute();
  await db.schema.createIndex('users_email_idx').on('users').column('email').execute();

  // Server-side sessions. Only a SHA-256 hash of the cookie value is stored, so a leaked table opens no session.
  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('idle_seconds', 'integer', (c) => c.notNull())
    .addColumn('idle_expires_at', 'text', (c) => c.notNull())
    .addColumn('absolute_expires_at', 'text', (c) => c.notNull())
    // 1 once an officer's second factor has been checked (or enrolled) in this session.
    .addColumn('second_factor', 'integer', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint('sessions_second_factor_check', sql`second_factor in (0, 1)`)
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  // Failed logins per username and per client address, shared by every process, for lockout with back-off.
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  // Single-use tokens sent by mail (stored hashed): e-mail verification, password reset, officer invitation.
  await db.schema
    .createTable('user_tokens')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addCheckConstraint('user_tokens_purpose_check', sql`purpose in ('verify_email', 'password_reset', 'invite')`)
    .execute();
  await db.schema.createIndex('user_tokens_user_idx').on('user_tokens').columns(['user_id', 'purpose']).execute();

  // Bearer tokens for partner systems and scripts: shown once, stored hashed, scoped to an agency and actions.
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('actions', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
}
