/**
 * A worker process killed while the national portal holds its answer: the restarted worker sends the same packet
 * again under the same idempotency key, so the portal keeps every dossier version exactly once, in order.
 */
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type NationalPortalSimulator,
  startNationalPortalSimulator,
} from '../../../simulators/national-portal/national-portal-simulator.ts';
import { systemClock } from '../../lib/clock.ts';
import { startChild } from '../../testing/run-child.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import {
  applicantOf,
  citizen,
  dossierHarness,
  intake,
  pdfBytes,
  TEST_VERSION_ID,
  validForm,
} from '../dossiers/dossiers.testkit.ts';

const fixture = fileURLToPath(new URL('./sync-worker.fixture.ts', import.meta.url));
const secret = 'kill-test-shared-secret';
/** Short, so the restarted worker takes over the dead one's claim within the test. */
const LOCK_MS = 1500;
let t: TestDb;
let sim: NationalPortalSimulator;
const children: ChildProcess[] = [];

beforeAll(async () => {
  t = await createTestDb();
  sim = await startNationalPortalSimulator({ clientId: 'motcua', secret });
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await sim.stop();
  await t.cleanup();
});

function startWorker(): { child: ChildProcess; exited: Promise<unknown> } {
  const child = startChild(fixture, [t.url, sim.url, secret, String(LOCK_MS)]);
  children.push(child);
  let err = '';
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  void exited.then(() => {
    if (err) process.stderr.write(err);
  });
  return { child, exited };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a worker killed mid-delivery to the national portal', () => {
  it('is delivered exactly once from the portal’s point of view after a restart', async () => {
    const h = dossierHarness(t.db, t.dataDir, systemClock);
    const file = await h.upload(pdfBytes(1), 'don.pdf', citizen.userId);
    const dossier = await h.service.submitDossier(citizen, {
      submissionKey: 'kill-test-submission-1',
      procedureVersionId: TEST_VERSION_ID,
      caseCode: 'HKD',
      channel: 2,
      applicant: applicantOf(),
      form: validForm,
      components: [{ code: 'DON', fileIds: [file] }],
      delivery: { method: 'electronic' },
    });
    await h.service.act(dossier.code, intake, { action: 'accept' }, 1);

    // The portal keeps the first packet but holds its answer; the worker is killed while it waits.
    sim.failNext('timeout');
    const first = startWorker();
    await until(() => sim.deliveries >= 1, 90_000, 'the first delivery');
    first.child.kill('SIGKILL');
    await first.exited;
    expect(sim.packets.map((p) => p.idempotencyKey)).toEqual([`national_portal.sync:${dossier.code}:v1`]);

    const second = startWorker();
    const syncMessages = () =>
      t.db.kysely
        .selectFrom('outbox')
        .select(['dedupe_key', 'status', 'attempts'])
        .where('topic', '=', 'national_portal.sync')
        .orderBy('id')
        .execute();
    await until(
      async () => (await syncMessages()).filter((m) => m.status === 'done').length === 2,
      90_000,
      'both versions delivered',
    );
    second.child.kill('SIGKILL');
    await second.exited;

    // Three requests (the held one repeated after the restart), two packets: each version once, in order.
    expect(sim.deliveries).toBe(3);
    expect(sim.packets.map((p) => [p.idempotencyKey, p.packet.TrangThaiHoSo])).toEqual([
      [`national_portal.sync:${dossier.code}:v1`, 1],
      [`national_portal.sync:${dossier.code}:v2`, 2],
    ]);
    expect(await syncMessages()).toEqual([
      { dedupe_key: `national_portal.sync:${dossier.code}:v1`, status: 'done', attempts: 2 },
      { dedupe_key: `national_portal.sync:${dossier.code}:v2`, status: 'done', attempts: 1 },
    ]);
  }, 240_000);
});
