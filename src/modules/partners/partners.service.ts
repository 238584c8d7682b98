/**
 * The partner exchange log and the one way adapters talk to partners: `callPartner` makes an HTTP request with a
 * deadline and records it; `recordExchange` records an exchange the partner started (a callback, a push).
 */
import { createHash } from 'node:crypto';
import type { DbOrTx } from '../../db/transaction.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import * as repo from './partners.repo.ts';
import type { ExchangeOutcome } from './partners.tables.ts';

export type { ExchangeOutcome };

export function digest(body: string | Uint8Array): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

const DETAIL_MAX = 300;

function withoutQuery(url: string): string {
  const at = url.search(/[?#]/);
  return at === -1 ? url : url.slice(0, at);
}

export interface ExchangeRecord {
  partner: string;
  direction: 'outbound' | 'inbound';
  method: string;
  url: string;
  startedAt: Date;
  durationMs: number;
  requestBody: string | Uint8Array;
  responseBody?: string | Uint8Array | null;
  statusCode?: number | null;
  outcome: ExchangeOutcome;
  /** The partner's error code or our reason. Never personal data. */
  detail?: string | null;
  reference?: string | null;
}

export async function recordExchange(db: DbOrTx, record: ExchangeRecord): Promise<void> {
  await repo.insertExchange(db, {
    partner: record.partner,
    direction: record.direction,
    method: record.method.toUpperCase(),
    endpoint: withoutQuery(record.url),
    at: record.startedAt.toISOString(),
    duration_ms: Math.max(0, Math.round(record.durationMs)),
    request_digest: digest(record.requestBody),
    response_digest: record.responseBody == null ? null : digest(record.responseBody),
    status_code: record.statusCode ?? null,
    outcome: record.outcome,
    detail: record.detail ? record.detail.slice(0, DETAIL_MAX) : null,
    reference: record.reference ?? null,
  });
}

export interface PartnerRequest {
  partner: string;
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  reference?: string;
  /** A longer answer is cut off and thrown as PartnerResponseTooLargeError (a downloaded file), never held whole. */
  maxResponseBytes?: number;
  /** The partner's error code in a refusal, for the log (default: the start of the body). */
  describeError?: (status: number, body: string) => string | undefined;
}

export interface PartnerResponse {
  status: number;
  body: string;
  /** The answer's exact bytes (a downloaded file); `body` is their UTF-8 reading. */
  bytes: Uint8Array;
}

/** The partner could not be reached or did not answer in time; the caller retries later. */
export class PartnerUnreachableError extends Error {
  constructor(
    readonly partner: string,
    reason: string,
  ) {
    super(`${partner} unreachable: ${reason}`);
    this.name = 'PartnerUnreachableError';
  }
}

/** The partner's answer was longer than the caller's limit; it was not read further. */
export class PartnerResponseTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`answer longer than ${limit} bytes`);
    this.name = 'PartnerResponseTooLargeError';
  }
}

async function readAtMost(response: Response, limit: number | undefined): Promise<Uint8Array> {
  if (limit === undefined || !response.body) return new Uint8Array(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new PartnerResponseTooLargeError(limit);
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks);
}

/**
 * Sends one request and logs it: 2xx is `ok`, 4xx `rejected`, 5xx `failed`; no answer within the deadline (or no
 * connection) is logged `failed` and thrown as PartnerUnreachableError. The caller judges the answer's content.
 */
export async function callPartner(
  db: DbOrTx,
  request: PartnerRequest,
  clock: Clock = systemClock,
): Promise<PartnerResponse> {
  const startedAt = clock.now();
  const started = performance.now();
  const body = request.body ?? '';
  const base = {
    partner: request.partner,
    direction: 'outbound' as const,
    method: request.method,
    url: request.url,
    startedAt,
    requestBody: body,
    reference: request.reference ?? null,
  };
  // Set once the partner answers; a too-long answer is logged with it.
  let status = 0;
  let bytes: Uint8Array;
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.method === 'GET' ? undefined : body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    status = response.status;
    bytes = await readAtMost(response, request.maxResponseBytes);
  } catch (error) {
    if (error instanceof PartnerResponseTooLargeError) {
      await recordExchange(db, {
        ...base,
        durationMs: performance.now() - started,
        statusCode: status,
        outcome: 'failed',
        detail: 'response_too_large',
      });
      throw error;
    }
    const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : describeFailure(error);
    await recordExchange(db, { ...base, durationMs: performance.now() - started, outcome: 'failed', detail: reason });
    throw new PartnerUnreachableError(request.partner, reason);
  }
  const text = new TextDecoder().decode(bytes);
  const outcome: ExchangeOutcome = status < 300 ? 'ok' : status < 500 ? 'rejected' : 'failed';
  const detail =
    outcome === 'ok' ? null : (request.describeError?.(status, text) ?? `HTTP ${status} ${text.slice(0, 100)}`);
  await recordExchange(db, {
    ...base,
    durationMs: performance.now() - started,
    responseBody: bytes,
    statusCode: status,
    outcome,
    detail,
  });
  return { status, body: text, bytes };
}

function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
}

export interface ExchangeView {
  id: number;
  partner: string;
  direction: 'outbound' | 'inbound';
  method: string;
  endpoint: string;
  at: string;
  durationMs: number;
  requestDigest: string;
  responseDigest: string | null;
  statusCode: number | null;
  outcome: ExchangeOutcome;
  detail: string | null;
  reference: string | null;
}

export async function listExchanges(
  db: DbOrTx,
  filter: { partner?: string; reference?: string; before?: number; limit?: number } = {},
): Promise<ExchangeView[]> {
  const limit = Math.min(500, Math.max(1, filter.limit ?? 50));
  const rows = await repo.listExchanges(db, { ...filter, limit });
  return rows.map((r) => ({
    id: Number(r.id),
    partner: r.partner,
    direction: r.direction,
    method: r.method,
    endpoint: r.endpoint,
    at: r.at,
    durationMs: r.duration_ms,
    requestDigest: r.request_digest,
    responseDigest: r.response_digest,
    statusCode: r.status_code,
    outcome: r.outcome,
    detail: r.detail,
    reference: r.reference,
  }));
}
