import type { Logger } from 'pino';
import type { Db } from './db/database.ts';
import type { Clock } from './lib/clock.ts';
import { type OutboxHandler, OutboxWorker } from './modules/outbox/outbox.service.ts';

/** Every outbox topic and the module handler that delivers it; modules add their topics here. */
function outboxHandlers(): Map<string, OutboxHandler> {
  return new Map();
}

export function createWorker(db: Db, clock: Clock, logger: Logger): OutboxWorker {
  return new OutboxWorker(db, { handlers: outboxHandlers(), clock, logger });
}
