/** Builds the payments service from the settings: the VNPAY adapter when a gateway is configured, none otherwise. */
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { CalendarService, parseOfficeHours } from '../calendar/calendar.service.ts';
import { CatalogService } from '../catalog/catalog.service.ts';
import { catalogProcedureSource } from '../dossiers/catalog-source.ts';
import { DossierService } from '../dossiers/dossiers.service.ts';
import { FileService } from '../files/files.service.ts';
import type { OutboxHandler } from '../outbox/outbox.service.ts';
import { PAYMENT_CHECK_TOPIC, PaymentsService } from './payments.service.ts';
import { VnpayGateway } from './vnpay.ts';

function gatewayFromConfig(config: Config): VnpayGateway | undefined {
  const {
    PAYMENT_GATEWAY_URL: url,
    PAYMENT_GATEWAY_TMN_CODE: tmnCode,
    PAYMENT_GATEWAY_HASH_SECRET: hashSecret,
  } = config.env;
  if (!url || !tmnCode || !hashSecret) return undefined;
  const base = url.replace(/\/+$/, '');
  return new VnpayGateway({
    paymentUrl: `${base}/paymentv2/vpcpay.html`,
    apiUrl: `${base}/merchant_webapi/api/transaction`,
    tmnCode,
    hashSecret,
  });
}

export function paymentsFromConfig(deps: {
  config: Config;
  db: Db;
  clock: Clock;
  dossiers: DossierService;
  catalog: Pick<CatalogService, 'getVersion'>;
  logger?: Logger | undefined;
}): PaymentsService {
  const { config, logger, ...rest } = deps;
  return new PaymentsService({
    ...rest,
    ...(logger && { logger }),
    gateway: gatewayFromConfig(config),
    attemptTtlMs: config.env.PAYMENT_ATTEMPT_MINUTES * 60_000,
    baseUrl: () => config.baseUrl,
  });
}

/** The payments service of a worker process, with the services it acts through (no HTTP app there). */
export function workerPayments(config: Config, db: Db, clock: Clock, logger?: Logger): PaymentsService {
  const calendar = new CalendarService(
    db,
    {
      cutoff: config.cutoff,
      officeHours: parseOfficeHours(config.officeHours),
      countReceptionDay: config.countReceptionDay,
    },
    clock,
  );
  const files = new FileService(db, { dataDir: config.dataDir, maxFileBytes: config.maxFileBytes }, clock);
  const catalog = new CatalogService(db, clock);
  const dossiers = new DossierService({ db, calendar, files, procedures: catalogProcedureSource(catalog), clock });
  return paymentsFromConfig({ config, db, clock, dossiers, catalog, logger });
}

export { PAYMENT_CHECK_TOPIC };

/** The worker's reaction to `payment.check`: ask the gateway; an attempt it cannot settle yet is retried later. */
export function paymentCheckHandler(payments: PaymentsService): OutboxHandler {
  return async (message) => {
    const { txnRef } = message.payload as { txnRef: string };
    const status = await payments.checkAttempt(txnRef);
    if (status === 'pending') throw new Error(`payment attempt ${txnRef} is still pending at the gateway`);
  };
}
