import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting comes from the environment and is validated once at start-up. A bad value stops the process with a
 * message that names the variable and what it expects. The README's settings table mirrors `settings` below.
 */
const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const bool = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const url = z.url();
const hourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM (24-hour)');

export const settings = {
  PORT: { schema: port.default(3000), doc: 'HTTP port' },
  HOST: { schema: z.string().min(1).default('0.0.0.0'), doc: 'interface to listen on' },
  MOTCUA_DATA_DIR: {
    schema: z.string().min(1).default('./data'),
    doc: 'folder for the SQLite file, attachments and backups',
  },
  DATABASE_URL: {
    schema: z
      .string()
      .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'postgres://user:pass@host:5432/db or sqlite:path/to/file.db')
      .optional(),
    doc: 'database; default sqlite:<MOTCUA_DATA_DIR>/motcua.db',
  },
  MOTCUA_BASE_URL: {
    schema: url.optional(),
    doc: 'public URL of the portal (links in mail and QR codes); default http://localhost:PORT',
  },
  MOTCUA_DEMO: { schema: bool.default(true), doc: 'seed the demo province into an empty database at start' },
  MOTCUA_DEMO_PASSWORD: {
    schema: z.string().min(8, 'at least 8 characters').default('motcua@2026'),
    doc: 'password of every demo account',
  },
  MOTCUA_WORKER: { schema: bool.default(true), doc: 'run the outbox worker inside `serve`' },
  MOTCUA_PROVINCE_NAME: { schema: z.string().min(1).default('Bình Dương'), doc: 'province shown in the header' },
  MOTCUA_HOTLINE: { schema: z.string().min(1).default('1900 1234'), doc: 'hotline shown on every page' },
  MOTCUA_CONTACT_EMAIL: { schema: z.email().default('motcua@binhduong.gov.vn'), doc: 'contact e-mail in the footer' },
  MOTCUA_ZALO_URL: {
    schema: url.optional(),
    doc: "link to the help desk's Zalo account, shown in the portal's help block",
  },
  MOTCUA_TRACK_LOOKUPS_PER_MINUTE: {
    schema: positiveInt.max(10_000).default(10),
    doc: 'public dossier lookups (page and API) one client address may make per minute',
  },
  MOTCUA_MAX_FILE_MB: { schema: positiveInt.max(200).default(10), doc: 'largest attachment, in MB' },
  MOTCUA_MAX_DOSSIER_MB: { schema: positiveInt.max(2000).default(50), doc: 'all attachments of one dossier, in MB' },
  MOTCUA_DRAFT_DAYS: {
    schema: positiveInt.max(365).default(30),
    doc: 'an online application not submitted is deleted this many days after it was started',
  },
  MOTCUA_DRAFT_REMINDER_DAYS: {
    schema: z.coerce.number().int().min(0).max(60).default(3),
    doc: 'the reminder mail goes this many days before an application in progress expires (0: none)',
  },
  MOTCUA_REFERENCE_CHECK_MS: {
    schema: z.coerce.number().int().min(0).max(60_000).default(1000),
    doc: 'each process checks this often whether agencies, the published catalogue or the working calendar changed in another process',
  },
  MOTCUA_AUDIT_RETENTION_DAYS: {
    schema: z.coerce.number().int().min(0).max(36_500).default(0),
    doc: 'audit events older than this many days are deleted by the worker (0: kept forever)',
  },
  MOTCUA_CUTOFF: {
    schema: hourMinute.default('15:00'),
    doc: 'dossiers accepted at or after this Vietnam time count from the next working day',
  },
  MOTCUA_OFFICE_HOURS: {
    schema: z
      .string()
      .regex(/^\s*\d\d:\d\d-\d\d:\d\d(\s*,\s*\d\d:\d\d-\d\d:\d\d)*\s*$/, 'HH:MM-HH:MM[,HH:MM-HH:MM…]')
      .default('07:30-11:30,13:00-17:00'),
    doc: 'office hours (Vietnam time) for deadlines in working hours; day deadlines fall due at the last closing time',
  },
  MOTCUA_COUNT_RECEPTION_DAY: {
    schema: bool.default(false),
    doc: 'count the reception day as day 1 of a deadline (default: day 1 is the next working day)',
  },
  MOTCUA_FEEDBACK_REFUSE_DAYS: {
    schema: positiveInt.max(60).default(2),
    doc: 'working days within which feedback may be refused (indicator 5.2)',
  },
  MOTCUA_FEEDBACK_SUPPLEMENT_DAYS: {
    schema: positiveInt.max(60).default(5),
    doc: 'working days within which a supplement to feedback may be requested (indicator 5.2)',
  },
  MOTCUA_FEEDBACK_ANSWER_DAYS: {
    schema: positiveInt.max(120).default(15),
    doc: 'working days to answer feedback, from reception or from the supplement (indicator 5.2)',
  },
  MOTCUA_FEEDBACK_PUBLISH_DAYS: {
    schema: positiveInt.max(60).default(2),
    doc: 'working days to publish an answer to feedback (indicator 5.2)',
  },
  MOTCUA_FEEDBACK_PER_PHONE_PER_DAY: {
    schema: positiveInt.max(1000).default(5),
    doc: 'feedback submissions accepted from one phone number in 24 hours',
  },
  MOTCUA_FEEDBACK_PER_ADDRESS_PER_HOUR: {
    schema: positiveInt.max(10_000).default(20),
    doc: 'feedback submissions accepted from one client address in an hour',
  },
  MOTCUA_SESSION_SECRET: {
    schema: z.string().min(32, 'at least 32 characters').optional(),
    doc: 'secret for signed cookies; when unset, one is generated once and kept in the database',
  },
  MOTCUA_SESSION_IDLE_OFFICER_MINUTES: {
    schema: positiveInt.max(24 * 60).default(30),
    doc: 'an officer is logged out after this many minutes without a request',
  },
  MOTCUA_SESSION_IDLE_CITIZEN_MINUTES: {
    schema: positiveInt.max(24 * 60).default(120),
    doc: 'a citizen or business is logged out after this many minutes without a request',
  },
  MOTCUA_SESSION_ABSOLUTE_HOURS: {
    schema: positiveInt.max(24 * 30).default(12),
    doc: 'every session ends this many hours after login, active or not',
  },
  MOTCUA_LOGIN_MAX_FAILURES: {
    schema: positiveInt.max(100).default(5),
    doc: 'failed logins in a row before an account is locked (1 minute, doubling up to an hour)',
  },
  MOTCUA_MAIL_SINK_PORT: {
    schema: port.default(0),
    doc: 'HTTP port of the demo mail sink started when SMTP_URL is unset in demo mode (0: any free port)',
  },
  MOTCUA_SSO_SIMULATOR_PORT: {
    schema: port.default(0),
    doc: 'port of the demo SSO simulator started when SSO_ISSUER_URL is unset in demo mode (0: any free port)',
  },
  SMTP_URL: {
    schema: z
      .string()
      .regex(/^smtps?:\/\//, 'smtp://host:port')
      .optional(),
    doc: 'outgoing mail server, smtp://user:pass@host:587 (read by the notification adapter)',
  },
  MAIL_FROM: {
    schema: z.string().min(3).default('Cổng Dịch vụ công <no-reply@motcua.local>'),
    doc: 'sender of notifications',
  },
  NATIONAL_PORTAL_URL: { schema: url.optional(), doc: 'National Public Service Portal endpoint (read by its adapter)' },
  NATIONAL_PORTAL_CLIENT_ID: {
    schema: z.string().min(1).max(100).default('motcua'),
    doc: 'our client id at the national portal (X-Client-Id)',
  },
  NATIONAL_PORTAL_SECRET: {
    schema: z.string().min(16, 'at least 16 characters').optional(),
    doc: 'shared HMAC secret with the national portal; both set with NATIONAL_PORTAL_URL turn the link on',
  },
  NATIONAL_PORTAL_TIMEOUT_SECONDS: {
    schema: positiveInt.max(300).default(15),
    doc: 'how long a request to the national portal may take before it is retried later',
  },
  NATIONAL_PORTAL_POLL_SECONDS: {
    schema: z.coerce.number().int().min(0).max(86_400).default(0),
    doc: 'poll the national portal for new dossiers this often (0: only take its pushes)',
  },
  MOTCUA_NATIONAL_PORTAL_SIMULATOR_PORT: {
    schema: port.default(0),
    doc: 'port of the demo national portal simulator started when NATIONAL_PORTAL_URL is unset in demo mode',
  },
  PAYMENT_GATEWAY_URL: {
    schema: url.optional(),
    doc: 'VNPAY gateway base URL (payment page /paymentv2/vpcpay.html, API /merchant_webapi/api/transaction)',
  },
  PAYMENT_GATEWAY_TMN_CODE: {
    schema: z.string().min(1).max(20).optional(),
    doc: 'merchant terminal code (vnp_TmnCode)',
  },
  PAYMENT_GATEWAY_HASH_SECRET: {
    schema: z.string().min(8, 'at least 8 characters').optional(),
    doc: 'secret that signs gateway messages (vnp_HashSecret); kept only in the environment',
  },
  PAYMENT_ATTEMPT_MINUTES: {
    schema: positiveInt.max(24 * 60).default(15),
    doc: 'an online payment attempt expires after this many minutes; a new one can then start',
  },
  PAYMENT_TRANSFER_ACCOUNT: {
    schema: z
      .string()
      .regex(/^\d{6}:[0-9A-Za-z]{4,19}:[^:]{1,70}$/, 'BIN:ACCOUNT:NAME, e.g. 970415:113366668888:TTPVHCC TINH')
      .optional(),
    doc: 'bank account for fee transfers shown as a VietQR code: bank BIN, account number, account name',
  },
  MOTCUA_PAYMENT_SIMULATOR_PORT: {
    schema: port.default(0),
    doc: 'port of the demo payment gateway simulator started when PAYMENT_GATEWAY_URL is unset in demo mode',
  },
  POSTAL_URL: { schema: url.optional(), doc: 'public postal service endpoint (read by its adapter)' },
  POSTAL_CUSTOMER_CODE: {
    schema: z.string().min(1).max(30).default('MOTCUA'),
    doc: 'customer code the postal service issued to the province',
  },
  POSTAL_API_SECRET: {
    schema: z.string().min(16).optional(),
    doc: 'secret that signs orders sent to the postal service',
  },
  POSTAL_CALLBACK_SECRET: {
    schema: z.string().min(16).optional(),
    doc: 'secret the postal service signs its status callbacks with',
  },
  POSTAL_TIMEOUT_MS: {
    schema: positiveInt.max(120_000).default(10_000),
    doc: 'timeout of one call to the postal service',
  },
  POSTAL_OFFICE_NAME: {
    schema: z.string().min(1).max(100).default('Trung tâm Phục vụ hành chính công tỉnh Bình Dương'),
    doc: 'the one-stop office on postal orders: sender of results, receiver of pickups',
  },
  POSTAL_OFFICE_PHONE: {
    schema: z
      .string()
      .regex(/^(0\d{9,10}|1[89]00\d{4,6})$/, '0xxxxxxxxx or 1900xxxx')
      .default('02743822792'),
    doc: 'phone of the one-stop office on postal orders',
  },
  POSTAL_OFFICE_PROVINCE: {
    schema: z
      .string()
      .regex(/^\d{2}$/, 'two digits')
      .default('74'),
    doc: 'province code of the office',
  },
  POSTAL_OFFICE_WARD: {
    schema: z
      .string()
      .regex(/^\d{5}$/, 'five digits')
      .default('25741'),
    doc: 'ward code of the office',
  },
  POSTAL_OFFICE_ADDRESS: {
    schema: z.string().min(5).max(250).default('Tầng 1, Tháp A, Trung tâm Hành chính tập trung tỉnh, đường Lê Lợi'),
    doc: 'street address of the office on postal orders',
  },
  MOTCUA_POSTAL_SIMULATOR_PORT: {
    schema: port.default(0),
    doc: 'port of the demo postal simulator started when POSTAL_URL is unset in demo mode (0: any free port)',
  },
  SMS_URL: { schema: url.optional(), doc: 'SMS brandname gateway endpoint (read by its adapter)' },
  SMS_API_KEY: { schema: z.string().min(8).optional(), doc: 'API key of the SMS gateway account' },
  SMS_SECRET_KEY: { schema: z.string().min(8).optional(), doc: 'secret key of the SMS gateway account' },
  SMS_BRANDNAME: {
    schema: z
      .string()
      .regex(/^[A-Za-z0-9 ._-]{1,11}$/, 'at most 11 letters, digits, spaces, . _ -')
      .default('MOTCUA'),
    doc: 'registered brandname the messages come from',
  },
  SMS_UNICODE: { schema: bool.default(false), doc: 'the gateway account may send Vietnamese with diacritics' },
  SMS_TIMEOUT_MS: { schema: positiveInt.max(120_000).default(10_000), doc: 'timeout of one call to the SMS gateway' },
  MOTCUA_SMS_SIMULATOR_PORT: {
    schema: port.default(0),
    doc: 'port of the demo SMS gateway simulator started when SMS_URL is unset in demo mode (0: any free port)',
  },
  SSO_ISSUER_URL: { schema: url.optional(), doc: 'OpenID Connect issuer of the national SSO (read by the SSO login)' },
  SSO_CLIENT_ID: { schema: z.string().min(1).default('motcua'), doc: 'client id registered with the SSO issuer' },
  SSO_CLIENT_SECRET: { schema: z.string().min(1).optional(), doc: 'client secret registered with the SSO issuer' },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    doc: 'log level',
  },
  TRUST_PROXY: { schema: bool.default(false), doc: 'trust X-Forwarded-* (behind a load balancer)' },
} as const;

