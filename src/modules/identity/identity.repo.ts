import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import { isPostgres } from '../../db/migrate.ts';
import type { DbOrTx } from '../../db/transaction.ts';
import './identity.tables.ts';
import type {
  ApiTokensTable,
  LoginThrottleTable,
  OfficerRole,
  OfficerRolesTable,
  SessionsTable,
  UsersTable,
  UserTokenPurpose,
  UserTokensTable,
} from './identity.tables.ts';

export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type RoleRow = Selectable<OfficerRolesTable>;
export type ThrottleRow = Selectable<LoginThrottleTable>;
export type UserTokenRow = Selectable<UserTokensTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;

// Users and roles

export async function insertUser(db: DbOrTx, row: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(db: DbOrTx, id: string, changes: Updateable<UsersTable>): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

export async function insertRole(db: DbOrTx, row: Insertable<OfficerRolesTable>): Promise<void> {
  await db
    .insertInto('officer_roles')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function deleteRole(db: DbOrTx, userId: string, agencyId: string, role: OfficerRole): Promise<void> {
  await db
    .deleteFrom('officer_roles')
    .where('user_id', '=', userId)
    .where('agency_id', '=', agencyId)
    .where('role', '=', role)
    .execute();
}

export function findUserByUsername(db: DbOrTx, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

/** By username, else by e-mail address when exactly one account has it. */
export async function findUserByLogin(db: DbOrTx, login: string): Promise<UserRow | undefined> {
  const byUsername = await findUserByUsername(db, login);
  if (byUsername || !login.includes('@')) return byUsername;
  const byEmail = await db.selectFrom('users').selectAll().where('email', '=', login).limit(2).execute();
  return byEmail.length === 1 ? byEmail[0] : undefined;
}

export function findUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserBySsoSubject(db: DbOrTx, subject: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('sso_subject', '=', subject).executeTakeFirst();
}

export function rolesOf(db: DbOrTx, userId: string): Promise<RoleRow[]> {
  return db.selectFrom('officer_roles').selectAll().where('user_id', '=', userId).execute();
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Accepts a TOTP step only if it is later than the last one accepted (atomic: a code works once). */
export async function advanceTotpStep(db: DbOrTx, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// Sessions

export async function insertSession(db: DbOrTx, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export interface SessionWithUser {
  session: SessionRow;
  user: UserRow;
  /** The user's officer roles, read with the session. */
  grants: Grant[];
}

export type Grant = { agencyId: string; role: RoleRow['role'] };

/** The roles of the user whose id is in `userColumn`, as JSON text `[[agency, role], …]`, inside the same query. */
function grantsJson(db: DbOrTx, userColumn: string) {
  const user = sql.ref(userColumn);
  return isPostgres(db as Kysely<unknown>)
    ? sql<string>`(select coalesce(json_agg(json_build_array(r.agency_id, r.role)), '[]')::text from officer_roles r where r.user_id = ${user})`
    : sql<string>`(select coalesce(json_group_array(json_array(r.agency_id, r.role)), '[]') from officer_roles r where r.user_id = ${user})`;
}

function parseGrants(json: string): Grant[] {
  return (JSON.parse(json) as [string, RoleRow['role']][]).map(([agencyId, role]) => ({ agencyId, role }));
}

/** Every officer, by name, with their roles: one query. */
export async function listOfficersWithGrants(db: DbOrTx): Promise<(UserRow & { grants: Grant[] })[]> {
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .select(grantsJson(db, 'users.id').as('grants_json'))
    .where('kind', '=', 'officer')
    .orderBy('full_name')
    .execute();
  return rows.map(({ grants_json, ...user }) => ({ ...user, grants: parseGrants(grants_json) }));
}

/** The names of the given users (any kind). */
export async function userNamesOf(db: DbOrTx, ids: readonly string[]): Promise<{ id: string; full_name: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', ids).execute();
}

/** Active officers holding `role` at any of the agencies (by id), by name. */
export async function activeOfficersWithRole(
  db: DbOrTx,
  role: RoleRow['role'],
  agencyIds: readonly string[],
): Promise<{ id: string; full_name: string }[]> {
  if (agencyIds.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['users.id', 'users.full_name'])
    .where('users.kind', '=', 'officer')
    .where('users.status', '=', 'active')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('officer_roles as r')
          .select('r.user_id')
          .whereRef('r.user_id', '=', 'users.id')
          .where('r.role', '=', role)
          .where('r.agency_id', 'in', agencyIds),
      ),
    )
    .orderBy('users.full_name')
    .execute();
}

/** The session and its user in one query: every signed-in request starts with it. */
export async function findLiveSession(db: DbOrTx, idHash: string, now: string): Promise<SessionWithUser | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users', 'users.id', 's.user_id')
    .selectAll('users')
    .select([
      's.id_hash as s_id_hash',
      's.user_id as s_user_id',
      's.created_at as s_created_at',
      's.last_seen_at as s_last_seen_at',
      's.idle_seconds as s_idle_seconds',
      's.idle_expires_at as s_idle_expires_at',
      's.absolute_expires_at as s_absolute_expires_at',
      's.second_factor as s_second_factor',
      grantsJson(db, 's.user_id').as('s_grants'),
    ])
    .where('s.id_hash', '=', idHash)
    .where('s.idle_expires_at', '>', now)
    .where('s.absolute_expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return undefined;
  const {
    s_id_hash,
    s_user_id,
    s_created_at,
    s_last_seen_at,
    s_idle_seconds,
    s_idle_expires_at,
    s_absolute_expires_at,
    s_second_factor,
    s_grants,
    ...user
  } = row;
  const session: SessionRow = {
    id_hash: s_id_hash,
    user_id: s_user_id,
    created_at: s_created_at,
    last_seen_at: s_last_seen_at,
    idle_seconds: s_idle_seconds,
    idle_expires_at: s_idle_expires_at,
    absolute_expires_at: s_absolute_expires_at,
    second_factor: s_second_factor,
  };
  return { session, user, grants: parseGrants(s_grants) };
}

export async function touchSession(db: DbOrTx, idHash: string, now: string, idleExpiresAt: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now, idle_expires_at: idleExpiresAt })
    .where('id_hash', '=', idHash)
    .execute();
}

export async function markSecondFactor(db: DbOrTx, idHash: string): Promise<void> {
  await db.updateTable('sessions').set({ second_factor: 1 }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: DbOrTx, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOf(db: DbOrTx, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessionsOf(db: DbOrTx, userId: string, now: string): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('idle_expires_at', '<=', now), eb('absolute_expires_at', '<=', now)]))
    .execute();
}

// Login throttle

export function findThrottle(db: DbOrTx, keys: string[]): Promise<ThrottleRow[]> {
  return db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
}

/** Adds one failure to `key` atomically (a fresh count when the last failure is older than `resetBefore`). */
export async function recordFailure(db: DbOrTx, key: string, now: string, resetBefore: string): Promise<number> {
  await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, last_failure_at: now, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        failures: eb
          .case()
          .when('login_throttle.last_failure_at', '<', resetBefore)
          .then(1)
          .else(eb('login_throttle.failures', '+', 1))
          .end(),
        last_failure_at: now,
      })),
    )
    .execute();
  const row = await db.selectFrom('login_throttle').select('failures').where('key', '=', key).executeTakeFirstOrThrow();
  return row.failures;
}

