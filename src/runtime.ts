import { randomBytes } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { type MailSink, startMailSink } from '../simulators/mail-sink/mail-sink.ts';
import {
  type NationalPortalSimulator,
  startNationalPortalSimulator,
} from '../simulators/national-portal/national-portal-simulator.ts';
import {
  type PaymentGatewaySimulator,
  startPaymentGatewaySimulator,
} from '../simulators/payment-gateway/payment-gateway.ts';
import { type PostalSimulator, startPostalSimulator } from '../simulators/postal/postal-simulator.ts';
import { type SmsSimulator, startSmsSimulator } from '../simulators/sms/sms-simulator.ts';
import type { SsoSimulator } from '../simulators/sso/sso-simulator.ts';
import { buildApp, requestLogSerializers } from './app.ts';
import type { Config } from './config.ts';
import { connect } from './db/connect.ts';
import type { Db } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { App } from './http/types.ts';
import { systemClock } from './lib/clock.ts';
import { SsoClient, ssoSettingsFrom } from './modules/identity/sso.ts';
import { demoNationalCatalogue } from './modules/national-portal/demo-national-catalogue.ts';
import { nationalPortalSettingsFrom } from './modules/national-portal/national-portal.client.ts';
import { INBOUND_PATH } from './modules/national-portal/national-portal.routes.ts';
import { workerPayments } from './modules/payments/payments.setup.ts';
import { postalSettingsFrom } from './modules/postal/postal.service.ts';
import { smsSettingsFrom } from './modules/sms/sms.service.ts';
import { seedDemo } from './seed/seed-demo.ts';
import { createWorker, type Worker } from './worker.ts';

export function createLogger(config: Config): Logger {
  return pino({ level: config.env.LOG_LEVEL, serializers: requestLogSerializers });
}

export interface Running {
  app: App;
  db: Db;
  worker: Worker | undefined;
  url: string;
  seeded: boolean;
  /** The demo mail sink, when `serve` started one (demo mode without SMTP_URL). */
  mailSink: MailSink | undefined;
  /** The demo SSO simulator, when `serve` started one (demo mode without SSO_ISSUER_URL). */
  ssoSimulator: SsoSimulator | undefined;
  /** The demo payment gateway simulator, when `serve` started one (demo mode without PAYMENT_GATEWAY_URL). */
  paymentGateway: PaymentGatewaySimulator | undefined;
  /** The demo postal simulator, when `serve` started one (demo mode without POSTAL_URL). */
  postalSimulator: PostalSimulator | undefined;
  /** The demo national portal simulator, when `serve` started one (demo mode without NATIONAL_PORTAL_URL). */
  nationalPortalSimulator: NationalPortalSimulator | undefined;
  /** The demo SMS gateway simulator, when `serve` started one (demo mode without SMS_URL). */
  smsSimulator: SmsSimulator | undefined;
  stop(): Promise<void>;
}

