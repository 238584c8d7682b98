/**
 * A dossier's fees from its frozen procedure case: fixed fees as they are, per-unit fees times the number of units,
 * and exemptions (chosen by the officer, with a reason) bringing a fee to zero. Pure: the same case and choices give
 * the same lines.
 */
import { ValidationError } from '../../lib/errors.ts';
import { translate } from '../../web/i18n/index.ts';
import type { ProcedureCase } from '../catalog/catalog.schema.ts';
import type { DossierDetail } from '../dossiers/dossiers.schema.ts';
import { finalStatuses } from '../dossiers/lifecycle.ts';

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

export interface Due {
  lines: FeeLine[];
  total: number;
  paid: number;
  outstanding: number;
  /** The citizen may pay now: something is owed and the dossier is still open. */
  payable: boolean;
}

/** The line code of an amount an officer requested that is not the case's whole fee. */
const REQUESTED_FEE = 'requested';

/**
 * What a dossier owes, from its frozen case with the exemptions chosen: the case's fees when they are due at
 * submission; each officer's payment request otherwise. A request of the case's whole fee (as the schedule has it,
 * or after the exemptions) stands for the case's fee lines, so an exemption lowers the amount requested too.
 */
export function dossierDue(
  dossier: Pick<DossierDetail, 'definition' | 'actions' | 'status'>,
  atSubmission: boolean,
  choices: FeeChoices,
  paid: number,
): Due {
  const caseLines = feeLines(dossier.definition.case, choices);
  const scheduled = totalOf(feeLines(dossier.definition.case));
  const lines: FeeLine[] = atSubmission ? [...caseLines] : [];
  for (const action of dossier.actions) {
    if (action.action !== 'request_payment') continue;
    const amount = Number(action.data?.amount ?? 0);
    const wholeCase = amount === scheduled || amount === totalOf(caseLines);
    if (!atSubmission && lines.length === 0 && caseLines.length > 0 && wholeCase) {
      lines.push(...caseLines);
    } else {
      lines.push({ code: REQUESTED_FEE, name: translate('vi', 'payments.fees.requested'), amount });
    }
  }
  const total = totalOf(lines);
  const outstanding = Math.max(0, total - paid);
  return {
    lines,
    total,
    paid,
    outstanding,
    payable: outstanding > 0 && !finalStatuses.includes(dossier.status),
  };
}
