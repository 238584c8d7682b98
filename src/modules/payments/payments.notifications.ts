/**
 * Mail to the applicant when a payment for their dossier is booked (with the e-receipt's verification link) or
 * refunded. The payment events share the dossier's ordering key, so they must have a handler: one without would
 * hold back the dossier's later messages until it was dead-lettered.
 */
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { formatDong } from '../../lib/money.ts';
import { translate } from '../../web/i18n/index.ts';
import { mailTopic } from '../notifications/mail.ts';
import { enqueue, type OutboxHandler } from '../outbox/outbox.service.ts';
import { channelPreferences } from '../sms/sms.service.ts';
import { PAYMENT_BOOKED_TOPIC, PAYMENT_REFUNDED_TOPIC, type PaymentsService } from './payments.service.ts';

export const paymentEventTopics = [PAYMENT_BOOKED_TOPIC, PAYMENT_REFUNDED_TOPIC] as const;

interface PaymentEvent {
  paymentId: string;
  kind?: 'fee' | 'overpayment';
  amount: number;
  at?: string;
}

export function paymentMailHandler(
  db: Db,
  clock: Clock,
  payments: Pick<PaymentsService, 'paymentWithDossier'>,
  baseUrl: () => string,
): OutboxHandler {
  return async (message) => {
    const event = message.payload as Partial<PaymentEvent>;
    if (!event.paymentId || typeof event.amount !== 'number') return;
    const { payment, dossier } = await payments.paymentWithDossier(event.paymentId);
    const to = dossier.applicant.email;
    if (!to) return;
    if (dossier.applicant.userId && !(await channelPreferences(db.kysely, dossier.applicant.userId)).email) return;
    const refunded = message.topic === PAYMENT_REFUNDED_TOPIC;
    const key = refunded
      ? 'payments.mail.refunded'
      : `payments.mail.${payment.kind === 'overpayment' ? 'overpaid' : 'booked'}`;
    const params = {
      name: dossier.applicant.name,
      code: dossier.code,
      procedure: dossier.procedure.name,
      amount: formatDong(event.amount),
      receipt: payment.receiptNumber,
      link: `${baseUrl()}/receipts/verify/${encodeURIComponent(payment.verifyToken)}`,
    };
    await enqueue(
      db.kysely,
      {
        topic: mailTopic,
        dedupeKey: `mail:${message.topic}:${payment.id}:${event.at ?? ''}`,
        payload: {
          to,
          subject: translate('vi', `${key}.subject`, params),
          text: translate('vi', `${key}.text`, params),
        },
      },
      clock,
    );
  };
}
