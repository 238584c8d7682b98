export type AttemptStatus = 'pending' | 'succeeded' | 'failed' | 'expired';
export type PaymentMethod = 'online' | 'pos' | 'transfer' | 'cash';
export type PaymentKind = 'fee' | 'overpayment';

export interface PaymentAttemptsTable {
  id: string;
  txn_ref: string;
  gateway: string;
  dossier_code: string;
  agency_id: string;
  amount: number;
  status: AttemptStatus;
  payment_url: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  gateway_transaction_no: string | null;
  gateway_response_code: string | null;
  bank_code: string | null;
  settled_at: string | null;
  settled_via: 'ipn' | 'query' | null;
  last_queried_at: string | null;
}

export interface PaymentsTable {
  id: string;
  dossier_code: string;
  agency_id: string;
  kind: PaymentKind;
  method: PaymentMethod;
  amount: number;
  reference: string | null;
  attempt_id: string | null;
  statement_ref: string | null;
  payer_name: string;
  /** JSON: `{ code, name, amount }[]`. */
  fee_lines: string;
  receipt_number: string;
  verify_token: string;
  recorded_by: string;
  paid_at: string;
}

export interface PaymentRefundsTable {
  id: string;
  payment_id: string;
  amount: number;
  reason: string;
  recorded_by: string;
  recorded_at: string;
}

export interface ReceiptCountersTable {
  agency_id: string;
  year: number;
  last_number: number;
}

export interface FeeExemptionDecisionsTable {
  id: string;
  dossier_code: string;
  revision: number;
  /** JSON: `{ fee, exemption }[]`, the exemptions in force after this decision. */
  exemptions: string;
  reason: string;
  decided_by: string;
  role: 'intake' | 'cashier';
  agency_id: string;
  decided_at: string;
}

export interface AgencyTransferAccountsTable {
  agency_id: string;
  bank_bin: string;
  account_number: string;
  account_name: string;
  updated_by: string;
  updated_at: string;
}

declare module '../../db/schema.ts' {
  interface Database {
    payment_attempts: PaymentAttemptsTable;
    payments: PaymentsTable;
    payment_refunds: PaymentRefundsTable;
    receipt_counters: ReceiptCountersTable;
    fee_exemption_decisions: FeeExemptionDecisionsTable;
    agency_transfer_accounts: AgencyTransferAccountsTable;
  }
}
