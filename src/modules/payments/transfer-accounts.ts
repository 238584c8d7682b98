/**
 * Each receiving agency's own bank account for fee transfers (the VietQR code on the pay page), set by an
 * administrator; an agency without one uses the province's `PAYMENT_TRANSFER_ACCOUNT`. The bank is one of those the
 * VietQR (NAPAS 247) network lists, as vietnam-qr-pay ships them.
 */
import { type Bank, Banks, VietQRStatus } from 'vietnam-qr-pay';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { type FieldProblem, ValidationError } from '../../lib/errors.ts';
import * as agencies from '../agencies/agencies.service.ts';
import * as repo from './payments.repo.ts';
import type { TransferAccount } from './vietqr.ts';

/** Banks that can receive a VietQR transfer, by name. */
export const receivingBanks: readonly Bank[] = Banks.filter(
  (b) => !b.deprecated && b.vietQRStatus !== VietQRStatus.NOT_SUPPORTED,
).sort((a, b) => a.shortName.localeCompare(b.shortName));

const toAccount = (row: repo.TransferAccountRow): TransferAccount => ({
  bankBin: row.bank_bin,
  accountNumber: row.account_number,
  accountName: row.account_name,
});

/** The account an agency (electronic identifier) receives fee transfers on, if it has its own. */
export async function agencyTransferAccount(db: Db, identifier: string): Promise<TransferAccount | undefined> {
  const agency = await agencies.findAgency(db.kysely, identifier);
  const row = agency && (await repo.transferAccountOf(db.kysely, agency.id));
  return row ? toAccount(row) : undefined;
}

/** Every agency's own account, by agency id. */
export async function transferAccountsByAgency(db: Db): Promise<Map<string, TransferAccount>> {
  return new Map((await repo.transferAccounts(db.kysely)).map((row) => [row.agency_id, toAccount(row)]));
}

/** Checks an account as an administrator typed it; answers it cleaned, or throws the problems field by field. */
export function checkTransferAccount(input: Readonly<Record<string, string | undefined>>): TransferAccount {
  const bankBin = (input.bankBin ?? '').trim();
  const accountNumber = (input.accountNumber ?? '').replace(/[\s.-]/g, '');
  const accountName = (input.accountName ?? '').trim().replace(/\s+/g, ' ');
  const problems: FieldProblem[] = [];
  if (!receivingBanks.some((b) => b.bin === bankBin)) {
    problems.push({ path: 'bankBin', messageKey: 'payments.accounts.badBank' });
  }
  // NAPAS account numbers: letters and digits, at most 19 (the VietQR consumer field).
  if (!/^[0-9A-Za-z]{4,19}$/.test(accountNumber)) {
    problems.push({ path: 'accountNumber', messageKey: 'payments.accounts.badNumber' });
  }
  if (accountName.length < 2 || accountName.length > 70) {
    problems.push({ path: 'accountName', messageKey: 'payments.accounts.badName' });
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return { bankBin, accountNumber: accountNumber.toUpperCase(), accountName };
}

export async function saveTransferAccount(
  db: Db,
  clock: Clock,
  agencyId: string,
  account: TransferAccount,
  adminId: string,
): Promise<void> {
  await repo.saveTransferAccount(db.kysely, {
    agency_id: agencyId,
    bank_bin: account.bankBin,
    account_number: account.accountNumber,
    account_name: account.accountName,
    updated_by: adminId,
    updated_at: clock.now().toISOString(),
  });
}

export async function removeTransferAccount(db: Db, agencyId: string): Promise<void> {
  await repo.removeTransferAccount(db.kysely, agencyId);
}
