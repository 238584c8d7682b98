/**
 * The adapter to the public postal service's order API (protocol in simulators/postal): HMAC-signed JSON over HTTP,
 * the order number as idempotency key, so a retried call never creates a second order.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { digest, type ExchangeRecorder } from './exchanges.ts';
import type { PostalOrderKind, PostalParty } from './postal.schema.ts';

export interface PostalSettings {
  url: string;
  customerCode: string;
  apiSecret: string;
  callbackSecret: string;
  /** The one-stop office: sender of deliveries, receiver of pickups. */
  office: PostalParty;
  timeoutMs: number;
}

export interface WireOrder {
  orderNumber: string;
  kind: PostalOrderKind;
  itemCode: string | null;
  codAmount: number;
  content: string;
  sender: PostalParty;
  receiver: PostalParty;
  callbackUrl: string;
}

/** A refused or failed call; the outbox retries it with back-off and dead-letters it after its limit. */
export class PostalError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`postal ${code}: ${message}`);
    this.name = 'PostalError';
  }
}

export const signBody = (secret: string, timestamp: string, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

export function signatureMatches(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signBody(secret, timestamp, body), 'hex');
  const given = Buffer.from(/^[0-9a-f]+$/i.test(signature) ? signature : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const wireParty = (p: PostalParty) => ({
  FullName: p.name,
  Phone: p.phone,
  ProvinceCode: p.provinceCode,
  WardCode: p.wardCode,
  Address: p.address,
});

/** Places the order; resolves with the waybill code, also when the partner already had the order. */
export async function placeOrder(
  settings: PostalSettings,
  order: WireOrder,
  record: ExchangeRecorder,
): Promise<{ itemCode: string; duplicate: boolean }> {
  const endpoint = `${settings.url.replace(/\/$/, '')}/api/v1/orders`;
  const body = JSON.stringify({
    CustomerCode: settings.customerCode,
    OrderNumber: order.orderNumber,
    ServiceType: order.kind === 'pickup' ? 'PICKUP' : 'DELIVERY',
    ItemCode: order.itemCode,
    CODAmount: order.codAmount,
    Content: order.content,
    Sender: wireParty(order.sender),
    Receiver: wireParty(order.receiver),
    CallbackUrl: order.callbackUrl,
  });
  // Wall-clock time: the partner checks it against its own clock.
  const timestamp = new Date().toISOString();
  const exchange = {
    partner: 'postal',
    direction: 'outbound',
    endpoint,
    at: timestamp,
    requestDigest: digest(body),
  } as const;
  let status = 0;
  let text = '';
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-customer-code': settings.customerCode,
        'x-timestamp': timestamp,
        'x-signature': signBody(settings.apiSecret, timestamp, body),
        'idempotency-key': order.orderNumber,
      },
      body,
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    const detail = error instanceof Error ? error.name : 'network';
    await record({ ...exchange, responseDigest: null, outcome: 'failed', detail });
    throw new PostalError('unreachable', detail);
  }
  const answer = parse(text);
  const ok = status === 200 && answer?.Code === '00' && typeof answer.ItemCode === 'string';
  await record({
    ...exchange,
    responseDigest: digest(text),
    outcome: ok ? 'ok' : 'failed',
    ...(!ok && { detail: `${status} ${answer?.Code ?? 'malformed'}` }),
  });
  if (!ok)
    throw new PostalError(String(answer?.Code ?? `http ${status}`), String(answer?.Message ?? 'malformed answer'));
  return { itemCode: String(answer.ItemCode), duplicate: answer.Duplicate === true };
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
