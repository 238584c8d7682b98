import { z } from 'zod';

export const agencyKinds = [
  'people_committee',
  'department',
  'board',
  'one_stop_centre',
  'city',
  'district',
  'ward',
  'commune',
] as const;
export const agencyLevels = ['province', 'district', 'commune'] as const;

/**
 * QCVN 102:2016-style electronic identifier: 3 to 6 dot-separated groups of 2–3 digits, exactly one of which is the
 * province part `H` + 2 digits, e.g. `000.00.10.H08`, `000.01.21.H08` or `H15.50.05.13`.
 */
export function isAgencyIdentifier(value: string): boolean {
  const groups = value.split('.');
  if (groups.length < 3 || groups.length > 6) return false;
  if (!groups.every((g) => /^(\d{2,3}|H\d{2})$/.test(g))) return false;
  return groups.filter((g) => g.startsWith('H')).length === 1;
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? undefined : v))
    .optional();

/** The agency form (create and edit); messages are i18n keys. */
export const agencyFormSchema = z.object({
  identifier: z.string().trim().refine(isAgencyIdentifier, 'agencies.error.identifier'),
  name: z.string().trim().min(3, 'agencies.error.name').max(200, 'agencies.error.name'),
  kind: z.enum(agencyKinds, { error: 'agencies.error.kind' }),
  level: z.enum(agencyLevels, { error: 'agencies.error.level' }),
  parentId: optionalText(100),
  address: optionalText(300),
  phone: z
    .string()
    .trim()
    .refine((v) => v === '' || /^[0-9 +().-]{6,20}$/.test(v), 'agencies.error.phone')
    .transform((v) => (v === '' ? undefined : v))
    .optional(),
  email: z
    .string()
    .trim()
    .refine((v) => v === '' || z.email().safeParse(v).success, 'agencies.error.email')
    .transform((v) => (v === '' ? undefined : v))
    .optional(),
});
export type AgencyForm = z.output<typeof agencyFormSchema>;

export const agencyMoveSchema = z.object({ parentId: z.string().trim().min(1, 'agencies.error.parent') });
