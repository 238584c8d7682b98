import type { Db } from '../db/database.ts';
import { type Mail, mailTopic } from '../modules/notifications/mail.ts';
import { OutboxWorker } from '../modules/outbox/outbox.service.ts';

/** Delivers the queued mail to an in-memory outbox, as the worker would to the SMTP server; returns what was sent. */
export async function deliverMail(db: Db): Promise<Mail[]> {
  const sent: Mail[] = [];
  const worker = new OutboxWorker(db, {
    handlers: new Map([[mailTopic, async (m) => void sent.push(m.payload as Mail)]]),
  });
  while ((await worker.runOnce()) > 0);
  return sent;
}

/** The first link in a mail's text that starts with `prefix`. */
export function linkIn(mail: Mail | undefined, prefix: string): string {
  const link = mail?.text.split(/\s+/).find((w) => w.includes(prefix));
  if (!link) throw new Error(`no ${prefix} link in the mail`);
  return new URL(link).pathname + new URL(link).search;
}