/** Migrates, seeds the demo province into an empty database (when enabled), serves HTTP and runs the worker. */
export async function startServer(config: Config, logger: Logger = createLogger(config)): Promise<Running> {
  const db = await connect(config);
  await migrateToLatest(db.kysely);
  const seeded = config.demo ? await seedDemo(db, config.demoPassword) : false;
  const clock = systemClock;
  const paymentGateway = config.demo && !config.env.PAYMENT_GATEWAY_URL ? await startDemoGateway(config) : undefined;
  const sso = new SsoClient(ssoSettingsFrom(config.env));
  let nationalPortalSimulator: NationalPortalSimulator | undefined;
  if (config.demo && !config.env.NATIONAL_PORTAL_URL) {
    // A secret made for this run, shared with the simulator; it pushes its dossiers once the portal listens.
    const secret = randomBytes(24).toString('base64url');
    nationalPortalSimulator = await startNationalPortalSimulator({
      port: config.env.MOTCUA_NATIONAL_PORTAL_SIMULATOR_PORT,
      clientId: config.env.NATIONAL_PORTAL_CLIENT_ID,
      secret,
      procedures: demoNationalCatalogue(),
    });
    Object.assign(config.env, { NATIONAL_PORTAL_URL: nationalPortalSimulator.url, NATIONAL_PORTAL_SECRET: secret });
  }
  const app = await buildApp({ config, db, clock, sso }, { logger });
  const mailSink =
    config.demo && !config.env.SMTP_URL
      ? await startMailSink({ httpPort: config.env.MOTCUA_MAIL_SINK_PORT })
      : undefined;
  const smtpUrl = config.env.SMTP_URL ?? mailSink?.smtpUrl;
  let postalSimulator: PostalSimulator | undefined;
  if (config.demo && !config.env.POSTAL_URL) {
    // Fresh secrets each start, shared with the simulator; orders walk to delivery on their own every 20 seconds.
    const secrets = {
      apiSecret: randomBytes(24).toString('base64url'),
      callbackSecret: randomBytes(24).toString('base64url'),
    };
    postalSimulator = await startPostalSimulator({
      port: config.env.MOTCUA_POSTAL_SIMULATOR_PORT,
      customerCode: config.env.POSTAL_CUSTOMER_CODE,
      ...secrets,
      autoAdvanceMs: 20_000,
    });
    Object.assign(config.env, {
      POSTAL_URL: postalSimulator.url,
      POSTAL_API_SECRET: secrets.apiSecret,
      POSTAL_CALLBACK_SECRET: secrets.callbackSecret,
    });
  }
  let smsSimulator: SmsSimulator | undefined;
  if (config.demo && !config.env.SMS_URL) {
    const keys = { apiKey: randomBytes(12).toString('hex'), secretKey: randomBytes(12).toString('hex') };
    smsSimulator = await startSmsSimulator({
      port: config.env.MOTCUA_SMS_SIMULATOR_PORT,
      brandname: config.env.SMS_BRANDNAME,
      unicode: config.env.SMS_UNICODE,
      ...keys,
    });
    Object.assign(config.env, { SMS_URL: smsSimulator.url, SMS_API_KEY: keys.apiKey, SMS_SECRET_KEY: keys.secretKey });
  }
  const worker = config.runWorker
    ? createWorker(db, clock, logger, {
        smtpUrl,
        mailFrom: config.env.MAIL_FROM,
        dataDir: config.dataDir,
        maxFileBytes: config.maxFileBytes,
        baseUrl: () => config.baseUrl,
        payments: workerPayments(config, db, clock, logger),
        postal: () => postalSettingsFrom(config.env),
        nationalPortal: nationalPortalSettingsFrom(config.env),
        sms: () => smsSettingsFrom(config.env),
        auditRetentionDays: config.env.MOTCUA_AUDIT_RETENTION_DAYS,
      })
    : undefined;
  await app.listen({ port: config.port, host: config.host });
  worker?.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.env.MOTCUA_BASE_URL ? config.baseUrl : `http://localhost:${port}`;
  // With PORT=0 the public URL (for links in mail) is only known once listening.
  config.baseUrl = url;
  nationalPortalSimulator?.setCallbackUrl(`${url}${INBOUND_PATH}`);
  paymentGateway?.setIpnUrl(config.env.PAYMENT_GATEWAY_TMN_CODE ?? '', `${url}/payments/vnpay/ipn`);
  let ssoSimulator: SsoSimulator | undefined;
  if (config.demo && !config.env.SSO_ISSUER_URL) {
    // The portal's SSO client is registered with the simulator now that its callback URL is known.
    const client = { clientId: config.env.SSO_CLIENT_ID, clientSecret: randomBytes(24).toString('base64url') };
    // Loaded only here: oidc-provider warns on import under Node 20 (it asks for 22), though it runs.
    const { startSsoSimulator } = await import('../simulators/sso/sso-simulator.ts');
    ssoSimulator = await startSsoSimulator({
      port: config.env.MOTCUA_SSO_SIMULATOR_PORT,
      clients: [{ ...client, redirectUris: [`${url}/auth/sso/callback`] }],
    });
    sso.configure({ issuer: ssoSimulator.issuer, ...client });
  }
  return {
    app,
    db,
    worker,
    seeded,
    mailSink,
    ssoSimulator,
    paymentGateway,
    postalSimulator,
    nationalPortalSimulator,
    smsSimulator,
    url,
    async stop() {
      await worker?.stop();
      await app.close();
      await mailSink?.stop();
      await ssoSimulator?.stop();
      await paymentGateway?.stop();
      await postalSimulator?.stop();
      await nationalPortalSimulator?.stop();
      await smsSimulator?.stop();
      await db.close();
    },
  };
}

/**
 * The demo pays through the gateway simulator: a terminal with a secret made for this run, and a sample transfer
 * account for the VietQR code when none is set. The IPN address is given to the simulator once the portal listens.
 */
async function startDemoGateway(config: Config): Promise<PaymentGatewaySimulator> {
  const tmnCode = config.env.PAYMENT_GATEWAY_TMN_CODE ?? 'MOTCUA01';
  const hashSecret = config.env.PAYMENT_GATEWAY_HASH_SECRET ?? randomBytes(24).toString('hex');
  const simulator = await startPaymentGatewaySimulator({
    port: config.env.MOTCUA_PAYMENT_SIMULATOR_PORT,
    terminals: [{ tmnCode, hashSecret }],
  });
  config.env = {
    ...config.env,
    PAYMENT_GATEWAY_URL: simulator.url,
    PAYMENT_GATEWAY_TMN_CODE: tmnCode,
    PAYMENT_GATEWAY_HASH_SECRET: hashSecret,
    PAYMENT_TRANSFER_ACCOUNT: config.env.PAYMENT_TRANSFER_ACCOUNT ?? '970415:113366668888:TTPVHCC TINH BINH DUONG',
  };
  return simulator;
}
