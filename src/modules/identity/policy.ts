/**
 * The one place that decides who may do what. Routes declare an action in their options; the route guard and the
 * services ask `can(actor, action, resource)`. Nothing else decides.
 */
import type { OfficerRole } from './identity.tables.ts';

export const officerRoles = [
  'intake',
  'processor',
  'leader',
  'cashier',
  'petition_handler',
  'admin',
  'auditor',
] as const satisfies readonly OfficerRole[];

/** Who acts. Roles are already expanded to the agencies they cover (an admin's or auditor's sub-tree). */
export interface Actor {
  kind: 'anonymous' | 'citizen' | 'business' | 'officer' | 'token';
  /** The user's id, or the API token's id. */
  id: string | null;
  name: string;
  /** A person's username (the audit log records it; API tokens have none). */
  username?: string;
  /** For each role held, the active agencies where it applies. */
  scopes: ReadonlyMap<OfficerRole, ReadonlySet<string>>;
  /** API tokens: the actions granted and the agencies covered (its agency and the agencies below it). */
  token: { actions: ReadonlySet<Action>; agencyIds: ReadonlySet<string> } | null;
  /** An officer who has not enrolled (or, this session, not presented) a second factor may only do `preMfaActions`. */
  secondFactorPending: boolean;
  demo: boolean;
}

export const anonymous: Actor = {
  kind: 'anonymous',
  id: null,
  name: '',
  scopes: new Map(),
  token: null,
  secondFactorPending: false,
  demo: false,
};

/**
 * What an action is done to. A route or service builds the resource from its data; `can` without a resource asks
 * "may this actor do the action anywhere at all?" (the route guard's first check).
 */
export type Resource =
  /** Something inside an agency: the agency itself, a role held there, a token scoped to it. */
  | { type: 'agency'; agencyId: string }
  /** A person's own account. */
  | { type: 'user'; userId: string }
  /** An officer's account as a whole (suspend): the admin must cover every agency where the officer holds a role. */
  | { type: 'officer'; userId: string; agencyIds: readonly string[] }
  /** A dossier: its applicant and the agencies it involves (receiving, processing, inter-agency). */
  | { type: 'dossier'; applicantId: string | null; agencyIds: readonly string[] };

type Applicant = 'own';

interface Rule {
  /** Any signed-in person may do it to their own account (`user` resource). */
  self?: true;
  /** Citizens and businesses, on resources they own (their account, their dossiers). */
  applicant?: Applicant;
  /** Officers holding one of these roles in the resource's agency. */
  roles?: readonly OfficerRole[];
  /** Any officer, whatever their roles (the back-office landing page). */
  anyOfficer?: true;
  /** API tokens may be granted this action. */
  token?: true;
}

