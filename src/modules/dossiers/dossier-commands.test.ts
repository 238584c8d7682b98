import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import { dossierMessages } from '../../web/i18n/dossiers.ts';
import type { DossierCommand, DossierView } from './dossiers.schema.ts';
import {
  applicantOf,
  cashier,
  citizen,
  DEPARTMENT,
  type DossierHarness,
  dossierHarness,
  intake,
  leader,
  ONE_STOP_CENTRE,
  OTHER_DEPARTMENT,
  otherCitizen,
  otherIntake,
  paymentGateway,
  pdfBytes,
  pngBytes,
  processor,
  TEST_VERSION_ID,
  validForm,
} from './dossiers.testkit.ts';

// Monday 23 November 2026, 09:00 in Vietnam; no holiday that week or the next.
const clock = fixedClock('2026-11-23T02:00:00.000Z');
let t: TestDb;
let h: DossierHarness;
let keys = 0;
beforeAll(async () => {
  t = await createTestDb();
  h = dossierHarness(t.db, t.dataDir, clock);
});
afterAll(() => t.cleanup());

async function submitOnline(): Promise<DossierView> {
  const don = await h.upload(pdfBytes(keys), 'don.pdf', citizen.userId);
  return h.service.submitDossier(citizen, {
    submissionKey: `key-commands-${++keys}`,
    procedureVersionId: TEST_VERSION_ID,
    caseCode: 'HKD',
    channel: 2,
    applicant: applicantOf(),
    form: validForm,
    components: [{ code: 'DON', fileIds: [don] }],
    delivery: { method: 'electronic' },
  });
}

async function step(d: DossierView, actor: typeof intake, command: DossierCommand): Promise<DossierView> {
  return h.service.act(d.code, actor, command, d.version);
}

async function accepted(): Promise<DossierView> {
  return step(await submitOnline(), intake, { action: 'accept' });
}

async function processing(): Promise<DossierView> {
  return step(await accepted(), leader, { action: 'assign', assigneeId: processor.userId });
}

const counts = async (dossierId: string) => ({
  actions: (await t.db.kysely.selectFrom('dossier_actions').select('id').where('dossier_id', '=', dossierId).execute())
    .length,
  outbox: (await t.db.kysely.selectFrom('outbox').select('id').execute()).length,
});

function refusedWith(reason: string) {
  expect(dossierMessages.vi).toHaveProperty([reason]);
  return expect.objectContaining({ status: 409, code: 'transition_not_allowed', messageKey: reason });
}

