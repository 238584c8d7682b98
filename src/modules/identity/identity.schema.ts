import { z } from 'zod';
import { officerRoles } from './policy.ts';

/** A form field as posted: absent, or a string (a repeated field arrives as an array; the last one counts). */
const formText = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? (v.at(-1) ?? '') : (v ?? '')));

export const loginFormSchema = z.object({
  username: formText.transform((v) => v.trim()),
  password: formText,
  totp: formText.transform((v) => v.trim()),
  next: formText,
});

export const totpFormSchema = z.object({ code: formText.transform((v) => v.replace(/\s/g, '')) });

export const loginBodySchema = z.object({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(500),
  totp: z.string().max(10).optional(),
});

export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  kind: z.enum(['citizen', 'business', 'officer']),
  fullName: z.string(),
  email: z.string().nullable(),
  secondFactorPending: z.boolean(),
  roles: z.array(
    z.object({
      agencyId: z.string(),
      agencyIdentifier: z.string(),
      agencyName: z.string(),
      role: z.enum(officerRoles),
    }),
  ),
});

export { formText };
