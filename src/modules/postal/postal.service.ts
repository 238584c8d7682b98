/**
 * Pickup and delivery orders with the public postal service: the officer's order is written with its outbox message
 * in one transaction, the worker posts it (postal.client.ts), and the partner's signed status callbacks move the order
 * along. A delivered result is the dossier's return; a failed delivery leaves the result at the counter.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, ConflictError, ValidationError } from '../../lib/errors.ts';
import { zodProblems } from '../../lib/zod-problems.ts';
import { translate } from '../../web/i18n/index.ts';
import type { Actor, DossierCommand, DossierDetail } from '../dossiers/dossiers.schema.ts';
import type { DossierService } from '../dossiers/dossiers.service.ts';
import { statuses } from '../dossiers/lifecycle.ts';
import { enqueue, type OutboxHandler } from '../outbox/outbox.service.ts';
import { digest, type ExchangeRecorder } from './exchanges.ts';
import { PostalError, type PostalSettings, placeOrder, signatureMatches } from './postal.client.ts';
import * as repo from './postal.repo.ts';
import {
  callbackSchema,
  type OrderInput,
  orderInputSchema,
  type PostalOrderKind,
  type PostalOrderView,
  type PostalParty,
  partnerStatuses,
  statusRank,
} from './postal.schema.ts';

export const postalOrderTopic = 'postal.order';
/** How the postal service appears on a dossier's timeline. */
const postalActor: Actor = { userId: 'postal-service', kind: 'system', roles: [] };

/** Pickups bring papers to a dossier still in reception or processing; deliveries take a resolved result out. */
const allowedStatuses: Record<PostalOrderKind, readonly number[]> = {
  pickup: [statuses.submitted, statuses.accepted, statuses.processing, statuses.awaitingSupplement],
  delivery: [statuses.resolved],
};

const MAX_CALLBACK_SKEW_MS = 5 * 60_000;

function toView(row: repo.PostalOrderRow, events: repo.PostalEventRow[]): PostalOrderView {
  return {
    id: row.id,
    dossierCode: row.dossier_code,
    kind: row.kind,
    orderNumber: row.order_number,
    itemCode: row.item_code,
    status: row.status,
    sender: JSON.parse(row.sender) as PostalParty,
    receiver: JSON.parse(row.receiver) as PostalParty,
    codAmount: Number(row.cod_amount),
    failureReason: row.failure_reason,
    createdAt: row.created_at,
    events: events
      .filter((e) => e.order_id === row.id)
      .map((e) => ({ status: e.status, reason: e.reason, occurredAt: e.occurred_at })),
  };
}

/** A dossier's postal orders with their events, oldest first (for the dossier page). */
export async function postalOrdersOf(db: Db, dossierId: string): Promise<PostalOrderView[]> {
  const rows = await repo.ordersOfDossier(db.kysely, dossierId);
  const events = await repo.eventsOf(
    db.kysely,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toView(row, events));
}

export interface CallbackOutcome {
  status: 200 | 400 | 401 | 404;
  code: string;
}

export interface PostalServiceOptions {
  db: Db;
  clock: Clock;
  dossiers: Pick<DossierService, 'getDossier' | 'act'>;
  /** Undefined while the postal service is not configured. */
  settings: () => PostalSettings | undefined;
  record: ExchangeRecorder;
}

export class PostalService {
  constructor(private readonly options: PostalServiceOptions) {}

  /** The office's side of an order, for the form; undefined while postal service is not configured. */
  office(): PostalParty | undefined {
    return this.options.settings()?.office;
  }

  ordersOf(dossierId: string): Promise<PostalOrderView[]> {
    return postalOrdersOf(this.options.db, dossierId);
  }