describe('the lifecycle of an online dossier', () => {
  it('runs from submission to the returned result, pausing the clock for a supplement', async () => {
    clock.set('2026-11-23T02:00:00.000Z');
    const submitted = await submitOnline();
    expect(submitted).toMatchObject({ status: 1, version: 1, receivingAgencyId: DEPARTMENT, dueAt: null });
    expect(submitted.code).toMatch(/^000\.00\.10\.H08-261123-\d{4}$/);

    // Accepted Monday 10:00: three working days from the next day, due Thursday 26 at 17:00.
    clock.set('2026-11-23T03:00:00.000Z');
    const received = await step(submitted, intake, { action: 'accept' });
    expect(received).toMatchObject({
      status: 2,
      version: 2,
      dueAt: '2026-11-26T10:00:00.000Z',
      dueDate: '2026-11-26',
      currentStep: { index: 1, code: 'THAM_DINH' },
      currentAgencyId: DEPARTMENT,
    });

    // Supplement requested Tuesday, answered Thursday: the two working days in between move the due date.
    clock.set('2026-11-24T02:00:00.000Z');
    const waiting = await step(received, intake, {
      action: 'request_supplement',
      missing: ['Ảnh chụp căn cước của chủ hộ', 'Giấy đề nghị có chữ ký'],
    });
    expect(waiting).toMatchObject({ status: 5, pausedAt: '2026-11-24T02:00:00.000Z', supplementCount: 1 });
    clock.set('2026-11-26T02:00:00.000Z');
    const photo = await h.upload(pngBytes, 'anh.png', citizen.userId);
    const resumed = await step(waiting, citizen, {
      action: 'receive_supplement',
      components: [{ code: 'ANH', fileIds: [photo] }],
    });
    expect(resumed).toMatchObject({
      status: 2,
      pausedAt: null,
      dueAt: '2026-11-30T10:00:00.000Z',
      dueDate: '2026-11-30',
      totalPausedMs: 2 * 86_400_000,
    });
    expect(resumed.components).toEqual([
      { code: 'DON', fileIds: submitted.components[0]!.fileIds },
      { code: 'ANH', fileIds: [photo] },
    ]);

    const assigned = await step(resumed, leader, { action: 'assign', assigneeId: processor.userId });
    expect(assigned).toMatchObject({ status: 4, assigneeId: processor.userId });
    const forwarded = await step(assigned, processor, { action: 'forward', comment: 'Đủ điều kiện cấp' });
    expect(forwarded).toMatchObject({ status: 4, currentStep: { code: 'PHE_DUYET' }, assigneeId: processor.userId });
    const approved = await step(forwarded, leader, { action: 'approve' });
    expect(approved.currentStep.code).toBe('TRA_KET_QUA');
    const result = await h.upload(pdfBytes(999), 'giay-chung-nhan.pdf', processor.userId);
    clock.set('2026-11-27T04:00:00.000Z');
    const resolved = await step(approved, processor, { action: 'resolve', resultFileIds: [result] });
    expect(resolved).toMatchObject({ status: 9, resolvedAt: '2026-11-27T04:00:00.000Z' });
    const returned = await step(resolved, intake, { action: 'return_result' });
    expect(returned).toMatchObject({ status: 10, version: 9 });

    const detail = await h.service.getDossier(submitted.code);
    expect(detail.actions.map((a) => [a.action, a.role, a.oldStatus, a.newStatus])).toEqual([
      ['submit', 'applicant', null, 1],
      ['accept', 'intake', 1, 2],
      ['request_supplement', 'intake', 2, 5],
      ['receive_supplement', 'applicant', 5, 2],
      ['assign', 'leader', 2, 4],
      ['forward', 'processor', 4, 4],
      ['approve', 'leader', 4, 4],
      ['resolve', 'processor', 4, 9],
      ['return_result', 'intake', 9, 10],
    ]);
    expect(detail.actions[2]).toMatchObject({
      oldDueAt: '2026-11-26T10:00:00.000Z',
      newDueAt: '2026-11-26T10:00:00.000Z',
      data: { missing: ['Ảnh chụp căn cước của chủ hộ', 'Giấy đề nghị có chữ ký'], requestNumber: 1 },
    });
    expect(detail.actions[3]).toMatchObject({ newDueAt: '2026-11-30T10:00:00.000Z', attachmentIds: [photo] });
    expect(detail.actions[7]).toMatchObject({ attachmentIds: [result], agencyId: DEPARTMENT });
    expect((await h.files.get(result)).refId).toBe(submitted.id);
    expect((await h.files.get(photo)).refId).toBe(submitted.id);

    const messages = await t.db.kysely
      .selectFrom('outbox')
      .select(['topic', 'payload'])
      .where('ordering_key', '=', submitted.code)
      .orderBy('id')
      .execute();
    expect(messages.map((m) => [m.topic, JSON.parse(m.payload).status])).toEqual([
      ['dossier.submitted', 1],
      ['dossier.status_changed', 2],
      ['dossier.status_changed', 5],
      ['dossier.status_changed', 2],
      ['dossier.status_changed', 4],
      ['dossier.updated', 4],
      ['dossier.updated', 4],
      ['dossier.status_changed', 9],
      ['dossier.status_changed', 10],
    ]);
    expect(JSON.parse(messages.at(-1)!.payload)).toMatchObject({ portalStatus: 'done', version: 9 });
  });

  it('pauses for payment and resumes when the gateway confirms it', async () => {
    clock.set('2026-11-23T03:00:00.000Z');
    const d = await processing();
    clock.set('2026-11-24T03:00:00.000Z');
    const paying = await step(d, cashier, { action: 'request_payment', amount: 100_000 });
    expect(paying).toMatchObject({ status: 6, pausedAt: '2026-11-24T03:00:00.000Z' });
    clock.set('2026-11-25T03:00:00.000Z');
    const paid = await step(paying, paymentGateway, {
      action: 'confirm_payment',
      amount: 100_000,
      method: 'online',
      reference: 'dvc-123',
    });
    expect(paid).toMatchObject({ status: 4, pausedAt: null, dueDate: '2026-11-27' });
  });

  it('counts a supplement request at reception without pausing a clock that has not started', async () => {
    clock.set('2026-11-23T03:00:00.000Z');
    const d = await submitOnline();
    const waiting = await step(d, intake, { action: 'request_supplement', missing: ['Giấy đề nghị bản gốc'] });
    expect(waiting).toMatchObject({ status: 5, pausedAt: null, supplementCount: 1 });
    const back = await step(waiting, intake, { action: 'receive_supplement' });
    expect(back).toMatchObject({ status: 1, dueAt: null, totalPausedMs: 0 });
    const again = await step(back, intake, { action: 'request_supplement', missing: ['Lần hai'] });
    expect(again.supplementCount).toBe(2);
    const detail = await h.service.getDossier(d.code);
    expect(detail.actions.at(-1)!.data).toMatchObject({ requestNumber: 2, beforeAcceptance: true });
  });

  it('routes a counter submission from the one-stop centre to the implementing department', async () => {
    clock.set('2026-11-23T03:00:00.000Z');
    const scan = await h.upload(pdfBytes(4242), 'scan.pdf', intake.userId);
    const d = await h.service.submitDossier(intake, {
      submissionKey: 'counter-0001',
      procedureVersionId: TEST_VERSION_ID,
      caseCode: 'HKD',
      channel: 1,
      receivingAgencyId: ONE_STOP_CENTRE,
      applicant: applicantOf('Trần Thị Bình'),
      form: { fullName: 'Trần Thị Bình', idNumber: '074090005678' },
      components: [{ code: 'DON', fileIds: [scan] }],
      delivery: { method: 'postal', address: '12 Lê Lợi, phường Phú Cường, Bình Dương' },
    });
    expect(d.code.startsWith(`${ONE_STOP_CENTRE}-`)).toBe(true);
    expect(d.applicant.userId).toBeNull();
    const received = await step(d, intake, { action: 'accept' });
    expect(received).toMatchObject({ receivingAgencyId: ONE_STOP_CENTRE, currentAgencyId: DEPARTMENT });
    // Liên thông: forwarded to another department, where this department's leader has no say.
    const assigned = await step(received, leader, { action: 'assign', assigneeId: processor.userId });
    const away = await step(assigned, processor, { action: 'forward', toAgencyId: OTHER_DEPARTMENT });
    expect(away).toMatchObject({ currentAgencyId: OTHER_DEPARTMENT, assigneeId: null });
    await expect(step(away, leader, { action: 'approve' })).rejects.toEqual(
      refusedWith('dossiers.transition.roleNotAllowed'),
    );
    // The one-stop unit that received the dossier still serves the applicant.
    await expect(
      step(away, intake, { action: 'request_supplement', missing: ['Bản đồ vị trí'] }),
    ).resolves.toMatchObject({ status: 5 });
  });
});

