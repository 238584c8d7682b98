import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../seed/seed-demo.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import { onlinePaymentSource } from './payments.stats.ts';
import type { PaymentMethod } from './payments.tables.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'motcua@2026');
  let n = 0;
  const pay = (
    code: string,
    agency: string,
    method: PaymentMethod,
    paidAt: string,
    kind: 'fee' | 'overpayment' = 'fee',
  ) =>
    t.db.kysely
      .insertInto('payments')
      .values({
        id: `p${++n}`,
        dossier_code: code,
        agency_id: agency,
        kind,
        method,
        amount: 50_000,
        reference: null,
        attempt_id: null,
        statement_ref: null,
        payer_name: 'Nguyễn Văn An',
        fee_lines: '[]',
        receipt_number: `R${n}`,
        verify_token: `v${n}`,
        recorded_by: 'test',
        paid_at: paidAt,
      })
      .execute();
  // A ward of Thủ Dầu Một city, the city itself, and the one-stop centre of the province.
  await pay('A', '000.01.21.H08', 'online', '2026-03-01T03:00:00.000Z');
  await pay('A', '000.01.21.H08', 'online', '2026-03-01T04:00:00.000Z', 'overpayment');
  await pay('B', '000.00.21.H08', 'cash', '2026-03-02T03:00:00.000Z');
  await pay('C', '000.00.01.H08', 'pos', '2026-03-03T03:00:00.000Z');
  await pay('D', '000.00.01.H08', 'online', '2026-03-31T16:59:00.000Z'); // 23:59 on 31 March, Vietnam time
  await pay('E', '000.00.01.H08', 'online', '2026-03-31T17:00:00.000Z'); // 00:00 on 1 April, Vietnam time
});
afterAll(() => t.cleanup());

describe('online payment as a statistics source (indicator 3.6)', () => {
  const source = () => onlinePaymentSource(t.db.kysely);

  it('counts dossiers with a fee paid in the period, and those paid online, by Vietnam dates', async () => {
    expect(await source().payments({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ feeBearing: 4, paidOnline: 2 });
    expect(await source().payments({ from: '2026-04-01', to: '2026-04-30' })).toEqual({ feeBearing: 1, paidOnline: 1 });
  });

  it('narrows to an agency and the agencies below it', async () => {
    const march = { from: '2026-03-01', to: '2026-03-31' };
    expect(await source().payments({ ...march, agency: '000.00.21.H08' })).toEqual({ feeBearing: 2, paidOnline: 1 });
    expect(await source().payments({ ...march, agency: '000.00.01.H08' })).toEqual({ feeBearing: 2, paidOnline: 1 });
    expect(await source().payments({ ...march, agency: '000.00.99.H08' })).toEqual({ feeBearing: 0, paidOnline: 0 });
  });
});
