/** Outbound sync against the national portal simulator: happy path, outage, lost answers, throttling, garbled answers. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type NationalPortalSimulator,
  startNationalPortalSimulator,
} from '../../../simulators/national-portal/national-portal-simulator.ts';
import { fixedClock } from '../../lib/clock.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import { dossierEventTopics } from '../dossiers/dossier-notifications.ts';
import {
  applicantOf,
  citizen,
  type DossierHarness,
  dossierHarness,
  intake,
  pdfBytes,
  TEST_VERSION_ID,
  validForm,
} from '../dossiers/dossiers.testkit.ts';
import { deadLetters, OutboxWorker } from '../outbox/outbox.service.ts';
import { listExchanges } from '../partners/partners.service.ts';
import { NationalPortalClient, NationalPortalError, type NationalPortalSettings } from './national-portal.client.ts';
import { syncRate } from './national-portal.stats.ts';
import {
  nationalPortalSyncHandler,
  nationalPortalSyncReaction,
  nationalPortalSyncTopic,
  SYNC_MAX_ATTEMPTS,
} from './national-portal.sync.ts';

const secret = 'national-portal-test-secret';
// Monday 23 November 2026, 09:00 in Vietnam.
const clock = fixedClock('2026-11-23T02:00:00.000Z');
let t: TestDb;
let sim: NationalPortalSimulator;
let h: DossierHarness;
let settings: NationalPortalSettings;

beforeAll(async () => {
  t = await createTestDb();
  sim = await startNationalPortalSimulator({ clientId: 'motcua-h08', secret });
  settings = { url: sim.url, clientId: 'motcua-h08', secret, timeoutMs: 1500 };
  h = dossierHarness(t.db, t.dataDir, clock);
});
afterAll(async () => {
  await sim.stop();
  await t.cleanup();
});
beforeEach(() => sim.recover());

function worker() {
  const reaction = nationalPortalSyncReaction(t.db, clock);
  const handlers = new Map([
    ...dossierEventTopics.map((topic) => [topic, reaction] as const),
    [
      nationalPortalSyncTopic,
      nationalPortalSyncHandler(t.db, clock, { settings, baseUrl: () => 'https://dvc.example.vn' }),
    ],
  ]);
  // The simulator checks signatures against the real time; the worker's schedule follows the test clock.
  return new OutboxWorker(t.db, {
    handlers,
    clock,
    maxAttemptsByTopic: new Map([[nationalPortalSyncTopic, SYNC_MAX_ATTEMPTS]]),
    random: () => 0.5,
  });
}

async function drain(w = worker()) {
  while ((await w.runOnce()) > 0);
}

let submissions = 0;
async function submitAndAccept(): Promise<string> {
  submissions += 1;
  const file = await h.upload(pdfBytes(submissions), 'don.pdf', citizen.userId);
  const dossier = await h.service.submitDossier(citizen, {
    submissionKey: `sync-test-${submissions}-key`,
    procedureVersionId: TEST_VERSION_ID,
    caseCode: 'HKD',
    channel: 2,
    applicant: applicantOf(),
    form: validForm,
    components: [{ code: 'DON', fileIds: [file] }],
    delivery: { method: 'electronic' },
  });
  await h.service.act(dossier.code, intake, { action: 'accept' }, 1);
  return dossier.code;
}

const packetsOf = (code: string) => sim.packets.filter((p) => p.packet.MaHoSo === code);

describe('national portal sync', () => {
  it('sends one packet per dossier version, in order, with the DVCQG fields and dates', async () => {
    const code = await submitAndAccept();
    await drain();
    const packets = packetsOf(code);
    expect(packets.map((p) => [p.idempotencyKey, p.packet.TrangThaiHoSo])).toEqual([
      [`national_portal.sync:${code}:v1`, 1],
      [`national_portal.sync:${code}:v2`, 2],
    ]);
    const accepted = packets[1]?.packet as Record<string, unknown>;
    expect(accepted).toMatchObject({
      MaHoSo: code,
      MaTTHC: '1.001612.000.00.00.H08',
      MaLinhVuc: 'G17',
      KenhThucHien: 2,
      ChuHoSo: 'Nguyễn Văn An',
      SoGiayToChuHoSo: '074090001234',
      NgayNopHoSo: '20261123090000',
      NgayTiepNhan: '20261123090000',
      DuocThanhToanTrucTuyen: 0,
      HoSoCoThanhPhanSoHoa: 1,
    });
    expect(accepted.NgayHenTra).toMatch(/^\d{14}$/);
    expect(accepted.TaiLieuNop).toEqual([
      expect.objectContaining({ MaThanhPhanHoSo: 'DON', DuocSoHoa: 1, DuocTaiSuDung: 0 }),
    ]);
    expect((accepted.QuaTrinhXuLy as { TrangThai: number; NoiDungXuLy: string }[]).map((s) => s.TrangThai)).toEqual([
      1, 2,
    ]);
    const log = await listExchanges(t.db.kysely, { reference: code });
    expect(log.map((x) => x.outcome)).toEqual(['ok', 'ok']);
  });

  it('loses nothing while the partner is down for an hour, then delivers everything in order', async () => {
    const before = sim.packets.length;
    sim.failNext('500', Number.POSITIVE_INFINITY);
    const codes = [await submitAndAccept(), await submitAndAccept()];
    const w = worker();
    for (let minute = 0; minute < 60; minute++) {
      await drain(w);
      clock.advance(60_000);
    }
    expect(sim.packets.length).toBe(before);
    expect(await deadLetters(t.db.kysely)).toEqual([]);
    sim.recover();
    // Backoff is capped at 15 minutes: every message is due again within that.
    clock.advance(15 * 60_000);
    await drain(w);
    for (const code of codes) expect(packetsOf(code).map((p) => p.packet.TrangThaiHoSo)).toEqual([1, 2]);
    const failed = (await listExchanges(t.db.kysely, { reference: codes[0], limit: 500 })).filter(
      (x) => x.outcome === 'failed',
    );
    expect(failed.length).toBeGreaterThan(3);
  }, 60_000);

  it('delivers exactly once when the answer is lost, throttled or garbled (same idempotency key on retry)', async () => {
    const code = await submitAndAccept();
    sim.failNext('timeout');
    sim.failNext('429');
    sim.failNext('malformed');
    const deliveriesBefore = sim.deliveries;
    const w = worker();
    for (let i = 0; i < 10 && packetsOf(code).length < 2; i++) {
      await drain(w);
      clock.advance(60_000);
    }
    await drain(w);
    expect(packetsOf(code).map((p) => p.packet.TrangThaiHoSo)).toEqual([1, 2]);
    // Five requests made two packets: the timed-out and the garbled ones were kept once and answered again.
    expect(sim.deliveries - deliveriesBefore).toBe(5);
    const outcomes = (await listExchanges(t.db.kysely, { reference: code })).map((x) => x.outcome).reverse();
    expect(outcomes).toEqual(['failed', 'rejected', 'ok', 'ok', 'ok']);
  }, 30_000);

  it('is refused with the partner error code for a bad packet or a wrong signature', async () => {
    const client = new NationalPortalClient(t.db.kysely, settings, clock);
    const refusal = await client.sync({ MaHoSo: 'X' }, 'bad-packet-1').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(NationalPortalError);
    expect((refusal as NationalPortalError).errorCode).toBe('422');
    const forger = new NationalPortalClient(t.db.kysely, { ...settings, secret: 'not-the-shared-secret' }, clock);
    const forged = await forger.sync({ MaHoSo: 'X' }, 'bad-packet-2').catch((e: unknown) => e);
    expect((forged as NationalPortalError).errorCode).toBe('401');
    expect(sim.refusals.slice(-2).map((r) => r.errorCode)).toEqual(['422', '401']);
    const [last] = await listExchanges(t.db.kysely, { reference: 'X' });
    expect(last).toMatchObject({ outcome: 'rejected', statusCode: 401 });
  });

  it('gives the sync rate: dossiers received in the period whose sync was confirmed', async () => {
    const period = { agencyIds: ['000.00.10.H08'], from: '2026-11-23', to: '2026-11-23' };
    const before = await syncRate(t.db, h.service, period);
    expect(before.received).toBeGreaterThan(0);
    expect(before.synced).toBe(before.received);
    sim.failNext('500', Number.POSITIVE_INFINITY);
    await submitAndAccept();
    await drain();
    const after = await syncRate(t.db, h.service, period);
    expect(after).toEqual({
      received: before.received + 1,
      synced: before.received,
      rate: before.received / (before.received + 1),
    });
    expect(await syncRate(t.db, h.service, { ...period, from: '2026-11-30', to: '2026-11-30' })).toEqual({
      received: 0,
      synced: 0,
      rate: 0,
    });
  });
});
