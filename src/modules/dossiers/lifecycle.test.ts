import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dossierMessages } from '../../web/i18n/dossiers.ts';
import {
  type ActingRole,
  actingRoles,
  actionsAllowed,
  allStatuses,
  checkTransition,
  type DossierAction,
  type DossierStatus,
  dossierActions,
  finalStatuses,
  resumableStatuses,
} from './lifecycle.ts';

/** Every allowed (status, action, role) written out once more, by hand: `R` is the status resumed to. */
const R = 'resume';
const expected: [
  from: DossierStatus | null,
  action: DossierAction,
  roles: ActingRole[],
  to: DossierStatus | 'resume',
][] = [
  [null, 'submit', ['applicant', 'intake'], 1],
  [1, 'accept', ['intake'], 2],
  [1, 'refuse', ['intake'], 3],
  [1, 'request_supplement', ['intake'], 5],
  [2, 'request_supplement', ['processor', 'intake'], 5],
  [4, 'request_supplement', ['processor', 'intake'], 5],
  [5, 'receive_supplement', ['applicant', 'intake'], R],
  [2, 'assign', ['intake', 'leader'], 4],
  [4, 'assign', ['intake', 'leader'], 4],
  [4, 'forward', ['processor', 'leader'], 4],
  [4, 'send_back', ['processor', 'leader'], 4],
  [4, 'approve', ['leader'], 4],
  [2, 'request_payment', ['processor', 'cashier'], 6],
  [4, 'request_payment', ['processor', 'cashier'], 6],
  [6, 'confirm_payment', ['cashier', 'system'], R],
  [2, 'stop', ['leader'], 8],
  [4, 'stop', ['leader'], 8],
  [5, 'stop', ['leader'], 8],
  [6, 'stop', ['leader'], 8],
  [1, 'withdraw', ['applicant'], 7],
  [2, 'withdraw', ['applicant'], 7],
  [4, 'withdraw', ['applicant'], 7],
  [5, 'withdraw', ['applicant'], 7],
  [6, 'withdraw', ['applicant'], 7],
  [2, 'extend_with_apology', ['processor', 'leader'], 2],
  [4, 'extend_with_apology', ['processor', 'leader'], 4],
  [5, 'extend_with_apology', ['processor', 'leader'], 5],
  [6, 'extend_with_apology', ['processor', 'leader'], 6],
  [4, 'resolve', ['processor', 'leader'], 9],
  [9, 'return_result', ['intake', 'system'], 10],
];

const expectedOutcome = (
  from: DossierStatus | null,
  action: DossierAction,
  role: ActingRole,
  resume: DossierStatus,
) => {
  const rows = expected.filter(([f, a]) => f === from && a === action);
  if (rows.length === 0) return { ok: false, reason: 'dossiers.transition.statusNotAllowed' };
  const row = rows.find(([, , roles]) => roles.includes(role));
  if (!row) return { ok: false, reason: 'dossiers.transition.roleNotAllowed' };
  return { ok: true, to: row[3] === R ? resume : row[3] };
};

