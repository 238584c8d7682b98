/**
 * A stand-in for the VNPAY payment gateway, speaking its 2.1.0 protocol over real HTTP, for tests and the demo:
 * - `GET /paymentv2/vpcpay.html?…&vnp_SecureHash=…` checks the signed payment URL and shows a bank page where the
 *   tester chooses the outcome (success, failure, cancel, timeout) and how the IPN is sent (at once, late, twice or
 *   not at all); the browser then goes back to `vnp_ReturnUrl` with the signed result;
 * - the IPN is a signed `GET` to the terminal's IPN URL, answered with `{"RspCode","Message"}`;
 * - `POST /merchant_webapi/api/transaction` answers `querydr` and `refund` (JSON, signed over `|`-joined fields).
 * Its signing code is written apart from the portal's adapter on purpose, so that a mistake in one shows in tests.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Terminal {
  tmnCode: string;
  hashSecret: string;
  /** Where IPNs go; may be set later with `setIpnUrl` (the portal's address is known once it listens). */
  ipnUrl?: string;
}

export type Outcome = 'success' | 'failure' | 'cancel' | 'timeout';
/** `now`: before the browser returns; `late`: after it, with a delay; `twice`: now and once more; `none`: never. */
export type IpnMode = 'now' | 'late' | 'twice' | 'none';

export interface SimTransaction {
  txnRef: string;
  tmnCode: string;
  /** vnp_Amount as received: đồng × 100. */
  amount: string;
  orderInfo: string;
  returnUrl: string;
  createDate: string;
  expireDate: string;
  /** vnp_TransactionStatus: 01 unfinished, 00 paid, 02 failed. */
  status: '00' | '01' | '02';
  responseCode: string;
  transactionNo: string;
  bankCode: string;
  payDate: string;
  refunded: number;
}

export interface IpnDelivery {
  txnRef: string;
  status: number | null;
  reply: unknown;
}