  /** Writes the order and its outbox message together; a bad input or a dossier in the wrong state changes nothing. */
  async createOrder(dossier: DossierDetail, input: OrderInput, createdBy: string): Promise<PostalOrderView> {
    const { db, clock } = this.options;
    const settings = this.options.settings();
    if (!settings) throw new AppError('postal_not_configured', 503, 'postal.error.notConfigured');
    const parsed = orderInputSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(zodProblems(parsed.error.issues));
    const order = parsed.data;
    if (!allowedStatuses[order.kind].includes(dossier.status)) {
      throw new ConflictError('postal_wrong_status', `postal.error.status.${order.kind}`);
    }
    const existing = await repo.ordersOfDossier(db.kysely, dossier.id);
    if (existing.some((o) => o.kind === order.kind && o.status !== 'failed' && o.status !== 'delivered')) {
      throw new ConflictError('postal_order_open', 'postal.error.open');
    }
    const now = clock.now().toISOString();
    const sequence = existing.filter((o) => o.kind === order.kind).length + 1;
    const id = randomUUID();
    const [sender, receiver] =
      order.kind === 'pickup' ? [order.applicant, settings.office] : [settings.office, order.applicant];
    const row = {
      id,
      dossier_id: dossier.id,
      dossier_code: dossier.code,
      kind: order.kind,
      order_number: `${dossier.code}-${order.kind === 'pickup' ? 'P' : 'D'}${sequence}`,
      requested_item_code: order.itemCode,
      item_code: order.itemCode,
      status: 'queued' as const,
      sender: JSON.stringify(sender),
      receiver: JSON.stringify(receiver),
      cod_amount: order.codAmount,
      failure_reason: null,
      created_by: createdBy,
      created_at: now,
      updated_at: now,
    };
    await inTransaction(db.kysely, async (tx) => {
      await repo.insertOrder(tx, row);
      await enqueue(
        tx,
        {
          topic: postalOrderTopic,
          dedupeKey: `postal:${row.order_number}`,
          // One dossier's orders leave in the order they were made, apart from the dossier's own events.
          orderingKey: `postal:${dossier.code}`,
          payload: { orderId: id },
        },
        clock,
      );
    });
    return toView(row, []);
  }

