/**
 * Outbound sync: every dossier event enqueues one `national_portal.sync` message per dossier version, which the
 * handler delivers as the DVCQG packet of that version. Messages of one dossier leave in order (their own ordering
 * key, so a partner outage holds back only the sync, not the applicant's mail); the dedupe key is the idempotency key
 * the national portal sees, identical on every retry.
 */
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { translate } from '../../web/i18n/index.ts';
import { listAgencies } from '../agencies/agencies.service.ts';
import type { DossierDetail } from '../dossiers/dossiers.schema.ts';
import { dossierDetail } from '../dossiers/dossiers.service.ts';
import { getUser } from '../identity/identity.service.ts';
import { officerRoles } from '../identity/policy.ts';
import { enqueue, type OutboxHandler } from '../outbox/outbox.service.ts';
import { NationalPortalClient, type NationalPortalSettings } from './national-portal.client.ts';
import { type PacketExtras, type PacketLookups, syncPacket } from './national-portal.packet.ts';
import * as repo from './national-portal.repo.ts';

export const nationalPortalSyncTopic = 'national_portal.sync';

interface SyncMessage {
  code: string;
  version: number;
}

/** The dossier-event reaction: queues the sync of the version the event announces (the submission is version 1). */
export function nationalPortalSyncReaction(db: Db, clock: Clock): OutboxHandler {
  return async (message) => {
    const event = message.payload as { code?: unknown; version?: unknown };
    if (typeof event.code !== 'string') return;
    const version = typeof event.version === 'number' ? event.version : 1;
    await enqueue(
      db.kysely,
      {
        topic: nationalPortalSyncTopic,
        dedupeKey: `national_portal.sync:${event.code}:v${version}`,
        orderingKey: `national_portal:${event.code}`,
        payload: { code: event.code, version } satisfies SyncMessage,
      },
      clock,
    );
  };
}

async function lookupsFor(db: Db, baseUrl: string, dossier: DossierDetail): Promise<PacketLookups> {
  const agencies = await listAgencies(db.kysely);
  const agencyNames = new Map(agencies.flatMap((a) => [[a.id, a.name] as const, [a.identifier, a.name] as const]));
  const people = new Map<string, string>();
  for (const actorId of new Set(dossier.actions.map((a) => a.actorId))) {
    // A partner system acts under its own name, which is no user's id.
    people.set(
      actorId,
      (await getUser(db.kysely, actorId))?.full_name ?? translate('vi', 'nationalPortal.systemActor'),
    );
  }
  return {
    personName: (id) => people.get(id) ?? '',
    roleTitle: (role) =>
      translate(
        'vi',
        (officerRoles as readonly string[]).includes(role) ? `identity.role.${role}` : `office.role.${role}`,
      ),
    agencyName: (id) => (id ? (agencyNames.get(id) ?? id) : ''),
    actionLabel: (action) => translate('vi', `dossiers.action.${action}`),
    fileUrl: (id) => `${baseUrl}/office/dossiers/${encodeURIComponent(dossier.code)}/files/${id}`,
  };
}

export interface SyncHandlerOptions {
  settings: NationalPortalSettings;
  baseUrl: () => string;
  /** Fields other modules own (reuse, national payment); none until they are wired. */
  extras?: (code: string) => Promise<PacketExtras>;
}

/** Delivers one sync message: builds the packet of that version and posts it with the message's dedupe key. */
export function nationalPortalSyncHandler(db: Db, clock: Clock, options: SyncHandlerOptions): OutboxHandler {
  const client = new NationalPortalClient(db.kysely, options.settings, clock);
  return async (message) => {
    const { code, version } = message.payload as SyncMessage;
    const dossier = await dossierDetail(db.kysely, code);
    const lookups = await lookupsFor(db, options.baseUrl(), dossier);
    const packet = syncPacket(dossier, version, lookups, (await options.extras?.(code)) ?? {});
    await client.sync(packet, message.dedupeKey);
    await repo.markSynced(db.kysely, dossier, version, clock.now().toISOString());
  };
}

/** A partner down for hours keeps its messages: with backoff capped at 15 minutes this is about seven hours. */
export const SYNC_MAX_ATTEMPTS = 36;