export interface PaymentGatewaySimulator {
  url: string;
  paymentUrl: string;
  apiUrl: string;
  transactions: Map<string, SimTransaction>;
  /** Every IPN sent and what the merchant answered. */
  ipnLog: IpnDelivery[];
  setIpnUrl(tmnCode: string, url: string): void;
  /** `false`: the merchant API answers 503 and IPNs are not sent (a gateway that does not answer). */
  setAvailable(available: boolean): void;
  /** What the bank page's button does; answers the signed return URL. */
  decide(txnRef: string, outcome: Outcome, ipn?: IpnMode): Promise<string>;
  /** Sends the transaction's IPN again (a replay). */
  resendIpn(txnRef: string): Promise<IpnDelivery>;
  /** Waits for the late IPNs already scheduled. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

const RESULT: Record<Outcome, { responseCode: string; status: '00' | '02' }> = {
  success: { responseCode: '00', status: '00' },
  failure: { responseCode: '51', status: '02' }, // insufficient funds
  cancel: { responseCode: '24', status: '02' }, // the payer cancelled
  timeout: { responseCode: '11', status: '02' }, // the payment window expired
};

const sign = (secret: string, data: string) => createHmac('sha512', secret).update(data, 'utf8').digest('hex');
const formEncode = (v: string) => encodeURIComponent(v).replace(/%20/g, '+');
function hashData(params: Record<string, string>): string {
  return Object.entries(params)
    .filter(([k]) => k.startsWith('vnp_') && k !== 'vnp_SecureHash' && k !== 'vnp_SecureHashType')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${formEncode(k)}=${formEncode(v)}`)
    .join('&');
}
function gmt7(date: Date): string {
  return new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 19).replace(/\D/g, '');
}
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — VNPAY (mô phỏng)</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}fieldset{margin:1rem 0}button{font-size:1rem;padding:.5rem 1rem}</style>
</head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

export async function startPaymentGatewaySimulator(options: {
  port?: number;
  terminals: Terminal[];
  lateIpnMs?: number;
}): Promise<PaymentGatewaySimulator> {
  const terminals = new Map(options.terminals.map((t) => [t.tmnCode, { ...t }]));
  const transactions = new Map<string, SimTransaction>();
  const ipnLog: IpnDelivery[] = [];
  const scheduled = new Set<Promise<unknown>>();
  let available = true;
  let sequence = 14_000_000;

  function resultParams(txn: SimTransaction): Record<string, string> {
    const params: Record<string, string> = {
      vnp_Amount: txn.amount,
      vnp_BankCode: txn.bankCode,
      vnp_CardType: 'ATM',
      vnp_OrderInfo: txn.orderInfo,
      vnp_PayDate: txn.payDate,
      vnp_ResponseCode: txn.responseCode,
      vnp_TmnCode: txn.tmnCode,
      vnp_TransactionNo: txn.transactionNo,
      vnp_TransactionStatus: txn.status,
      vnp_TxnRef: txn.txnRef,
    };
    if (txn.status === '00') params.vnp_BankTranNo = `VNP${txn.transactionNo}`;
    const secret = terminals.get(txn.tmnCode)?.hashSecret ?? '';
    return { ...params, vnp_SecureHashType: 'HmacSHA512', vnp_SecureHash: sign(secret, hashData(params)) };
  }

  async function sendIpn(txnRef: string): Promise<IpnDelivery> {
    const txn = transactions.get(txnRef);
    const ipnUrl = txn && terminals.get(txn.tmnCode)?.ipnUrl;
    if (!txn || !ipnUrl || !available) {
      const delivery = { txnRef, status: null, reply: 'not sent' };
      ipnLog.push(delivery);
      return delivery;
    }
    const target = `${ipnUrl}?${new URLSearchParams(resultParams(txn))}`;
    let delivery: IpnDelivery;
    try {
      const response = await fetch(target, { signal: AbortSignal.timeout(10_000) });
      delivery = { txnRef, status: response.status, reply: await response.json().catch(() => null) };
    } catch (error) {
      delivery = { txnRef, status: null, reply: (error as Error).message };
    }
    ipnLog.push(delivery);
    return delivery;
  }

  function later(work: () => Promise<unknown>, ms: number) {
    const done: Promise<unknown> = new Promise((resolve) => setTimeout(resolve, ms))
      .then(work)
      .finally(() => scheduled.delete(done));
    scheduled.add(done);
  }

  async function decide(txnRef: string, outcome: Outcome, ipn: IpnMode = 'now'): Promise<string> {
    const txn = transactions.get(txnRef);
    if (!txn) throw new Error(`unknown transaction ${txnRef}`);
    const result = RESULT[outcome];
    txn.status = result.status;
    txn.responseCode = result.responseCode;
    txn.payDate = gmt7(new Date());
    if (outcome === 'success') txn.transactionNo = String(++sequence);
    if (ipn === 'now' || ipn === 'twice') await sendIpn(txnRef);
    if (ipn === 'twice') await sendIpn(txnRef);
    if (ipn === 'late') later(() => sendIpn(txnRef), options.lateIpnMs ?? 1500);
    return `${txn.returnUrl}?${new URLSearchParams(resultParams(txn))}`;
  }

  /** Checks a payment URL's parameters; answers the problem in words, or the transaction. */
  function openPayment(query: URLSearchParams): { error: string } | { txn: SimTransaction } {
    const params = Object.fromEntries(query);
    const terminal = terminals.get(params.vnp_TmnCode ?? '');
    if (!terminal) return { error: 'Mã website (vnp_TmnCode) không tồn tại.' };
    if (sign(terminal.hashSecret, hashData(params)) !== params.vnp_SecureHash) {
      return { error: 'Sai chữ ký (vnp_SecureHash).' };
    }
    if (params.vnp_Version !== '2.1.0' || params.vnp_Command !== 'pay' || params.vnp_CurrCode !== 'VND') {
      return { error: 'Tham số không hợp lệ (vnp_Version, vnp_Command, vnp_CurrCode).' };
    }
    const amount = params.vnp_Amount ?? '';
    const txnRef = params.vnp_TxnRef ?? '';
    if (!/^\d+00$/.test(amount) || !txnRef || !params.vnp_ReturnUrl || !params.vnp_CreateDate) {
      return { error: 'Thiếu tham số bắt buộc.' };
    }
    if (params.vnp_ExpireDate && params.vnp_ExpireDate < gmt7(new Date())) {
      return { error: 'Giao dịch đã quá thời gian chờ thanh toán.' };
    }
    const existing = transactions.get(txnRef);
    if (existing) {
      if (existing.status !== '01' || existing.amount !== amount) return { error: 'Giao dịch đã tồn tại.' };
      return { txn: existing };
    }
    const txn: SimTransaction = {
      txnRef,
      tmnCode: terminal.tmnCode,
      amount,
      orderInfo: params.vnp_OrderInfo ?? '',
      returnUrl: params.vnp_ReturnUrl,
      createDate: params.vnp_CreateDate,
      expireDate: params.vnp_ExpireDate ?? '',
      status: '01',
      responseCode: '',
      transactionNo: '0',
      bankCode: 'NCB',
      payDate: '',
      refunded: 0,
    };
    transactions.set(txnRef, txn);
    return { txn };
  }