type Settings = typeof settings;
export type Env = { [K in keyof Settings]: z.output<Settings[K]['schema']> };

export interface Config {
  env: Env;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  dialect: 'sqlite' | 'postgres';
  baseUrl: string;
  demo: boolean;
  demoPassword: string;
  runWorker: boolean;
  maxFileBytes: number;
  maxDossierBytes: number;
  cutoff: string;
  officeHours: string;
  countReceptionDay: boolean;
  sessions: { officerIdleSeconds: number; citizenIdleSeconds: number; absoluteSeconds: number };
  maxLoginFailures: number;
  feedback: {
    deadlines: { refuseDays: number; supplementDays: number; answerDays: number; publishDays: number };
    limits: { perPhonePerDay: number; perAddressPerHour: number };
  };
  province: { name: string; hotline: string; email: string; zalo?: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const env = {} as Record<string, unknown>;
  const problems: string[] = [];
  for (const [name, { schema, doc }] of Object.entries(settings)) {
    const raw = source[name];
    const result = (schema as z.ZodType).safeParse(raw === '' ? undefined : raw);
    if (result.success) env[name] = result.data;
    else problems.push(`${name}=${JSON.stringify(raw)}: expected ${describe(result.error)} (${doc})`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return fromEnv(env as Env);
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => i.message).join('; ');
}

function fromEnv(env: Env): Config {
  const dataDir = path.resolve(env.MOTCUA_DATA_DIR);
  const databaseUrl = env.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'motcua.db')}`;
  return {
    env,
    port: env.PORT,
    host: env.HOST,
    dataDir,
    databaseUrl,
    dialect: databaseUrl.startsWith('sqlite:') ? 'sqlite' : 'postgres',
    baseUrl: (env.MOTCUA_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    demo: env.MOTCUA_DEMO,
    demoPassword: env.MOTCUA_DEMO_PASSWORD,
    runWorker: env.MOTCUA_WORKER,
    maxFileBytes: env.MOTCUA_MAX_FILE_MB * 1024 * 1024,
    maxDossierBytes: env.MOTCUA_MAX_DOSSIER_MB * 1024 * 1024,
    cutoff: env.MOTCUA_CUTOFF,
    officeHours: env.MOTCUA_OFFICE_HOURS,
    countReceptionDay: env.MOTCUA_COUNT_RECEPTION_DAY,
    sessions: {
      officerIdleSeconds: env.MOTCUA_SESSION_IDLE_OFFICER_MINUTES * 60,
      citizenIdleSeconds: env.MOTCUA_SESSION_IDLE_CITIZEN_MINUTES * 60,
      absoluteSeconds: env.MOTCUA_SESSION_ABSOLUTE_HOURS * 3600,
    },
    maxLoginFailures: env.MOTCUA_LOGIN_MAX_FAILURES,
    feedback: {
      deadlines: {
        refuseDays: env.MOTCUA_FEEDBACK_REFUSE_DAYS,
        supplementDays: env.MOTCUA_FEEDBACK_SUPPLEMENT_DAYS,
        answerDays: env.MOTCUA_FEEDBACK_ANSWER_DAYS,
        publishDays: env.MOTCUA_FEEDBACK_PUBLISH_DAYS,
      },
      limits: {
        perPhonePerDay: env.MOTCUA_FEEDBACK_PER_PHONE_PER_DAY,
        perAddressPerHour: env.MOTCUA_FEEDBACK_PER_ADDRESS_PER_HOUR,
      },
    },
    province: {
      name: env.MOTCUA_PROVINCE_NAME,
      hotline: env.MOTCUA_HOTLINE,
      email: env.MOTCUA_CONTACT_EMAIL,
      ...(env.MOTCUA_ZALO_URL && { zalo: env.MOTCUA_ZALO_URL }),
    },
  };
}
