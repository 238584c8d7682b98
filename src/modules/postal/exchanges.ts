/**
 * The record of every exchange with a partner (time, endpoint, request and response digests, outcome). One function
 * type, so the composition root decides where records go: the log today, the partner exchange log when there is one.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';

export interface PartnerExchange {
  partner: 'postal' | 'sms';
  direction: 'outbound' | 'inbound';
  endpoint: string;
  at: string;
  requestDigest: string;
  responseDigest: string | null;
  /** `refused`: an inbound message we turned away (bad signature); `duplicate`: already handled, nothing changed. */
  outcome: 'ok' | 'failed' | 'refused' | 'duplicate';
  detail?: string;
}

export type ExchangeRecorder = (exchange: PartnerExchange) => Promise<void>;

export const digest = (body: string) => createHash('sha256').update(body).digest('hex');

/** Writes each exchange as a structured log line; refusals and failures as warnings. */
export function logExchanges(logger: Pick<Logger, 'info' | 'warn'>): ExchangeRecorder {
  return async (exchange) => {
    if (exchange.outcome === 'ok' || exchange.outcome === 'duplicate') logger.info({ exchange }, 'partner exchange');
    else logger.warn({ exchange }, 'partner exchange not completed');
  };
}
