/**
 * The record of every exchange with a partner (time, endpoint, request and response digests, outcome). One function
 * type, so the composition root decides where records go: the partner exchange log administrators read, and the log.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { DbOrTx } from '../../db/transaction.ts';
import { insertExchange } from '../partners/partners.repo.ts';

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

/**
 * Stores each exchange in the partner exchange log (`/admin/partners`) and logs it. The adapters record digests only,
 * and every exchange of theirs is a POST; a duplicate callback is an `ok` exchange that changed nothing.
 */
export function storeExchanges(db: DbOrTx, logger: Pick<Logger, 'info' | 'warn'>): ExchangeRecorder {
  const log = logExchanges(logger);
  return async (exchange) => {
    await insertExchange(db, {
      partner: exchange.partner,
      direction: exchange.direction,
      method: 'POST',
      endpoint: exchange.endpoint,
      at: exchange.at,
      duration_ms: 0,
      request_digest: `sha256:${exchange.requestDigest}`,
      response_digest: exchange.responseDigest === null ? null : `sha256:${exchange.responseDigest}`,
      status_code: null,
      outcome: exchange.outcome === 'duplicate' ? 'ok' : exchange.outcome,
      detail:
        exchange.outcome === 'duplicate' ? `duplicate ${exchange.detail ?? ''}`.trim() : (exchange.detail ?? null),
      reference: null,
    });
    await log(exchange);
  };
}
