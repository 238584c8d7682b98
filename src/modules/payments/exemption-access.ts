/**
 * Who may choose a dossier's fee exemptions: the one-stop officers (intake) and cashiers of the agency that received
 * it — not every agency the dossier passes through.
 */
import type { AgencyDirectory } from '../dossiers/dossier-access.ts';
import type { DossierView } from '../dossiers/dossiers.schema.ts';
import { type Actor, can, type Resource } from '../identity/policy.ts';
import type { ExemptingOfficer } from './payments.service.ts';

export function exemptionResource(
  dossier: Pick<DossierView, 'receivingAgencyId'>,
  directory: AgencyDirectory,
): Resource {
  return { type: 'agency', agencyId: directory.byIdentifier.get(dossier.receivingAgencyId)?.id ?? '' };
}

export function mayExempt(
  actor: Actor,
  dossier: Pick<DossierView, 'receivingAgencyId'>,
  directory: AgencyDirectory,
): boolean {
  return can(actor, 'fee.exempt', exemptionResource(dossier, directory));
}

/** The officer as the decision records them: intake where they hold it at the receiving agency, else cashier. */
export function exemptingOfficer(
  actor: Actor,
  dossier: Pick<DossierView, 'receivingAgencyId'>,
  directory: AgencyDirectory,
): ExemptingOfficer {
  const agencyId = directory.byIdentifier.get(dossier.receivingAgencyId)?.id ?? '';
  return {
    userId: actor.id ?? '',
    role: actor.scopes.get('intake')?.has(agencyId) ? 'intake' : 'cashier',
    agencyId: dossier.receivingAgencyId,
  };
}
