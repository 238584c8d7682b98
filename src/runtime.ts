import fs from 'node:fs';
import pino, { type Logger } from 'pino';
import { buildApp, requestLogSerializers } from './app.ts';
import type { Config } from './config.ts';
import { type Db, describeDatabaseUrl, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { App } from './http/types.ts';
import { systemClock } from './lib/clock.ts';
import type { OutboxWorker } from './modules/outbox/outbox.service.ts';
import { seedDemo } from './seed/seed-demo.ts';
import { translate } from './web/i18n/index.ts';
import { createWorker } from './worker.ts';

export class DatabaseUnreachableError extends Error {}

export function createLogger(config: Config): Logger {
  return pino({ level: config.env.LOG_LEVEL, serializers: requestLogSerializers });
}

/** Opens the database and proves it answers; the error names the host, never the password. */
export async function connect(config: Config): Promise<Db> {
  if (config.dialect === 'sqlite') fs.mkdirSync(config.dataDir, { recursive: true });
  const db = openDatabase(config.databaseUrl);
  try {
    await db.ping(5000);
  } catch (error) {
    await db.close().catch(() => {});
    const reason = (error as { code?: string }).code ?? (error as Error).message;
    throw new DatabaseUnreachableError(
      translate('vi', 'cli.noDatabase', { target: describeDatabaseUrl(config.databaseUrl), reason }),
    );
  }
  return db;
}

export interface Running {
  app: App;
  db: Db;
  worker: OutboxWorker | undefined;
  url: string;
  seeded: boolean;
  stop(): Promise<void>;
}

/** Migrates, seeds the demo province into an empty database (when enabled), serves HTTP and runs the worker. */
export async function startServer(config: Config, logger: Logger = createLogger(config)): Promise<Running> {
  const db = await connect(config);
  await migrateToLatest(db.kysely);
  const seeded = config.demo ? await seedDemo(db, config.demoPassword) : false;
  const clock = systemClock;
  const app = await buildApp({ config, db, clock }, { logger });
  const worker = config.runWorker ? createWorker(db, clock, logger) : undefined;
  await app.listen({ port: config.port, host: config.host });
  worker?.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    app,
    db,
    worker,
    seeded,
    url: config.env.MOTCUA_BASE_URL ? config.baseUrl : `http://localhost:${port}`,
    async stop() {
      await worker?.stop();
      await app.close();
      await db.close();
    },
  };
}
