/** The public lookup's inputs and its JSON answer. */
import { z } from 'zod';
import { dossierActions } from '../dossiers/lifecycle.ts';

export const trackParams = z.object({ code: z.string().min(1).max(40) });
export const trackQuery = z.object({
  verifier: z.string('portal.track.verifierInvalid').regex(/^\d{4}$/, 'portal.track.verifierInvalid'),
});
/** The page's form; the code is checked with the dossier-code rules, the verifier here. */
export const trackForm = z.object({
  code: z.string().max(60).default(''),
  verifier: z.string().max(20).default(''),
});

export const trackedDossierSchema = z.object({
  code: z.string(),
  status: z.int(),
  statusName: z.string(),
  procedure: z.string(),
  agency: z.string(),
  receivedAt: z.string(),
  dueDate: z.string().nullable(),
  steps: z.array(
    z.object({
      at: z.string(),
      action: z.enum(dossierActions),
      name: z.string(),
      status: z.int(),
      statusName: z.string(),
    }),
  ),
});
