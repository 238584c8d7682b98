/**
 * The seam between the identity module and the dossiers: the session actor's roles name agencies by id (UUID), the
 * dossiers by electronic identifier. Builds the dossier actor and the policy resource of a dossier from one lookup.
 */
import type { DbOrTx } from '../../db/transaction.ts';
import { NotFoundError } from '../../lib/errors.ts';
import * as agencies from '../agencies/agencies.service.ts';
import { type Action, can, type Resource, type Actor as SessionActor } from '../identity/policy.ts';
import type { Actor, DossierCommand, DossierView, OfficerRoleName } from './dossiers.schema.ts';

export interface AgencyDirectory {
  byId: ReadonlyMap<string, agencies.Agency>;
  byIdentifier: ReadonlyMap<string, agencies.Agency>;
}

/** Kept per process until an agency changes (see agencies.service.ts `agencyRegister`). */
export function agencyDirectory(db: DbOrTx): Promise<AgencyDirectory> {
  return agencies.agencyRegister(db);
}

const directories = new WeakMap<object, Promise<AgencyDirectory>>();

/**
 * The agency directory read once per request: the route guard, the command check and the page each need it, and it
 * does not change in the milliseconds between them.
 */
export function requestDirectory(request: object, db: DbOrTx): Promise<AgencyDirectory> {
  let directory = directories.get(request);
  if (!directory) {
    directory = agencyDirectory(db);
    directories.set(request, directory);
  }
  return directory;
}

/** The roles an API token's granted actions stand for. */
const tokenRoles: Partial<Record<Action, OfficerRoleName>> = {
  'dossier.receive': 'intake',
  'dossier.returnResult': 'intake',
  'dossier.process': 'processor',
  'dossier.collectFee': 'cashier',
};

export function dossierActor(actor: SessionActor, directory: AgencyDirectory): Actor {
  const userId = actor.id ?? '';
  if (actor.kind === 'citizen' || actor.kind === 'business') return { userId, kind: actor.kind, roles: [] };
  const roles: { agencyId: string; role: OfficerRoleName }[] = [];
  const add = (role: OfficerRoleName, agencyIds: Iterable<string>) => {
    for (const id of agencyIds) {
      const agency = directory.byId.get(id);
      if (agency) roles.push({ agencyId: agency.identifier, role });
    }
  };
  if (actor.kind === 'token' && actor.token) {
    for (const action of actor.token.actions) {
      const role = tokenRoles[action];
      if (role) add(role, actor.token.agencyIds);
    }
  } else {
    for (const [role, agencyIds] of actor.scopes) add(role, agencyIds);
  }
  return { userId, kind: 'officer', roles };
}

/** The dossier as the policy sees it: its applicant and the agencies (by id) that received and now hold it. */
export function dossierResource(
  dossier: Pick<DossierView, 'applicant' | 'receivingAgencyId' | 'currentAgencyId'>,
  directory: AgencyDirectory,
): Resource {
  const agencyIds = [dossier.receivingAgencyId, dossier.currentAgencyId]
    .map((identifier) => directory.byIdentifier.get(identifier)?.id)
    .filter((id): id is string => id !== undefined);
  return { type: 'dossier', applicantId: dossier.applicant.userId, agencyIds: [...new Set(agencyIds)] };
}

/** Someone who may not read a dossier learns nothing about it, not even that it exists. */
export function assertReadable(actor: SessionActor, code: string, resource: Resource): void {
  if (!can(actor, 'dossier.read', resource)) {
    throw new NotFoundError('dossiers.errors.notFound', { code }, 'dossier_not_found');
  }
}

/** The policy actions under which each lifecycle command may be taken; the transition table then decides the role. */
const commandPolicies: Readonly<Record<DossierCommand['action'], readonly Action[]>> = {
  accept: ['dossier.receive'],
  refuse: ['dossier.receive'],
  request_supplement: ['dossier.receive', 'dossier.process'],
  receive_supplement: ['dossier.submit', 'dossier.receive'],
  assign: ['dossier.receive', 'dossier.approve'],
  forward: ['dossier.process', 'dossier.approve'],
  send_back: ['dossier.process', 'dossier.approve'],
  approve: ['dossier.approve'],
  request_payment: ['dossier.process', 'dossier.collectFee'],
  confirm_payment: ['dossier.collectFee'],
  stop: ['dossier.approve'],
  withdraw: ['dossier.submit'],
  extend_with_apology: ['dossier.process', 'dossier.approve'],
  resolve: ['dossier.process', 'dossier.approve'],
  return_result: ['dossier.returnResult'],
};

export function mayCommand(actor: SessionActor, action: DossierCommand['action'], resource: Resource): boolean {
  return commandPolicies[action].some((policy) => can(actor, policy, resource));
}
