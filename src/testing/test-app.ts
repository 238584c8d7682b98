import { type BuildOptions, buildApp } from '../app.ts';
import { type Config, loadConfig } from '../config.ts';
import type { App } from '../http/types.ts';
import { type Clock, systemClock } from '../lib/clock.ts';
import { seedDemo } from '../seed/seed-demo.ts';
import { createTestDb, type TestDb } from './test-db.ts';

export interface TestApp extends TestDb {
  app: App;
  config: Config;
}

/** The whole app on a fresh test database (see createTestDb), driven with `app.inject`. */
export async function createTestApp(
  options: { env?: Record<string, string>; demo?: boolean; clock?: Clock; plugins?: BuildOptions['plugins'] } = {},
): Promise<TestApp> {
  const t = await createTestDb();
  const config = loadConfig({ MOTCUA_DATA_DIR: t.dataDir, MOTCUA_SESSION_SECRET: 'x'.repeat(40), ...options.env });
  if (options.demo) await seedDemo(t.db, config.demoPassword);
  const app = await buildApp(
    { config, db: t.db, clock: options.clock ?? systemClock },
    options.plugins ? { plugins: options.plugins } : {},
  );
  await app.ready();
  return {
    ...t,
    app,
    config,
    async cleanup() {
      await app.close();
      await t.cleanup();
    },
  };
}
