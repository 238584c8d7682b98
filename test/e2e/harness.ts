import { AxeBuilder } from '@axe-core/playwright';
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

/** Runs axe (WCAG 2.2 A/AA rules) on the page and returns the violations, described for a readable failure. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
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
