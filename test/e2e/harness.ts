import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import pino from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type Running, startServer } from '../../src/runtime.ts';
import { createTestDb, type TestDb } from '../../src/testing/test-db.ts';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for headless Chromium on a machine without a network: no background traffic, no sandbox as root. */
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Harness {
  server: Running;
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

/** The real server (demo data, worker on) on a fresh test database, and a headless Chromium. */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const db: TestDb = await createTestDb({ migrate: false });
  await db.db.close();
  const config = loadConfig({
    MOTCUA_DATA_DIR: db.dataDir,
    DATABASE_URL: db.url,
    PORT: '0',
    HOST: '127.0.0.1',
    ...env,
  });
  const server = await startServer(config, pino({ level: 'warn' }));
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  return {
    server,
    browser,
    baseUrl: server.url,
    async close() {
      await browser.close();
      await server.stop();
      await db.cleanup().catch(() => {});
    },
  };
}

/** axe-core's browser bundle, read once per test file. */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe (WCAG 2.2 A/AA rules) on the page and returns the violations, described for a readable failure. axe runs
 * in the page itself and reports violations only: the pages have no frames, and the cross-frame run of the wrapper
 * library used before (a second page for every check) took 2.3 s a check where this takes about 1.2 s.
 */
export async function runAxe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe
        .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((result) =>
          result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })),
        ),
    wcagTags,
  );
  return violations.map((v) => `${v.id}: ${v.help} (${v.targets.join(', ')})`);
}

/**
 * `runAxe`, unless `E2E_AXE=0`: CI checks accessibility in the SQLite run and skips it in the PostgreSQL run of the
 * same journeys, because the pages' markup does not depend on the database (see .ci/run).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  return process.env.E2E_AXE === '0' ? [] : runAxe(page);
}

/** axe's violations and any sideways overflow of the page (phone-sized pages must not scroll sideways). */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const problems = await axeViolations(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) problems.push(`page overflows sideways by ${overflow} px`);
  return problems;
}

/** The page is axe clean and does not overflow sideways. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await accessibilityProblems(page)).toEqual([]);
}
