import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { startChild } from '../../testing/run-child.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import { FileService } from '../files/files.service.ts';

const fixture = fileURLToPath(new URL('./submit-loop.fixture.ts', import.meta.url));
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

/** Runs the submitting loop until it has printed `codes` codes, lets it run `extraMs` more, then kills it. */
async function runAndKill(codes: number, extraMs: number): Promise<string[]> {
  const child = startChild(fixture, [t.url, t.dataDir]);
  const printed: string[] = [];
  let err = '';
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      printed.push(...d.toString().split('\n').filter(Boolean));
      if (printed.length >= codes) resolve();
    });
    void exited.then(() => reject(new Error(`the loop ended by itself: ${err}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, extraMs));
  child.kill('SIGKILL');
  await exited;
  return printed;
}

describe('a submitting process killed at random moments', () => {
  it('leaves every dossier complete, and the sweeper leaves nothing pointing at a missing dossier', async () => {
    const printed: string[] = [];
    for (let round = 0; round < 5; round++) {
      printed.push(...(await runAndKill(1 + Math.floor(Math.random() * 4), Math.floor(Math.random() * 120))));
    }
    const { kysely } = t.db;
    const dossiers = await kysely.selectFrom('dossiers').selectAll().execute();
    const byId = new Map(dossiers.map((d) => [d.id, d]));
    expect(dossiers.length).toBeGreaterThanOrEqual(printed.length);
    expect(new Set(dossiers.map((d) => d.code))).toEqual(new Set([...dossiers.map((d) => d.code), ...printed]));

    // Sweep as if hours had passed: abandoned uploads (killed between upload and submission) go.
    const later = fixedClock(new Date(Date.now() + 3 * 3_600_000));
    const files = new FileService(
      t.db,
      { dataDir: t.dataDir, maxFileBytes: 1_000_000, unattachedTtlMs: 3_600_000 },
      later,
    );
    await files.sweep();

    const fileRows = await kysely.selectFrom('files').selectAll().execute();
    for (const file of fileRows) {
      expect(file.ref_kind).toBe('dossier');
      expect(byId.has(file.ref_id!)).toBe(true);
      expect(await files.store.has(file.sha256)).toBe(true);
    }
    const actions = await kysely.selectFrom('dossier_actions').selectAll().execute();
    const messages = await kysely.selectFrom('outbox').selectAll().execute();
    for (const d of dossiers) {
      const components = JSON.parse(d.components) as { fileIds: string[] }[];
      const attached = fileRows.filter((f) => f.ref_id === d.id).map((f) => f.id);
      expect(attached.sort()).toEqual(components.flatMap((c) => c.fileIds).sort());
      expect(attached).toHaveLength(2);
      const own = actions.filter((a) => a.dossier_id === d.id).map((a) => a.action);
      const topics = messages.filter((m) => m.ordering_key === d.code).map((m) => m.dedupe_key);
      if (d.status === 2) {
        expect(own).toEqual(['submit', 'accept']);
        expect(topics).toEqual([`dossier.submitted:${d.code}`, `dossier.status_changed:${d.code}:v2`]);
        expect(d.version).toBe(2);
      } else {
        expect(d.status).toBe(1);
        expect(own).toEqual(['submit']);
        expect(topics).toEqual([`dossier.submitted:${d.code}`]);
      }
    }
    expect(messages.every((m) => dossiers.some((d) => d.code === m.ordering_key))).toBe(true);
  }, 120_000);
});
