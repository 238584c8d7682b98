import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/transaction.ts';
import { fixedClock } from '../../lib/clock.ts';
import { runChild } from '../../testing/run-child.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import * as repo from './outbox.repo.ts';
import { enqueue, fanOut, type OutboxHandler, OutboxWorker, retryDelayMs } from './outbox.service.ts';

const fixture = fileURLToPath(new URL('./outbox-drain.fixture.ts', import.meta.url));
let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(() => t.cleanup());

const clock = fixedClock('2026-11-27T02:00:00.000Z');
const recorder = () => {
  const seen: string[] = [];
  const handler: OutboxHandler = async (m) => {
    seen.push(`${m.orderingKey}:${(m.payload as { n: number }).n}`);
  };
  return { seen, handler };
};

describe('outbox', () => {
  it('delivers a message written in a committed transaction, and none from a rolled-back one', async () => {
    await inTransaction(t.db.kysely, (tx) =>
      enqueue(tx, { topic: 'test.echo', dedupeKey: 'a', payload: { n: 1 } }, clock),
    );
    await expect(
      inTransaction(t.db.kysely, async (tx) => {
        await enqueue(tx, { topic: 'test.echo', dedupeKey: 'b', payload: { n: 2 } }, clock);
        throw new Error('command failed');
      }),
    ).rejects.toThrow('command failed');
    const { seen, handler } = recorder();
    const worker = new OutboxWorker(t.db, { handlers: new Map([['test.echo', handler]]), clock });
    expect(await worker.runOnce()).toBe(1);
    expect(seen).toEqual(['null:1']);
    expect((await repo.findByDedupeKey(t.db.kysely, 'a'))?.status).toBe('done');
    expect(await repo.findByDedupeKey(t.db.kysely, 'b')).toBeUndefined();
  });

  it('ignores a second message with the same dedupe key', async () => {
    for (let i = 0; i < 2; i++)
      await enqueue(t.db.kysely, { topic: 'test.echo', dedupeKey: 'same', payload: { n: i } }, clock);
    const { seen, handler } = recorder();
    await new OutboxWorker(t.db, { handlers: new Map([['test.echo', handler]]), clock }).runOnce();
    expect(seen).toEqual(['null:0']);
  });

  it('fans one topic out to several reactions; a retry after one fails enqueues nothing twice', async () => {
    await enqueue(t.db.kysely, { topic: 'test.event', dedupeKey: 'e1', payload: { n: 7 } }, clock);
    let failures = 1;
    const reaction =
      (name: string): OutboxHandler =>
      async (m) => {
        if (name === 'b' && failures-- > 0) throw new Error('partner down');
        const n = (m.payload as { n: number }).n;
        await enqueue(t.db.kysely, { topic: 'test.echo', dedupeKey: `${name}:${n}`, payload: { n } }, clock);
      };
    const { seen, handler } = recorder();
    const handlers = new Map([
      ['test.event', fanOut([reaction('a'), reaction('b')])],
      ['test.echo', handler],
    ]);
    const later = fixedClock('2026-11-27T03:00:00.000Z');
    await new OutboxWorker(t.db, { handlers, clock }).runOnce();
    for (let i = 0; i < 3; i++) await new OutboxWorker(t.db, { handlers, clock: later }).runOnce();
    expect((await repo.findByDedupeKey(t.db.kysely, 'e1'))?.status).toBe('done');
    expect(seen.sort()).toEqual(['null:7', 'null:7']);
    expect(await repo.findByDedupeKey(t.db.kysely, 'a:7')).toBeDefined();
    expect(await repo.findByDedupeKey(t.db.kysely, 'b:7')).toBeDefined();
  });

  it('keeps order per ordering key across failures, retries with backoff, then dead-letters', async () => {
    for (const n of [1, 2])
      await enqueue(t.db.kysely, { topic: 'test.echo', dedupeKey: `k${n}`, orderingKey: 'D1', payload: { n } }, clock);
    await enqueue(t.db.kysely, { topic: 'test.echo', dedupeKey: 'other', orderingKey: 'D2', payload: { n: 9 } }, clock);
    let failFirst = true;
    const seen: number[] = [];
    const handler: OutboxHandler = async (m) => {
      const n = (m.payload as { n: number }).n;
      if (n === 1 && failFirst) throw new Error('partner down');
      seen.push(n);
    };
    const worker = new OutboxWorker(t.db, {
      handlers: new Map([['test.echo', handler]]),
      clock,
      maxAttempts: 3,
      random: () => 1,
      backoffBaseMs: 1000,
    });
    await worker.runOnce();
    // D1:1 failed and D1:2 must wait behind it; D2 is independent.
    expect(seen).toEqual([9]);
    expect(await worker.runOnce()).toBe(0); // not due yet: backoff
    clock.advance(1000);
    await worker.runOnce(); // second failure
    clock.advance(2000);
    await worker.runOnce(); // third failure: dead
    const dead = await repo.findByDedupeKey(t.db.kysely, 'k1');
    expect(dead?.status).toBe('dead');
    expect(dead?.last_error).toBe('partner down');
    clock.advance(60_000);
    expect(await worker.runOnce()).toBe(0); // k2 stays blocked behind the dead k1
    failFirst = false;
    await t.db.kysely
      .updateTable('outbox')
      .set({ status: 'pending', attempts: 0 })
      .where('dedupe_key', '=', 'k1')
      .execute();
    await worker.runOnce();
    await worker.runOnce();
    expect(seen).toEqual([9, 1, 2]);
  });

  it('never gives one message to two workers in two processes', async () => {
    for (let n = 0; n < 60; n++)
      await enqueue(t.db.kysely, { topic: 'test.echo', dedupeKey: `m${n}`, payload: { n } }, clock);
    const delivered: number[] = [];
    const worker = new OutboxWorker(t.db, {
      batchSize: 7,
      handlers: new Map([['test.echo', async (m) => void delivered.push((m.payload as { n: number }).n)]]),
    });
    const drain = async () => {
      while ((await worker.runOnce()) > 0);
    };
    const [, printed] = await Promise.all([drain(), runChild(fixture, [t.url])]);
    const fromChild = printed.split('\n').filter(Boolean).map(Number);
    expect([...delivered, ...fromChild].sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });

  it('computes capped exponential backoff with jitter', () => {
    expect(retryDelayMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(retryDelayMs(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(retryDelayMs(20, 1000, 60_000, () => 1)).toBe(60_000);
    expect(retryDelayMs(4, 1000, 60_000, () => 0)).toBe(4000);
  });
});
