import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../../db/transaction.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import * as agencies from '../agencies/agencies.service.ts';
import * as repo from './identity.repo.ts';
import type { OfficerRole, UserKind, UserStatus } from './identity.tables.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { type Actor, treeRoles } from './policy.ts';
import * as sessions from './sessions.service.ts';
import * as throttle from './throttle.service.ts';
import { matchTotp, newTotpSecret } from './totp.ts';

export interface NewUser {
  username: string;
  kind: UserKind;
  /** Omitted for an invited officer, who sets it through the mailed link. */
  password?: string;
  fullName: string;
  email?: string;
  phone?: string;
  demo?: boolean;
  status?: UserStatus;
}

export interface User {
  id: string;
  username: string;
  kind: UserKind;
  fullName: string;
}

export class UsernameTakenError extends Error {
  constructor(readonly username: string) {
    super(`username already exists: ${username}`);
  }
}

/** Usernames are compared case-insensitively; a phone number is stored in its national form (0…). */
export function normalizeUsername(raw: string): string {
  const value = raw.trim().toLowerCase();
  const phone = value.replace(/[\s.-]/g, '');
  if (/^\+84\d{9}$/.test(phone)) return `0${phone.slice(3)}`;
  if (/^0\d{9}$/.test(phone)) return phone;
  return value;
}

export async function createUser(db: DbOrTx, input: NewUser, clock: Clock = systemClock): Promise<User> {
  const username = normalizeUsername(input.username);
  if (await repo.findUserByUsername(db, username)) throw new UsernameTakenError(username);
  const id = randomUUID();
  await repo.insertUser(db, {
    id,
    username,
    kind: input.kind,
    password_hash: input.password === undefined ? null : await hashPassword(input.password),
    full_name: input.fullName,
    email: input.email ?? null,
    phone: input.phone ?? null,
    status: input.status ?? 'active',
    demo: input.demo ? 1 : 0,
    created_at: clock.now().toISOString(),
  });
  return { id, username, kind: input.kind, fullName: input.fullName };
}

export async function grantRole(
  db: DbOrTx,
  userId: string,
  agencyId: string,
  role: OfficerRole,
  clock: Clock = systemClock,
): Promise<void> {
  await repo.insertRole(db, { user_id: userId, agency_id: agencyId, role, granted_at: clock.now().toISOString() });
}

export const countUsers = repo.countUsers;

// Login

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
  /** The client's address, for the per-address allowance. */
  ip: string;
}

export interface LoginSettings extends sessions.SessionSettings {
  maxLoginFailures: number;
}

export interface LoginResult {
  user: repo.UserRow;
  token: string;
  idHash: string;
}

let decoyHash: Promise<string> | undefined;

/** Spends the time of a real check, so an unknown or locked account answers as slowly as a wrong password. */
async function decoyVerify(password: string): Promise<false> {
  decoyHash ??= hashPassword('decoy password that matches nothing');
  await verifyPassword(await decoyHash, password);
  return false;
}

async function checkCredentials(
  db: DbOrTx,
  user: repo.UserRow | undefined,
  input: LoginInput,
  clock: Clock,
): Promise<boolean> {
  if (!user?.password_hash || user.status === 'suspended') return decoyVerify(input.password);
  if (!(await verifyPassword(user.password_hash, input.password))) return false;
  if (user.totp_enrolled_at && user.totp_secret) {
    const step = matchTotp(user.totp_secret, input.totp?.trim() ?? '', clock.now());
    return step !== null && (await repo.advanceTotpStep(db, user.id, step));
  }
  return true;
}

/**
 * Checks a login and starts a new session. Wrong password, unknown user, wrong or missing second factor, suspended or
 * locked account: all give `undefined`, so a caller cannot tell them apart.
 */
export async function login(
  db: DbOrTx,
  input: LoginInput,
  settings: LoginSettings,
  clock: Clock = systemClock,
): Promise<LoginResult | undefined> {
  const username = normalizeUsername(input.username);
  const keys = [throttle.userKey(username), throttle.addressKey(input.ip)];
  if (await throttle.isLocked(db, keys, clock)) {
    await decoyVerify(input.password);
    return undefined;
  }
  const user = await repo.findUserByLogin(db, username);
  if (!(await checkCredentials(db, user, input, clock)) || !user) {
    await throttle.recordFailure(db, keys, settings.maxLoginFailures, clock);
    return undefined;
  }
  await throttle.recordSuccess(db, username);
  if (user.username !== username) await throttle.recordSuccess(db, user.username);
  const session = await sessions.startSession(
    db,
    user,
    { secondFactor: user.kind === 'officer' && user.totp_enrolled_at !== null },
    settings,
    clock,
  );
  return { user, ...session };
}

