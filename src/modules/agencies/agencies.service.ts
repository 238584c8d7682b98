import { randomUUID } from 'node:crypto';
import { bumpReference, deepFreeze, readReference } from '../../db/reference-cache.ts';
import { type DbOrTx, inTransaction, type Tx } from '../../db/transaction.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import * as repo from './agencies.repo.ts';
import { isAgencyIdentifier } from './agencies.schema.ts';
import type { AgencyKind, AgencyLevel } from './agencies.tables.ts';

export interface AgencyInput {
  identifier: string;
  name: string;
  kind: AgencyKind;
  level: AgencyLevel;
  parentIdentifier?: string;
  parentId?: string;
  address?: string;
  phone?: string;
  email?: string;
}

export interface Agency {
  id: string;
  identifier: string;
  name: string;
  kind: AgencyKind;
  level: AgencyLevel;
  parentId: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  active: boolean;
}

const toAgency = (r: repo.AgencyRow): Agency => ({
  id: r.id,
  identifier: r.identifier,
  name: r.name,
  kind: r.kind,
  level: r.level,
  parentId: r.parent_id,
  address: r.address,
  phone: r.phone,
  email: r.email,
  active: r.active === 1,
});

/** The parent links of every agency, to answer sub-tree questions without a query per level. */
export class AgencyTree {
  private readonly children = new Map<string | null, string[]>();
  private readonly active = new Map<string, boolean>();

  constructor(links: readonly { id: string; parentId: string | null; active: boolean }[]) {
    for (const link of links) {
      this.active.set(link.id, link.active);
      const siblings = this.children.get(link.parentId) ?? [];
      siblings.push(link.id);
      this.children.set(link.parentId, siblings);
    }
  }

  has(id: string): boolean {
    return this.active.has(id);
  }

  isActive(id: string): boolean {
    return this.active.get(id) === true;
  }

  /** The agency and every agency below it. */
  subtree(id: string): string[] {
    const out: string[] = [];
    const stack = [id];
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (out.includes(next)) continue;
      out.push(next);
      stack.push(...(this.children.get(next) ?? []));
    }
    return out;
  }
}

/** Every agency, in identifier order, with the lookups and the tree built from them once. */
export interface AgencyRegister {
  /** Frozen, like every agency in it. */
  all: Agency[];
  byId: ReadonlyMap<string, Agency>;
  byIdentifier: ReadonlyMap<string, Agency>;
  tree: AgencyTree;
}

async function loadRegister(db: DbOrTx): Promise<AgencyRegister> {
  const all = deepFreeze((await repo.listAgencies(db)).map(toAgency));
  return {
    all,
    byId: new Map(all.map((a) => [a.id, a])),
    byIdentifier: new Map(all.map((a) => [a.identifier, a])),
    tree: new AgencyTree(all),
  };
}

/** Read once per process and again after a change (db/reference-cache.ts); inside a transaction, from it. */
export const agencyRegister = (db: DbOrTx): Promise<AgencyRegister> =>
  readReference(db, 'agencies', ['agencies'], loadRegister);

/**
 * Runs an agency write in a transaction (the caller's, or its own) that also bumps the agencies' revision, so that
 * every process reloads them.
 */
function agencyWrite<T>(db: DbOrTx, work: (tx: Tx) => Promise<T>): Promise<T> {
  const run = async (tx: Tx) => {
    const result = await work(tx);
    await bumpReference(tx, 'agencies');
    return result;
  };
  return db.isTransaction ? run(db as Tx) : inTransaction(db, run);
}

export async function agencyTree(db: DbOrTx): Promise<AgencyTree> {
  return (await agencyRegister(db)).tree;
}

async function checkIdentifier(db: DbOrTx, identifier: string, exceptId?: string): Promise<void> {
  if (!isAgencyIdentifier(identifier)) {
    throw new ValidationError([{ path: 'identifier', messageKey: 'agencies.error.identifier' }]);
  }
  const existing = await repo.findAgencyByIdentifier(db, identifier);
  if (existing && existing.id !== exceptId) {
    throw new ValidationError([{ path: 'identifier', messageKey: 'agencies.error.identifierTaken' }]);
  }
}

export function createAgency(db: DbOrTx, input: AgencyInput, clock: Clock = systemClock): Promise<Agency> {
  return agencyWrite(db, (tx) => insertAgency(tx, input, clock));
}

