/**
 * SMS to the applicant on the same dossier events as mail (acceptance, supplement request, refusal, apology, result),
 * when they gave a mobile number and have not turned SMS off: one short message, queued as its own outbox message.
 */
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { vietnamWallClock } from '../../lib/vn-time.ts';
import { translate } from '../../web/i18n/index.ts';
import type { OutboxHandler } from '../outbox/outbox.service.ts';
import { channelPreferences, enqueueSms, mobileNumber } from '../sms/sms.service.ts';
import { fitMessage } from '../sms/sms-text.ts';
import * as repo from './dossiers.repo.ts';
import type { DossierAction } from './lifecycle.ts';

const notified: ReadonlySet<DossierAction> = new Set([
  'accept',
  'request_supplement',
  'refuse',
  'extend_with_apology',
  'resolve',
]);

const pad = (n: number) => String(n).padStart(2, '0');

/** `17:00 25/11/2026`, Vietnam time. */
function shortDateTime(instant: string): string {
  const { date, msOfDay } = vietnamWallClock(new Date(instant));
  const minutes = Math.floor(msOfDay / 60_000);
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)} ${date.split('-').reverse().join('/')}`;
}

/** `unicode`: whether the gateway account takes diacritics (else the text is folded to GSM-7). */
export function dossierSmsHandler(db: Db, clock: Clock, unicode: () => boolean): OutboxHandler {
  return async (message) => {
    const event = message.payload as Partial<{ code: string; version: number; action: DossierAction }>;
    if (!event.action || !notified.has(event.action) || !event.code || !event.version) return;
    const row = await repo.findByCode(db.kysely, event.code);
    const phone = mobileNumber(row?.applicant_phone);
    if (!row || !phone) return;
    if (row.applicant_user_id && !(await channelPreferences(db.kysely, row.applicant_user_id)).sms) return;
    const action = (await repo.actionsOf(db.kysely, row.id))[event.version - 1];
    if (action?.action !== event.action) return;
    const data = action.data ? (JSON.parse(action.data) as { missing?: string[] }) : {};
    const params = {
      code: row.code,
      due: action.new_due_at ? shortDateTime(action.new_due_at) : '',
      count: (data.missing ?? []).length,
    };
    const content = fitMessage(
      (reason) => translate('vi', `sms.dossier.${event.action}`, { ...params, reason }),
      action.comment ?? '',
      unicode(),
    );
    await enqueueSms(db.kysely, { phone, content }, `sms:${row.code}:v${event.version}`, clock);
  };
}
