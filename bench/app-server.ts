// The app under test, in its own process: demo data on a fresh database (BENCH_DATABASE_URL or a temporary SQLite file),
// plus BENCH_PROCEDURES (default 2000) generated procedures in the catalogue and, when BENCH_DOSSIERS is set, that many
// generated dossiers. Also serves the bench-only baseline `POST /bench/insert` (see below).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { CATALOG_FORMAT, importCatalogue } from '../src/modules/catalog/catalog.transfer.ts';
import { startServer } from '../src/runtime.ts';
import { generateCatalogue } from './catalog-generator.ts';
import { generateDossiers, stderrProgress } from './dossier-generator.ts';
import { startInsertBaseline } from './insert-baseline.ts';

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
const dossierCount = Number(process.env.BENCH_DOSSIERS ?? 0);
if (dossierCount > 0) {
  const started = Date.now();
  await generateDossiers(running.db.kysely, { count: dossierCount, progress: stderrProgress() });
  process.stderr.write(`dossiers: ${dossierCount} generated in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}
// The insert baseline: a bare Fastify route in this process, on the same database connection as the app.
const insertBaseline = await startInsertBaseline(running.db);
const address = running.app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
// The catalogue's search index is built on the first search: build it now, not inside the first scenario's run.
await fetch(`http://127.0.0.1:${port}/api/v1/procedures?limit=1`);
process.stdout.write(`READY ${port} insert=${insertBaseline.port}\n`);
const stop = () => {
  void Promise.all([insertBaseline.app.close(), running.stop()]).finally(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
