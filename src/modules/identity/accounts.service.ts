/**
 * Account life cycle: officer invitations, applicant registration, e-mail verification, password reset, profiles,
 * suspension and roles. Links sent by mail carry single-use, expiring tokens stored only as hashes.
 */

import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { DbOrTx } from '../../db/transaction.ts';
import { inTransaction } from '../../db/transaction.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { type FieldProblem, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { translate } from '../../web/i18n/index.ts';
import { enqueueMail } from '../notifications/mail.ts';
import * as repo from './identity.repo.ts';
import { createUser, grantRole, normalizeUsername, UsernameTakenError } from './identity.service.ts';
import type { OfficerRole, UserKind, UserTokenPurpose } from './identity.tables.ts';
import { hashPassword } from './passwords.ts';
import { randomToken, sha256 } from './secrets.ts';
import * as sessions from './sessions.service.ts';
import type { SsoIdentity } from './sso.ts';
import { isBirthDate, isCccd, isEmail, isTaxCode, normalizeMobile } from './validators.ts';

const hours = (n: number) => n * 3600 * 1000;
const tokenLifetime: Record<UserTokenPurpose, number> = {
  verify_email: hours(48),
  password_reset: hours(1),
  invite: hours(7 * 24),
};

async function issueToken(db: DbOrTx, userId: string, purpose: UserTokenPurpose, clock: Clock): Promise<string> {
  const now = clock.now();
  await repo.expireUserTokens(db, userId, purpose, now.toISOString());
  const token = randomToken();
  await repo.insertUserToken(db, {
    hash: sha256(token),
    user_id: userId,
    purpose,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + tokenLifetime[purpose]).toISOString(),
    used_at: null,
  });
  return token;
}

const mailText = (key: string, params: Record<string, string>) => ({
  subject: translate('vi', `${key}.subject`, params),
  text: translate('vi', `${key}.text`, params),
});

// Officers

export interface Invitation {
  username: string;
  fullName: string;
  email: string;
  agencyId: string;
  role: OfficerRole;
}

/** Creates an officer account without a password and mails a link to set one (valid 7 days). */
export async function inviteOfficer(
  db: Kysely<Database>,
  input: Invitation,
  baseUrl: string,
  clock: Clock = systemClock,
) {
  return inTransaction(db, async (tx) => {
    let user: Awaited<ReturnType<typeof createUser>>;
    try {
      user = await createUser(
        tx,
        {
          username: input.username,
          kind: 'officer',
          fullName: input.fullName,
          email: input.email,
          status: 'unverified',
        },
        clock,
      );
    } catch (error) {
      if (error instanceof UsernameTakenError) {
        throw new ValidationError([{ path: 'username', messageKey: 'officers.error.usernameTaken' }]);
      }
      throw error;
    }
    await grantRole(tx, user.id, input.agencyId, input.role, clock);
    const token = await issueToken(tx, user.id, 'invite', clock);
    await enqueueMail(
      tx,
      {
        to: input.email,
        ...mailText('mail.invite', {
          name: input.fullName,
          username: user.username,
          link: `${baseUrl}/set-password?token=${token}`,
        }),
      },
      clock,
    );
    return user;
  });
}

export async function revokeRole(db: DbOrTx, userId: string, agencyId: string, role: OfficerRole): Promise<void> {
  await repo.deleteRole(db, userId, agencyId, role);
}

/** Suspends an account and ends its sessions at once; reactivating restores it as it was. */
export async function setSuspended(db: DbOrTx, userId: string, suspended: boolean): Promise<void> {
  const user = await repo.findUserById(db, userId);
  if (!user) throw new NotFoundError();
  const status = suspended ? 'suspended' : user.password_hash ? 'active' : 'unverified';
  await repo.updateUser(db, userId, { status });
  if (suspended) await sessions.endAllSessions(db, userId);
}

export interface OfficerSummary {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  status: string;
  roles: { agencyId: string; role: OfficerRole }[];
}

export async function listOfficers(db: DbOrTx): Promise<OfficerSummary[]> {
  return (await repo.listOfficersWithGrants(db)).map((u) => ({
    id: u.id,
    username: u.username,
    fullName: u.full_name,
    email: u.email,
    status: u.status,
    roles: u.grants,
  }));
}

