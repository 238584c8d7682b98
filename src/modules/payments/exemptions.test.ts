import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import { cashier } from '../dossiers/dossiers.testkit.ts';
import { FEE, type PaymentHarness, paymentHarness } from './payments.testkit.ts';

let t: TestDb;
let h: PaymentHarness;
const clock = fixedClock(new Date());
const officer = { userId: 'officer-intake', role: 'intake' as const, agencyId: '000.00.10.H08' };

beforeAll(async () => {
  t = await createTestDb();
  h = await paymentHarness(t.db, t.dataDir, clock);
});
afterAll(async () => {
  await h.stop();
  await t.cleanup();
});

describe('exemption decisions', () => {
  it('two officers deciding on the same revision at once: one decision is kept, the other is told it is stale', async () => {
    const code = await h.dossierAwaitingPayment();
    const outcomes = await Promise.allSettled(
      ['Lần thứ nhất', 'Lần thứ hai'].map((reason) =>
        h.payments.chooseExemptions(code, officer, { exemptions: [], reason, revision: 0 }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((o) => o.status === 'rejected')?.reason).toMatchObject({ status: 409, code: 'stale_version' });
    const state = await h.payments.exemptions(code);
    expect(state.decisions).toHaveLength(1);
    expect(state.decisions[0]).toMatchObject({ revision: 1, decidedBy: 'officer-intake', role: 'intake' });
    expect(state.revision).toBe(1);
  });

  it('is closed once the fee is paid: the decision is refused and nothing is recorded', async () => {
    const code = await h.dossierAwaitingPayment();
    await h.payments.recordCounterPayment(code, cashier, { method: 'cash', amount: FEE });
    expect((await h.payments.exemptions(code)).closed).toBe('paid');
    await expect(
      h.payments.chooseExemptions(code, officer, { exemptions: [], reason: 'Muộn', revision: 0 }),
    ).rejects.toMatchObject({ status: 409, code: 'exemptions_paid' });
    expect((await h.payments.exemptions(code)).decisions).toHaveLength(0);
  });

  it('waits while an online payment is under way at the gateway', async () => {
    const code = await h.dossierAwaitingPayment();
    await h.payments.startOnline(code, { userId: 'citizen-an', ip: '10.0.0.1', locale: 'vi' });
    expect((await h.payments.exemptions(code)).closed).toBe('paymentUnderWay');
    await expect(
      h.payments.chooseExemptions(code, officer, { exemptions: [], reason: 'Đang thanh toán', revision: 0 }),
    ).rejects.toMatchObject({ status: 409, code: 'exemptions_paymentUnderWay' });
  });

  it.runIf(process.env.TEST_DATABASE_URL)('refuses UPDATE, DELETE and TRUNCATE on PostgreSQL', async () => {
    const code = await h.dossierAwaitingPayment();
    await h.payments.chooseExemptions(code, officer, { exemptions: [], reason: 'Ghi nhận', revision: 0 });
    const rows = () => t.db.kysely.selectFrom('fee_exemption_decisions').where('dossier_code', '=', code);
    await expect(
      t.db.kysely
        .updateTable('fee_exemption_decisions')
        .set({ reason: 'sửa' })
        .where('dossier_code', '=', code)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.db.kysely.deleteFrom('fee_exemption_decisions').where('dossier_code', '=', code).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(sql`truncate fee_exemption_decisions`.execute(t.db.kysely)).rejects.toThrow(/append-only/);
    expect(await rows().select('reason').execute()).toEqual([{ reason: 'Ghi nhận' }]);
  });
});