async function insertAgency(db: Tx, input: AgencyInput, clock: Clock): Promise<Agency> {
  await checkIdentifier(db, input.identifier);
  const parent = input.parentIdentifier
    ? await repo.findAgencyByIdentifier(db, input.parentIdentifier)
    : input.parentId
      ? await repo.findAgencyById(db, input.parentId)
      : undefined;
  if ((input.parentIdentifier || input.parentId) && !parent) {
    throw new ValidationError([{ path: 'parentId', messageKey: 'agencies.error.parent' }]);
  }
  const now = clock.now().toISOString();
  const row = {
    id: randomUUID(),
    identifier: input.identifier,
    name: input.name,
    kind: input.kind,
    level: input.level,
    parent_id: parent?.id ?? null,
    address: input.address ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    active: 1,
    created_at: now,
    updated_at: now,
  };
  await repo.insertAgency(db, row);
  return toAgency(row);
}

export type AgencyDetails = Omit<AgencyInput, 'parentIdentifier' | 'parentId'>;

export function updateAgency(
  db: DbOrTx,
  id: string,
  input: AgencyDetails,
  clock: Clock = systemClock,
): Promise<Agency> {
  return agencyWrite(db, async (tx) => {
    await getAgency(tx, id);
    await checkIdentifier(tx, input.identifier, id);
    await repo.updateAgency(tx, id, {
      identifier: input.identifier,
      name: input.name,
      kind: input.kind,
      level: input.level,
      address: input.address ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      updated_at: clock.now().toISOString(),
    });
    return getAgency(tx, id);
  });
}

/** Moves an agency under another parent; refuses to put an agency under itself or one of its descendants. */
export function moveAgency(db: DbOrTx, id: string, parentId: string, clock: Clock = systemClock): Promise<Agency> {
  return agencyWrite(db, async (tx) => {
    await getAgency(tx, id);
    const parent = await repo.findAgencyById(tx, parentId);
    if (!parent) throw new ValidationError([{ path: 'parentId', messageKey: 'agencies.error.parent' }]);
    const tree = await agencyTree(tx);
    if (tree.subtree(id).includes(parentId)) throw new ConflictError('agency_cycle', 'agencies.error.cycle');
    await repo.updateAgency(tx, id, { parent_id: parentId, updated_at: clock.now().toISOString() });
    return getAgency(tx, id);
  });
}

/** Deactivated agencies keep their rows, history and roles; their officers cannot act for them meanwhile. */
export function setAgencyActive(db: DbOrTx, id: string, active: boolean, clock: Clock = systemClock): Promise<Agency> {
  return agencyWrite(db, async (tx) => {
    await getAgency(tx, id);
    await repo.updateAgency(tx, id, { active: active ? 1 : 0, updated_at: clock.now().toISOString() });
    return getAgency(tx, id);
  });
}

export async function getAgency(db: DbOrTx, id: string): Promise<Agency> {
  const agency = db.isTransaction
    ? await repo.findAgencyById(db, id).then((row) => row && toAgency(row))
    : (await agencyRegister(db)).byId.get(id);
  if (!agency) throw new NotFoundError('agencies.error.notFound');
  return agency;
}

/** Every agency in identifier order. The array and its agencies are shared and frozen: copy before changing. */
export async function listAgencies(db: DbOrTx): Promise<Agency[]> {
  return (await agencyRegister(db)).all;
}

/**
 * The electronic identifiers of an agency and of every agency below it, for figures "under" an agency; `undefined`
 * (no narrowing) without an agency, and an empty set for an unknown one.
 */
export async function identifiersUnder(db: DbOrTx, identifier: string | undefined): Promise<Set<string> | undefined> {
  if (!identifier) return undefined;
  const { byId, byIdentifier, tree } = await agencyRegister(db);
  const root = byIdentifier.get(identifier);
  if (!root) return new Set();
  return new Set(tree.subtree(root.id).flatMap((id) => byId.get(id)?.identifier ?? []));
}

export async function findAgency(db: DbOrTx, identifier: string): Promise<Agency | undefined> {
  if (!db.isTransaction) return (await agencyRegister(db)).byIdentifier.get(identifier);
  const row = await repo.findAgencyByIdentifier(db, identifier);
  return row && toAgency(row);
}

export const countAgencies = repo.countAgencies;
