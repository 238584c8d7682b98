/**
 * Tracking codes of feedback items, `PA-{province}-{yyMM}-{NNNNNN}`, e.g. `PA-H08-2611-000123`: "PA" for phản ánh, the
 * province's code from its agency identifier (QCVN 102: `H` + 2 digits), the Vietnam month of reception and a
 * six-digit sequence per province and month. Distinct from dossier codes (`{agency}-{yyMMdd}-{NNNN}`) at a glance.
 */
const CODE = /^PA-H\d{2}-\d{2}(0[1-9]|1[0-2])-\d{6}$/;

export function isFeedbackCode(text: string): boolean {
  return CODE.test(text);
}

/** The province part (`H08`) of an agency identifier such as `000.00.00.H08` or `H15.50.05.13`. */
export function provinceOf(agencyIdentifier: string): string {
  const match = /H\d{2}/.exec(agencyIdentifier.toUpperCase());
  if (!match) throw new Error(`no province code in agency identifier ${agencyIdentifier}`);
  return match[0];
}

/** The counter period of a reception: province and `yyMM` of its Vietnam date (`YYYY-MM-DD`). */
export function codePeriod(province: string, vietnamDate: string): string {
  return `${province}-${vietnamDate.slice(2, 4)}${vietnamDate.slice(5, 7)}`;
}

export function formatFeedbackCode(period: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) {
    throw new Error(`feedback sequence out of range: ${sequence}`);
  }
  return `PA-${period}-${String(sequence).padStart(6, '0')}`;
}
