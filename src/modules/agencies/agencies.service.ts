import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../../db/transaction.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import * as repo from './agencies.repo.ts';
import type { AgencyKind, AgencyLevel } from './agencies.tables.ts';

export interface AgencyInput {
  identifier: string;
  name: string;
  kind: AgencyKind;
  level: AgencyLevel;
  parentIdentifier?: string;
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
  active: boolean;
}

const toAgency = (r: repo.AgencyRow): Agency => ({
  id: r.id,
  identifier: r.identifier,
  name: r.name,
  kind: r.kind,
  level: r.level,
  parentId: r.parent_id,
  active: r.active === 1,
});

export async function createAgency(db: DbOrTx, input: AgencyInput, clock: Clock = systemClock): Promise<Agency> {
  const parent = input.parentIdentifier ? await repo.findAgencyByIdentifier(db, input.parentIdentifier) : undefined;
  if (input.parentIdentifier && !parent) throw new Error(`unknown parent agency ${input.parentIdentifier}`);
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

export async function listAgencies(db: DbOrTx): Promise<Agency[]> {
  return (await repo.listAgencies(db)).map(toAgency);
}

export async function findAgency(db: DbOrTx, identifier: string): Promise<Agency | undefined> {
  const row = await repo.findAgencyByIdentifier(db, identifier);
  return row && toAgency(row);
}

export const countAgencies = repo.countAgencies;
