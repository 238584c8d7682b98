/**
 * A stand-in for a brandname SMS gateway, for tests and the demo.
 *
 * Protocol. `POST /api/sms/send` with JSON `{ ApiKey, SecretKey, Brandname, Phone, Content, RequestId }`. Answers
 * HTTP 200 `{ CodeResult, SMSID?, Duplicate?, ErrorMessage? }`: 100 sent; 101 wrong ApiKey or SecretKey (HTTP 401);
 * 104 brandname not registered; 118 content empty, longer than 3 parts, or (without Unicode) outside GSM-7, e.g.
 * with Vietnamese diacritics; 119 not a Vietnamese mobile number; 124 RequestId missing. A RequestId seen before is
 * answered with its first SMSID and nothing is sent again. Faults: 500, timeout (sent but never answered), 429,
 * malformed answer; `down` refuses everything with 500.
 *
 * Control (test double, no auth): `GET /` (the messages, for the demo), `GET /messages.json`, `POST /_sim/faults`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const smsFaultModes = ['down', 'error500', 'timeout', 'rateLimit', 'malformed'] as const;
export type SmsFaultMode = (typeof smsFaultModes)[number];

export interface SentSms {
  smsId: string;
  requestId: string;
  phone: string;
  content: string;
  parts: number;
  receivedAt: string;
}

export interface SmsSimulator {
  url: string;
  messages: SentSms[];
  /** Every send call, with the code answered. */
  calls: { requestId: string | undefined; code: string }[];
  setFault(mode: SmsFaultMode | null, count?: number): void;
  stop(): Promise<void>;
}

export interface SmsSimulatorOptions {
  port?: number;
  apiKey: string;
  secretKey: string;
  brandname: string;
  /** Whether the account may send Unicode (Vietnamese with diacritics); most brandname accounts may not. */
  unicode?: boolean;
}

// GSM 03.38 basic set, kept apart from the portal's own copy: this is the gateway's rule.
const GSM7 =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export async function startSmsSimulator(options: SmsSimulatorOptions): Promise<SmsSimulator> {
  const messages: SentSms[] = [];
  const calls: SmsSimulator['calls'] = [];
  const hanging = new Set<http.ServerResponse>();
  let fault: { mode: SmsFaultMode; remaining: number } | null = null;

  const send = (res: http.ServerResponse, status: number, payload: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(payload));

  function handle(res: http.ServerResponse, raw: string) {
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      body = {};
    }
    const requestId = typeof body.RequestId === 'string' ? body.RequestId : undefined;
    const answer = (code: string, extra: Record<string, unknown> = {}, status = 200) => {
      calls.push({ requestId, code });
      send(res, status, { CodeResult: code, ...extra });
    };
    if (body.ApiKey !== options.apiKey || body.SecretKey !== options.secretKey) {
      return answer('101', { ErrorMessage: 'Sai ApiKey hoặc SecretKey' }, 401);
    }
    const mode = fault ? fault.mode : null;
    if (fault && --fault.remaining <= 0) fault = null;
    if (mode === 'down' || mode === 'error500') return answer('99', { ErrorMessage: 'Lỗi hệ thống' }, 500);
    if (mode === 'rateLimit') return answer('99', { ErrorMessage: 'Quá nhiều yêu cầu' }, 429);
    if (!requestId || requestId.length > 64) return answer('124', { ErrorMessage: 'Thiếu RequestId' });
    const earlier = messages.find((m) => m.requestId === requestId);
    if (earlier) return answer('100', { SMSID: earlier.smsId, Duplicate: true });
    if (body.Brandname !== options.brandname) return answer('104', { ErrorMessage: 'Brandname chưa đăng ký' });
    const phone = typeof body.Phone === 'string' ? body.Phone : '';
    if (!/^(0|84)(3|5|7|8|9)\d{8}$/.test(phone)) return answer('119', { ErrorMessage: 'Số điện thoại không hợp lệ' });
    const content = typeof body.Content === 'string' ? body.Content : '';
    const gsm = [...content].every((c) => GSM7.includes(c));
    const parts = gsm ? Math.ceil(content.length / (content.length > 160 ? 153 : 160)) : Math.ceil(content.length / 67);
    if (content.trim() === '' || parts > 3 || (!gsm && !options.unicode)) {
      return answer('118', { ErrorMessage: 'Nội dung không hợp lệ (có dấu hoặc quá dài)' });
    }
    const sms = {
      smsId: `SMS${String(messages.length + 1).padStart(8, '0')}`,
      requestId,
      phone,
      content,
      parts,
      receivedAt: new Date().toISOString(),
    };
    messages.push(sms);
    if (mode === 'timeout') {
      calls.push({ requestId, code: '100' });
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (mode === 'malformed') {
      calls.push({ requestId, code: '100' });
      return res.writeHead(200, { 'content-type': 'application/json' }).end('{"CodeResult":');
    }
    answer('100', { SMSID: sms.smsId, Duplicate: false });
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url ?? '/', 'http://sim').pathname;
      if (req.method === 'POST' && path === '/api/sms/send') return handle(res, raw);
      if (req.method === 'GET' && path === '/messages.json') return send(res, 200, messages);
      if (req.method === 'POST' && path === '/_sim/faults') {
        const body = (() => {
          try {
            return JSON.parse(raw) as { mode?: SmsFaultMode | null; count?: number };
          } catch {
            return {};
          }
        })();
        if (body.mode !== null && !smsFaultModes.includes(body.mode as SmsFaultMode)) return send(res, 400, {});
        simulator.setFault(body.mode ?? null, body.count);
        return send(res, 200, {});
      }
      if (req.method === 'GET' && path === '/') {
        const items = [...messages]
          .reverse()
          .map(
            (m) =>
              `<li><strong>${escapeHtml(m.phone)}</strong> · ${escapeHtml(m.receivedAt)}<br>${escapeHtml(m.content)}</li>`,
          )
          .join('');
        return res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(
            `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>SMS mô phỏng</title></head><body><main><h1>Tin nhắn SMS mô phỏng · Simulated SMS</h1><ul>${items || '<li>Chưa có tin nhắn. No messages yet.</li>'}</ul></main></body></html>`,
          );
      }
      send(res, 404, { CodeResult: '404' });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const simulator: SmsSimulator = {
    url: `http://127.0.0.1:${port}`,
    messages,
    calls,
    setFault(mode, count = Number.POSITIVE_INFINITY) {
      fault = mode ? { mode, remaining: count } : null;
    },
    async stop() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return simulator;
}