const allRoles = officerRoles;
const rules = {
  'account.read': { self: true },
  'account.update': { self: true },
  'session.end': { self: true },
  'account.enrolTotp': { anyOfficer: true },
  'office.view': { anyOfficer: true },

  'agency.read': { roles: ['admin', 'auditor'], token: true },
  'agency.create': { roles: ['admin'] },
  'agency.update': { roles: ['admin'] },
  'agency.move': { roles: ['admin'] },
  'agency.deactivate': { roles: ['admin'] },

  'officer.read': { roles: ['admin', 'auditor'] },
  'officer.invite': { roles: ['admin'] },
  'officer.assignRole': { roles: ['admin'] },
  'officer.suspend': { roles: ['admin'] },

  'token.read': { roles: ['admin', 'auditor'] },
  'token.create': { roles: ['admin'] },
  'token.revoke': { roles: ['admin'] },

  // For the dossier module: read by the applicant or any officer of an agency involved; each step by its role.
  'file.upload': { applicant: 'own', anyOfficer: true, token: true },
  'dossier.read': { applicant: 'own', roles: allRoles, token: true },
  'dossier.submit': { applicant: 'own', roles: ['intake'], token: true },
  // The portal's application wizard and drafts: citizens and businesses only, each on their own drafts.
  'portal.apply': { applicant: 'own' },
  'dossier.receive': { roles: ['intake'], token: true },
  'dossier.process': { roles: ['processor'], token: true },
  'dossier.approve': { roles: ['leader'] },
  'dossier.collectFee': { roles: ['cashier'], token: true },
  'payment.payOnline': { applicant: 'own' },
  // Fee exemptions (miễn, giảm phí, lệ phí) with a reason: the receiving agency's one-stop officers and cashiers.
  'fee.exempt': { roles: ['intake', 'cashier'] },
  'dossier.returnResult': { roles: ['intake'], token: true },
  // The citizen portal: an applicant's own dossiers (list, page, answers) and the rating of a finished one.
  'portal.myDossiers': { applicant: 'own' },
  'dossier.rate': { applicant: 'own' },
  'postal.order': { roles: ['intake'] },
  'petition.handle': { roles: ['petition_handler'] },
  'audit.read': { roles: ['admin', 'auditor'] },
  // Statistics and periodic reports of the agencies an officer works in (an admin's or auditor's whole sub-tree).
  'report.read': { roles: allRoles, token: true },
  'catalog.manage': { roles: ['admin'] },
  'calendar.manage': { roles: ['admin'] },
  // Partner integrations: the exchange log, dead letters, the national portal's mappings and inbound queue.
  'partner.read': { roles: ['admin', 'auditor'] },
  'partner.manage': { roles: ['admin'] },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof rules;
const actions = Object.keys(rules) as Action[];

/** Actions an API token may be granted. */
export const tokenActions = actions.filter((a) => (rules[a] as Rule).token);

/** What an officer may still do before completing the second factor: see and end their session, enrol. */
export const preMfaActions: ReadonlySet<Action> = new Set(['account.read', 'session.end', 'account.enrolTotp']);

/** Read-only roles: an auditor passes a rule's role list only for these actions. */
const readOnlyActions: ReadonlySet<Action> = new Set([
  'agency.read',
  'officer.read',
  'token.read',
  'dossier.read',
  'audit.read',
  'partner.read',
  'report.read',
]);

export function isAction(name: string): name is Action {
  return Object.hasOwn(rules, name);
}

function resourceAgencies(resource: Resource): readonly string[] {
  switch (resource.type) {
    case 'agency':
      return [resource.agencyId];
    case 'officer':
      return resource.agencyIds;
    case 'dossier':
      return resource.agencyIds;
    case 'user':
      return [];
  }
}

function roleCovers(actor: Actor, roles: readonly OfficerRole[], action: Action, resource?: Resource): boolean {
  for (const role of roles) {
    if (role === 'auditor' && !readOnlyActions.has(action)) continue;
    const scope = actor.scopes.get(role);
    if (!scope || scope.size === 0) continue;
    if (!resource) return true;
    if (resource.type === 'user') continue;
    const agencies = resourceAgencies(resource);
    // Managing an officer needs every agency of theirs; a dossier or an agency needs one of them.
    const covered =
      resource.type === 'officer' ? agencies.every((a) => scope.has(a)) : agencies.some((a) => scope.has(a));
    if (covered) return true;
  }
  return false;
}

/** May `actor` do `action` (to `resource`, or anywhere when no resource is given)? */
export function can(actor: Actor, action: Action, resource?: Resource): boolean {
  const rule: Rule = rules[action];
  if (actor.kind === 'anonymous') return false;
  if (actor.secondFactorPending && !preMfaActions.has(action)) return false;

  if (actor.kind === 'token') {
    if (!rule.token || !actor.token?.actions.has(action)) return false;
    if (!resource) return true;
    const agencies = resourceAgencies(resource);
    return agencies.length > 0 && agencies.some((a) => actor.token?.agencyIds.has(a));
  }

  if (rule.self && (!resource || (resource.type === 'user' && resource.userId === actor.id))) return true;

  if (actor.kind === 'citizen' || actor.kind === 'business') {
    if (rule.applicant !== 'own') return false;
    if (!resource) return true;
    if (resource.type === 'dossier') return resource.applicantId !== null && resource.applicantId === actor.id;
    return resource.type === 'user' && resource.userId === actor.id;
  }

  // An officer.
  if (rule.anyOfficer) return true;
  return rule.roles ? roleCovers(actor, rule.roles, action, resource) : false;
}

/**
 * For list queries ("which dossiers may this actor see?"): the agencies an officer or token covers for `action`, the
 * applicant's own records, or nothing. Use it to filter in SQL, then `can` on each record you act on.
 */
export type Visibility = { agencyIds: ReadonlySet<string> } | { applicantId: string } | null;

export function visibleScope(actor: Actor, action: Action): Visibility {
  if (!can(actor, action)) return null;
  if (actor.kind === 'citizen' || actor.kind === 'business') return actor.id ? { applicantId: actor.id } : null;
  if (actor.kind === 'token') return actor.token ? { agencyIds: actor.token.agencyIds } : null;
  const rule: Rule = rules[action];
  const agencyIds = new Set<string>();
  for (const role of rule.roles ?? []) {
    if (role === 'auditor' && !readOnlyActions.has(action)) continue;
    for (const id of actor.scopes.get(role) ?? []) agencyIds.add(id);
  }
  return { agencyIds };
}

/** Roles whose grant on an agency also covers every agency below it. */
export const treeRoles: ReadonlySet<OfficerRole> = new Set(['admin', 'auditor']);
