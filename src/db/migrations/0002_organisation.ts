import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The organisation tree: province → departments, one-stop centre, cities/districts → wards/communes.
  await db.schema
    .createTable('agencies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('identifier', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('agencies.id'))
    .addColumn('address', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'agencies_kind_check',
      sql`kind in ('people_committee', 'department', 'board', 'one_stop_centre', 'city', 'district', 'ward', 'commune')`,
    )
    .addCheckConstraint('agencies_level_check', sql`level in ('province', 'district', 'commune')`)
    .addCheckConstraint('agencies_active_check', sql`active in (0, 1)`)
    .execute();
  await db.schema.createIndex('agencies_parent_idx').on('agencies').column('parent_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    // Demo officers may act without enrolling a second factor; the login page says so.
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('users_kind_check', sql`kind in ('citizen', 'business', 'officer')`)
    .addCheckConstraint('users_status_check', sql`status in ('active', 'suspended', 'unverified')`)
    .addCheckConstraint('users_demo_check', sql`demo in (0, 1)`)
    .execute();

  await db.schema
    .createTable('officer_roles')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('officer_roles_pk', ['user_id', 'agency_id', 'role'])
    .addCheckConstraint(
      'officer_roles_role_check',
      sql`role in ('intake', 'processor', 'leader', 'cashier', 'petition_handler', 'admin', 'auditor')`,
    )
    .execute();
  await db.schema.createIndex('officer_roles_agency_idx').on('officer_roles').columns(['agency_id', 'role']).execute();
}
