import type { Logger } from 'pino';
import type { Db } from './db/database.ts';
import type { Clock } from './lib/clock.ts';
import { auditRetention } from './modules/audit/audit.service.ts';
import { dossierEventTopics, dossierMailHandler } from './modules/dossiers/dossier-notifications.ts';
import { dossierSmsHandler } from './modules/dossiers/dossier-sms.ts';
import { FileService } from './modules/files/files.service.ts';
import type { NationalPortalSettings } from './modules/national-portal/national-portal.client.ts';
import {
  nationalPortalSyncHandler,
  nationalPortalSyncReaction,
  nationalPortalSyncTopic,
  SYNC_MAX_ATTEMPTS,
} from './modules/national-portal/national-portal.sync.ts';
import { mailHandler, mailTopic } from './modules/notifications/mail.ts';
import { fanOut, type OutboxHandler, OutboxWorker } from './modules/outbox/outbox.service.ts';
import { paymentEventTopics, paymentMailHandler } from './modules/payments/payments.notifications.ts';
import type { PaymentsService } from './modules/payments/payments.service.ts';
import { PAYMENT_CHECK_TOPIC, paymentCheckHandler } from './modules/payments/payments.setup.ts';
import { DraftService } from './modules/portal/drafts.service.ts';
import { storeExchanges } from './modules/postal/exchanges.ts';
import type { PostalSettings } from './modules/postal/postal.client.ts';
import { postalOrderHandler, postalOrderTopic } from './modules/postal/postal.service.ts';
import { type SmsSettings, smsHandler, smsTopic } from './modules/sms/sms.service.ts';

export interface WorkerSettings {
  /** Where mail goes; without it mail messages fail delivery and are retried with back-off, then dead-lettered. */
  smtpUrl?: string;
  mailFrom: string;
  /** Attachments: the sweeper removes uploads never attached, and blobs no row uses. */
  dataDir: string;
  maxFileBytes: number;
  sweepEveryMs?: number;
  /** The portal's public address, for links in mail (known once the server listens). */
  baseUrl: () => string;
  /** The national portal link; without it dossiers are not synchronised. */
  nationalPortal?: NationalPortalSettings;
  /** Settles online payments that neither the IPN nor the payer's return confirmed (`payment.check`). */
  payments?: PaymentsService;
  /** The postal service, read at each delivery (the demo simulator is configured after start). */
  postal: () => PostalSettings | undefined;
  /** The SMS gateway, read at each delivery. */
  sms: () => SmsSettings | undefined;
  /** Audit events older than this many days are deleted by the hourly sweep; 0 or absent: kept forever. */
  auditRetentionDays?: number;
}

const HOUR_MS = 3_600_000;
/** With back-off capped at 15 minutes, 20 attempts ride out a partner that is down for well over an hour. */
export const OUTBOX_MAX_ATTEMPTS = 20;

/** Every outbox topic and the module handler that delivers it; modules add their topics here. */
function outboxHandlers(db: Db, clock: Clock, logger: Logger, settings: WorkerSettings): Map<string, OutboxHandler> {
  const handlers = new Map<string, OutboxHandler>();
  const record = storeExchanges(db.kysely, logger);
  const callbackUrl = () => `${settings.baseUrl()}/api/v1/postal/callbacks`;
  handlers.set(postalOrderTopic, postalOrderHandler({ db, clock, settings: settings.postal, record, callbackUrl }));
  handlers.set(smsTopic, smsHandler({ settings: settings.sms, record }));
  const smsUnicode = () => settings.sms()?.unicode ?? false;
  if (settings.smtpUrl) handlers.set(mailTopic, mailHandler(settings.smtpUrl, settings.mailFrom));
  // Reactions to dossier events; each only enqueues its own messages (mail, partner sync, …). Modules add theirs here.
  const reactions = [dossierMailHandler(db, clock, settings.baseUrl), dossierSmsHandler(db, clock, smsUnicode)];
  const { nationalPortal } = settings;
  if (nationalPortal) {
    reactions.push(nationalPortalSyncReaction(db, clock));
    handlers.set(
      nationalPortalSyncTopic,
      nationalPortalSyncHandler(db, clock, { settings: nationalPortal, baseUrl: settings.baseUrl }),
    );
  }
  const dossierReactions = fanOut(reactions);
  for (const topic of dossierEventTopics) handlers.set(topic, dossierReactions);
  // Applications in progress: the reminder before expiry and the expiry itself.
  const files = new FileService(db, { dataDir: settings.dataDir, maxFileBytes: settings.maxFileBytes }, clock);
  for (const [topic, handler] of new DraftService(db, files, undefined, clock).outboxHandlers(settings.baseUrl)) {
    handlers.set(topic, handler);
  }
  if (settings.payments) {
    handlers.set(PAYMENT_CHECK_TOPIC, paymentCheckHandler(settings.payments));
    const paymentMail = paymentMailHandler(db, clock, settings.payments, settings.baseUrl);
    for (const topic of paymentEventTopics) handlers.set(topic, paymentMail);
  }
  return handlers;
}

/** The background work of a process: outbox delivery, and the attachment sweeper on a timer. */
export interface Worker {
  start(): void;
  stop(): Promise<void>;
}

export function createWorker(db: Db, clock: Clock, logger: Logger, settings: WorkerSettings): Worker {
  const outbox = new OutboxWorker(db, {
    handlers: outboxHandlers(db, clock, logger, settings),
    clock,
    logger,
    maxAttempts: OUTBOX_MAX_ATTEMPTS,
    maxAttemptsByTopic: new Map([[nationalPortalSyncTopic, SYNC_MAX_ATTEMPTS]]),
  });
  const files = new FileService(db, { dataDir: settings.dataDir, maxFileBytes: settings.maxFileBytes }, clock);
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<void> | undefined;
  const retention = settings.auditRetentionDays ? auditRetention(db, clock, logger, settings.auditRetentionDays) : null;
  const sweep = () => {
    sweeping ??= files
      .sweep()
      .then(
        (removed) => logger.info(removed, 'attachment sweep'),
        (error: unknown) => logger.error({ err: error }, 'attachment sweep failed'),
      )
      .then(() => retention?.())
      .finally(() => {
        sweeping = undefined;
      });
  };
  return {
    start() {
      outbox.start();
      timer ??= setInterval(sweep, settings.sweepEveryMs ?? HOUR_MS);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await Promise.all([outbox.stop(), sweeping]);
    },
  };
}
