import { z } from 'zod';
import { MAX_YEAR, MIN_YEAR } from './holiday-rules.ts';

// Messages are i18n keys: the error handler turns them into Vietnamese (or English) sentences.
const yearError = { error: 'calendar.errors.yearFormat' };
const year = z.coerce.number(yearError).int(yearError).min(MIN_YEAR, yearError).max(MAX_YEAR, yearError);
const count = z.coerce.number({ error: 'calendar.errors.durationNumber' });

export const holidaysQuery = z.object({ year });

export const dayKind = z.enum(['holiday', 'compensatory', 'override-off', 'override-working']);

export const holidaysResponse = z.object({
  year: z.number(),
  days: z.array(z.object({ date: z.string(), name: z.string(), kind: dayKind })),
});

export const dueDateQuery = z
  .object({
    from: z
      .string({ error: 'calendar.errors.fromRequired' })
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, 'calendar.errors.fromFormat'),
    workingDays: count.optional(),
    workingHours: count.optional(),
    calendarDays: count.optional(),
  })
  .refine((q) => [q.workingDays, q.workingHours, q.calendarDays].filter((v) => v !== undefined).length === 1, {
    error: 'calendar.errors.oneDuration',
    path: ['workingDays'],
  });

export const dueDateResponse = z.object({ dueAt: z.string(), dueDate: z.string() });

export const yearPageQuery = z.object({ year: year.optional() });

/** The administrator's page also says what was just added or removed. */
export const adminPageQuery = yearPageQuery.extend({ added: z.string().optional(), removed: z.string().optional() });

export const overrideForm = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'calendar.errors.dateFormat'),
  kind: z.enum(['off', 'working'], { error: 'calendar.errors.overrideKind' }),
  note: z.string().trim().min(1, 'calendar.errors.noteRequired').max(500, 'calendar.errors.noteRequired'),
});
