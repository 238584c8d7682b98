import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { vietnamDateOf } from '../../lib/vn-time.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import { DeadlineEngine } from '../calendar/deadline.ts';
import { WorkingCalendar } from '../calendar/working-calendar.ts';
import type { Actor, DossierView } from './dossiers.schema.ts';
import { deadlineFlags } from './dossiers.service.ts';
import {
  applicantOf,
  citizen,
  DEPARTMENT,
  type DossierHarness,
  dossierHarness,
  intake,
  OTHER_DEPARTMENT,
  otherCitizen,
  pdfBytes,
  TEST_VERSION_ID,
} from './dossiers.testkit.ts';

const clock = fixedClock('2026-11-19T03:00:00.000Z');
let t: TestDb;
let h: DossierHarness;
let n = 0;
beforeAll(async () => {
  t = await createTestDb();
  h = dossierHarness(t.db, t.dataDir, clock);
});
afterAll(() => t.cleanup());

async function submit(applicant: Actor, name: string, at: string): Promise<DossierView> {
  clock.set(at);
  const don = await h.upload(pdfBytes(++n), 'don.pdf', applicant.userId);
  return h.service.submitDossier(applicant, {
    submissionKey: `queue-key-${n}`,
    procedureVersionId: TEST_VERSION_ID,
    caseCode: 'HKD',
    channel: 2,
    applicant: applicantOf(name),
    form: { fullName: name, idNumber: '074090001234' },
    components: [{ code: 'DON', fileIds: [don] }],
    delivery: { method: 'counter' },
  });
}

const accept = (d: DossierView) => h.service.act(d.code, intake, { action: 'accept' }, d.version);
const codes = (page: { items: { code: string }[] }) => page.items.map((i) => i.code);