/** The names of the given users, for the pages that show who did what (no need to read every officer). */
export async function userNames(db: DbOrTx, ids: Iterable<string>): Promise<Map<string, string>> {
  const rows = await repo.userNamesOf(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r.full_name]));
}

/** The active processors of the agencies (by id): whom a dossier there may be assigned to. */
export async function processorsAt(db: DbOrTx, agencyIds: readonly string[]): Promise<{ id: string; name: string }[]> {
  return (await repo.activeOfficersWithRole(db, 'processor', agencyIds)).map((r) => ({ id: r.id, name: r.full_name }));
}

export async function getOfficer(db: DbOrTx, id: string): Promise<OfficerSummary> {
  const user = await repo.findUserById(db, id);
  if (user?.kind !== 'officer') throw new NotFoundError();
  const roles = await repo.rolesOf(db, id);
  return {
    id: user.id,
    username: user.username,
    fullName: user.full_name,
    email: user.email,
    status: user.status,
    roles: roles.map((r) => ({ agencyId: r.agency_id, role: r.role })),
  };
}

// Links sent by mail

/** Is this a live link of one of these kinds? (For showing the form or an "expired link" page.) */
export async function isUsableToken(
  db: DbOrTx,
  token: string,
  purposes: UserTokenPurpose[],
  clock: Clock = systemClock,
) {
  for (const purpose of purposes) {
    if (await repo.findUsableUserToken(db, sha256(token), purpose, clock.now().toISOString())) return true;
  }
  return false;
}

/**
 * Sets a password from an invitation or reset link (each works once). Every other session of the account ends, and
 * its lockout is lifted. Returns false for an unknown, used or expired link.
 */
export async function setPasswordWithToken(
  db: Kysely<Database>,
  token: string,
  password: string,
  clock: Clock = systemClock,
) {
  return inTransaction(db, async (tx) => {
    const now = clock.now().toISOString();
    const used =
      (await repo.consumeUserToken(tx, sha256(token), 'invite', now)) ??
      (await repo.consumeUserToken(tx, sha256(token), 'password_reset', now));
    if (!used) return false;
    const user = await repo.findUserById(tx, used.user_id);
    if (!user || user.status === 'suspended') return false;
    await repo.updateUser(tx, user.id, {
      password_hash: await hashPassword(password),
      status: 'active',
      // The link arrived by mail, so the address works.
      email_verified_at: user.email_verified_at ?? now,
    });
    await sessions.endAllSessions(tx, user.id);
    await repo.clearThrottle(tx, `user:${user.username}`);
    return true;
  });
}

/** Mails a reset link when the username, e-mail or phone belongs to an account with an e-mail; silent otherwise. */
export async function requestPasswordReset(
  db: Kysely<Database>,
  identifier: string,
  baseUrl: string,
  clock: Clock = systemClock,
) {
  await inTransaction(db, async (tx) => {
    const user = await repo.findUserByLogin(tx, normalizeUsername(identifier));
    if (!user?.email || user.status === 'suspended') return;
    const token = await issueToken(tx, user.id, 'password_reset', clock);
    await enqueueMail(
      tx,
      {
        to: user.email,
        ...mailText('mail.reset', { name: user.full_name, link: `${baseUrl}/set-password?token=${token}` }),
      },
      clock,
    );
  });
}

export async function verifyEmail(db: Kysely<Database>, token: string, clock: Clock = systemClock): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const now = clock.now().toISOString();
    const used = await repo.consumeUserToken(tx, sha256(token), 'verify_email', now);
    if (!used) return false;
    const user = await repo.findUserById(tx, used.user_id);
    if (!user) return false;
    await repo.updateUser(tx, user.id, {
      email_verified_at: now,
      status: user.status === 'unverified' ? 'active' : user.status,
    });
    return true;
  });
}

// Applicants (citizens and businesses)

export interface Registration {
  kind: Exclude<UserKind, 'officer'>;
  fullName: string;
  /** An e-mail address or a mobile number: it becomes the username. */
  contact: string;
  password: string;
  taxCode?: string;
}

/**
 * Registers a citizen or business. With an e-mail address the account waits for the mailed verification link; if the
 * address is already registered, its owner gets a mail saying so and the caller learns nothing.
 */
