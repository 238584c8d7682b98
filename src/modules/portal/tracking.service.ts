/**
 * The public lookup of a dossier (Tra cứu hồ sơ): by its code and the last four digits of the applicant's phone or
 * ID number, the facts anyone holding the receipt may see — status, procedure, receiving agency, dates and the public
 * steps of the timeline; never the applicant's name, address, documents or an officer's comment.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { agencyDirectory } from '../dossiers/dossier-access.ts';
import type { DossierActionView, DossierDetail } from '../dossiers/dossiers.schema.ts';
import type { DossierService } from '../dossiers/dossiers.service.ts';
import type { DossierAction, DossierStatus } from '../dossiers/lifecycle.ts';
import { isVerifier } from './tracking.rules.ts';

/** Hand-overs inside the administration (who works it, a step sent back) are not public steps. */
const internalActions: ReadonlySet<DossierAction> = new Set(['assign', 'send_back']);

export interface PublicStep {
  at: string;
  action: DossierAction;
  /** The status the step left the dossier in. */
  status: DossierStatus;
}

export interface TrackedDossier {
  code: string;
  status: DossierStatus;
  procedure: string;
  agency: string;
  receivedAt: string;
  dueDate: string | null;
  steps: PublicStep[];
}

export function isPublicAction(action: DossierAction): boolean {
  return !internalActions.has(action);
}

/** The public steps of a timeline, oldest first. */
export function publicSteps(actions: readonly DossierActionView[]): PublicStep[] {
  return actions
    .filter((a) => isPublicAction(a.action))
    .map((a) => ({ at: a.at, action: a.action, status: a.newStatus }));
}

/**
 * Whether `verifier` is the last four digits of the phone number or of the ID number. Both are compared every time,
 * in constant time, so the answer's timing does not tell which one matched or how much of it.
 */
export function verifierMatches(verifier: string, applicant: { phone?: string | null; idNumber: string }): boolean {
  const wanted = Buffer.from(verifier.padEnd(4, '-').slice(0, 4));
  let matched = false;
  for (const source of [applicant.phone ?? '', applicant.idNumber]) {
    const digits = source.replace(/\D/g, '');
    const tail = Buffer.from((digits.length >= 4 ? digits.slice(-4) : '').padEnd(4, '*'));
    matched = timingSafeEqual(tail, wanted) || matched;
  }
  return matched;
}

export class TrackingService {
  constructor(
    private readonly db: Db,
    private readonly dossiers: DossierService,
  ) {}

  /** The public facts of the dossier, or undefined for an unknown code and a wrong verifier alike. */
  async lookup(code: string, verifier: string): Promise<TrackedDossier | undefined> {
    const dossier = await this.#find(code);
    // An unknown code still pays for a comparison, so both refusals take about as long.
    const applicant = dossier?.applicant ?? { phone: null, idNumber: '' };
    if (!verifierMatches(verifier, applicant) || !dossier || !isVerifier(verifier)) return undefined;
    const directory = await agencyDirectory(this.db.kysely);
    return {
      code: dossier.code,
      status: dossier.status,
      procedure: dossier.procedure.name,
      agency: directory.byIdentifier.get(dossier.receivingAgencyId)?.name ?? dossier.receivingAgencyId,
      receivedAt: dossier.acceptedAt ?? dossier.submittedAt,
      dueDate: dossier.dueDate,
      steps: publicSteps(dossier.actions),
    };
  }

  async #find(code: string): Promise<DossierDetail | undefined> {
    try {
      return await this.dossiers.getDossier(code);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }
}
