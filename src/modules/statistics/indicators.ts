/**
 * Decision 766/QĐ-TTg indicators (DOMAIN.md §6.2–6.3) that the system's own data computes, each with its formula, its
 * points and the dossiers (or procedures) behind it. Indicators fed by other areas — ratings, feedback (PAKN), online
 * payment, sync with the national portal — read them through the small source interfaces below; without a source the
 * indicator is reported as having no data rather than as zero.
 */
import type { ProcedureDefinition } from '../catalog/catalog.schema.ts';
import { ratesOf } from './measures.ts';
import type { Summary } from './statistics.service.ts';

/** A period of days (`YYYY-MM-DD`, last day included) and optionally an agency with the agencies below it. */
export interface IndicatorScope {
  from: string;
  to: string;
  agency?: string | undefined;
}

/** Ratings of the service after a dossier (portal tracking): how many were given, how many were dissatisfied. */
export interface SatisfactionSource {
  ratings(scope: IndicatorScope): Promise<{ rated: number; dissatisfied: number; dossiersWithComplaint: number }>;
}

/** Feedback and petitions (PAKN): handled in the period, on time, and dissatisfied, repeated or late. */
export interface FeedbackSource {
  handling(scope: IndicatorScope): Promise<{ handled: number; onTime: number; unsatisfactory: number }>;
}

/** Online payment: dossiers of fee-bearing procedures with fees above zero, and those paid online. */
export interface OnlinePaymentSource {
  payments(scope: IndicatorScope): Promise<{ feeBearing: number; paidOnline: number }>;
}

/** Sync with the national portal: dossiers received in the period and those synchronised. */
export interface SyncSource {
  synchronisation(scope: IndicatorScope): Promise<{ received: number; synchronised: number }>;
}

export interface IndicatorSources {
  satisfaction?: SatisfactionSource | undefined;
  feedback?: FeedbackSource | undefined;
  payments?: OnlinePaymentSource | undefined;
  sync?: SyncSource | undefined;
}

export const indicatorGroups = ['CKMB', 'TDGQ', 'CLGQ', 'TTTT', 'MDSH', 'MDHL'] as const;
export type IndicatorGroup = (typeof indicatorGroups)[number];
export const groupMaxima: Record<IndicatorGroup, number> = {
  CKMB: 18,
  TDGQ: 20,
  CLGQ: 12,
  TTTT: 10,
  MDSH: 22,
  MDHL: 18,
};

export interface Indicator {
  code: string;
  group: IndicatorGroup;
  max: number;
  /** numerator ÷ denominator; null when the data is missing. */
  numerator: number | null;
  denominator: number | null;
  rate: number | null;
  points: number | null;
  /** Where the drill-down lists dossiers (`dossiers`) or procedures (`procedures`); none for outside sources. */
  drill: 'dossiers' | 'procedures' | null;
  /** An i18n key saying which data the system lacks, for an indicator it cannot compute at all. */
  lacking?: string;
}

/**
 * The rate from which an indicator earns full marks (DOMAIN.md §6.3); below it, points in proportion. Configurable
 * (`StatisticsOptions.fullMarksAt`) because the national guidance has changed them from year to year.
 */
export const defaultFullMarksAt: Readonly<Record<string, number>> = {
  '3.1': 0.8,
  '3.3': 0.5,
  '4.2': 0.8,
  '4.3': 0.8,
  '5.4': 0.9,
};

/** The indicators whose drill-down lists dossiers, and those listing procedures. */
export const dossierDrills = ['2.1', '3.3', '4.1', '4.2', '4.3', '4.5'] as const;
export const procedureDrills = ['1.3', '3.1', '3.2'] as const;

/** Points for a rate: full marks from `fullAt` on, proportionally below it. */
export function pointsFor(rate: number, max: number, fullAt = 1): number {
  return Math.round(Math.min(1, rate / fullAt) * max * 100) / 100;
}

function indicator(
  code: string,
  group: IndicatorGroup,
  max: number,
  counts: { numerator: number; denominator: number } | null,
  fullAt = 1,
  drill: Indicator['drill'] = null,
): Indicator {
  if (!counts || counts.denominator === 0) {
    return {
      code,
      group,
      max,
      numerator: counts?.numerator ?? null,
      denominator: counts?.denominator ?? null,
      rate: null,
      points: null,
      drill,
    };
  }
  const rate = counts.numerator / counts.denominator;
  return { code, group, max, ...counts, rate, points: pointsFor(rate, max, fullAt), drill };
}

/** Decree 63/2010 art. 8.2: name, sequence, method, components, time limit, applicants, agency. */
export function isComplete(definition: ProcedureDefinition): boolean {
  return (
    definition.name.trim() !== '' &&
    definition.steps.length > 0 &&
    definition.channels.length > 0 &&
    definition.applicantTypes.length > 0 &&
    definition.cases.length > 0 &&
    definition.cases.every((c) => c.components.length > 0 && c.processingTime.value >= 0)
  );
}

export interface IndicatorInputs {
  /** The period's figures, grouped by procedure. */
  byProcedure: Summary;
  /** Published procedures in scope. */
  procedures: readonly ProcedureDefinition[];
}

/**
 * 1.1 and 1.2 time the publication decision against the legal basis taking effect (20 working days before for a
 * ministry, 5 for a province) and the "công khai" step against the decision (10 / 5 working days). The catalogue
 * records when a version was made public here, but neither the decision's date nor its legal basis's effective date.
 */
