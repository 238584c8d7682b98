/**
 * The dossier lifecycle as one table: which action, in which status, by which role, leads to which status. Statuses
 * are the national portal's codes (DOMAIN.md §4), so synchronisation is a mapping. Everything here is pure; the service
 * checks every command against `checkTransition` before it changes anything.
 */

export const statuses = {
  submitted: 1,
  accepted: 2,
  refused: 3,
  processing: 4,
  awaitingSupplement: 5,
  awaitingPayment: 6,
  withdrawn: 7,
  stopped: 8,
  resolved: 9,
  returned: 10,
} as const;
export type DossierStatus = (typeof statuses)[keyof typeof statuses];
export const allStatuses = Object.values(statuses) as DossierStatus[];

/** The national portal's status strings (DVCQG / OpenCPS). */
export const portalStatus: Readonly<Record<DossierStatus, string>> = {
  1: 'receiving',
  2: 'new',
  3: 'denied',
  4: 'processing',
  5: 'waiting',
  6: 'paying',
  7: 'cancelled',
  8: 'unresolved',
  9: 'releasing',
  10: 'done',
};

export const dossierActions = [
  'submit',
  'accept',
  'request_supplement',
  'receive_supplement',
  'refuse',
  'assign',
  'forward',
  'send_back',
  'approve',
  'request_payment',
  'confirm_payment',
  'stop',
  'withdraw',
  'extend_with_apology',
  'resolve',
  'return_result',
] as const;
export type DossierAction = (typeof dossierActions)[number];

export const actingRoles = ['applicant', 'intake', 'processor', 'leader', 'cashier', 'system'] as const;
export type ActingRole = (typeof actingRoles)[number];

/** `resume`: back to the status the dossier had before the supplement or payment request; `same`: unchanged. */
export type Target = DossierStatus | 'resume' | 'same';

export interface TransitionRule {
  action: DossierAction;
  /** Statuses the action is allowed in; `null` is "no dossier yet" (submission). */
  from: readonly (DossierStatus | null)[];
  roles: readonly ActingRole[];
  to: Target;
}

const { submitted, accepted, refused, processing, awaitingSupplement, awaitingPayment } = statuses;
const { withdrawn, stopped, resolved, returned } = statuses;

export const transitions: readonly TransitionRule[] = [
  { action: 'submit', from: [null], roles: ['applicant', 'intake'], to: submitted },
  { action: 'accept', from: [submitted], roles: ['intake'], to: accepted },
  { action: 'refuse', from: [submitted], roles: ['intake'], to: refused },
  // One request listing everything missing: at reception, or during processing (the clock pauses).
  { action: 'request_supplement', from: [submitted], roles: ['intake'], to: awaitingSupplement },
  {
    action: 'request_supplement',
    from: [accepted, processing],
    roles: ['processor', 'intake'],
    to: awaitingSupplement,
  },
  { action: 'receive_supplement', from: [awaitingSupplement], roles: ['applicant', 'intake'], to: 'resume' },
  { action: 'assign', from: [accepted, processing], roles: ['intake', 'leader'], to: processing },
  { action: 'forward', from: [processing], roles: ['processor', 'leader'], to: processing },
  { action: 'send_back', from: [processing], roles: ['processor', 'leader'], to: processing },
  { action: 'approve', from: [processing], roles: ['leader'], to: processing },
  { action: 'request_payment', from: [accepted, processing], roles: ['processor', 'cashier'], to: awaitingPayment },
  { action: 'confirm_payment', from: [awaitingPayment], roles: ['cashier', 'system'], to: 'resume' },
  {
    action: 'stop',
    from: [accepted, processing, awaitingSupplement, awaitingPayment],
    roles: ['leader'],
    to: stopped,
  },
  {
    action: 'withdraw',
    from: [submitted, accepted, processing, awaitingSupplement, awaitingPayment],
    roles: ['applicant'],
    to: withdrawn,
  },
  {
    action: 'extend_with_apology',
    from: [accepted, processing, awaitingSupplement, awaitingPayment],
    roles: ['processor', 'leader'],
    to: 'same',
  },
  { action: 'resolve', from: [processing], roles: ['processor', 'leader'], to: resolved },
  // The postal service returns a result it delivered (its status callback); the one-stop unit returns the rest.
  { action: 'return_result', from: [resolved], roles: ['intake', 'system'], to: returned },
];

/** Statuses a paused clock returns to. */
export const resumableStatuses: readonly DossierStatus[] = [submitted, accepted, processing];
/** No action leads out of these. */
export const finalStatuses: readonly DossierStatus[] = [refused, withdrawn, stopped, returned];

export type TransitionReason = 'dossiers.transition.statusNotAllowed' | 'dossiers.transition.roleNotAllowed';
export type TransitionCheck = { ok: true; to: DossierStatus } | { ok: false; reason: TransitionReason };

function rulesFor(from: DossierStatus | null, action: DossierAction): TransitionRule[] {
  return transitions.filter((rule) => rule.action === action && rule.from.includes(from));
}

/** The roles that may take `action` in status `from`; empty when nobody may. */
export function rolesAllowed(from: DossierStatus | null, action: DossierAction): ActingRole[] {
  return [...new Set(rulesFor(from, action).flatMap((rule) => rule.roles))];
}

/**
 * Where `action` by `role` leads from `from`, or why it is refused. `resumeStatus` is the status saved when the
 * dossier was paused; it is required to leave a paused status.
 */
export function checkTransition(
  from: DossierStatus | null,
  action: DossierAction,
  role: ActingRole,
  resumeStatus: DossierStatus | null = null,
): TransitionCheck {
  const rules = rulesFor(from, action);
  if (rules.length === 0) return { ok: false, reason: 'dossiers.transition.statusNotAllowed' };
  const rule = rules.find((r) => r.roles.includes(role));
  if (!rule) return { ok: false, reason: 'dossiers.transition.roleNotAllowed' };
  if (rule.to === 'same') return { ok: true, to: from as DossierStatus };
  if (rule.to === 'resume') {
    if (resumeStatus === null || !resumableStatuses.includes(resumeStatus)) {
      throw new Error(`dossier in status ${from} has no status to resume to`);
    }
    return { ok: true, to: resumeStatus };
  }
  return { ok: true, to: rule.to };
}

/** The actions `role` may take in `status`, e.g. for the buttons of a dossier page. */
export function actionsAllowed(status: DossierStatus, role: ActingRole): DossierAction[] {
  return dossierActions.filter((action) => rulesFor(status, action).some((rule) => rule.roles.includes(role)));
}