describe('the transition table', () => {
  const fromStatuses = [null, ...allStatuses];

  it('allows exactly the transitions listed, for every status, action and role', () => {
    let allowedCount = 0;
    for (const from of fromStatuses) {
      for (const action of dossierActions) {
        for (const role of actingRoles) {
          const resume = from === 5 || from === 6 ? 4 : null;
          const outcome = checkTransition(from, action, role, resume);
          expect(outcome, `${from} ${action} ${role}`).toEqual(expectedOutcome(from, action, role, 4));
          if (outcome.ok) allowedCount++;
        }
      }
    }
    expect(allowedCount).toBe(expected.reduce((n, [, , roles]) => n + roles.length, 0));
  });

  it('returns from a pause to the status it came from', () => {
    for (const resume of resumableStatuses) {
      expect(checkTransition(5, 'receive_supplement', 'applicant', resume)).toEqual({ ok: true, to: resume });
      expect(checkTransition(6, 'confirm_payment', 'system', resume)).toEqual({ ok: true, to: resume });
    }
    expect(() => checkTransition(5, 'receive_supplement', 'intake', null)).toThrow();
  });

  it.each<[DossierStatus | null, DossierAction, ActingRole, string]>([
    [1, 'resolve', 'leader', 'statusNotAllowed'],
    [9, 'withdraw', 'applicant', 'statusNotAllowed'],
    [3, 'accept', 'intake', 'statusNotAllowed'],
    [10, 'return_result', 'intake', 'statusNotAllowed'],
    [1, 'submit', 'applicant', 'statusNotAllowed'],
    [null, 'accept', 'intake', 'statusNotAllowed'],
    [1, 'accept', 'processor', 'roleNotAllowed'],
    [1, 'accept', 'applicant', 'roleNotAllowed'],
    [4, 'approve', 'processor', 'roleNotAllowed'],
    [4, 'stop', 'processor', 'roleNotAllowed'],
    [6, 'confirm_payment', 'applicant', 'roleNotAllowed'],
    [4, 'withdraw', 'intake', 'roleNotAllowed'],
  ])('refuses %s %s by %s (%s)', (from, action, role, reason) => {
    const outcome = checkTransition(from, action, role, 4);
    expect(outcome).toEqual({ ok: false, reason: `dossiers.transition.${reason}` });
    if (!outcome.ok) expect(dossierMessages.vi).toHaveProperty([outcome.reason]);
  });

  it('has no way out of the final statuses', () => {
    for (const status of finalStatuses) {
      for (const role of actingRoles) expect(actionsAllowed(status, role)).toEqual([]);
    }
    expect(actionsAllowed(4, 'leader')).toEqual([
      'assign',
      'forward',
      'send_back',
      'approve',
      'stop',
      'extend_with_apology',
      'resolve',
    ]);
  });

  it('reaches every status from submission', () => {
    const reached = new Set<DossierStatus>([1]);
    for (let frontier: DossierStatus[] = [1]; frontier.length > 0; ) {
      const next = frontier.flatMap((from) =>
        dossierActions.flatMap((action) =>
          actingRoles.flatMap((role) => {
            const outcome = checkTransition(from, action, role, 4);
            return outcome.ok && !reached.has(outcome.to) ? [outcome.to] : [];
          }),
        ),
      );
      for (const status of next) reached.add(status);
      frontier = [...new Set(next)];
    }
    expect([...reached].sort((a, b) => a - b)).toEqual(allStatuses);
  });

  it('never reaches a status outside the table, whatever the sequence of actions', () => {
    const step = fc.tuple(fc.constantFrom(...dossierActions), fc.constantFrom(...actingRoles));
    // From a submitted dossier; about half the steps pick an allowed action, so that runs go deep into the lifecycle.
    fc.assert(
      fc.property(fc.array(fc.tuple(step, fc.boolean(), fc.nat()), { maxLength: 60 }), (steps) => {
        let status: DossierStatus = 1;
        let resume: DossierStatus | null = null;
        for (const [[randomAction, randomRole], pickAllowed, seed] of steps) {
          const choices = actingRoles.flatMap((role) => actionsAllowed(status, role).map((a) => [a, role] as const));
          const [action, role] =
            pickAllowed && choices.length > 0 ? choices[seed % choices.length]! : [randomAction, randomRole];
          const outcome = checkTransition(status, action, role, resume);
          expect(outcome).toEqual(expectedOutcome(status, action, role, resume ?? 1));
          if (!outcome.ok) continue;
          expect(allStatuses).toContain(outcome.to);
          if (outcome.to === 5 || outcome.to === 6) {
            if (status !== 5 && status !== 6) resume = status;
          } else {
            resume = null;
          }
          status = outcome.to;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