export async function lockUntil(db: DbOrTx, key: string, until: string): Promise<void> {
  await db.updateTable('login_throttle').set({ locked_until: until }).where('key', '=', key).execute();
}

export async function clearThrottle(db: DbOrTx, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

// Single-use tokens

export async function insertUserToken(db: DbOrTx, row: Insertable<UserTokensTable>): Promise<void> {
  await db.insertInto('user_tokens').values(row).execute();
}

/** Marks an unexpired, unused token as used and returns it; a second use finds nothing. */
export async function consumeUserToken(
  db: DbOrTx,
  hash: string,
  purpose: UserTokenPurpose,
  now: string,
): Promise<UserTokenRow | undefined> {
  const result = await db
    .updateTable('user_tokens')
    .set({ used_at: now })
    .where('hash', '=', hash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  return db.selectFrom('user_tokens').selectAll().where('hash', '=', hash).executeTakeFirst();
}

export function findUsableUserToken(
  db: DbOrTx,
  hash: string,
  purpose: UserTokenPurpose,
  now: string,
): Promise<UserTokenRow | undefined> {
  return db
    .selectFrom('user_tokens')
    .selectAll()
    .where('hash', '=', hash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Invalidates a user's outstanding tokens of one purpose (a new reset link replaces the old one). */
export async function expireUserTokens(db: DbOrTx, userId: string, purpose: UserTokenPurpose, now: string) {
  await db
    .updateTable('user_tokens')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

// API tokens

export async function insertApiToken(db: DbOrTx, row: Insertable<ApiTokensTable>): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export function findApiTokenByHash(db: DbOrTx, hash: string): Promise<ApiTokenRow | undefined> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export function findApiToken(db: DbOrTx, id: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listApiTokens(db: DbOrTx): Promise<ApiTokenRow[]> {
  return db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').execute();
}

export async function updateApiToken(db: DbOrTx, id: string, changes: Updateable<ApiTokensTable>): Promise<void> {
  await db.updateTable('api_tokens').set(changes).where('id', '=', id).execute();
}
