/**
 * A dossier's fees from its frozen procedure case: fixed fees as they are, per-unit fees times the number of units,
 * and exemptions (chosen by the officer, with a reason) bringing a fee to zero. Pure: the same case and choices give
 * the same lines.
 */
import { ValidationError } from '../../lib/errors.ts';
import type { ProcedureCase } from '../catalog/catalog.schema.ts';

export interface FeeLine {
  code: string;
  name: string;
  /** Whole đồng owed for this line. */
  amount: number;
  /** Per-unit fees: how many units, and of what. */
  quantity?: number;
  unitName?: string;
  /** The exemption applied, if any. */
  exemption?: { code: string; name: string; reason: string };
}

export interface FeeChoices {
  /** Fee code → number of units (per-unit fees; default 1). */
  units?: Readonly<Record<string, number>>;
  /** Fee code → the exemption chosen and why. */
  exemptions?: Readonly<Record<string, { code: string; reason: string }>>;
}

export function feeLines(procedureCase: Pick<ProcedureCase, 'fees'>, choices: FeeChoices = {}): FeeLine[] {
  return procedureCase.fees.map((fee, i): FeeLine => {
    const quantity = fee.kind === 'perUnit' ? (choices.units?.[fee.code] ?? 1) : 1;
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 10_000) {
      throw new ValidationError([{ path: `units.${fee.code}`, messageKey: 'payments.fees.badQuantity' }]);
    }
    const line: FeeLine = { code: fee.code, name: fee.name, amount: fee.amount * quantity };
    if (fee.kind === 'perUnit') Object.assign(line, { quantity, unitName: fee.unitName });
    const chosen = choices.exemptions?.[fee.code];
    if (chosen) {
      const exemption = fee.exemptions?.find((e) => e.code === chosen.code);
      const reason = chosen.reason.trim();
      if (!exemption) {
        throw new ValidationError([{ path: `exemptions.${i}`, messageKey: 'payments.fees.unknownExemption' }]);
      }
      if (!reason) throw new ValidationError([{ path: `exemptions.${i}`, messageKey: 'payments.fees.reasonRequired' }]);
      line.amount = 0;
      line.exemption = { code: exemption.code, name: exemption.name, reason };
    }
    return line;
  });
}

export const totalOf = (lines: readonly Pick<FeeLine, 'amount'>[]) => lines.reduce((sum, l) => sum + l.amount, 0);
