/**
 * The national portal's protocol on our side: every request signed with HMAC-SHA256 over
 * `timestamp.method.path.body` with the shared secret (headers X-Client-Id, X-Timestamp, X-Signature), answers
 * `{ error_code, message }` with "0" for success. Pushes to us carry the same signature.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DbOrTx } from '../../db/transaction.ts';
import type { Clock } from '../../lib/clock.ts';
import { callPartner, type PartnerResponse } from '../partners/partners.service.ts';

export const PARTNER = 'national-portal';
/** A signature older or newer than this is refused (replayed or forged). */
const MAX_SKEW_SECONDS = 300;

export interface NationalPortalSettings {
  url: string;
  clientId: string;
  secret: string;
  timeoutMs: number;
}

export function signature(secret: string, timestamp: string, method: string, path: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${method}.${path}.${body}`).digest('hex');
}

function signedHeaders(settings: NationalPortalSettings, method: string, path: string, body: string, now: Date) {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    'x-client-id': settings.clientId,
    'x-timestamp': timestamp,
    'x-signature': signature(settings.secret, timestamp, method, path, body),
  };
}

/** Why an inbound request's signature does not hold, or null when it does. */
export function inboundSignatureProblem(
  settings: Pick<NationalPortalSettings, 'clientId' | 'secret'>,
  headers: Record<string, string | string[] | undefined>,
  method: string,
  path: string,
  body: string,
  now: Date,
): 'unknown_client' | 'stale_timestamp' | 'bad_signature' | null {
  if (headers['x-client-id'] !== settings.clientId) return 'unknown_client';
  const timestamp = String(headers['x-timestamp'] ?? '');
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) {
    return 'stale_timestamp';
  }
  const given = Buffer.from(String(headers['x-signature'] ?? ''), 'utf8');
  const expected = Buffer.from(signature(settings.secret, timestamp, method, path, body), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : 'bad_signature';
}

/** The national portal refused or garbled an answer; the outbox retries, then dead-letters with this message. */
export class NationalPortalError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
  ) {
    super(`national portal ${errorCode}: ${message}`);
    this.name = 'NationalPortalError';
  }
}

interface Answer {
  error_code?: unknown;
  message?: unknown;
}

function describeError(_status: number, body: string): string | undefined {
  try {
    const answer = JSON.parse(body) as Answer;
    return `${String(answer.error_code)} ${String(answer.message ?? '')}`.trim();
  } catch {
    return undefined;
  }
}

/** The parsed answer of a successful exchange; anything else throws NationalPortalError. */
function accepted<T extends Answer>(response: PartnerResponse): T {
  let answer: T;
  try {
    answer = JSON.parse(response.body) as T;
  } catch {
    throw new NationalPortalError('malformed', `HTTP ${response.status}, answer is not JSON`);
  }
  if (response.status !== 200 || String(answer?.error_code) !== '0') {
    throw new NationalPortalError(String(answer?.error_code ?? response.status), String(answer?.message ?? ''));
  }
  return answer;
}

export class NationalPortalClient {
  constructor(
    private readonly db: DbOrTx,
    private readonly settings: NationalPortalSettings,
    private readonly clock: Clock,
  ) {}

  async #call(
    method: 'GET' | 'POST',
    path: string,
    query: string,
    body: string,
    extra: Record<string, string>,
    reference?: string,
    maxResponseBytes?: number,
  ) {
    return callPartner(
      this.db,
      {
        partner: PARTNER,
        method,
        url: `${this.settings.url.replace(/\/$/, '')}${path}${query}`,
        headers: {
          // The partner checks freshness against its own clock: signatures carry the real time, not a test clock.
          ...signedHeaders(this.settings, method, path, body, new Date()),
          ...(method === 'POST' && { 'content-type': 'application/json' }),
          ...extra,
        },
        body,
        timeoutMs: this.settings.timeoutMs,
        reference,
        maxResponseBytes,
        describeError,
      },
      this.clock,
    );
  }

  /** Sends a sync packet; the idempotency key makes a repeated delivery change nothing there. */
  async sync(packet: { MaHoSo: string }, idempotencyKey: string): Promise<void> {
    const response = await this.#call(
      'POST',
      '/api/dongbo/hoso',
      '',
      JSON.stringify(packet),
      { 'idempotency-key': idempotencyKey },
      packet.MaHoSo,
    );
    accepted(response);
  }

  /** Dossiers filed on the national portal after position `after`, and the position to continue from. */
  async newDossiers(after: number): Promise<{ dossiers: unknown[]; next: number }> {
    const answer = accepted<Answer & { data?: unknown; tiepTheo?: unknown }>(
      await this.#call('GET', '/api/hoso/moi', `?sau=${after}`, '', {}),
    );
    if (!Array.isArray(answer.data) || !Number.isInteger(answer.tiepTheo)) {
      throw new NationalPortalError('malformed', 'data or tiepTheo missing');
    }
    return { dossiers: answer.data, next: answer.tiepTheo as number };
  }

  /**
   * The bytes of a file attached to a dossier filed on the portal. Only links on the portal itself are followed (a
   * packet must not make us fetch from elsewhere); a refusal or an answer that is not 200 throws NationalPortalError,
   * one longer than `maxBytes` PartnerResponseTooLargeError.
   */
  async downloadFile(link: string, reference: string, maxBytes: number): Promise<Uint8Array> {
    const base = this.settings.url.replace(/\/$/, '');
    // Parsing resolves dot segments, so a link cannot climb out of the portal's base.
    const href = URL.canParse(link) ? new URL(link).href : '';
    if (!href.startsWith(`${base}/`)) throw new NationalPortalError('foreign_link', 'link not on the portal');
    const url = new URL(href);
    const path = url.pathname.slice(new URL(`${base}/`).pathname.length - 1);
    const response = await this.#call('GET', path, url.search, '', {}, reference, maxBytes);
    if (response.status !== 200) {
      throw new NationalPortalError(String(response.status), describeError(response.status, response.body) ?? '');
    }
    return response.bytes;
  }

  /** Procedure definitions of the national procedure database. */
  async procedures(): Promise<unknown[]> {
    const answer = accepted<Answer & { data?: unknown }>(await this.#call('GET', '/api/tthc', '', '', {}));
    if (!Array.isArray(answer.data)) throw new NationalPortalError('malformed', 'data missing');
    return answer.data;
  }
}

/** The link's settings, or undefined when it is off (no URL or no secret). */
export function nationalPortalSettingsFrom(env: {
  NATIONAL_PORTAL_URL?: string;
  NATIONAL_PORTAL_CLIENT_ID: string;
  NATIONAL_PORTAL_SECRET?: string;
  NATIONAL_PORTAL_TIMEOUT_SECONDS: number;
}): NationalPortalSettings | undefined {
  if (!env.NATIONAL_PORTAL_URL || !env.NATIONAL_PORTAL_SECRET) return undefined;
  return {
    url: env.NATIONAL_PORTAL_URL,
    clientId: env.NATIONAL_PORTAL_CLIENT_ID,
    secret: env.NATIONAL_PORTAL_SECRET,
    timeoutMs: env.NATIONAL_PORTAL_TIMEOUT_SECONDS * 1000,
  };
}
