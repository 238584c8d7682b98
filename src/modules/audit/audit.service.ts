import type { Logger } from 'pino';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { addDays, vietnamInstant } from '../../lib/vn-time.ts';
import { agencyTree, listAgencies } from '../agencies/agencies.service.ts';
import { type Action, type Actor, can, type Resource, visibleScope } from '../identity/policy.ts';
import * as repo from './audit.repo.ts';
import type { AuditActorKind } from './audit.tables.ts';

export interface AuditEvent {
  id: number;
  occurredAt: string;
  actorKind: AuditActorKind;
  actorId: string;
  actorName: string;
  roles: string[];
  agencyId: string | null;
  action: string;
  method: string;
  route: string;
  resourceIds: string;
  summary: Record<string, unknown> | null;
  statusCode: number;
  clientHash: string;
  requestId: string;
}

const toEvent = (r: repo.AuditEventRow): AuditEvent => ({
  id: Number(r.id),
  occurredAt: r.occurred_at,
  actorKind: r.actor_kind,
  actorId: r.actor_id,
  actorName: r.actor_name,
  roles: r.roles ? r.roles.split(',') : [],
  agencyId: r.agency_id,
  action: r.action,
  method: r.method,
  route: r.route,
  resourceIds: r.resource_ids,
  summary: r.summary ? (JSON.parse(r.summary) as Record<string, unknown>) : null,
  statusCode: r.status_code,
  clientHash: r.client_hash,
  requestId: r.request_id,
});

/** Whether an actor's requests are audited: officers (administrators included) and partner systems' API tokens. */
export function isAudited(actor: Actor | null | undefined): actor is Actor & { kind: AuditActorKind; id: string } {
  return (actor?.kind === 'officer' || actor?.kind === 'token') && actor.id !== null;
}

function resourceAgencies(resource: Resource | undefined): readonly string[] {
  if (!resource) return [];
  if (resource.type === 'agency') return [resource.agencyId];
  if (resource.type === 'user') return [];
  return resource.agencyIds;
}

/**
 * The agency an event concerns: the first of the checked resource's agencies the actor may act in, else the agency
 * the actor acts from. Each role's scope lists the granted agency before those below it (the tree is walked from
 * the grant), and a token's from its own agency, so the first one is where the actor was given the power.
 */
export function eventAgency(actor: Actor, action: Action, resource: Resource | undefined): string | null {
  const involved = resourceAgencies(resource);
  const concerned = involved.find((agencyId) => can(actor, action, { type: 'agency', agencyId })) ?? involved[0];
  if (concerned) return concerned;
  const scope = visibleScope(actor, action);
  const first = scope && 'agencyIds' in scope ? scope.agencyIds.values().next().value : undefined;
  if (first) return first;
  for (const agencies of actor.scopes.values()) {
    const home = agencies.values().next().value;
    if (home) return home;
  }
  return null;
}

export interface NewAuditEvent {
  occurredAt: string;
  actor: Actor & { kind: AuditActorKind; id: string };
  agencyId: string | null;
  action: Action;
  method: string;
  route: string;
  resourceIds: string;
  summary: string | null;
  statusCode: number;
  clientHash: string;
  requestId: string;
}

export function recordEvent(db: Db, e: NewAuditEvent): Promise<void> {
  return repo.insertEvent(db.kysely, {
    occurred_at: e.occurredAt,
    actor_kind: e.actor.kind,
    actor_id: e.actor.id,
    actor_name: e.actor.username ?? e.actor.name,
    roles: [...e.actor.scopes.keys()].join(','),
    agency_id: e.agencyId,
    action: e.action,
    method: e.method,
    route: e.route,
    resource_ids: e.resourceIds,
    summary: e.summary,
    status_code: e.statusCode,
    client_hash: e.clientHash,
    request_id: e.requestId,
  });
}

export interface AuditFilter {
  actorName?: string;
  action?: string;
  /** An agency: its events and those of the agencies below it. */
  agencyId?: string;
  /** Vietnam calendar dates, both inclusive. */
  from?: string;
  to?: string;
  resource?: string;
}

/**
 * The agencies whose events a reader may see, narrowed to a chosen agency's sub-tree: `undefined` when the reader
 * covers every agency and chose none (the whole log, events without an agency included), else the list.
 */
async function readableAgencies(db: Db, reader: Actor, agencyId?: string): Promise<string[] | undefined> {
  const scope = visibleScope(reader, 'audit.read');
  const allowed = scope && 'agencyIds' in scope ? scope.agencyIds : new Set<string>();
  if (agencyId) {
    const tree = await agencyTree(db.kysely);
    return tree.has(agencyId) ? tree.subtree(agencyId).filter((id) => allowed.has(id)) : [];
  }
  const all = await listAgencies(db.kysely);
  return all.every((a) => allowed.has(a.id)) ? undefined : [...allowed];
}

function eventQuery(agencyIds: readonly string[] | undefined, f: AuditFilter) {
  return {
    agencyIds,
    actorName: f.actorName,
    action: f.action,
    from: f.from && vietnamInstant(f.from).toISOString(),
    to: f.to && vietnamInstant(addDays(f.to, 1)).toISOString(),
    resource: f.resource,
  };
}

/** One page of the events a reader may see, newest first, continuing below `before` (keyset pagination). */
export async function listAuditEvents(
  db: Db,
  reader: Actor,
  filter: AuditFilter,
  page: { before?: number; limit: number },
): Promise<{ events: AuditEvent[]; olderThan: number | null }> {
  const agencyIds = await readableAgencies(db, reader, filter.agencyId);
  const rows = await repo.listEvents(db.kysely, {
    ...eventQuery(agencyIds, filter),
    before: page.before,
    limit: page.limit + 1,
  });
  const events = rows.slice(0, page.limit).map(toEvent);
  return { events, olderThan: rows.length > page.limit ? (events.at(-1)?.id ?? null) : null };
}

/** Every event of the filtered range, newest first, read in batches so an export of years holds one batch in memory. */
export async function* auditEventsInRange(db: Db, reader: Actor, filter: AuditFilter, batch = 500) {
  const agencyIds = await readableAgencies(db, reader, filter.agencyId);
  const query = eventQuery(agencyIds, filter);
  let before: number | undefined;
  for (;;) {
    const rows = await repo.listEvents(db.kysely, { ...query, before, limit: batch });
    for (const row of rows) yield toEvent(row);
    if (rows.length < batch) return;
    before = Number(rows.at(-1)?.id);
  }
}

/** The retention sweep: deletes the events older than `days` days (the worker runs it when a period is set). */
export function sweepAuditEvents(db: Db, days: number, clock: Clock = systemClock): Promise<number> {
  const before = new Date(clock.now().getTime() - days * 86_400_000).toISOString();
  return inTransaction(db.kysely, (tx) => repo.deleteEventsBefore(tx, before, db.dialect === 'postgres'));
}

/** The worker's retention step: sweeps, logs what it removed, never throws (the next run tries again). */
export function auditRetention(db: Db, clock: Clock, logger: Logger, days: number): () => Promise<void> {
  return () =>
    sweepAuditEvents(db, days, clock).then(
      (removed) => logger.info({ removed, days }, 'audit retention sweep'),
      (error: unknown) => logger.error({ err: error }, 'audit retention sweep failed'),
    );
}
