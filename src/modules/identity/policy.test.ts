import { describe, expect, it } from 'vitest';
import type { OfficerRole } from './identity.tables.ts';
import { type Actor, anonymous, can, visibleScope } from './policy.ts';

const officer = (roles: [OfficerRole, string[]][], extra: Partial<Actor> = {}): Actor => ({
  ...anonymous,
  kind: 'officer',
  id: 'o1',
  name: 'Cán bộ',
  scopes: new Map(roles.map(([r, ids]) => [r, new Set(ids)])),
  ...extra,
});
const citizen: Actor = { ...anonymous, kind: 'citizen', id: 'c1', name: 'Công dân' };
const dossier = (agencyIds: string[], applicantId: string | null = 'c2') =>
  ({ type: 'dossier', agencyIds, applicantId }) as const;

describe('can', () => {
  it('refuses everything to anonymous visitors', () => {
    expect(can(anonymous, 'account.read')).toBe(false);
    expect(can(anonymous, 'dossier.read', dossier(['a']))).toBe(false);
  });

  it('lets a citizen see only their own account and dossiers', () => {
    expect(can(citizen, 'dossier.read', dossier(['a'], 'c1'))).toBe(true);
    expect(can(citizen, 'dossier.read', dossier(['a'], 'c2'))).toBe(false);
    expect(can(citizen, 'dossier.read', dossier(['a'], null))).toBe(false);
    expect(can(citizen, 'account.update', { type: 'user', userId: 'c1' })).toBe(true);
    expect(can(citizen, 'account.update', { type: 'user', userId: 'c2' })).toBe(false);
    expect(can(citizen, 'dossier.receive')).toBe(false);
    expect(can(citizen, 'office.view')).toBe(false);
  });

  it('lets an officer act only where they hold the role the action needs', () => {
    const intake = officer([['intake', ['dept']]]);
    expect(can(intake, 'dossier.receive', dossier(['dept']))).toBe(true);
    expect(can(intake, 'dossier.receive', dossier(['other']))).toBe(false);
    expect(can(intake, 'dossier.approve', dossier(['dept']))).toBe(false);
    expect(can(intake, 'dossier.read', dossier(['other', 'dept']))).toBe(true);
    expect(can(intake, 'agency.create')).toBe(false);
  });

  it('limits auditors to reading', () => {
    const auditor = officer([['auditor', ['root', 'dept']]]);
    expect(can(auditor, 'agency.read', { type: 'agency', agencyId: 'dept' })).toBe(true);
    expect(can(auditor, 'dossier.read', dossier(['dept']))).toBe(true);
    expect(can(auditor, 'agency.update', { type: 'agency', agencyId: 'dept' })).toBe(false);
    expect(can(auditor, 'officer.invite')).toBe(false);
  });

  it('needs every agency of an officer to suspend them', () => {
    const admin = officer([['admin', ['dept', 'ward']]]);
    expect(can(admin, 'officer.suspend', { type: 'officer', userId: 'x', agencyIds: ['dept'] })).toBe(true);
    expect(can(admin, 'officer.suspend', { type: 'officer', userId: 'x', agencyIds: ['dept', 'other'] })).toBe(false);
  });

  it('holds an officer without a second factor to enrolment', () => {
    const pending = officer([['admin', ['root']]], { secondFactorPending: true });
    expect(can(pending, 'account.enrolTotp')).toBe(true);
    expect(can(pending, 'session.end')).toBe(true);
    expect(can(pending, 'agency.create')).toBe(false);
  });

  it('limits an API token to its actions and its agency sub-tree', () => {
    const token: Actor = {
      ...anonymous,
      kind: 'token',
      id: 't1',
      token: { actions: new Set(['dossier.read']), agencyIds: new Set(['dept']) },
    };
    expect(can(token, 'dossier.read', dossier(['dept']))).toBe(true);
    expect(can(token, 'dossier.read', dossier(['other']))).toBe(false);
    expect(can(token, 'dossier.submit', dossier(['dept']))).toBe(false);
    expect(can(token, 'account.read')).toBe(false);
  });
});

describe('visibleScope', () => {
  it('gives officers their agencies, citizens their own records, others nothing', () => {
    const o = officer([
      ['processor', ['a']],
      ['leader', ['b']],
    ]);
    expect(visibleScope(o, 'dossier.read')).toEqual({ agencyIds: new Set(['a', 'b']) });
    expect(visibleScope(o, 'dossier.approve')).toEqual({ agencyIds: new Set(['b']) });
    expect(visibleScope(citizen, 'dossier.read')).toEqual({ applicantId: 'c1' });
    expect(visibleScope(anonymous, 'dossier.read')).toBeNull();
  });
});