export async function registerApplicant(
  db: Kysely<Database>,
  input: Registration,
  baseUrl: string,
  clock: Clock = systemClock,
) {
  const contact = input.contact.trim();
  const email = isEmail(contact) ? contact.toLowerCase() : undefined;
  const phone = email ? undefined : (normalizeMobile(contact) ?? undefined);
  const problems: FieldProblem[] = [];
  if (!email && !phone) problems.push({ path: 'contact', messageKey: 'register.error.contact' });
  if (input.kind === 'business' && !isTaxCode(input.taxCode ?? '')) {
    problems.push({ path: 'taxCode', messageKey: 'validators.taxCode' });
  }
  if (problems.length > 0) throw new ValidationError(problems);
  const username = (email ?? phone) as string;
  return inTransaction(db, async (tx) => {
    const existing = await repo.findUserByUsername(tx, username);
    if (existing) {
      if (!email) throw new ValidationError([{ path: 'contact', messageKey: 'register.error.phoneTaken' }]);
      await enqueueMail(
        tx,
        { to: email, ...mailText('mail.alreadyRegistered', { link: `${baseUrl}/password-reset` }) },
        clock,
      );
      return { needsVerification: true };
    }
    const user = await createUser(
      tx,
      {
        username,
        kind: input.kind,
        password: input.password,
        fullName: input.fullName.trim(),
        email,
        phone,
        status: email ? 'unverified' : 'active',
      },
      clock,
    );
    if (input.kind === 'business') await repo.updateUser(tx, user.id, { tax_code: input.taxCode ?? null });
    if (email) {
      const token = await issueToken(tx, user.id, 'verify_email', clock);
      await enqueueMail(
        tx,
        {
          to: email,
          ...mailText('mail.verify', { name: user.fullName, link: `${baseUrl}/verify-email?token=${token}` }),
        },
        clock,
      );
    }
    return { needsVerification: email !== undefined };
  });
}

export interface Profile {
  kind: UserKind;
  username: string;
  fullName: string;
  identityNumber: string | null;
  dateOfBirth: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  emailVerified: boolean;
  taxCode: string | null;
  representative: string | null;
  /** Fields vouched for by the identity provider: shown as verified, not editable. */
  verified: string[];
}

export async function getProfile(db: DbOrTx, userId: string): Promise<Profile> {
  const u = await repo.findUserById(db, userId);
  if (!u) throw new NotFoundError();
  return {
    kind: u.kind,
    username: u.username,
    fullName: u.full_name,
    identityNumber: u.identity_number,
    dateOfBirth: u.date_of_birth,
    address: u.address,
    phone: u.phone,
    email: u.email,
    emailVerified: u.email_verified_at !== null,
    taxCode: u.tax_code,
    representative: u.representative,
    verified: JSON.parse(u.verified_fields) as string[],
  };
}

export type ProfileInput = Partial<
  Pick<
    Profile,
    'fullName' | 'identityNumber' | 'dateOfBirth' | 'address' | 'phone' | 'email' | 'taxCode' | 'representative'
  >
>;

const blankToNull = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() ? v.trim() : null);

