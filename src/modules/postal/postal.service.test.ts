/**
 * The postal adapter against the postal simulator over HTTP: orders placed exactly once through every fault, an hour
 * of outage ridden out in order, signed callbacks (forged and repeated ones changing nothing), and the dossier returned
 * when its result is delivered.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type FaultMode,
  type PostalSimulator,
  startPostalSimulator,
} from '../../../simulators/postal/postal-simulator.ts';
import { fixedClock, systemClock } from '../../lib/clock.ts';
import { ConflictError, ValidationError } from '../../lib/errors.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import { OUTBOX_MAX_ATTEMPTS } from '../../worker.ts';
import type { DossierCommand, DossierView } from '../dossiers/dossiers.schema.ts';
import {
  applicantOf,
  citizen,
  type DossierHarness,
  dossierHarness,
  intake,
  leader,
  pdfBytes,
  processor,
  TEST_VERSION_ID,
  validForm,
} from '../dossiers/dossiers.testkit.ts';
import { OutboxWorker } from '../outbox/outbox.service.ts';
import type { PartnerExchange } from './exchanges.ts';
import { signBody } from './postal.client.ts';
import type { OrderInput } from './postal.schema.ts';
import {
  type PostalService,
  postalOrderHandler,
  postalOrderTopic,
  PostalService as Service,
} from './postal.service.ts';

const credentials = {
  customerCode: 'MOTCUA',
  apiSecret: 'api-secret-0123456789',
  callbackSecret: 'cb-secret-0123456789',
};
const office = {
  name: 'Trung tâm Phục vụ hành chính công',
  phone: '02743822792',
  provinceCode: '74',
  wardCode: '25741',
  address: 'Đường Lê Lợi, phường Phú Lợi',
};
const home = {
  name: 'Nguyễn Văn An',
  phone: '0912 345 678',
  provinceCode: '74',
  wardCode: '25747',
  address: '12 Đường Yersin, khu phố 3',
};

let t: TestDb;
let h: DossierHarness;
let sim: PostalSimulator;
let receiver: http.Server;
let callbackUrl = '';
let postal: PostalService;
const exchanges: PartnerExchange[] = [];
let keys = 0;

// Short enough for the timeout fault to cost little, long enough for a loaded machine.
const settings = () => ({ url: sim.url, ...credentials, office, timeoutMs: 1500 });
const record = async (e: PartnerExchange) => void exchanges.push(e);

beforeAll(async () => {
  t = await createTestDb();
  h = dossierHarness(t.db, t.dataDir, systemClock);
  postal = new Service({ db: t.db, clock: systemClock, dossiers: h.service, settings, record });
  // Our callback endpoint, reduced to the service call the route makes.
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const outcome = await postal.receiveCallback(Buffer.concat(chunks).toString('utf8'), {
        timestamp: req.headers['x-timestamp'] as string,
        signature: req.headers['x-signature'] as string,
      });
      res.writeHead(outcome.status, { 'content-type': 'application/json' }).end(JSON.stringify({ Code: outcome.code }));
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/v1/postal/callbacks`;
  sim = await startPostalSimulator(credentials);
});
afterAll(async () => {
  await sim.stop();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  await t.cleanup();
});
beforeEach(() => {
  sim.setFault(null);
  exchanges.length = 0;
});

async function step(d: DossierView, actor: typeof intake, command: DossierCommand) {
  return h.service.act(d.code, actor, command, d.version);
}

async function submitted(): Promise<DossierView> {
  const don = await h.upload(pdfBytes(++keys), 'don.pdf', citizen.userId);
  return h.service.submitDossier(citizen, {
    submissionKey: `key-postal-${keys}`,
    procedureVersionId: TEST_VERSION_ID,
    caseCode: 'HKD',
    channel: 2,
    applicant: applicantOf(),
    form: validForm,
    components: [{ code: 'DON', fileIds: [don] }],
    delivery: { method: 'postal', address: home.address },
  });
}

async function resolved(from?: DossierView): Promise<DossierView> {
  let d = await step(from ?? (await submitted()), intake, { action: 'accept' });
  d = await step(d, leader, { action: 'assign', assigneeId: processor.userId });
  d = await step(d, processor, { action: 'forward' });
  d = await step(d, leader, { action: 'approve' });
  const result = await h.upload(pdfBytes(10_000 + keys), 'ket-qua.pdf', processor.userId);
  return step(d, processor, { action: 'resolve', resultFileIds: [result] });
}

const delivery = (extra: Partial<OrderInput> = {}): OrderInput => ({
  kind: 'delivery',
  applicant: home,
  itemCode: '',
  codAmount: 0,
  ...extra,
});

function worker(clock = systemClock) {
  const handler = postalOrderHandler({ db: t.db, clock, settings, record, callbackUrl: () => callbackUrl });
  return new OutboxWorker(t.db, {
    handlers: new Map([[postalOrderTopic, handler]]),
    clock,
    maxAttempts: OUTBOX_MAX_ATTEMPTS,
    backoffBaseMs: 2_000,
    backoffMaxMs: 15 * 60_000,
  });
}

async function drain(w = worker()) {
  while ((await w.runOnce()) > 0);
}

/** Waits until the simulator has posted `n` callbacks for the order (they go out asynchronously). */
async function callbacksOf(orderNumber: string, n: number) {
  for (let i = 0; i < 400; i++) {
    const events = sim.orders.find((o) => o.order.OrderNumber === orderNumber)?.events ?? [];
    if (events.length >= n) return events;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no ${n} callbacks for ${orderNumber}`);
}

const rows = async (table: 'postal_orders' | 'postal_events' | 'outbox') =>
  (await t.db.kysely.selectFrom(table).select('id').execute()).length;

describe('postal orders', { timeout: 60_000 }, () => {
  it('posts a delivery order signed, with the waybill code and both parties, and hears it accepted', async () => {
    const d = await resolved();
    const order = await postal.createOrder(await h.service.getDossier(d.code), delivery({ codAmount: 50_000 }), 'u1');
    expect(order).toMatchObject({ status: 'queued', orderNumber: `${d.code}-D1`, sender: office });
    expect(order.receiver.phone).toBe('0912345678');
    await drain();
    const placed = sim.orders.find((o) => o.order.OrderNumber === order.orderNumber);
    expect(placed?.order).toMatchObject({
      ServiceType: 'DELIVERY',
      CODAmount: 50_000,
      Receiver: { FullName: 'Nguyễn Văn An', Phone: '0912345678', WardCode: '25747' },
      Sender: { ProvinceCode: '74', WardCode: '25741' },
      CallbackUrl: callbackUrl,
    });
    await callbacksOf(order.orderNumber, 1);
    const [view] = await postal.ordersOf(d.id);
    expect(view).toMatchObject({ status: 'accepted', itemCode: placed?.itemCode });
    expect(view?.events.map((e) => e.status)).toEqual(['accepted']);
    expect(exchanges.map((e) => [e.direction, e.outcome])).toEqual([
      ['outbound', 'ok'],
      ['inbound', 'ok'],
    ]);
  });

  it('refuses a bad order or a dossier in the wrong state, writing nothing', async () => {
    const d = await h.service.getDossier((await submitted()).code);
    const before = { orders: await rows('postal_orders'), outbox: await rows('outbox') };
    const bad = postal.createOrder(
      d,
      delivery({ kind: 'pickup', applicant: { ...home, phone: '12345', wardCode: '257' }, itemCode: 'X1' }),
      'u1',
    );
    await expect(bad).rejects.toBeInstanceOf(ValidationError);
    await expect(bad).rejects.toMatchObject({
      fields: [
        { path: 'applicant.phone', messageKey: 'postal.error.phone' },
        { path: 'applicant.wardCode', messageKey: 'postal.error.wardCode' },
        { path: 'itemCode', messageKey: 'postal.error.itemCode' },
      ],
    });
    await expect(postal.createOrder(d, delivery(), 'u1')).rejects.toMatchObject({
      code: 'postal_wrong_status',
      messageKey: 'postal.error.status.delivery',
    });
    expect({ orders: await rows('postal_orders'), outbox: await rows('outbox') }).toEqual(before);
    // A pickup of the papers is fine while the dossier is in reception, once.
    await postal.createOrder(d, delivery({ kind: 'pickup' }), 'u1');
    await expect(postal.createOrder(d, delivery({ kind: 'pickup' }), 'u1')).rejects.toBeInstanceOf(ConflictError);
    await drain();
  });

  const faults: FaultMode[] = ['timeout', 'malformed', 'rateLimit', 'error500'];
  for (const fault of faults) {
    it(`places the order exactly once when the first call meets "${fault}"`, async () => {
      const d = await resolved();
      const order = await postal.createOrder(await h.service.getDossier(d.code), delivery(), 'u1');
      sim.setFault(fault, 1);
      const clock = fixedClock(new Date());
      const w = worker(clock);
      await w.runOnce();
      const outbox = await t.db.kysely
        .selectFrom('outbox')
        .selectAll()
        .where('dedupe_key', '=', `postal:${order.orderNumber}`)
        .executeTakeFirstOrThrow();
      expect(outbox).toMatchObject({ status: 'pending', attempts: 1 });
      clock.advance(60_000);
      await drain(w);
      expect(sim.orders.filter((o) => o.order.OrderNumber === order.orderNumber)).toHaveLength(1);
      const [view] = await postal.ordersOf(d.id);
      expect(view?.itemCode).toBe(sim.orders.find((o) => o.order.OrderNumber === order.orderNumber)?.itemCode);
      // The orders the partner kept before answering badly are answered again as duplicates.
      const kept = fault === 'timeout' || fault === 'malformed';
      expect(sim.calls.filter((c) => c.orderNumber === order.orderNumber).map((c) => c.code)).toEqual(
        kept ? ['00', '00'] : fault === 'rateLimit' ? ['00'] : ['E500', '00'],
      );
      expect(exchanges.filter((e) => e.direction === 'outbound').map((e) => e.outcome)).toEqual(['failed', 'ok']);
    });
  }

  it("rides out an hour of outage: nothing lost, each order placed once, a dossier's orders in the order made", async () => {
    const a = await submitted();
    const pickup = await postal.createOrder(await h.service.getDossier(a.code), delivery({ kind: 'pickup' }), 'u1');
    const b = await resolved();
    const other = await postal.createOrder(await h.service.getDossier(b.code), delivery(), 'u1');
    const result = await postal.createOrder(await h.service.getDossier((await resolved(a)).code), delivery(), 'u1');
    const numbers = [pickup, other, result].map((o) => o.orderNumber);
    sim.setFault('down');
    const clock = fixedClock(new Date());
    const start = clock.now().getTime();
    const w = worker(clock);
    while (clock.now().getTime() - start < 3_600_000) {
      await w.runOnce();
      clock.advance(30_000);
    }
    const placedNumbers = () => sim.orders.map((o) => o.order.OrderNumber).filter((n) => numbers.includes(n));
    expect(placedNumbers()).toEqual([]);
    const refused = sim.calls.filter((c) => c.orderNumber && numbers.includes(c.orderNumber)).length;
    expect(refused).toBeGreaterThan(10);
    const messages = await t.db.kysely
      .selectFrom('outbox')
      .select('status')
      .where('topic', '=', postalOrderTopic)
      .execute();
    expect(messages.filter((m) => m.status === 'dead')).toEqual([]);
    sim.setFault(null);
    for (let i = 0; i < 120 && placedNumbers().length < numbers.length; i++) {
      await w.runOnce();
      clock.advance(30_000);
    }
    expect([...placedNumbers()].sort()).toEqual([...numbers].sort());
    expect(placedNumbers().indexOf(pickup.orderNumber)).toBeLessThan(placedNumbers().indexOf(result.orderNumber));
    expect(sim.calls.filter((c) => c.code === '00' && numbers.includes(c.orderNumber ?? ''))).toHaveLength(3);
  });
});

describe('postal callbacks', { timeout: 60_000 }, () => {
  async function placed() {
    const d = await resolved();
    const order = await postal.createOrder(await h.service.getDossier(d.code), delivery(), 'u1');
    await drain();
    await callbacksOf(order.orderNumber, 1);
    return { d, order };
  }

  it('walks a delivery to the door and returns the dossier by post, on its timeline', async () => {
    const { d, order } = await placed();
    await sim.advance(order.orderNumber, 'IN_TRANSIT');
    await sim.advance(order.orderNumber, 'DELIVERED');
    const [view] = await postal.ordersOf(d.id);
    expect(view?.status).toBe('delivered');
    expect(view?.events.map((e) => e.status)).toEqual(['accepted', 'in_transit', 'delivered']);
    const dossier = await h.service.getDossier(d.code);
    expect(dossier.status).toBe(10);
    expect(dossier.actions.at(-1)).toMatchObject({
      action: 'return_result',
      role: 'system',
      actorId: 'postal-service',
      data: { method: 'postal', postalItemCode: view?.itemCode },
    });
    // A late "in transit" does not move a delivered order back.
    await sim.advance(order.orderNumber, 'IN_TRANSIT');
    expect((await postal.ordersOf(d.id))[0]?.status).toBe('delivered');
  });

  it('keeps a failed delivery at the counter with its reason, and allows a new order', async () => {
    const { d, order } = await placed();
    await sim.advance(order.orderNumber, 'FAILED', 'Người nhận vắng nhà');
    const [view] = await postal.ordersOf(d.id);
    expect(view).toMatchObject({ status: 'failed', failureReason: 'Người nhận vắng nhà' });
    const dossier = await h.service.getDossier(d.code);
    expect(dossier.status).toBe(9);
    const again = await postal.createOrder(dossier, delivery(), 'u1');
    expect(again.orderNumber).toBe(`${d.code}-D2`);
    await drain();
  });

  it('records a repeated callback once', async () => {
    const { d, order } = await placed();
    sim.setFault('duplicateCallback', 1);
    await sim.advance(order.orderNumber, 'IN_TRANSIT');
    const events = await callbacksOf(order.orderNumber, 3);
    expect(events.slice(1).map((e) => [e.status, e.answered])).toEqual([
      ['IN_TRANSIT', 200],
      ['IN_TRANSIT', 200],
    ]);
    expect((await postal.ordersOf(d.id))[0]?.events.map((e) => e.status)).toEqual(['accepted', 'in_transit']);
    const inbound = exchanges.filter((e) => e.direction === 'inbound' && e.detail?.startsWith(order.orderNumber));
    expect(inbound.map((e) => e.outcome)).toEqual(['ok', 'ok', 'duplicate']);
  });

  it('refuses and records a forged or replayed callback, changing nothing', async () => {
    const { d, order } = await placed();
    const body = JSON.stringify({
      EventId: 'forged-1',
      OrderNumber: order.orderNumber,
      Status: 'DELIVERED',
      Time: new Date().toISOString(),
    });
    const now = new Date().toISOString();
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const attempts = [
      { timestamp: now, signature: signBody('not-the-secret-000000', now, body) },
      { timestamp: now, signature: 'zz' },
      { timestamp: hourAgo, signature: signBody(credentials.callbackSecret, hourAgo, body) },
    ];
    exchanges.length = 0;
    for (const headers of attempts) {
      const res = await fetch(callbackUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-timestamp': headers.timestamp,
          'x-signature': headers.signature,
        },
        body,
      });
      expect(res.status).toBe(401);
    }
    expect(exchanges.map((e) => [e.outcome, e.detail])).toEqual([
      ['refused', 'bad signature'],
      ['refused', 'bad signature'],
      ['refused', 'stale or missing timestamp'],
    ]);
    expect((await postal.ordersOf(d.id))[0]?.status).toBe('accepted');
    expect((await h.service.getDossier(d.code)).status).toBe(9);
  });
});