/** Starts a session for a user already authenticated elsewhere (single sign-on). */
export async function startSessionFor(db: DbOrTx, userId: string, settings: LoginSettings, clock: Clock = systemClock) {
  const user = await repo.findUserById(db, userId);
  if (!user || user.status === 'suspended') return undefined;
  return { user, ...(await sessions.startSession(db, user, { secondFactor: false }, settings, clock)) };
}

// Actors

export interface RoleGrant {
  agencyId: string;
  role: OfficerRole;
}

/** Expands role grants over the organisation tree: admin and auditor cover the sub-tree; inactive agencies nothing. */
async function scopesOf(db: DbOrTx, grants: readonly RoleGrant[]): Promise<Map<OfficerRole, Set<string>>> {
  const scopes = new Map<OfficerRole, Set<string>>();
  if (grants.length === 0) return scopes;
  const tree = await agencies.agencyTree(db);
  for (const { agencyId, role } of grants) {
    if (!tree.isActive(agencyId)) continue;
    const covered = treeRoles.has(role) ? tree.subtree(agencyId) : [agencyId];
    const set = scopes.get(role) ?? new Set<string>();
    for (const id of covered) set.add(id);
    scopes.set(role, set);
  }
  return scopes;
}

export async function actorFor(
  db: DbOrTx,
  user: repo.UserRow,
  secondFactorDone: boolean,
  knownGrants?: readonly { agencyId: string; role: repo.RoleRow['role'] }[],
): Promise<Actor> {
  const grants =
    user.kind !== 'officer'
      ? []
      : (knownGrants ?? (await repo.rolesOf(db, user.id)).map((g) => ({ agencyId: g.agency_id, role: g.role })));
  return {
    kind: user.kind,
    id: user.id,
    name: user.full_name,
    username: user.username,
    scopes: await scopesOf(db, grants),
    token: null,
    secondFactorPending: user.kind === 'officer' && user.demo === 0 && !secondFactorDone,
    demo: user.demo === 1,
  };
}

export interface ResolvedSession {
  actor: Actor;
  idHash: string;
  user: repo.UserRow;
}

export async function resolveSession(db: DbOrTx, token: string, clock: Clock = systemClock) {
  const found = await sessions.findSession(db, token, clock);
  if (!found) return undefined;
  const actor = await actorFor(db, found.user, found.session.second_factor === 1, found.grants);
  return { actor, idHash: found.session.id_hash, user: found.user } satisfies ResolvedSession;
}

export const logout = (db: DbOrTx, idHash: string) => sessions.endSession(db, idHash);
export const logoutEverywhere = (db: DbOrTx, userId: string) => sessions.endAllSessions(db, userId);

export async function getUser(db: DbOrTx, id: string): Promise<repo.UserRow | undefined> {
  return repo.findUserById(db, id);
}

export interface RoleView extends RoleGrant {
  agencyName: string;
  agencyIdentifier: string;
  agencyActive: boolean;
}

/** The roles a user holds, with their agencies' names, sorted by agency. */
export async function rolesWithAgencies(db: DbOrTx, userId: string): Promise<RoleView[]> {
  const grants = await repo.rolesOf(db, userId);
  const byId = new Map((await agencies.listAgencies(db)).map((a) => [a.id, a]));
  return grants
    .map((g) => {
      const agency = byId.get(g.agency_id);
      return {
        agencyId: g.agency_id,
        role: g.role,
        agencyName: agency?.name ?? '',
        agencyIdentifier: agency?.identifier ?? '',
        agencyActive: agency?.active ?? false,
      };
    })
    .sort((a, b) => a.agencyIdentifier.localeCompare(b.agencyIdentifier) || a.role.localeCompare(b.role));
}

// Second factor

/** The secret the officer is enrolling (created on first visit, kept until confirmed); undefined once enrolled. */
export async function pendingTotpSecret(db: DbOrTx, userId: string): Promise<string | undefined> {
  const user = await repo.findUserById(db, userId);
  if (!user || user.totp_enrolled_at) return undefined;
  if (user.totp_secret) return user.totp_secret;
  const secret = newTotpSecret();
  await repo.updateUser(db, userId, { totp_secret: secret });
  return secret;
}

/** Confirms enrolment with a first code; the session that did it counts as having passed the second factor. */
export async function confirmTotp(
  db: DbOrTx,
  userId: string,
  sessionHash: string,
  code: string,
  clock: Clock = systemClock,
): Promise<boolean> {
  const user = await repo.findUserById(db, userId);
  if (!user?.totp_secret || user.totp_enrolled_at) return false;
  const step = matchTotp(user.totp_secret, code.trim(), clock.now());
  if (step === null || !(await repo.advanceTotpStep(db, userId, step))) return false;
  await repo.updateUser(db, userId, { totp_enrolled_at: clock.now().toISOString() });
  await sessions.markSecondFactor(db, sessionHash);
  return true;
}
