import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { DbOrTx } from '../../db/transaction.ts';
import type { Clock } from '../../lib/clock.ts';
import { enqueue, type OutboxHandler } from '../outbox/outbox.service.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export const mailTopic = 'mail.send';

/** Queues a mail in the caller's transaction; the worker sends it (with retries) once the change has committed. */
export async function enqueueMail(tx: DbOrTx, mail: Mail, clock: Clock): Promise<void> {
  await enqueue(tx, { topic: mailTopic, dedupeKey: `mail:${randomUUID()}`, payload: mail }, clock);
}

/** Delivers queued mail through the SMTP server at `smtpUrl`. */
export function mailHandler(smtpUrl: string, from: string): OutboxHandler {
  const transport = nodemailer.createTransport(smtpUrl);
  return async (message) => {
    const mail = message.payload as Mail;
    await transport.sendMail({
      from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      headers: { 'X-Motcua-Message': message.dedupeKey },
    });
  };
}