describe('refused commands', () => {
  it('refuses an action the status does not allow, and changes nothing', async () => {
    const d = await accepted();
    const before = await counts(d.id);
    await expect(step(d, intake, { action: 'accept' })).rejects.toEqual(
      refusedWith('dossiers.transition.statusNotAllowed'),
    );
    await expect(step(d, processor, { action: 'resolve', resultFileIds: ['x'] })).rejects.toEqual(
      refusedWith('dossiers.transition.statusNotAllowed'),
    );
    expect(await counts(d.id)).toEqual(before);
    expect((await h.service.getDossier(d.code)).version).toBe(d.version);
  });

  it('refuses roles the table does not allow, roles held elsewhere, and people who are not the applicant', async () => {
    const d = await submitOnline();
    await expect(step(d, processor, { action: 'accept' })).rejects.toEqual(
      refusedWith('dossiers.transition.roleNotAllowed'),
    );
    await expect(step(d, otherIntake, { action: 'accept' })).rejects.toEqual(
      refusedWith('dossiers.transition.roleNotAllowed'),
    );
    await expect(step(d, otherCitizen, { action: 'withdraw' })).rejects.toEqual(
      refusedWith('dossiers.transition.roleNotAllowed'),
    );
    await expect(step(d, citizen, { action: 'withdraw', reason: 'Nộp nhầm thủ tục' })).resolves.toMatchObject({
      status: 7,
    });
  });

  it.each<[string, DossierCommand, string]>([
    ['refuse', { action: 'refuse', reason: '   ' }, 'reason'],
    ['request_supplement', { action: 'request_supplement', missing: ['', ' '] }, 'missing'],
  ])('refuses %s without what it requires, with the field path', async (_, command, path) => {
    const d = await submitOnline();
    const before = await counts(d.id);
    await expect(step(d, intake, command)).rejects.toMatchObject({
      status: 400,
      fields: [expect.objectContaining({ path })],
    });
    expect(await counts(d.id)).toEqual(before);
  });

  it('refuses a supplement of someone else’s file or of the wrong type, and changes nothing', async () => {
    const waiting = await step(await accepted(), intake, { action: 'request_supplement', missing: ['Ảnh giấy tờ'] });
    const before = await counts(waiting.id);
    const theirs = await h.upload(pngBytes, 'anh.png', otherCitizen.userId);
    await expect(
      step(waiting, citizen, { action: 'receive_supplement', components: [{ code: 'ANH', fileIds: [theirs] }] }),
    ).rejects.toMatchObject({
      status: 400,
      fields: [expect.objectContaining({ messageKey: 'files.errors.unknownUpload' })],
    });
    const pdf = await h.upload(pdfBytes(31_337), 'anh.pdf', citizen.userId);
    await expect(
      step(waiting, citizen, { action: 'receive_supplement', components: [{ code: 'ANH', fileIds: [pdf] }] }),
    ).rejects.toMatchObject({
      fields: [expect.objectContaining({ path: 'components.ANH.files.0', messageKey: 'dossiers.submission.fileType' })],
    });
    expect(await counts(waiting.id)).toEqual(before);
    expect((await h.files.get(pdf)).refId).toBeNull();
    expect(await h.service.getDossier(waiting.code)).toMatchObject({ status: 5, version: waiting.version });
  });

  it('refuses an applicant’s supplement with neither a file nor a note, and takes a note alone', async () => {
    const waiting = await step(await accepted(), intake, { action: 'request_supplement', missing: ['Giải trình'] });
    const before = await counts(waiting.id);
    await expect(step(waiting, citizen, { action: 'receive_supplement', comment: '   ' })).rejects.toMatchObject({
      status: 400,
      fields: [expect.objectContaining({ path: 'components', messageKey: 'dossiers.command.supplementEmpty' })],
    });
    expect(await counts(waiting.id)).toEqual(before);
    const answered = await step(waiting, citizen, { action: 'receive_supplement', comment: 'Đã giải trình ở đây' });
    expect(answered.status).toBe(2);
  });

  it('refuses to stop or send back without a reason, and to resolve without a result', async () => {
    const d = await processing();
    await expect(step(d, leader, { action: 'stop', reason: '' })).rejects.toMatchObject({
      fields: [expect.objectContaining({ path: 'reason', messageKey: 'dossiers.command.reasonRequired' })],
    });
    const forwarded = await step(d, processor, { action: 'forward' });
    await expect(step(forwarded, leader, { action: 'send_back', reason: '' })).rejects.toMatchObject({
      fields: [expect.objectContaining({ path: 'reason' })],
    });
    const approved = await step(forwarded, leader, { action: 'approve' });
    await expect(step(approved, leader, { action: 'resolve', resultFileIds: [] })).rejects.toMatchObject({
      fields: [expect.objectContaining({ path: 'resultFileIds' })],
    });
  });

  it('follows the workflow: no forwarding past approval, no resolving before it, no sending back before the start', async () => {
    const d = await processing();
    await expect(step(d, leader, { action: 'send_back', reason: 'Xem lại' })).rejects.toEqual(
      refusedWith('dossiers.transition.noPreviousStep'),
    );
    await expect(step(d, processor, { action: 'resolve', resultFileIds: ['x'] })).rejects.toEqual(
      refusedWith('dossiers.transition.notAtLastStep'),
    );
    const forwarded = await step(d, processor, { action: 'forward' });
    await expect(step(forwarded, processor, { action: 'forward' })).rejects.toEqual(
      refusedWith('dossiers.transition.approvalRequired'),
    );
    const back = await step(forwarded, leader, { action: 'send_back', reason: 'Bổ sung ý kiến thẩm định' });
    expect(back.currentStep.code).toBe('THAM_DINH');
    const approved = await step(await step(back, processor, { action: 'forward' }), leader, { action: 'approve' });
    await expect(step(approved, leader, { action: 'approve' })).rejects.toEqual(
      refusedWith('dossiers.transition.alreadyAtIssuingStep'),
    );
  });

  it('extends the due date with an apology only before it passes, and only to a later date', async () => {
    clock.set('2026-11-23T03:00:00.000Z');
    const d = await processing();
    expect(d.dueDate).toBe('2026-11-26');
    await expect(
      step(d, leader, { action: 'extend_with_apology', newDueDate: '2026-11-25', reason: 'Chờ ý kiến' }),
    ).rejects.toEqual(refusedWith('dossiers.transition.extensionNotLater'));
    await expect(
      step(d, leader, { action: 'extend_with_apology', newDueDate: '2026-11-31', reason: 'Chờ ý kiến' }),
    ).rejects.toMatchObject({ status: 400, fields: [expect.objectContaining({ path: 'newDueDate' })] });
    clock.set('2026-11-26T09:59:59.000Z');
    // Saturday 28 is not a working day: the new date is the end of Monday 30.
    const extended = await step(d, leader, {
      action: 'extend_with_apology',
      newDueDate: '2026-11-28',
      reason: 'Cần xác minh thực địa',
    });
    expect(extended).toMatchObject({ status: 4, dueAt: '2026-11-30T10:00:00.000Z', dueDate: '2026-11-30' });
    clock.set('2026-11-30T10:00:01.000Z');
    await expect(
      step(extended, leader, { action: 'extend_with_apology', newDueDate: '2026-12-04', reason: 'Lần nữa' }),
    ).rejects.toEqual(refusedWith('dossiers.transition.deadlinePassed'));
  });

  it('refuses a command on a version the caller did not see', async () => {
    const d = await submitOnline();
    await step(d, intake, { action: 'accept' });
    await expect(step(d, intake, { action: 'refuse', reason: 'Không thuộc thẩm quyền' })).rejects.toMatchObject({
      status: 409,
      code: 'stale_version',
    });
  });

  it('lets exactly one of two officers acting at once win', async () => {
    for (let round = 0; round < 5; round++) {
      const d = await submitOnline();
      const outcomes = await Promise.allSettled([
        step(d, intake, { action: 'accept' }),
        step(d, intake, { action: 'refuse', reason: 'Hồ sơ không thuộc thẩm quyền' }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const [lost] = outcomes.filter((o) => o.status === 'rejected');
      expect(lost?.reason).toMatchObject({ status: 409, code: 'stale_version' });
      const detail = await h.service.getDossier(d.code);
      expect(detail.version).toBe(2);
      expect(detail.actions).toHaveLength(2);
    }
  });
});

describe('the action log', () => {
  it.runIf(process.env.TEST_DATABASE_URL)('refuses UPDATE, DELETE and TRUNCATE on PostgreSQL', async () => {
    const d = await submitOnline();
    await expect(
      t.db.kysely.updateTable('dossier_actions').set({ comment: 'rewritten' }).where('dossier_id', '=', d.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.kysely.deleteFrom('dossier_actions').where('dossier_id', '=', d.id).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`truncate dossier_actions cascade`.execute(t.db.kysely)).rejects.toThrow(/append-only/);
    expect((await h.service.getDossier(d.code)).actions).toHaveLength(1);
  });

  it('refuses actions and statuses outside the table in the database itself', async () => {
    const d = await submitOnline();
    const row = {
      dossier_id: d.id,
      actor_id: intake.userId,
      role: 'intake',
      at: new Date().toISOString(),
      old_status: 1,
      new_status: 2,
    };
    await expect(
      t.db.kysely
        .insertInto('dossier_actions')
        .values({ ...row, action: 'teleport' })
        .execute(),
    ).rejects.toThrow();
    await expect(
      t.db.kysely
        .insertInto('dossier_actions')
        .values({ ...row, action: 'accept', new_status: 11 })
        .execute(),
    ).rejects.toThrow();
    await expect(
      t.db.kysely.updateTable('dossiers').set({ status: 0 }).where('id', '=', d.id).execute(),
    ).rejects.toThrow();
  });
});
