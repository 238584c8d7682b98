/**
 * A stand-in for the public postal service's order API (VNPost BCCI style), for tests and the demo.
 *
 * Protocol. `POST /api/v1/orders` with a JSON order, headers `X-Customer-Code`, `X-Timestamp` (ISO instant, within 5
 * minutes), `X-Signature` = hex HMAC-SHA256(api secret, `{timestamp}.{body}`) and `Idempotency-Key` = the order
 * number. Answers `{ Code: '00', OrderNumber, ItemCode, Duplicate }`; the same order number with the same content is
 * answered again without a second order; errors are `{ Code, Message, Field? }`: E401 bad signature or customer, E400
 * invalid field, E409 order number reused with other content, E429 too many requests, E500 internal error.
 * Status changes are posted to the order's `CallbackUrl` as `{ EventId, OrderNumber, ItemCode, Status, Reason?, Time }`
 * signed the same way with the callback secret; a callback is retried until answered 2xx (3 attempts).
 *
 * Control (no authentication; this is a test double): `GET /_sim/orders`, `POST /_sim/faults` `{ mode, count? }`,
 * `POST /_sim/orders/{orderNumber}/events` `{ Status, Reason? }`.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

const simulatedStatuses = ['ACCEPTED', 'PICKED_UP', 'IN_TRANSIT', 'DELIVERED', 'FAILED'] as const;
export type SimulatedStatus = (typeof simulatedStatuses)[number];

/** `down`: every order call fails with 500 and nothing is kept; `timeout`: the order is kept but never answered. */
const faultModes = ['down', 'error500', 'timeout', 'rateLimit', 'malformed', 'duplicateCallback'] as const;
export type FaultMode = (typeof faultModes)[number];

const party = z.strictObject({
  FullName: z.string().trim().min(1).max(100),
  Phone: z.string().regex(/^(0\d{9,10}|1[89]00\d{4,6})$/),
  ProvinceCode: z.string().regex(/^\d{2}$/),
  WardCode: z.string().regex(/^\d{5}$/),
  Address: z.string().trim().min(5).max(250),
});
const orderSchema = z.strictObject({
  CustomerCode: z.string().min(1).max(30),
  OrderNumber: z.string().regex(/^[A-Za-z0-9._-]{6,50}$/),
  ServiceType: z.enum(['PICKUP', 'DELIVERY']),
  ItemCode: z
    .string()
    .regex(/^[A-Z]{2}\d{9}[A-Z]{2}$/)
    .nullable(),
  CODAmount: z.int().min(0).max(100_000_000),
  Content: z.string().trim().min(1).max(200),
  Sender: party,
  Receiver: party,
  CallbackUrl: z.url(),
});
type Order = z.infer<typeof orderSchema>;

export interface SimulatedOrder {
  order: Order;
  itemCode: string;
  receivedAt: string;
  /** Each status posted to the callback URL, in order, with how our side answered. */
  events: { eventId: string; status: SimulatedStatus; reason?: string; answered: number | 'unreachable' }[];
}

export interface PostalSimulatorOptions {
  port?: number;
  customerCode: string;
  apiSecret: string;
  callbackSecret: string;
  /** Demo: walk each order through picked up (pickups) or in transit and delivered, one step every this many ms. */
  autoAdvanceMs?: number;
}

export interface PostalSimulator {
  url: string;
  orders: SimulatedOrder[];
  /** Order calls answered, in arrival order (including refused ones), with the code sent back. */
  calls: { orderNumber: string | undefined; code: string }[];
  setFault(mode: FaultMode | null, count?: number): void;
  /** Walks orders placed from now on to delivery, one step every `ms` (undefined: only `advance` moves them). */
  setAutoAdvance(ms: number | undefined): void;
  /** Posts a status callback for the order (resolves once our side answered or the attempts ran out). */
  advance(orderNumber: string, status: SimulatedStatus, reason?: string): Promise<void>;
  stop(): Promise<void>;
}