  function bankPage(txn: SimTransaction): string {
    const amount = (Number(txn.amount) / 100).toLocaleString('vi-VN');
    const radio = (name: string, value: string, label: string, checked = false) =>
      `<div><input type="radio" id="${name}-${value}" name="${name}" value="${value}"${checked ? ' checked' : ''}> <label for="${name}-${value}">${label}</label></div>`;
    return page(
      'Ngân hàng mô phỏng',
      `<p>Đơn hàng: <strong>${escapeHtml(txn.orderInfo)}</strong></p>
<p>Số tiền: <strong id="amount">${amount} VND</strong></p>
<p>Mã giao dịch (vnp_TxnRef): <code>${escapeHtml(txn.txnRef)}</code></p>
<form method="post" action="/paymentv2/decide">
<input type="hidden" name="txnRef" value="${escapeHtml(txn.txnRef)}">
<fieldset><legend>Kết quả thanh toán</legend>
${radio('outcome', 'success', 'Thành công', true)}${radio('outcome', 'failure', 'Thất bại (không đủ số dư)')}${radio('outcome', 'cancel', 'Khách hàng hủy')}${radio('outcome', 'timeout', 'Hết thời gian chờ')}
</fieldset>
<fieldset><legend>Gửi IPN</legend>
${radio('ipn', 'now', 'Ngay (trước khi trở về)', true)}${radio('ipn', 'late', 'Trễ (sau khi trở về)')}${radio('ipn', 'twice', 'Hai lần')}${radio('ipn', 'none', 'Không gửi')}
</fieldset>
<button type="submit">Xác nhận</button>
</form>`,
    );
  }

