/**
 * The VNPAY payment-URL protocol, version 2.1.0: the payment URL (`vnp_Command=pay`) whose parameters are sorted by
 * name and signed with HMAC-SHA512 over their form encoding, amounts in đồng × 100, the return and IPN callbacks signed
 * the same way, and the merchant web API (`querydr`, `refund`: JSON, signed over `|`-joined fields in a fixed order).
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  type CallbackReading,
  type GatewayOutcome,
  GatewayUnavailableError,
  type PaymentGateway,
  type QueryResult,
  type RefundRequest,
  type StartRequest,
} from './gateway.ts';

export interface VnpaySettings {
  /** The payment page, e.g. `https://sandbox.vnpayment.vn/paymentv2/vpcpay.html`. */
  paymentUrl: string;
  /** The merchant web API, e.g. `https://sandbox.vnpayment.vn/merchant_webapi/api/transaction`. */
  apiUrl: string;
  tmnCode: string;
  hashSecret: string;
  /** Our server's address, sent with API calls (vnp_IpAddr). */
  serverIp?: string;
  timeoutMs?: number;
}

const VERSION = '2.1.0';

/** Form encoding as VNPAY's merchant examples build the signed string: percent-encoding, spaces as `+`. */
const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');

/** The signed string of a payment URL or callback: `vnp_*` parameters except the hash ones, sorted by name. */
export function signedQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((key) => key.startsWith('vnp_') && key !== 'vnp_SecureHash' && key !== 'vnp_SecureHashType')
    .sort()
    .map((key) => `${encode(key)}=${encode(params[key] ?? '')}`)
    .join('&');
}

export const hmac512 = (secret: string, data: string) =>
  createHmac('sha512', secret).update(data, 'utf8').digest('hex');

function sameHash(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(given.toLowerCase(), 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

/** `yyyyMMddHHmmss` in Vietnam time (GMT+7), VNPAY's date format. */
function vnpDate(instant: Date): string {
  // Vietnam keeps UTC+7 all year.
  return new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 19).replace(/\D/g, '');
}

function parseVnpDate(text: string | undefined): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text ?? '');
  if (!m) return null;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+07:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** vnp_Amount is đồng × 100 in digits only; anything else (or a fraction of a đồng) is not an amount. */
function parseAmount(text: string | undefined): number | null {
  if (!text || !/^\d{1,17}$/.test(text)) return null;
  const hundredths = Number(text);
  return hundredths % 100 === 0 ? hundredths / 100 : null;
}

/** Transaction status codes (vnp_TransactionStatus): 00 paid; 01 not finished; everything else did not take money. */
function statusOf(transactionStatus: string | undefined): GatewayOutcome['status'] {
  if (transactionStatus === '00') return 'succeeded';
  if (transactionStatus === '01') return 'pending';
  return 'failed';
}

export class VnpayGateway implements PaymentGateway {
  readonly name = 'vnpay';
  readonly #settings: VnpaySettings;

  constructor(settings: VnpaySettings) {
    this.#settings = settings;
  }

  paymentUrl(request: StartRequest): string {
    const params: Record<string, string> = {
      vnp_Version: VERSION,
      vnp_Command: 'pay',
      vnp_TmnCode: this.#settings.tmnCode,
      vnp_Amount: String(request.amount * 100),
      vnp_CurrCode: 'VND',
      vnp_TxnRef: request.txnRef,
      vnp_OrderInfo: request.orderInfo,
      vnp_OrderType: 'other',
      vnp_Locale: request.locale === 'en' ? 'en' : 'vn',
      vnp_ReturnUrl: request.returnUrl,
      vnp_IpAddr: request.payerIp,
      vnp_CreateDate: vnpDate(request.createdAt),
      vnp_ExpireDate: vnpDate(request.expiresAt),
    };
    const query = signedQuery(params);
    return `${this.#settings.paymentUrl}?${query}&vnp_SecureHash=${hmac512(this.#settings.hashSecret, query)}`;
  }

