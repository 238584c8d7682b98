// The app under test, in its own process: demo data on a fresh database (BENCH_DATABASE_URL or a temporary SQLite file),
// plus BENCH_PROCEDURES (default 2000) generated procedures in the catalogue.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { CATALOG_FORMAT, importCatalogue } from '../src/modules/catalog/catalog.transfer.ts';
import { startServer } from '../src/runtime.ts';
import { generateCatalogue } from './catalog-generator.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
const config = loadConfig({
  ...process.env,
  MOTCUA_DATA_DIR: dataDir,
  DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '',
  PORT: '0',
  HOST: '127.0.0.1',
  MOTCUA_WORKER: '0',
});
const running = await startServer(config, pino({ level: 'silent' }));
const procedures = generateCatalogue(Number(process.env.BENCH_PROCEDURES ?? 2000));
await importCatalogue(running.db.kysely, {
  format: CATALOG_FORMAT,
  formatVersion: 1,
  procedures: procedures.map((definition) => ({ status: 'published', definition })),
});
const address = running.app.server.address();
process.stdout.write(`READY ${typeof address === 'object' && address ? address.port : 0}\n`);
const stop = () => {
  void running.stop().finally(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
