/**
 * SMS as a second notification channel: messages are queued on the outbox (`sms.send`) and posted to the brandname
 * gateway with the message's idempotency key as RequestId, so a retry after a lost answer never sends twice. Each
 * person chooses their channels (notification_preferences).
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { DbOrTx } from '../../db/transaction.ts';
import type { Clock } from '../../lib/clock.ts';
import { enqueue, type OutboxHandler } from '../outbox/outbox.service.ts';
import { digest, type ExchangeRecorder } from '../postal/exchanges.ts';
import './sms.tables.ts';

export const smsTopic = 'sms.send';

export interface SmsSettings {
  url: string;
  apiKey: string;
  secretKey: string;
  brandname: string;
  /** The account may send Vietnamese with diacritics (UCS-2, 70 characters a message). */
  unicode: boolean;
  timeoutMs: number;
}

export interface QueuedSms {
  phone: string;
  content: string;
}

/** A Vietnamese mobile number as gateways take it (0xxxxxxxxx), or undefined for anything else (landlines too). */
export function mobileNumber(phone: string | null | undefined): string | undefined {
  const digits = (phone ?? '').replace(/[\s.()-]/g, '').replace(/^\+?84/, '0');
  return /^0(3|5|7|8|9)\d{8}$/.test(digits) ? digits : undefined;
}

export async function enqueueSms(tx: DbOrTx, sms: QueuedSms, dedupeKey: string, clock: Clock): Promise<void> {
  await enqueue(tx, { topic: smsTopic, dedupeKey, payload: sms }, clock);
}

/** Refusals that no retry can fix: the message is dropped (and recorded) instead of retried. */
const permanent = new Set(['104', '118', '119']);

/** The outbox handler of `sms.send`. */
export function smsHandler(options: {
  settings: () => SmsSettings | undefined;
  record: ExchangeRecorder;
}): OutboxHandler {
  return async (message) => {
    const settings = options.settings();
    if (!settings) throw new Error('SMS gateway not configured (SMS_URL, SMS_API_KEY, SMS_SECRET_KEY)');
    const sms = message.payload as QueuedSms;
    const endpoint = `${settings.url.replace(/\/$/, '')}/api/sms/send`;
    const body = JSON.stringify({
      ApiKey: settings.apiKey,
      SecretKey: settings.secretKey,
      Brandname: settings.brandname,
      Phone: sms.phone,
      Content: sms.content,
      RequestId: createHash('sha256').update(message.dedupeKey).digest('hex').slice(0, 32),
    });
    // The digest leaves the credentials out of the record.
    const exchange = {
      partner: 'sms',
      direction: 'outbound',
      endpoint,
      at: new Date().toISOString(),
      requestDigest: digest(`${sms.phone}\n${sms.content}\n${message.dedupeKey}`),
    } as const;
    let status = 0;
    let text = '';
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      const detail = error instanceof Error ? error.name : 'network';
      await options.record({ ...exchange, responseDigest: null, outcome: 'failed', detail });
      throw new Error(`SMS gateway unreachable: ${detail}`);
    }
    let code = 'malformed';
    try {
      code = String((JSON.parse(text) as { CodeResult?: unknown }).CodeResult ?? 'malformed');
    } catch {
      code = 'malformed';
    }
    const ok = status === 200 && code === '100';
    await options.record({
      ...exchange,
      responseDigest: digest(text),
      outcome: ok ? 'ok' : 'failed',
      ...(!ok && { detail: `${status} ${code}` }),
    });
    if (ok || permanent.has(code)) return;
    throw new Error(`SMS gateway refused: ${status} ${code}`);
  };
}

export interface ChannelPreferences {
  email: boolean;
  sms: boolean;
}

/** A person's channels; without a saved choice, every channel. */
export async function channelPreferences(db: DbOrTx, userId: string): Promise<ChannelPreferences> {
  const row = await db
    .selectFrom('notification_preferences')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? { email: row.email === 1, sms: row.sms === 1 } : { email: true, sms: true };
}

export async function setChannelPreferences(
  db: Db,
  userId: string,
  preferences: ChannelPreferences,
  clock: Clock,
): Promise<void> {
  const values = {
    email: preferences.email ? 1 : 0,
    sms: preferences.sms ? 1 : 0,
    updated_at: clock.now().toISOString(),
  } as const;
  await db.kysely
    .insertInto('notification_preferences')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}

/** The SMS settings from the environment; undefined unless the address and both keys are set. */
export function smsSettingsFrom(env: {
  SMS_URL?: string;
  SMS_API_KEY?: string;
  SMS_SECRET_KEY?: string;
  SMS_BRANDNAME: string;
  SMS_UNICODE: boolean;
  SMS_TIMEOUT_MS: number;
}): SmsSettings | undefined {
  if (!env.SMS_URL || !env.SMS_API_KEY || !env.SMS_SECRET_KEY) return undefined;
  return {
    url: env.SMS_URL,
    apiKey: env.SMS_API_KEY,
    secretKey: env.SMS_SECRET_KEY,
    brandname: env.SMS_BRANDNAME,
    unicode: env.SMS_UNICODE,
    timeoutMs: env.SMS_TIMEOUT_MS,
  };
}