describe('officer queues', () => {
  let overdue: DossierView;
  let soon: DossierView;
  let later: DossierView;
  let waiting: DossierView;
  let paused: DossierView;
  beforeAll(async () => {
    // Accepted Thursday 19 (due Tuesday 24), Monday 23 (due Thursday 26), Tuesday 24 (due Friday 27), 10:00 each.
    overdue = await accept(await submit(citizen, 'Trần Thị Bình', '2026-11-19T03:00:00.000Z'));
    later = await accept(await submit(citizen, 'Lê Văn Cường', '2026-11-24T03:00:00.000Z'));
    soon = await accept(await submit(otherCitizen, 'Phạm Minh Đức', '2026-11-23T03:00:00.000Z'));
    waiting = await submit(citizen, 'Võ Thị Em', '2026-11-25T03:00:00.000Z');
    const toPause = await accept(await submit(citizen, 'Đặng Văn Giang', '2026-11-25T04:00:00.000Z'));
    paused = await h.service.act(
      toPause.code,
      intake,
      { action: 'request_supplement', missing: ['Bản sao hợp đồng thuê nhà'] },
      toPause.version,
    );
    // Thursday 26 at 09:00 in Vietnam.
    clock.set('2026-11-26T02:00:00.000Z');
  });

  it('lists a stage soonest due first, with due-soon and overdue flags', async () => {
    const page = await h.service.officerQueue({ agencyIds: [DEPARTMENT], stage: 'received', sort: 'due_at' });
    expect(page).toMatchObject({ total: 3, page: 1, limit: 20 });
    expect(page.items.map((i) => [i.code, i.dueDate, i.dueSoon, i.overdue])).toEqual([
      [overdue.code, '2026-11-24', false, true],
      [soon.code, '2026-11-26', true, false],
      [later.code, '2026-11-27', false, false],
    ]);
  });

  it('shows each stage its own statuses, and nothing of other agencies', async () => {
    expect(codes(await h.service.officerQueue({ agencyIds: [DEPARTMENT], stage: 'awaitingIntake' }))).toEqual([
      waiting.code,
    ]);
    const supplement = await h.service.officerQueue({ agencyIds: [DEPARTMENT], stage: 'awaitingSupplement' });
    expect(supplement.items).toMatchObject([{ code: paused.code, paused: true, dueSoon: false, overdue: false }]);
    expect((await h.service.officerQueue({ agencyIds: [OTHER_DEPARTMENT], stage: 'received' })).total).toBe(0);
    expect((await h.service.officerQueue({ agencyIds: [], stage: 'received' })).total).toBe(0);
    expect((await h.service.officerQueue({ agencyIds: [DEPARTMENT], stage: 'closed' })).total).toBe(0);
  });

  it('pages and searches by code prefix or by the applicant’s name without accents', async () => {
    const second = await h.service.officerQueue({ agencyIds: [DEPARTMENT], stage: 'received', page: 2, limit: 2 });
    expect(second).toMatchObject({ total: 3, page: 2, limit: 2 });
    expect(codes(second)).toEqual([later.code]);
    const byName = await h.service.officerQueue({ agencyIds: [DEPARTMENT], stage: 'received', search: 'tran THI' });
    expect(codes(byName)).toEqual([overdue.code]);
    const byCode = await h.service.officerQueue({
      agencyIds: [DEPARTMENT],
      stage: 'received',
      search: soon.code.toLowerCase(),
    });
    expect(codes(byCode)).toEqual([soon.code]);
    const wildcard = await h.service.officerQueue({ agencyIds: [DEPARTMENT], stage: 'received', search: '%' });
    expect(wildcard.total).toBe(3);
  });

  it('counts a queue only up to the cap, or to the end of the page asked for, and says there are more', async () => {
    const capped = dossierHarness(t.db, t.dataDir, clock, { queueCountCap: 2 }).service;
    const first = await capped.officerQueue({ agencyIds: [DEPARTMENT], stage: 'received', limit: 1 });
    expect(first).toMatchObject({ total: 2, more: true });
    expect(codes(first)).toEqual([overdue.code]);
    const third = await capped.officerQueue({ agencyIds: [DEPARTMENT], stage: 'received', page: 3, limit: 1 });
    expect(third).toMatchObject({ total: 3, more: false });
    expect(codes(third)).toEqual([later.code]);
    const exact = dossierHarness(t.db, t.dataDir, clock, { queueCountCap: 3 }).service;
    expect(await exact.officerQueue({ agencyIds: [DEPARTMENT], stage: 'received' })).toMatchObject({
      total: 3,
      more: false,
    });
  });

  it('lists an applicant’s own dossiers, newest first', async () => {
    expect((await h.service.applicantDossiers(citizen.userId)).map((d) => d.code)).toEqual([
      paused.code,
      waiting.code,
      later.code,
      overdue.code,
    ]);
    expect((await h.service.applicantDossiers(otherCitizen.userId)).map((d) => d.code)).toEqual([soon.code]);
  });
});

describe('deadlineFlags', () => {
  const calendar = new WorkingCalendar();
  const engine = new DeadlineEngine(calendar);
  const instant = fc
    .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') })
    .map((ms) => new Date(Math.floor(ms / 60_000) * 60_000));

  it('agrees with the deadline engine’s isDueSoon and isOverdue', () => {
    // Due dates from ten days before to fifteen days after now, to the minute.
    const offset = fc.integer({ min: -10 * 1440, max: 15 * 1440 }).map((minutes) => minutes * 60_000);
    fc.assert(
      fc.property(instant, offset, fc.integer({ min: 0, max: 5 }), (now, ms, threshold) => {
        const due = new Date(now.getTime() + ms);
        const soonBoundary = calendar.addWorkingDays(vietnamDateOf(now), threshold);
        expect(deadlineFlags(due.toISOString(), vietnamDateOf(due), now.toISOString(), soonBoundary)).toEqual({
          dueSoon: engine.isDueSoon(now, due, threshold),
          overdue: engine.isOverdue(now, due),
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('has no flags without a due date', () => {
    expect(deadlineFlags(null, null, '2026-11-26T02:00:00.000Z', '2026-11-27')).toEqual({
      dueSoon: false,
      overdue: false,
    });
  });
});
