/**
 * Mail to the applicant when their dossier is accepted, needs a supplement, is refused, is late (apology) or has its
 * result: an outbox handler on the dossier events, which queues the mail as its own outbox message.
 */
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { translate } from '../../web/i18n/index.ts';
import { writtenDateTime } from '../documents/format.ts';
import { mailTopic } from '../notifications/mail.ts';
import { enqueue, type OutboxHandler } from '../outbox/outbox.service.ts';
import { channelPreferences } from '../sms/sms.service.ts';
import * as repo from './dossiers.repo.ts';
import type { DossierAction } from './lifecycle.ts';

/**
 * The events the dossier commands write. A dossier's messages are delivered in order, so every topic needs a handler:
 * one without would hold back the dossier's later messages. The submission itself sends no mail.
 */
export const dossierEventTopics = ['dossier.submitted', 'dossier.status_changed', 'dossier.updated'] as const;

const notified: ReadonlySet<DossierAction> = new Set([
  'accept',
  'request_supplement',
  'refuse',
  'extend_with_apology',
  'resolve',
]);

interface DossierEvent {
  code: string;
  version: number;
  action: DossierAction;
}

export function dossierMailHandler(db: Db, clock: Clock, baseUrl: () => string): OutboxHandler {
  return async (message) => {
    const event = message.payload as Partial<DossierEvent>;
    if (!event.action || !notified.has(event.action) || !event.code || !event.version) return;
    const row = await repo.findByCode(db.kysely, event.code);
    if (!row?.applicant_email) return;
    if (row.applicant_user_id && !(await channelPreferences(db.kysely, row.applicant_user_id)).email) return;
    // One action per version: the submission made version 1.
    const action = (await repo.actionsOf(db.kysely, row.id))[event.version - 1];
    if (action?.action !== event.action) return;
    const data = action.data ? (JSON.parse(action.data) as { missing?: string[] }) : {};
    const key = `mail.dossier.${event.action}`;
    const params = {
      name: row.applicant_name,
      code: row.code,
      procedure: row.procedure_name,
      due: action.new_due_at ? writtenDateTime(action.new_due_at) : '',
      missing: (data.missing ?? []).map((item) => `- ${item}`).join('\n'),
      reason: action.comment ?? '',
      delivery: translate(
        'vi',
        row.delivery_method === 'postal' ? 'office.queue.channel.3' : `office.dossier.delivery.${row.delivery_method}`,
      ),
      link: `${baseUrl()}/track?code=${encodeURIComponent(row.code)}`,
    };
    await enqueue(
      db.kysely,
      {
        topic: mailTopic,
        dedupeKey: `mail:${row.code}:v${event.version}`,
        payload: {
          to: row.applicant_email,
          subject: translate('vi', `${key}.subject`, params),
          text: translate('vi', `${key}.text`, params),
        },
      },
      clock,
    );
  };
}
