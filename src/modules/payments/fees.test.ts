import { describe, expect, it } from 'vitest';
import type { DossierDetail } from '../dossiers/dossiers.schema.ts';
import { dossierDue, feeLines, totalOf } from './fees.ts';

const procedureCase = {
  fees: [
    { code: 'LP', name: 'Lệ phí đăng ký', kind: 'fixed' as const, amount: 100_000 },
    {
      code: 'BS',
      name: 'Phí cấp bản sao',
      kind: 'perUnit' as const,
      unitName: 'bản',
      amount: 5_000,
      exemptions: [{ code: 'HN', name: 'Hộ nghèo' }],
    },
  ],
};

describe('fee lines from the frozen case', () => {
  it('takes fixed fees as they are and per-unit fees times the units', () => {
    const lines = feeLines(procedureCase, { units: { BS: 3 } });
    expect(lines).toEqual([
      { code: 'LP', name: 'Lệ phí đăng ký', amount: 100_000 },
      { code: 'BS', name: 'Phí cấp bản sao', amount: 15_000, quantity: 3, unitName: 'bản' },
    ]);
    expect(totalOf(lines)).toBe(115_000);
    expect(totalOf(feeLines(procedureCase))).toBe(105_000);
  });

  it('brings an exempted fee to zero, keeping the exemption and its reason', () => {
    const lines = feeLines(procedureCase, { exemptions: { BS: { code: 'HN', reason: 'Sổ hộ nghèo số 12' } } });
    expect(lines[1]).toMatchObject({
      amount: 0,
      exemption: { code: 'HN', name: 'Hộ nghèo', reason: 'Sổ hộ nghèo số 12' },
    });
    expect(totalOf(lines)).toBe(100_000);
  });

  it('refuses a bad quantity, an unknown exemption and an exemption without a reason', () => {
    expect(() => feeLines(procedureCase, { units: { BS: 0 } })).toThrow();
    expect(() => feeLines(procedureCase, { units: { BS: 1.5 } })).toThrow();
    expect(() => feeLines(procedureCase, { exemptions: { LP: { code: 'HN', reason: 'x' } } })).toThrow();
    expect(() => feeLines(procedureCase, { exemptions: { BS: { code: 'HN', reason: '  ' } } })).toThrow();
  });
});

describe('fees shown before submission', () => {
  it('gives the case’s fee lines and whether the procedure wants them paid at submission', async () => {
    const { PaymentsService } = await import('./payments.service.ts');
    const { testProcedure } = await import('../dossiers/dossiers.testkit.ts');
    const definition = {
      ...testProcedure,
      paymentAtSubmission: true,
      cases: testProcedure.cases.map((c) => ({ ...c, fees: procedureCase.fees })),
    };
    const service = new PaymentsService({
      db: undefined as never,
      dossiers: undefined as never,
      catalog: { getVersion: async () => ({ versionId: 'v1', version: 1, definition }) },
      baseUrl: () => 'http://portal.test',
    });
    const fees = await service.feesBeforeSubmission('v1', 'HKD');
    expect(fees).toMatchObject({ total: 105_000, dueAtSubmission: true });
    expect(fees.lines.map((l) => l.code)).toEqual(['LP', 'BS']);
    await expect(service.feesBeforeSubmission('v1', 'NO_SUCH_CASE')).rejects.toMatchObject({ code: 'case_not_found' });
  });
});

describe('what a dossier owes, with the exemptions in force', () => {
  const exempt = { exemptions: { BS: { code: 'HN', reason: 'Sổ hộ nghèo số 12' } } };
  const dossier = (requests: number[], status: DossierDetail['status'] = 6) =>
    ({
      status,
      definition: { case: procedureCase },
      actions: requests.map((amount) => ({ action: 'request_payment', data: { amount } })),
    }) as unknown as DossierDetail;

  it('fees due at submission: the case’s lines, an exempted one at zero', () => {
    expect(dossierDue(dossier([], 1), true, {}, 0)).toMatchObject({ total: 105_000, outstanding: 105_000 });
    const due = dossierDue(dossier([], 1), true, exempt, 0);
    expect(due).toMatchObject({ total: 100_000, outstanding: 100_000, payable: true });
    expect(due.lines[1]).toMatchObject({ code: 'BS', amount: 0, exemption: { code: 'HN' } });
  });

  it('a request of the whole scheduled fee becomes the case’s lines, so an exemption lowers what was requested', () => {
    expect(dossierDue(dossier([105_000]), false, {}, 0)).toMatchObject({ total: 105_000 });
    const lowered = dossierDue(dossier([105_000]), false, exempt, 0);
    expect(lowered).toMatchObject({ total: 100_000, outstanding: 100_000 });
    expect(lowered.lines.map((l) => l.code)).toEqual(['LP', 'BS']);
    // Requested after the exemption, at the exempted amount: the same lines.
    expect(dossierDue(dossier([100_000]), false, exempt, 0).lines.map((l) => l.code)).toEqual(['LP', 'BS']);
  });

  it('leaves any other requested amount as the officer wrote it, and subtracts what was paid', () => {
    const due = dossierDue(dossier([30_000]), false, exempt, 10_000);
    expect(due).toMatchObject({ total: 30_000, paid: 10_000, outstanding: 20_000 });
    expect(due.lines).toEqual([expect.objectContaining({ code: 'requested', amount: 30_000 })]);
    expect(dossierDue(dossier([], 4), false, exempt, 0)).toMatchObject({ total: 0, payable: false });
    expect(dossierDue(dossier([30_000], 3), false, {}, 0)).toMatchObject({ outstanding: 30_000, payable: false });
  });
});