  function api(body: Record<string, string>): Record<string, string> {
    const terminal = terminals.get(body.vnp_TmnCode ?? '');
    const reply = (fields: Record<string, string>) => {
      const order = [
        'vnp_ResponseId',
        'vnp_Command',
        'vnp_ResponseCode',
        'vnp_Message',
        'vnp_TmnCode',
        'vnp_TxnRef',
        'vnp_Amount',
        'vnp_BankCode',
        'vnp_PayDate',
        'vnp_TransactionNo',
        'vnp_TransactionType',
        'vnp_TransactionStatus',
        'vnp_OrderInfo',
        'vnp_PromotionCode',
        'vnp_PromotionAmount',
      ];
      const full: Record<string, string> = {
        vnp_ResponseId: `R${++sequence}`,
        vnp_Command: body.vnp_Command ?? '',
        vnp_TmnCode: body.vnp_TmnCode ?? '',
        ...fields,
      };
      const data = order.map((key) => full[key] ?? '').join('|');
      return { ...full, vnp_SecureHash: sign(terminal?.hashSecret ?? '', data) };
    };
    if (!terminal) return reply({ vnp_ResponseCode: '02', vnp_Message: 'Merchant is not valid' });
    const fieldsOf: Record<string, string[]> = {
      querydr: [
        'vnp_RequestId',
        'vnp_Version',
        'vnp_Command',
        'vnp_TmnCode',
        'vnp_TxnRef',
        'vnp_TransactionDate',
        'vnp_CreateDate',
        'vnp_IpAddr',
        'vnp_OrderInfo',
      ],
      refund: [
        'vnp_RequestId',
        'vnp_Version',
        'vnp_Command',
        'vnp_TmnCode',
        'vnp_TransactionType',
        'vnp_TxnRef',
        'vnp_Amount',
        'vnp_TransactionNo',
        'vnp_TransactionDate',
        'vnp_CreateBy',
        'vnp_CreateDate',
        'vnp_IpAddr',
        'vnp_OrderInfo',
      ],
    };
    const fields = fieldsOf[body.vnp_Command ?? ''];
    if (!fields) return reply({ vnp_ResponseCode: '03', vnp_Message: 'Invalid command' });
    const data = fields.map((key) => body[key] ?? '').join('|');
    if (sign(terminal.hashSecret, data) !== body.vnp_SecureHash) {
      return reply({ vnp_ResponseCode: '97', vnp_Message: 'Invalid Checksum' });
    }
    const txn = transactions.get(body.vnp_TxnRef ?? '');
    if (!txn || txn.tmnCode !== terminal.tmnCode) {
      return reply({ vnp_ResponseCode: '91', vnp_Message: 'Transaction not found', vnp_TxnRef: body.vnp_TxnRef ?? '' });
    }
    if (body.vnp_Command === 'refund') {
      const amount = Number(body.vnp_Amount ?? '0');
      if (
        txn.status !== '00' ||
        !Number.isInteger(amount) ||
        amount <= 0 ||
        txn.refunded + amount > Number(txn.amount)
      ) {
        return reply({ vnp_ResponseCode: '02', vnp_Message: 'Refund amount is invalid', vnp_TxnRef: txn.txnRef });
      }
      txn.refunded += amount;
    }
    return reply({
      vnp_ResponseCode: '00',
      vnp_Message: body.vnp_Command === 'refund' ? 'Refund success' : 'QueryDR Success',
      vnp_TxnRef: txn.txnRef,
      vnp_Amount: body.vnp_Command === 'refund' ? (body.vnp_Amount ?? '') : txn.amount,
      vnp_BankCode: txn.bankCode,
      vnp_PayDate: txn.payDate,
      vnp_TransactionNo: txn.transactionNo,
      vnp_TransactionType: body.vnp_Command === 'refund' ? (body.vnp_TransactionType ?? '') : '01',
      vnp_TransactionStatus: txn.refunded > 0 ? '06' : txn.status,
      vnp_OrderInfo: txn.orderInfo,
      vnp_PromotionCode: '',
      vnp_PromotionAmount: '',
    });
  }

  const readBody = (req: http.IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const html = (status: number, body: string) =>
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    const handle = async () => {
      if (req.method === 'GET' && url.pathname === '/paymentv2/vpcpay.html') {
        const opened = openPayment(url.searchParams);
        if ('error' in opened) return html(400, page('Giao dịch không hợp lệ', `<p>${escapeHtml(opened.error)}</p>`));
        return html(200, bankPage(opened.txn));
      }
      if (req.method === 'POST' && url.pathname === '/paymentv2/decide') {
        const form = new URLSearchParams(await readBody(req));
        const txn = transactions.get(form.get('txnRef') ?? '');
        const outcome = form.get('outcome') as Outcome;
        const ipn = (form.get('ipn') ?? 'now') as IpnMode;
        if (
          txn?.status !== '01' ||
          !Object.hasOwn(RESULT, outcome) ||
          !['now', 'late', 'twice', 'none'].includes(ipn)
        ) {
          return html(400, page('Giao dịch không hợp lệ', '<p>Giao dịch không tồn tại hoặc đã kết thúc.</p>'));
        }
        const returnUrl = await decide(txn.txnRef, outcome, ipn);
        return res.writeHead(303, { location: returnUrl }).end();
      }
      if (req.method === 'POST' && url.pathname === '/merchant_webapi/api/transaction') {
        if (!available) return res.writeHead(503).end();
        const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
        const fields = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]));
        return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(api(fields)));
      }
      return html(404, page('Không tìm thấy', '<p>Không có trang này.</p>'));
    };
    handle().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String((error as Error).message));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    paymentUrl: `${url}/paymentv2/vpcpay.html`,
    apiUrl: `${url}/merchant_webapi/api/transaction`,
    transactions,
    ipnLog,
    setIpnUrl(tmnCode, ipnUrl) {
      const terminal = terminals.get(tmnCode);
      if (terminal) terminal.ipnUrl = ipnUrl;
    },
    setAvailable(value) {
      available = value;
    },
    decide,
    resendIpn: sendIpn,
    async settle() {
      await Promise.all([...scheduled]);
    },
    async stop() {
      await Promise.all([...scheduled]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
