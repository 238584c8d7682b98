import type { Logger } from 'pino';
import type { Db } from './db/database.ts';
import type { Clock } from './lib/clock.ts';
import { mailHandler, mailTopic } from './modules/notifications/mail.ts';
import { type OutboxHandler, OutboxWorker } from './modules/outbox/outbox.service.ts';

export interface WorkerSettings {
  /** Where mail goes; without it mail messages fail delivery and are retried with back-off, then dead-lettered. */
  smtpUrl?: string;
  mailFrom: string;
}

/** Every outbox topic and the module handler that delivers it; modules add their topics here. */
function outboxHandlers(settings: WorkerSettings): Map<string, OutboxHandler> {
  const handlers = new Map<string, OutboxHandler>();
  if (settings.smtpUrl) handlers.set(mailTopic, mailHandler(settings.smtpUrl, settings.mailFrom));
  return handlers;
}

export function createWorker(db: Db, clock: Clock, logger: Logger, settings: WorkerSettings): OutboxWorker {
  return new OutboxWorker(db, { handlers: outboxHandlers(settings), clock, logger });
}