const sign = (secret: string, timestamp: string, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

const MAX_SKEW_MS = 5 * 60_000;

export async function startPostalSimulator(options: PostalSimulatorOptions): Promise<PostalSimulator> {
  const orders: SimulatedOrder[] = [];
  const calls: PostalSimulator['calls'] = [];
  let fault: { mode: FaultMode; remaining: number } | null = null;
  let itemSequence = 0;
  let autoAdvanceMs = options.autoAdvanceMs;
  const hanging = new Set<http.ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();

  const takeFault = (): FaultMode | null => {
    if (!fault) return null;
    const { mode } = fault;
    fault.remaining -= 1;
    if (fault.remaining <= 0) fault = null;
    return mode;
  };

  async function postCallback(entry: SimulatedOrder, status: SimulatedStatus, reason?: string): Promise<void> {
    const eventId = randomUUID();
    const body = JSON.stringify({
      EventId: eventId,
      OrderNumber: entry.order.OrderNumber,
      ItemCode: entry.itemCode,
      Status: status,
      ...(reason && { Reason: reason }),
      Time: new Date().toISOString(),
    });
    const times = fault?.mode === 'duplicateCallback' && takeFault() ? 2 : 1;
    for (let copy = 0; copy < times; copy++) {
      let answered: number | 'unreachable' = 'unreachable';
      for (let attempt = 0; attempt < 3 && (answered === 'unreachable' || answered >= 500); attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 200));
        const timestamp = new Date().toISOString();
        try {
          const response = await fetch(entry.order.CallbackUrl, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-timestamp': timestamp,
              'x-signature': sign(options.callbackSecret, timestamp, body),
            },
            body,
            signal: AbortSignal.timeout(5000),
          });
          await response.arrayBuffer();
          answered = response.status;
        } catch {
          answered = 'unreachable';
        }
      }
      entry.events.push({ eventId, status, ...(reason && { reason }), answered });
    }
  }

  function scheduleWalk(entry: SimulatedOrder) {
    const every = autoAdvanceMs;
    if (!every) return;
    const steps: SimulatedStatus[] =
      entry.order.ServiceType === 'PICKUP' ? ['PICKED_UP', 'IN_TRANSIT', 'DELIVERED'] : ['IN_TRANSIT', 'DELIVERED'];
    steps.forEach((status, i) => {
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          void postCallback(entry, status);
        },
        every * (i + 1),
      );
      timers.add(timer);
    });
  }

  const send = (res: http.ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}) =>
    res
      .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      .end(JSON.stringify(payload));

  function placeOrder(req: http.IncomingMessage, res: http.ServerResponse, raw: string) {
    const refuse = (status: number, code: string, message: string, field?: string) => {
      calls.push({ orderNumber: (safeJson(raw) as { OrderNumber?: string } | undefined)?.OrderNumber, code });
      send(res, status, { Code: code, Message: message, ...(field && { Field: field }) });
    };
    const timestamp = String(req.headers['x-timestamp'] ?? '');
    const signature = String(req.headers['x-signature'] ?? '');
    const skew = Math.abs(Date.now() - Date.parse(timestamp));
    if (
      req.headers['x-customer-code'] !== options.customerCode ||
      !(skew <= MAX_SKEW_MS) ||
      !sameHex(signature, sign(options.apiSecret, timestamp, raw))
    ) {
      return refuse(401, 'E401', 'Chữ ký hoặc mã khách hàng không hợp lệ');
    }
    const mode = fault?.mode === 'duplicateCallback' ? null : takeFault();
    if (mode === 'down' || mode === 'error500') return refuse(500, 'E500', 'Lỗi hệ thống');
    if (mode === 'rateLimit') {
      calls.push({ orderNumber: undefined, code: 'E429' });
      return send(res, 429, { Code: 'E429', Message: 'Quá nhiều yêu cầu' }, { 'retry-after': '1' });
    }
    const parsed = orderSchema.safeParse(safeJson(raw));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return refuse(400, 'E400', issue?.message ?? 'Dữ liệu không hợp lệ', issue?.path.join('.'));
    }
    const order = parsed.data;
    if (order.CustomerCode !== options.customerCode) return refuse(400, 'E400', 'Sai mã khách hàng', 'CustomerCode');
    if (req.headers['idempotency-key'] !== order.OrderNumber) {
      return refuse(400, 'E400', 'Idempotency-Key phải bằng OrderNumber', 'Idempotency-Key');
    }
    const existing = orders.find((o) => o.order.OrderNumber === order.OrderNumber);
    if (existing && JSON.stringify(existing.order) !== JSON.stringify(order)) {
      return refuse(409, 'E409', 'Số đơn hàng đã dùng cho một đơn khác', 'OrderNumber');
    }
    let entry = existing;
    if (!entry) {
      itemSequence += 1;
      entry = {
        order,
        itemCode: order.ItemCode ?? `EB${String(1_000_000_000 + itemSequence).slice(1)}VN`,
        receivedAt: new Date().toISOString(),
        events: [],
      };
      orders.push(entry);
      const accepted = entry;
      setImmediate(() => void postCallback(accepted, 'ACCEPTED').then(() => scheduleWalk(accepted)));
    }
    calls.push({ orderNumber: order.OrderNumber, code: '00' });
    if (mode === 'timeout') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (mode === 'malformed') {
      return res.writeHead(200, { 'content-type': 'application/json' }).end('<html>502 Bad Gateway</html>');
    }
    send(res, 200, {
      Code: '00',
      Message: 'Thành công',
      OrderNumber: order.OrderNumber,
      ItemCode: entry.itemCode,
      Duplicate: Boolean(existing),
    });
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://sim');
      if (req.method === 'POST' && url.pathname === '/api/v1/orders') return placeOrder(req, res, raw);
      if (req.method === 'GET' && url.pathname === '/_sim/orders') return send(res, 200, orders);
      if (req.method === 'POST' && url.pathname === '/_sim/faults') {
        const body = safeJson(raw) as { mode?: FaultMode | null; count?: number } | undefined;
        if (body?.mode !== null && !faultModes.includes(body?.mode as FaultMode)) {
          return send(res, 400, { Code: 'E400', Message: `mode: ${faultModes.join(' | ')} or null` });
        }
        simulator.setFault(body?.mode ?? null, body?.count);
        return send(res, 200, { Code: '00' });
      }
      const event = /^\/_sim\/orders\/([^/]+)\/events$/.exec(url.pathname);
      if (req.method === 'POST' && event) {
        const body = safeJson(raw) as { Status?: SimulatedStatus; Reason?: string } | undefined;
        const orderNumber = decodeURIComponent(event[1] ?? '');
        if (!orders.some((o) => o.order.OrderNumber === orderNumber)) return send(res, 404, { Code: 'E404' });
        if (!simulatedStatuses.includes(body?.Status as SimulatedStatus)) return send(res, 400, { Code: 'E400' });
        void simulator.advance(orderNumber, body?.Status as SimulatedStatus, body?.Reason);
        return send(res, 202, { Code: '00' });
      }
      send(res, 404, { Code: 'E404', Message: 'Không tìm thấy' });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const simulator: PostalSimulator = {
    url: `http://127.0.0.1:${port}`,
    orders,
    calls,
    setFault(mode, count = Number.POSITIVE_INFINITY) {
      fault = mode ? { mode, remaining: count } : null;
    },
    setAutoAdvance(ms) {
      autoAdvanceMs = ms;
    },
    async advance(orderNumber, status, reason) {
      const entry = orders.find((o) => o.order.OrderNumber === orderNumber);
      if (!entry) throw new Error(`simulator: no order ${orderNumber}`);
      await postCallback(entry, status, reason);
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return simulator;
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
