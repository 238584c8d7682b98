import { z } from 'zod';
import { parseIsoDate } from '../../lib/vn-time.ts';
import { dossierDrills, procedureDrills } from './indicators.ts';
import { measureNames } from './measures.ts';
import { groupings } from './statistics.service.ts';

// Messages are i18n keys: the error handler turns them into Vietnamese (or English) sentences.
const date = (error: string) => z.string({ error }).refine((text) => parseIsoDate(text) !== undefined, { error });
const agency = z.string().regex(/^[0-9A-Z.]{1,40}$/, 'statistics.errors.agency');
const MAX_DAYS = 366 * 10;

export const summaryQuery = z
  .object({
    from: date('statistics.errors.from'),
    to: date('statistics.errors.to'),
    groupBy: z.enum(groupings, { error: 'statistics.errors.groupBy' }).optional(),
    agency: agency.optional(),
  })
  .refine(
    (q) => {
      const span = (parseIsoDate(q.to) as number) - (parseIsoDate(q.from) as number);
      return span >= 0 && span <= MAX_DAYS;
    },
    { error: 'statistics.errors.range', path: ['to'] },
  );

const counts = Object.fromEntries(measureNames.map((name) => [name, z.number().int()])) as Record<
  (typeof measureNames)[number],
  z.ZodNumber
>;
const figures = z.object({ ...counts, onlineShare: z.number().nullable(), onTimeRate: z.number().nullable() });

export const summaryResponse = z.object({
  from: z.string(),
  to: z.string(),
  totals: figures,
  groups: z.array(figures.extend({ key: z.string(), name: z.string() })),
});

const year = z.coerce
  .number({ error: 'statistics.errors.year' })
  .int({ error: 'statistics.errors.year' })
  .min(2000, { error: 'statistics.errors.year' })
  .max(2100, { error: 'statistics.errors.year' });
const month = z.coerce
  .number({ error: 'statistics.errors.month' })
  .int({ error: 'statistics.errors.month' })
  .min(1, { error: 'statistics.errors.month' })
  .max(12, { error: 'statistics.errors.month' });
/** An empty select posts an empty string: the same as leaving the filter out. */
const blankAsMissing = (v: unknown) => (v === '' ? undefined : v);

/** The public dashboard and the open data: a year, optionally one month of it, optionally one agency. */
export const dashboardQuery = z.object({
  year: z.preprocess(blankAsMissing, year.optional()),
  month: z.preprocess(blankAsMissing, month.optional()),
  agency: z.preprocess(blankAsMissing, agency.optional()),
});
export type DashboardQuery = z.output<typeof dashboardQuery>;

export const reportFormats = ['xlsx', 'pdf', 'csv'] as const;
export const reportRows = ['agency', 'field', 'procedure'] as const;

/** The officers' periodic report: a period, the rows, an agency. */
export const reportQuery = z
  .object({
    from: z.preprocess(blankAsMissing, date('statistics.errors.from').optional()),
    to: z.preprocess(blankAsMissing, date('statistics.errors.to').optional()),
    rows: z.preprocess(blankAsMissing, z.enum(reportRows, { error: 'statistics.errors.rows' }).optional()),
    agency: z.preprocess(blankAsMissing, agency.optional()),
  })
  .refine(
    (q) => {
      if (!q.from || !q.to) return true;
      const span = (parseIsoDate(q.to) as number) - (parseIsoDate(q.from) as number);
      return span >= 0 && span <= MAX_DAYS;
    },
    { error: 'statistics.errors.range', path: ['to'] },
  );
export type ReportQuery = z.output<typeof reportQuery>;
export const reportFormatParams = z.object({ format: z.enum(reportFormats, { error: 'statistics.errors.format' }) });

/** Indicators with a drill-down. */
export const indicatorParams = z.object({
  code: z.enum([...procedureDrills, ...dossierDrills], { error: 'statistics.errors.indicator' }),
});
