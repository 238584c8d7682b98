import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../../db/transaction.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import * as repo from './identity.repo.ts';
import type { OfficerRole, UserKind } from './identity.tables.ts';
import { hashPassword } from './passwords.ts';

export interface NewUser {
  username: string;
  kind: UserKind;
  password: string;
  fullName: string;
  email?: string;
  phone?: string;
  demo?: boolean;
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

export async function createUser(db: DbOrTx, input: NewUser, clock: Clock = systemClock): Promise<User> {
  if (await repo.findUserByUsername(db, input.username)) throw new UsernameTakenError(input.username);
  const id = randomUUID();
  await repo.insertUser(db, {
    id,
    username: input.username,
    kind: input.kind,
    password_hash: await hashPassword(input.password),
    full_name: input.fullName,
    email: input.email ?? null,
    phone: input.phone ?? null,
    status: 'active',
    demo: input.demo ? 1 : 0,
    created_at: clock.now().toISOString(),
  });
  return { id, username: input.username, kind: input.kind, fullName: input.fullName };
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
