import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../../db/transaction.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import * as agencies from '../agencies/agencies.service.ts';
import * as repo from './identity.repo.ts';
import { type Action, type Actor, tokenActions } from './policy.ts';
import { randomToken, sha256 } from './secrets.ts';

/** Tokens start with a recognisable prefix so that secret scanners and people can tell what they are. */
const prefix = 'motcua_';

export interface ApiToken {
  id: string;
  name: string;
  agencyId: string;
  actions: Action[];
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const toToken = (r: repo.ApiTokenRow): ApiToken => ({
  id: r.id,
  name: r.name,
  agencyId: r.agency_id,
  actions: JSON.parse(r.actions) as Action[],
  createdBy: r.created_by,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

export interface NewApiToken {
  name: string;
  agencyId: string;
  actions: readonly string[];
  createdBy: string;
}

/** Creates a token and returns its secret, which is never stored and never shown again. */
export async function createApiToken(db: DbOrTx, input: NewApiToken, clock: Clock = systemClock) {
  const unknown = input.actions.filter((a) => !(tokenActions as readonly string[]).includes(a));
  const problems = [];
  if (input.name.trim().length < 3) problems.push({ path: 'name', messageKey: 'tokens.error.name' });
  if (input.actions.length === 0 || unknown.length > 0) {
    problems.push({ path: 'actions', messageKey: 'tokens.error.actions' });
  }
  if (problems.length > 0) throw new ValidationError(problems);
  await agencies.getAgency(db, input.agencyId);
  const secret = `${prefix}${randomToken()}`;
  const row = {
    id: randomUUID(),
    hash: sha256(secret),
    name: input.name.trim(),
    agency_id: input.agencyId,
    actions: JSON.stringify([...new Set(input.actions)]),
    created_by: input.createdBy,
    created_at: clock.now().toISOString(),
    last_used_at: null,
    revoked_at: null,
  };
  await repo.insertApiToken(db, row);
  return { token: toToken(row), secret };
}

export async function listApiTokens(db: DbOrTx): Promise<ApiToken[]> {
  return (await repo.listApiTokens(db)).map(toToken);
}

export async function getApiToken(db: DbOrTx, id: string): Promise<ApiToken> {
  const row = await repo.findApiToken(db, id);
  if (!row) throw new NotFoundError();
  return toToken(row);
}

export async function revokeApiToken(db: DbOrTx, id: string, clock: Clock = systemClock): Promise<void> {
  await getApiToken(db, id);
  await repo.updateApiToken(db, id, { revoked_at: clock.now().toISOString() });
}

/** The actor behind `Authorization: Bearer …`, or undefined for an unknown or revoked token. */
export async function resolveApiToken(db: DbOrTx, secret: string, clock: Clock = systemClock) {
  if (!secret.startsWith(prefix)) return undefined;
  const row = await repo.findApiTokenByHash(db, sha256(secret));
  if (!row) return undefined;
  const now = clock.now();
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await repo.updateApiToken(db, row.id, { last_used_at: now.toISOString() });
  }
  const tree = await agencies.agencyTree(db);
  const token = toToken(row);
  const actor: Actor = {
    kind: 'token',
    id: token.id,
    name: token.name,
    scopes: new Map(),
    token: {
      actions: new Set(token.actions),
      agencyIds: new Set(tree.isActive(token.agencyId) ? tree.subtree(token.agencyId) : []),
    },
    secondFactorPending: false,
    demo: false,
  };
  return actor;
}