/** Updates the editable fields (verified ones are left as they are); a changed e-mail address must be verified again. */
export async function updateProfile(
  db: Kysely<Database>,
  userId: string,
  input: ProfileInput,
  baseUrl: string,
  clock: Clock = systemClock,
) {
  const current = await getProfile(db, userId);
  const locked = new Set(current.verified);
  const value = (field: keyof ProfileInput) => (locked.has(field) ? undefined : blankToNull(input[field]));
  const next = {
    fullName: value('fullName'),
    identityNumber: value('identityNumber'),
    dateOfBirth: value('dateOfBirth'),
    address: value('address'),
    phone: value('phone'),
    email: value('email')?.toLowerCase(),
    taxCode: value('taxCode'),
    representative: value('representative'),
  };
  const problems: FieldProblem[] = [];
  if (next.fullName === null || (next.fullName && next.fullName.length < 2)) {
    problems.push({ path: 'fullName', messageKey: 'validators.fullName' });
  }
  if (next.identityNumber && !isCccd(next.identityNumber))
    problems.push({ path: 'identityNumber', messageKey: 'validators.cccd' });
  if (next.dateOfBirth && !isBirthDate(next.dateOfBirth, clock.now())) {
    problems.push({ path: 'dateOfBirth', messageKey: 'validators.birthDate' });
  }
  const phone = next.phone ? normalizeMobile(next.phone) : next.phone;
  if (next.phone && !phone) problems.push({ path: 'phone', messageKey: 'validators.mobile' });
  if (next.email && !isEmail(next.email)) problems.push({ path: 'email', messageKey: 'validators.email' });
  if (current.kind === 'business') {
    if (next.taxCode !== undefined && !isTaxCode(next.taxCode ?? ''))
      problems.push({ path: 'taxCode', messageKey: 'validators.taxCode' });
    if (next.representative === null)
      problems.push({ path: 'representative', messageKey: 'validators.representative' });
  }
  if (problems.length > 0) throw new ValidationError(problems);
  await inTransaction(db, async (tx) => {
    const emailChanged = next.email !== undefined && next.email !== current.email;
    const changes = Object.fromEntries(
      Object.entries({
        full_name: next.fullName ?? undefined,
        identity_number: next.identityNumber,
        date_of_birth: next.dateOfBirth,
        address: next.address,
        phone,
        email: next.email,
        tax_code: current.kind === 'business' ? next.taxCode : undefined,
        representative: current.kind === 'business' ? next.representative : undefined,
        ...(emailChanged ? { email_verified_at: null } : {}),
      }).filter(([, v]) => v !== undefined),
    );
    if (Object.keys(changes).length > 0) await repo.updateUser(tx, userId, changes);
    if (emailChanged && next.email) {
      const token = await issueToken(tx, userId, 'verify_email', clock);
      await enqueueMail(
        tx,
        {
          to: next.email,
          ...mailText('mail.verify', { name: current.fullName, link: `${baseUrl}/verify-email?token=${token}` }),
        },
        clock,
      );
    }
  });
}

// Single sign-on

/**
 * Finds or creates the applicant account behind a national SSO identity and refreshes its verified fields. An existing
 * password account is linked only when its owner is signed in while using SSO: matching on a self-entered CCCD or
 * e-mail would let anyone who typed someone else's number take over that person's SSO login.
 */
export async function signInWithSso(
  db: Kysely<Database>,
  identity: SsoIdentity,
  signedInUserId: string | null,
  clock: Clock = systemClock,
): Promise<string> {
  return inTransaction(db, async (tx) => {
    const verified = {
      full_name: identity.fullName,
      identity_number: identity.identityNumber,
      date_of_birth: identity.dateOfBirth,
      address: identity.address,
    };
    const verifiedFields = (
      [
        ['fullName', identity.fullName],
        ['identityNumber', identity.identityNumber],
        ['dateOfBirth', identity.dateOfBirth],
        ['address', identity.address],
      ] as const
    )
      .filter(([, v]) => v !== null)
      .map(([k]) => k);
    const changes = {
      ...Object.fromEntries(Object.entries(verified).filter(([, v]) => v !== null)),
      verified_fields: JSON.stringify(verifiedFields),
    };

    const known = await repo.findUserBySsoSubject(tx, identity.subject);
    if (known) {
      await repo.updateUser(tx, known.id, changes);
      return known.id;
    }
    const current = signedInUserId ? await repo.findUserById(tx, signedInUserId) : undefined;
    if (current && current.kind !== 'officer' && !current.sso_subject) {
      await repo.updateUser(tx, current.id, { ...changes, sso_subject: identity.subject });
      return current.id;
    }
    const preferred = identity.identityNumber ?? `vneid-${identity.subject}`;
    const username = (await repo.findUserByUsername(tx, preferred)) ? `vneid-${identity.subject}` : preferred;
    const user = await createUser(
      tx,
      {
        username,
        kind: 'citizen',
        fullName: identity.fullName ?? username,
        phone: identity.phone ? (normalizeMobile(identity.phone) ?? undefined) : undefined,
        email: identity.email ?? undefined,
      },
      clock,
    );
    await repo.updateUser(tx, user.id, {
      ...changes,
      sso_subject: identity.subject,
      email_verified_at: identity.email ? clock.now().toISOString() : null,
    });
    return user.id;
  });
}
