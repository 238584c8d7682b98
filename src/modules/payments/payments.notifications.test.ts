import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import { dossierEventTopics, dossierMailHandler } from '../dossiers/dossier-notifications.ts';
import { cashier } from '../dossiers/dossiers.testkit.ts';
import { type Mail, mailTopic } from '../notifications/mail.ts';
import { type OutboxHandler, OutboxWorker } from '../outbox/outbox.service.ts';
import { paymentEventTopics, paymentMailHandler } from './payments.notifications.ts';
import { FEE, type PaymentHarness, paymentHarness } from './payments.testkit.ts';

let t: TestDb;
let h: PaymentHarness;
const clock = fixedClock(new Date());
const baseUrl = () => 'https://dichvucong.example.vn';

beforeAll(async () => {
  t = await createTestDb();
  h = await paymentHarness(t.db, t.dataDir, clock);
});
afterAll(async () => {
  await h.stop();
  await t.cleanup();
});

/** Runs every message through the worker's handlers for dossier and payment events; answers the mail queued. */
async function deliver(): Promise<Mail[]> {
  const sent: Mail[] = [];
  const dossierMail = dossierMailHandler(t.db, clock, baseUrl);
  const paymentMail = paymentMailHandler(t.db, clock, h.payments, baseUrl);
  const handlers = new Map<string, OutboxHandler>([
    ...dossierEventTopics.map((topic) => [topic, dossierMail] as const),
    ...paymentEventTopics.map((topic) => [topic, paymentMail] as const),
    [mailTopic, async (m) => void sent.push(m.payload as Mail)],
  ]);
  const worker = new OutboxWorker(t.db, { handlers, clock });
  while ((await worker.runOnce()) > 0);
  return sent;
}

describe('payment notifications', () => {
  it('mails the applicant the receipt link when a fee is booked and again when it is refunded; nothing is left queued', async () => {
    const code = await h.dossierAwaitingPayment();
    await deliver();
    const paid = await h.payments.recordCounterPayment(code, cashier, { method: 'cash', amount: FEE });
    const booked = (await deliver()).filter((m) => m.subject.includes(code));
    expect(booked).toHaveLength(1);
    expect(booked[0]).toMatchObject({
      to: 'an.nguyen@example.vn',
      subject: `Đã nhận thanh toán phí, lệ phí hồ sơ ${code}`,
    });
    expect(booked[0]?.text).toContain('50.000');
    expect(booked[0]?.text).toContain(paid.receiptNumber);
    expect(booked[0]?.text).toContain(`${baseUrl()}/receipts/verify/${paid.verifyToken}`);

    await h.payments.recordRefund(paid.id, 'officer-cashier', { amount: 20_000, reason: 'Miễn giảm sau khi thu' });
    const refunded = (await deliver()).filter((m) => m.subject.includes(code));
    expect(refunded.map((m) => m.subject)).toEqual([`Đã hoàn trả tiền cho hồ sơ ${code}`]);
    expect(refunded[0]?.text).toContain('20.000');

    // Every message of the dossier was delivered: the payment events hold back none of its later mail.
    const left = await t.db.kysely
      .selectFrom('outbox')
      .select(['topic', 'status'])
      .where('status', '!=', 'done')
      .execute();
    expect(left).toEqual([]);
    expect(await deliver()).toEqual([]);
  });
});
