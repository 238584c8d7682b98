import { randomUUID } from 'node:crypto';
import type { QueryCreator } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { DbOrTx } from '../../db/transaction.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import * as repo from './outbox.repo.ts';

export interface OutboxMessage {
  id: number;
  topic: string;
  orderingKey: string | null;
  dedupeKey: string;
  payload: unknown;
  /** 1 on the first delivery attempt. */
  attempt: number;
}

/** Delivers one message. Throwing schedules a retry; the dedupe key lets the partner drop a repeated delivery. */
export type OutboxHandler = (message: OutboxMessage) => Promise<void>;

/**
 * One topic, several consumers: each reaction only enqueues messages of its own (with dedupe keys), so when one fails
 * and the message is retried, the reactions that already ran add nothing the second time.
 */
export function fanOut(reactions: readonly OutboxHandler[]): OutboxHandler {
  return async (message) => {
    for (const react of reactions) await react(message);
  };
}

export interface EnqueueInput {
  topic: string;
  /** Stable idempotency key, e.g. `national-portal:H08…-261127-0001:v7`. */
  dedupeKey: string;
  payload: unknown;
  /** Messages with the same key are delivered one after another in insertion order (e.g. the dossier code). */
  orderingKey?: string;
  notBefore?: Date;
}

/** Writes a message inside the caller's transaction, so it exists exactly when the change it announces does. */
export async function enqueue(tx: DbOrTx, input: EnqueueInput, clock: Clock = systemClock): Promise<void> {
  await repo.insertMessage(tx, messageRow(input, clock));
}

/** `enqueue` as an insert to run as part of a larger statement (see the dossier submission on PostgreSQL). */
export function enqueuing(qc: QueryCreator<Database>, input: EnqueueInput, clock: Clock = systemClock) {
  return repo.messageInsert(qc, messageRow(input, clock));
}

function messageRow(input: EnqueueInput, clock: Clock): repo.NewOutboxRow {
  const now = clock.now().toISOString();
  return {
    topic: input.topic,
    orderingKey: input.orderingKey ?? null,
    dedupeKey: input.dedupeKey,
    payload: JSON.stringify(input.payload),
    availableAt: input.notBefore?.toISOString() ?? now,
    createdAt: now,
  };
}

export interface DeadLetter {
  id: number;
  topic: string;
  orderingKey: string | null;
  dedupeKey: string;
  /** The payload as stored (JSON text), for an administrator to inspect and correct. */
  payload: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

/** Messages that ran out of attempts, oldest first. Each holds back the later messages of its ordering key. */
export async function deadLetters(db: DbOrTx, limit = 100): Promise<DeadLetter[]> {
  return (await repo.listDead(db, limit)).map((r) => ({
    id: Number(r.id),
    topic: r.topic,
    orderingKey: r.ordering_key,
    dedupeKey: r.dedupe_key,
    payload: r.payload,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
  }));
}

/**
 * Sends a dead message again (with a corrected payload, when given, which must be JSON). False when it is not dead
 * (already resent, or delivered).
 */
export async function resendDeadLetter(
  db: DbOrTx,
  id: number,
  correctedPayload?: string,
  clock: Clock = systemClock,
): Promise<boolean> {
  const payload = correctedPayload === undefined ? undefined : JSON.stringify(JSON.parse(correctedPayload));
  return repo.revive(db, id, clock.now().toISOString(), payload);
}

export interface WorkerOptions {
  handlers: ReadonlyMap<string, OutboxHandler>;
  workerId?: string;
  batchSize?: number;
  pollMs?: number;
  maxAttempts?: number;
  /** Topics that may try longer (or shorter) than `maxAttempts`, e.g. a partner that may be down for hours. */
  maxAttemptsByTopic?: ReadonlyMap<string, number>;
  /** How long a claim is held before another worker may take the message over (a crashed worker's claims expire). */
  lockMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  clock?: Clock;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  random?: () => number;
}

/** Exponential backoff with full jitter between half and the whole step, capped. */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step * (0.5 + random() / 2));
}

export class OutboxWorker {
  readonly id: string;
  private readonly options: Required<Omit<WorkerOptions, 'logger' | 'workerId' | 'maxAttemptsByTopic'>> &
    Pick<WorkerOptions, 'logger' | 'maxAttemptsByTopic'>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = true;

  constructor(
    private readonly db: Db,
    options: WorkerOptions,
  ) {
    this.id = options.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
    this.options = {
      batchSize: 20,
      pollMs: 500,
      maxAttempts: 12,
      lockMs: 60_000,
      backoffBaseMs: 2_000,
      backoffMaxMs: 15 * 60_000,
      clock: systemClock,
      random: Math.random,
      ...options,
    };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Claims and delivers one batch; returns how many messages were handled (delivered or failed). */
  async runOnce(): Promise<number> {
    const { clock, lockMs, batchSize } = this.options;
    const now = clock.now();
    const lockUntil = new Date(now.getTime() + lockMs).toISOString();
    const claimed = await repo.claimDue(this.db, this.id, now.toISOString(), lockUntil, batchSize);
    for (const row of claimed) await this.deliver(row);
    return claimed.length;
  }

  private async deliver(row: repo.OutboxRow): Promise<void> {
    const { handlers, clock, maxAttempts, backoffBaseMs, backoffMaxMs, random, logger } = this.options;
    const handler = handlers.get(row.topic);
    try {
      if (!handler) throw new Error(`no handler for topic ${row.topic}`);
      await handler({
        id: row.id,
        topic: row.topic,
        orderingKey: row.ordering_key,
        dedupeKey: row.dedupe_key,
        payload: JSON.parse(row.payload),
        attempt: row.attempts,
      });
      await repo.markDone(this.db.kysely, row.id, this.id, clock.now().toISOString());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const dead = row.attempts >= (this.options.maxAttemptsByTopic?.get(row.topic) ?? maxAttempts);
      const retryAt = dead
        ? null
        : new Date(
            clock.now().getTime() + retryDelayMs(row.attempts, backoffBaseMs, backoffMaxMs, random),
          ).toISOString();
      await repo.markFailed(this.db.kysely, row.id, this.id, message, retryAt);
      logger?.warn({ outboxId: row.id, topic: row.topic, attempt: row.attempts, dead }, 'outbox delivery failed');
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce().catch((error: unknown) => {
        this.options.logger?.error({ err: error }, 'outbox worker batch failed');
        return 0;
      });
      void this.running.then((handled) => this.schedule(handled > 0 ? 0 : this.options.pollMs));
    }, delayMs);
  }
}
