/**
 * What the payments module needs from an online payment gateway. VNPAY's payment-URL protocol is the first adapter;
 * the national payment platform (init → payment URL → confirm → e-receipt) fits the same seam: `start` is its init and
 * URL, `readCallback` its confirmation, `query` its status check.
 */

export interface StartRequest {
  /** Unique per attempt (vnp_TxnRef). */
  txnRef: string;
  /** Whole đồng. */
  amount: number;
  /** Shown to the payer at the bank; plain ASCII travels best. */
  orderInfo: string;
  createdAt: Date;
  expiresAt: Date;
  returnUrl: string;
  payerIp: string;
  locale: 'vi' | 'en';
}

/** The gateway's verdict on one transaction, from a callback (return or IPN) or a query. */
export interface GatewayOutcome {
  txnRef: string;
  /** Whole đồng, as the gateway reports it. */
  amount: number;
  /** `succeeded`: money taken; `failed`: refused or cancelled; `pending`: not finished at the gateway. */
  status: 'succeeded' | 'failed' | 'pending';
  responseCode: string;
  transactionNo: string | null;
  bankCode: string | null;
  /** The gateway's payment time, when it gave one. */
  paidAt: Date | null;
}

export type CallbackReading =
  | { ok: true; outcome: GatewayOutcome }
  | { ok: false; reason: 'signature' | 'malformed' | 'terminal' };

export type QueryResult = { found: true; outcome: GatewayOutcome } | { found: false };

export interface RefundRequest {
  txnRef: string;
  transactionNo: string | null;
  /** Whole đồng. */
  amount: number;
  full: boolean;
  paidAt: Date;
  createdBy: string;
}

export interface PaymentGateway {
  readonly name: string;
  /** The URL the payer's browser is sent to. */
  paymentUrl(request: StartRequest): string;
  /** Checks and reads the parameters of a browser return or a server-to-server notification. */
  readCallback(params: Readonly<Record<string, string>>): CallbackReading;
  /** Asks the gateway for a transaction's state; throws when the gateway does not answer properly. */
  query(txnRef: string, createdAt: Date): Promise<QueryResult>;
  /** Asks the gateway to return money; throws when it refuses or does not answer. */
  refund(request: RefundRequest): Promise<void>;
}

/** The gateway did not answer, or answered something we cannot trust. The attempt stays as it is. */
export class GatewayUnavailableError extends Error {
  override name = 'GatewayUnavailableError';
}
