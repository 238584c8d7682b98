/**
 * The measures of dossier handling over a period, as the official results form (Mẫu 06) and the national indicators
 * use them. Flows (received, resolved, …) add up over consecutive periods; stocks are taken at the period's start
 * (`carriedOver`) or at its end (in progress, overdue, awaiting supplement).
 */
export const flowMeasures = [
  'received',
  'receivedOnline',
  'receivedInPerson',
  'receivedPostal',
  'resolved',
  'resolvedEarly',
  'resolvedOnTime',
  'resolvedLate',
  'returned',
  'stopped',
  'stoppedLate',
  'refused',
  'withdrawn',
  // Digitisation (indicators 4.1–4.5): resolved with an electronic result, and with digitised components too;
  // received reusing an earlier document, and from an account authenticated with VNeID.
  'resolvedElectronic',
  'resolvedDigitised',
  'receivedReusing',
  'receivedVneid',
] as const;
export const openingStocks = ['carriedOver'] as const;
export const closingStocks = ['inProgress', 'inProgressWithin', 'overdue', 'awaitingSupplement'] as const;
export const measureNames = [...flowMeasures, ...openingStocks, ...closingStocks] as const;
export type MeasureName = (typeof measureNames)[number];
export type Measures = Record<MeasureName, number>;

const zero = Object.freeze(Object.fromEntries(measureNames.map((name) => [name, 0])) as Measures);

export function emptyMeasures(): Measures {
  return { ...zero };
}

/** Adds `from` into `into`, every measure (the same period, another group). */
export function addInto(into: Measures, from: Measures): Measures {
  for (const name of measureNames) into[name] += from[name];
  return into;
}

/**
 * Chains consecutive periods of one group: flows add up, the opening stock is the first period's, the closing stocks
 * the last's. `periods` are in time order.
 */
export function chain(periods: readonly Measures[]): Measures {
  const out = emptyMeasures();
  if (periods.length === 0) return out;
  for (const period of periods) for (const name of flowMeasures) out[name] += period[name];
  for (const name of openingStocks) out[name] = periods[0]![name];
  for (const name of closingStocks) out[name] = periods[periods.length - 1]![name];
  return out;
}

export interface Rates {
  /** Online share of the dossiers received in the period, 0–1 (null when nothing was received). */
  onlineShare: number | null;
  /**
   * Indicator 2.1: dossiers finished or still in process on time ÷ dossiers finished in the period or in process at
   * its end (a stop is an end of processing too).
   */
  onTimeRate: number | null;
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export function ratesOf(m: Measures): Rates {
  const judged = m.resolved + m.stopped + m.inProgress;
  const onTime = m.resolvedEarly + m.resolvedOnTime + (m.stopped - m.stoppedLate) + m.inProgressWithin;
  return { onlineShare: ratio(m.receivedOnline, m.received), onTimeRate: ratio(onTime, judged) };
}