  readCallback(params: Readonly<Record<string, string>>): CallbackReading {
    const hash = params.vnp_SecureHash;
    if (!hash || !/^[0-9a-fA-F]+$/.test(hash)) return { ok: false, reason: 'signature' };
    if (!sameHash(hmac512(this.#settings.hashSecret, signedQuery(params)), hash)) {
      return { ok: false, reason: 'signature' };
    }
    if (params.vnp_TmnCode !== this.#settings.tmnCode) return { ok: false, reason: 'terminal' };
    const amount = parseAmount(params.vnp_Amount);
    const txnRef = params.vnp_TxnRef;
    if (amount === null || !txnRef) return { ok: false, reason: 'malformed' };
    // A callback is final: the payer finished (or abandoned) at the bank. 00/00 is the only success.
    const paid = params.vnp_ResponseCode === '00' && params.vnp_TransactionStatus === '00';
    return {
      ok: true,
      outcome: {
        txnRef,
        amount,
        status: paid ? 'succeeded' : 'failed',
        responseCode: params.vnp_ResponseCode ?? '',
        transactionNo: params.vnp_TransactionNo || null,
        bankCode: params.vnp_BankCode || null,
        paidAt: parseVnpDate(params.vnp_PayDate),
      },
    };
  }

  async query(txnRef: string, createdAt: Date): Promise<QueryResult> {
    const now = new Date();
    const fields = {
      vnp_RequestId: randomUUID().replace(/-/g, ''),
      vnp_Version: VERSION,
      vnp_Command: 'querydr',
      vnp_TmnCode: this.#settings.tmnCode,
      vnp_TxnRef: txnRef,
      vnp_TransactionDate: vnpDate(createdAt),
      vnp_CreateDate: vnpDate(now),
      vnp_IpAddr: this.#settings.serverIp ?? '127.0.0.1',
      vnp_OrderInfo: `Truy van ${txnRef}`,
    };
    const answer = await this.#call({
      ...fields,
      vnp_SecureHash: hmac512(this.#settings.hashSecret, Object.values(fields).join('|')),
    });
    if (answer.vnp_ResponseCode === '91') return { found: false };
    if (answer.vnp_ResponseCode !== '00') {
      throw new GatewayUnavailableError(`querydr answered ${answer.vnp_ResponseCode ?? 'nothing'}`);
    }
    const signed = [
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
    ].map((key) => answer[key] ?? '');
    if (!sameHash(hmac512(this.#settings.hashSecret, signed.join('|')), answer.vnp_SecureHash ?? '')) {
      throw new GatewayUnavailableError('querydr answer has a bad signature');
    }
    const amount = parseAmount(answer.vnp_Amount);
    if (answer.vnp_TxnRef !== txnRef || amount === null) {
      throw new GatewayUnavailableError('querydr answer does not match the request');
    }
    return {
      found: true,
      outcome: {
        txnRef,
        amount,
        status: statusOf(answer.vnp_TransactionStatus),
        responseCode: answer.vnp_TransactionStatus ?? '',
        transactionNo: answer.vnp_TransactionNo || null,
        bankCode: answer.vnp_BankCode || null,
        paidAt: parseVnpDate(answer.vnp_PayDate),
      },
    };
  }

  async refund(request: RefundRequest): Promise<void> {
    const fields = {
      vnp_RequestId: randomUUID().replace(/-/g, ''),
      vnp_Version: VERSION,
      vnp_Command: 'refund',
      vnp_TmnCode: this.#settings.tmnCode,
      // 02: full refund, 03: partial.
      vnp_TransactionType: request.full ? '02' : '03',
      vnp_TxnRef: request.txnRef,
      vnp_Amount: String(request.amount * 100),
      vnp_TransactionNo: request.transactionNo ?? '',
      vnp_TransactionDate: vnpDate(request.paidAt),
      vnp_CreateBy: request.createdBy,
      vnp_CreateDate: vnpDate(new Date()),
      vnp_IpAddr: this.#settings.serverIp ?? '127.0.0.1',
      vnp_OrderInfo: `Hoan tien ${request.txnRef}`,
    };
    const answer = await this.#call({
      ...fields,
      vnp_SecureHash: hmac512(this.#settings.hashSecret, Object.values(fields).join('|')),
    });
    if (answer.vnp_ResponseCode !== '00') {
      throw new GatewayUnavailableError(`refund answered ${answer.vnp_ResponseCode ?? 'nothing'}`);
    }
  }

  async #call(body: Record<string, string>): Promise<Record<string, string | undefined>> {
    let response: Response;
    try {
      response = await fetch(this.#settings.apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.#settings.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new GatewayUnavailableError(`gateway did not answer: ${(error as Error).message}`);
    }
    if (!response.ok) throw new GatewayUnavailableError(`gateway answered HTTP ${response.status}`);
    const json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    if (!json || typeof json !== 'object') throw new GatewayUnavailableError('gateway answered no JSON');
    return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, v === null ? undefined : String(v)]));
  }
}