const lackingPublicationDates = (code: string): Indicator => ({
  code,
  group: 'CKMB',
  max: code === '1.1' ? 6 : 4,
  numerator: null,
  denominator: null,
  rate: null,
  points: null,
  drill: null,
  lacking: 'statistics.indicators.lackingPublicationDates',
});

export async function computeIndicators(
  inputs: IndicatorInputs,
  scope: IndicatorScope,
  sources: IndicatorSources,
  fullMarksAt: Readonly<Record<string, number>> = defaultFullMarksAt,
): Promise<Indicator[]> {
  const fullAt = (code: string) => fullMarksAt[code] ?? 1;
  const { byProcedure, procedures } = inputs;
  const totals = byProcedure.totals;
  const online = procedures.filter((p) => p.onlineMode !== 'none');
  const onlineCodes = new Set(online.map((p) => p.code));
  const withDossiers = new Set(byProcedure.groups.filter((g) => g.received > 0).map((g) => g.key));
  const receivedOfOnline = byProcedure.groups.filter((g) => onlineCodes.has(g.key));
  const progress = ratesOf(totals);

  const [sync, payments, feedback, satisfaction] = await Promise.all([
    sources.sync?.synchronisation(scope),
    sources.payments?.payments(scope),
    sources.feedback?.handling(scope),
    sources.satisfaction?.ratings(scope),
  ]);
  const judged = totals.resolved + totals.stopped + totals.inProgress;
  const late = totals.resolvedLate + totals.stoppedLate + totals.overdue;
  return [
    lackingPublicationDates('1.1'),
    lackingPublicationDates('1.2'),
    indicator(
      '1.3',
      'CKMB',
      2,
      { numerator: procedures.filter(isComplete).length, denominator: procedures.length },
      1,
      'procedures',
    ),
    indicator('1.4', 'CKMB', 6, sync ? { numerator: sync.synchronised, denominator: sync.received } : null),
    indicator(
      '2.1',
      'TDGQ',
      20,
      progress.onTimeRate === null
        ? { numerator: 0, denominator: 0 }
        : { numerator: judged - late, denominator: judged },
      1,
      'dossiers',
    ),
    indicator(
      '3.1',
      'CLGQ',
      2,
      { numerator: online.length, denominator: procedures.length },
      fullAt('3.1'),
      'procedures',
    ),
    indicator(
      '3.2',
      'CLGQ',
      4,
      { numerator: online.filter((p) => withDossiers.has(p.code)).length, denominator: online.length },
      1,
      'procedures',
    ),
    indicator(
      '3.3',
      'CLGQ',
      6,
      {
        numerator: receivedOfOnline.reduce((n, g) => n + g.receivedOnline, 0),
        denominator: receivedOfOnline.reduce((n, g) => n + g.received, 0),
      },
      fullAt('3.3'),
      'dossiers',
    ),
    indicator('3.6', 'TTTT', 6, payments ? { numerator: payments.paidOnline, denominator: payments.feeBearing } : null),
    // Digitisation: every procedure here has a written result, so the resolved dossiers are those in scope of 4.1/4.2.
    indicator(
      '4.1',
      'MDSH',
      6,
      { numerator: totals.resolvedElectronic, denominator: totals.resolved },
      fullAt('4.1'),
      'dossiers',
    ),
    indicator(
      '4.2',
      'MDSH',
      4,
      { numerator: totals.resolvedDigitised, denominator: totals.resolved },
      fullAt('4.2'),
      'dossiers',
    ),
    indicator(
      '4.3',
      'MDSH',
      2,
      { numerator: totals.receivedReusing, denominator: totals.received },
      fullAt('4.3'),
      'dossiers',
    ),
    // 4.5, its dossier half: filed from an account the national (VNeID) sign-on authenticated.
    indicator(
      '4.5',
      'MDSH',
      2,
      { numerator: totals.receivedVneid, denominator: totals.received },
      fullAt('4.5'),
      'dossiers',
    ),
    indicator('5.2', 'MDHL', 6, feedback ? { numerator: feedback.onTime, denominator: feedback.handled } : null),
    indicator(
      '5.3',
      'MDHL',
      6,
      feedback ? { numerator: feedback.handled - feedback.unsatisfactory, denominator: feedback.handled } : null,
    ),
    // 100% − (late-dossier rate + rate of dossiers with a complaint or a "dislike"), full marks from 90%.
    indicator(
      '5.4',
      'MDHL',
      6,
      satisfaction && judged > 0
        ? {
            numerator: Math.max(0, judged - late - satisfaction.dissatisfied - satisfaction.dossiersWithComplaint),
            denominator: judged,
          }
        : null,
      fullAt('5.4'),
    ),
  ];
}

/** Points per group, over the indicators that have data (and the maximum those indicators could give). */
export function groupScores(indicators: readonly Indicator[]) {
  return indicatorGroups.map((group) => {
    const own = indicators.filter((i) => i.group === group && i.points !== null);
    return {
      group,
      max: groupMaxima[group],
      points: own.length ? Math.round(own.reduce((n, i) => n + (i.points ?? 0), 0) * 100) / 100 : null,
      measuredMax: own.reduce((n, i) => n + i.max, 0),
    };
  });
}