  /**
   * A status callback from the postal service. Refused without a valid signature over the exact body (nothing
   * changes, the attempt is recorded); a repeated event is acknowledged and changes nothing.
   */
  async receiveCallback(raw: string, headers: { timestamp?: string; signature?: string }): Promise<CallbackOutcome> {
    const { db, clock, record } = this.options;
    const settings = this.options.settings();
    const now = clock.now();
    const exchange = {
      partner: 'postal',
      direction: 'inbound',
      endpoint: 'callback',
      at: now.toISOString(),
      requestDigest: digest(raw),
      responseDigest: null,
    } as const;
    const timestamp = headers.timestamp ?? '';
    const fresh = Math.abs(now.getTime() - Date.parse(timestamp)) <= MAX_CALLBACK_SKEW_MS;
    if (!settings || !fresh || !signatureMatches(settings.callbackSecret, timestamp, raw, headers.signature ?? '')) {
      await record({ ...exchange, outcome: 'refused', detail: fresh ? 'bad signature' : 'stale or missing timestamp' });
      return { status: 401, code: 'E401' };
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    const parsed = callbackSchema.safeParse(body);
    if (!parsed.success) {
      await record({ ...exchange, outcome: 'refused', detail: 'invalid body' });
      return { status: 400, code: 'E400' };
    }
    const event = parsed.data;
    const order = await repo.findByOrderNumber(db.kysely, event.OrderNumber);
    if (!order) {
      await record({ ...exchange, outcome: 'refused', detail: `unknown order ${event.OrderNumber}` });
      return { status: 404, code: 'E404' };
    }
    const status = partnerStatuses[event.Status]!;
    const recorded = await inTransaction(db.kysely, async (tx) => {
      const inserted = await repo.insertEventOnce(tx, {
        order_id: order.id,
        event_id: event.EventId,
        status,
        reason: event.Reason ?? null,
        occurred_at: new Date(event.Time).toISOString(),
        received_at: now.toISOString(),
      });
      if (!inserted) return false;
      const current = await repo.findOrder(tx, order.id);
      const advances = current && statusRank[status] >= statusRank[current.status] && current.status !== 'delivered';
      await repo.updateOrder(tx, order.id, {
        ...(advances && { status, failure_reason: status === 'failed' ? (event.Reason ?? null) : null }),
        item_code: current?.item_code ?? event.ItemCode ?? null,
        updated_at: now.toISOString(),
      });
      return true;
    });
    // Also on a repeated callback: a crash after recording the event must not leave the dossier un-returned.
    await this.settleDossier(order.id);
    await record({
      ...exchange,
      outcome: recorded ? 'ok' : 'duplicate',
      detail: `${event.OrderNumber} ${event.Status}`,
    });
    return { status: 200, code: '00' };
  }

  /** A delivered result is returned: the dossier's return_result, taken by the postal service, once. */
  private async settleDossier(orderId: string): Promise<void> {
    const { db, dossiers } = this.options;
    const order = await repo.findOrder(db.kysely, orderId);
    if (order?.kind !== 'delivery' || order.status !== 'delivered') return;
    for (let attempt = 0; attempt < 3; attempt++) {
      const dossier = await dossiers.getDossier(order.dossier_code);
      if (dossier.status !== statuses.resolved) return;
      try {
        const command: DossierCommand = {
          action: 'return_result',
          method: 'postal',
          ...(order.item_code && { postalItemCode: order.item_code }),
        };
        await dossiers.act(dossier.code, postalActor, command, dossier.version);
        return;
      } catch (error) {
        // An officer acted at the same moment: read again.
        if (!(error instanceof ConflictError && error.code === 'stale_version')) throw error;
      }
    }
  }
}

export interface OrderHandlerOptions {
  db: Db;
  clock: Clock;
  settings: () => PostalSettings | undefined;
  record: ExchangeRecorder;
  /** Where the postal service posts status changes (the portal's public address). */
  callbackUrl: () => string;
}

/** The outbox handler of `postal.order`: posts the order (again, after a crash: the partner deduplicates). */
export function postalOrderHandler(options: OrderHandlerOptions): OutboxHandler {
  const { db, clock } = options;
  return async (message) => {
    const { orderId } = message.payload as { orderId: string };
    const order = await repo.findOrder(db.kysely, orderId);
    if (!order) return;
    const settings = options.settings();
    if (!settings) throw new PostalError('not_configured', 'POSTAL_URL and its secrets are not set');
    const placed = await placeOrder(
      settings,
      {
        orderNumber: order.order_number,
        kind: order.kind,
        itemCode: order.requested_item_code,
        codAmount: Number(order.cod_amount),
        content: translate('vi', `postal.content.${order.kind}`, { code: order.dossier_code }),
        sender: JSON.parse(order.sender) as PostalParty,
        receiver: JSON.parse(order.receiver) as PostalParty,
        callbackUrl: options.callbackUrl(),
      },
      options.record,
    );
    await repo.updateOrder(db.kysely, order.id, {
      item_code: order.item_code ?? placed.itemCode,
      updated_at: clock.now().toISOString(),
    });
  };
}

/** The postal settings from the environment; undefined unless the address and every credential are set. */
export function postalSettingsFrom(env: {
  POSTAL_URL?: string;
  POSTAL_CUSTOMER_CODE: string;
  POSTAL_API_SECRET?: string;
  POSTAL_CALLBACK_SECRET?: string;
  POSTAL_OFFICE_NAME: string;
  POSTAL_OFFICE_PHONE: string;
  POSTAL_OFFICE_PROVINCE: string;
  POSTAL_OFFICE_WARD: string;
  POSTAL_OFFICE_ADDRESS: string;
  POSTAL_TIMEOUT_MS: number;
}): PostalSettings | undefined {
  if (!env.POSTAL_URL || !env.POSTAL_API_SECRET || !env.POSTAL_CALLBACK_SECRET) return undefined;
  return {
    url: env.POSTAL_URL,
    customerCode: env.POSTAL_CUSTOMER_CODE,
    apiSecret: env.POSTAL_API_SECRET,
    callbackSecret: env.POSTAL_CALLBACK_SECRET,
    office: {
      name: env.POSTAL_OFFICE_NAME,
      phone: env.POSTAL_OFFICE_PHONE,
      provinceCode: env.POSTAL_OFFICE_PROVINCE,
      wardCode: env.POSTAL_OFFICE_WARD,
      address: env.POSTAL_OFFICE_ADDRESS,
    },
    timeoutMs: env.POSTAL_TIMEOUT_MS,
  };
}
