import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { AppError, ValidationError } from '../../lib/errors.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import type { FeedbackCommand } from './feedback.schema.ts';
import {
  FEEDBACK_REF,
  type FeedbackService,
  feedbackIndicatorSource,
  feedbackSatisfactionCounts,
} from './feedback.service.ts';
import {
  DEPARTMENT,
  feedbackService,
  OTHER_DEPARTMENT,
  PROVINCE,
  pdfStream,
  petition,
  seedAgencies,
  sender,
} from './feedback.testkit.ts';
import { isFeedbackCode } from './feedback-code.ts';

let t: TestDb;
// Thursday 26 November 2026, 09:00 in Vietnam.
const clock = fixedClock('2026-11-26T02:00:00.000Z');
let feedback: FeedbackService;
let files: ReturnType<typeof feedbackService>['files'];

beforeAll(async () => {
  t = await createTestDb();
  await seedAgencies(t.db);
  ({ feedback, files } = feedbackService(t.db, t.dataDir, clock));
});
afterAll(() => t.cleanup());

async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fields.map((f) => `${f.path}: ${f.messageKey}`);
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return `${(error as AppError).status} ${(error as AppError).code}`;
}

const outboxMail = async (code: string) =>
  (await t.db.kysely.selectFrom('outbox').selectAll().where('ordering_key', '=', code).orderBy('id').execute()).map(
    (m) => JSON.parse(m.payload) as { to: string; subject: string; text: string },
  );

async function walk(code: string, commands: FeedbackCommand[]) {
  for (const command of commands) {
    const item = await feedback.detail(code);
    await feedback.act(code, 'officer-1', command, item.version);
  }
  return feedback.detail(code);
}

describe('submitting feedback', () => {
  it('requires exactly the address, the phone and a summary, with a message per field', async () => {
    expect(await problemsOf(feedback.submit({}, sender()))).toEqual([
      'address: feedback.errors.addressRequired',
      'phone: feedback.errors.phoneRequired',
      'summary: feedback.errors.summaryRequired',
    ]);
    const minimal = await feedback.submit(
      { address: 'Thôn 3, xã An Bình', phone: '0274 3822 929', summary: 'Đường vào bộ phận một cửa bị ngập.' },
      sender(),
    );
    const item = await feedback.detail(minimal.code);
    expect(item).toMatchObject({
      fullName: '',
      category: 'other',
      phone: '02743822929',
      email: null,
      consentPublish: false,
    });
  });

  it('refuses bad values and changes nothing', async () => {
    const before = await t.db.kysely
      .selectFrom('feedback_items')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(
      await problemsOf(
        feedback.submit(
          petition({
            phone: '12345',
            email: 'not-an-email',
            category: 'gossip',
            relatedCode: '<b>x</b>',
            summary: 'x'.repeat(501),
          }),
          sender(),
        ),
      ),
    ).toEqual([
      'phone: feedback.errors.phoneInvalid',
      'email: feedback.errors.emailInvalid',
      'summary: feedback.errors.tooLong',
      'category: feedback.errors.category',
      'relatedCode: feedback.errors.relatedCode',
    ]);
    const after = await t.db.kysely
      .selectFrom('feedback_items')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('gives a tracking code unlike a dossier code, numbered per province and month, and mails a confirmation', async () => {
    const first = await feedback.submit(petition(), sender());
    const second = await feedback.submit(petition(), sender());
    expect(isFeedbackCode(first.code)).toBe(true);
    expect(first.code).toMatch(/^PA-H08-2611-\d{6}$/);
    expect(Number(second.code.slice(-6))).toBe(Number(first.code.slice(-6)) + 1);
    const [mail] = await outboxMail(first.code);
    expect(mail?.to).toBe('lan@example.vn');
    expect(mail?.subject).toBe(`Đã nhận phản ánh, kiến nghị ${first.code}`);
    // The answer is due 15 working days later: 17 December 2026, 17:00.
    expect(mail?.text).toContain('17 giờ 00 phút, ngày 17 tháng 12 năm 2026');
    expect(mail?.text).toContain(`https://dichvucong.example.vn/feedback/track?code=${first.code}`);
  });

  it('refuses the same text again within a minute as a duplicate, and takes it after the minute', async () => {
    const same = petition();
    await feedback.submit(same, sender());
    expect(await errorCode(feedback.submit({ ...same, phone: ` ${same.phone} ` }, sender('198.51.100.1')))).toBe(
      '409 duplicate_feedback',
    );
    clock.advance(61_000);
    await expect(feedback.submit(same, sender())).resolves.toMatchObject({ code: expect.any(String) });
  });

  it('refuses robots that fill the honeypot', async () => {
    expect(await problemsOf(feedback.submit(petition({ website: 'http://spam.example' }), sender()))).toEqual([
      'website: feedback.errors.spam',
    ]);
  });

  it('limits submissions per phone and per client address, counted in the database', async () => {
    const limited = feedbackService(t.db, t.dataDir, clock, {
      limits: { perPhonePerDay: 2, perAddressPerHour: 3 },
    }).feedback;
    const phone = '0987 000 111';
    await limited.submit(petition({ phone }), sender('192.0.2.1'));
    await limited.submit(petition({ phone }), sender('192.0.2.2'));
    expect(await errorCode(limited.submit(petition({ phone }), sender('192.0.2.3')))).toBe('429 rate_limited');
    await limited.submit(petition(), sender('192.0.2.9'));
    await limited.submit(petition(), sender('192.0.2.9'));
    await limited.submit(petition(), sender('192.0.2.9'));
    expect(await errorCode(limited.submit(petition(), sender('192.0.2.9')))).toBe('429 rate_limited');
    clock.advance(3_600_000);
    await expect(limited.submit(petition(), sender('192.0.2.9'))).resolves.toBeDefined();
  });

  it('attaches uploads in the same transaction, and takes earlier uploads by id only from a signed-in sender', async () => {
    const file = await files.upload({ stream: pdfStream(), filename: 'don.pdf', uploadedBy: null });
    const { code } = await feedback.submit(petition(), sender(), [file.id]);
    const item = await feedback.detail(code);
    expect(item.attachments.map((a) => a.name)).toEqual(['don.pdf']);
    expect((await files.get(file.id)).refKind).toBe(FEEDBACK_REF);
    const other = await files.upload({ stream: pdfStream(), filename: 'khac.pdf', uploadedBy: null });
    expect(await problemsOf(feedback.submit(petition({ attachmentIds: [other.id] }), sender()))).toEqual([
      'attachmentIds: feedback.errors.attachmentsNeedUpload',
    ]);
    // An upload already used by another item is refused and the submission leaves nothing behind.
    const count = async () =>
      Number(
        (await t.db.kysely.selectFrom('feedback_items').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow())
          .n,
      );
    const before = await count();
    expect(await problemsOf(feedback.submit(petition(), sender(), [file.id]))).toEqual([
      'files: files.errors.unknownUpload',
    ]);
    expect(await count()).toBe(before);
  });
});

describe('tracking by code and verifier', () => {
  it('answers an unknown code and a wrong verifier with the same 404', async () => {
    const { code } = await feedback.submit(petition({ phone: '0912 345 678' }), sender());
    await expect(feedback.track(code, '5678')).resolves.toMatchObject({ code, status: 'received', answer: null });
    await expect(feedback.track(code.toLowerCase(), '5678')).resolves.toMatchObject({ code });
    const wrong = await errorCode(feedback.track(code, '1234'));
    const unknown = await errorCode(feedback.track('PA-H08-2611-999999', '5678'));
    const malformed = await errorCode(feedback.track('H08-2611', 'abcd'));
    expect(new Set([wrong, unknown, malformed])).toEqual(new Set(['404 feedback_not_found']));
  });
});

describe('handling', () => {
  it('goes received → accepted → assigned → transferred → answered → edited → published, mailing the sender', async () => {
    const { code } = await feedback.submit(
      petition({ content: 'Cán bộ Trần Văn B, số điện thoại 0909 000 111, hẹn tôi nhiều lần.' }),
      sender(),
    );
    const item = await walk(code, [
      { action: 'accept' },
      { action: 'assign', agency: DEPARTMENT },
      { action: 'transfer', agency: OTHER_DEPARTMENT, comment: 'Thuộc thẩm quyền Sở Xây dựng' },
      { action: 'note', comment: 'Đã gọi điện xác minh với người gửi.' },
      { action: 'answer', answer: 'Sở đã kiểm tra và trả kết quả ngày 20/11.' },
      {
        action: 'edit_for_publication',
        publicSubject: 'Trễ hẹn đăng ký hộ kinh doanh',
        publicQuestion: 'Cán bộ hẹn tôi nhiều lần.',
      },
      { action: 'publish' },
    ]);
    expect(item).toMatchObject({
      status: 'published',
      assignedAgencyId: OTHER_DEPARTMENT,
      publicQuestion: 'Cán bộ hẹn tôi nhiều lần.',
      content: 'Cán bộ Trần Văn B, số điện thoại 0909 000 111, hẹn tôi nhiều lần.',
    });
    expect(item.actions.map((a) => `${a.action}:${a.newStatus}`)).toEqual([
      'submit:received',
      'accept:accepted',
      'assign:assigned',
      'transfer:assigned',
      'note:assigned',
      'answer:answered',
      'edit_for_publication:answered',
      'publish:published',
    ]);
    expect(item.actions.filter((a) => a.onTime !== null).map((a) => [a.action, a.onTime])).toEqual([
      ['answer', true],
      ['publish', true],
    ]);
    expect((await outboxMail(code)).map((m) => m.subject)).toEqual([
      `Đã nhận phản ánh, kiến nghị ${code}`,
      `Phản ánh ${code} đã được tiếp nhận xử lý`,
      `Phản ánh ${code} đã có câu trả lời`,
    ]);
    // The public page shows the edited text, never the original.
    const { items } = await feedback.published({ q: 'tre hen dang ky ho kinh doanh' });
    const shown = items.find((i) => i.code === code);
    expect(shown).toMatchObject({ subject: 'Trễ hẹn đăng ký hộ kinh doanh', agencyId: OTHER_DEPARTMENT });
    expect(JSON.stringify(items)).not.toContain('0909 000 111');
  });

  it('refuses a command the status does not allow (409), a stale version (409), and publication without consent', async () => {
    const { code } = await feedback.submit(petition({ consentPublish: false }), sender());
    expect(await errorCode(feedback.act(code, 'o', { action: 'publish' }, 1))).toBe('409 transition_refused');
    await feedback.act(code, 'o', { action: 'accept' }, 1);
    expect(await errorCode(feedback.act(code, 'o', { action: 'assign', agency: DEPARTMENT }, 1))).toBe(
      '409 stale_version',
    );
    expect(await problemsOf(feedback.act(code, 'o', { action: 'assign', agency: '000.00.77.H08' }, 2))).toEqual([
      'agency: feedback.errors.unknownAgency',
    ]);
    const answered = await walk(code, [
      { action: 'assign', agency: DEPARTMENT },
      { action: 'answer', answer: 'Đã trả lời.' },
    ]);
    expect(await errorCode(feedback.act(code, 'o', { action: 'publish' }, answered.version))).toBe('409 no_consent');
    const closed = await walk(code, [{ action: 'close_private' }]);
    expect(closed.status).toBe('answered_private');
    expect((await feedback.published({})).items.map((i) => i.code)).not.toContain(code);
  });

  it('stops the answer clock while waiting for a supplement and restarts it when the supplement arrives', async () => {
    const { code } = await feedback.submit(petition(), sender());
    const waiting = await walk(code, [{ action: 'request_supplement', comment: 'Đề nghị cho biết mã hồ sơ.' }]);
    expect(waiting).toMatchObject({ status: 'supplement_requested', answerDueAt: null, clockStartedAt: null });
    expect((await feedback.track(code, waiting.phone.slice(-4))).supplementRequest).toBe('Đề nghị cho biết mã hồ sơ.');
    clock.set('2026-12-01T02:00:00.000Z'); // Tuesday 1 December, 09:00
    const back = await walk(code, [{ action: 'receive_supplement', comment: 'Mã hồ sơ 000.00.01.H08-261102-0007.' }]);
    expect(back).toMatchObject({ status: 'received', answerDueAt: '2026-12-22T10:00:00.000Z' });
    expect(back.content).toContain('Mã hồ sơ 000.00.01.H08-261102-0007.');
  });

  it('keeps the history append-only on PostgreSQL', async () => {
    if (!process.env.TEST_DATABASE_URL) return;
    await expect(sql`update feedback_actions set comment = 'sửa'`.execute(t.db.kysely)).rejects.toThrow(/append-only/);
    await expect(sql`delete from feedback_actions`.execute(t.db.kysely)).rejects.toThrow(/append-only/);
  });
});

describe('deadlines in working days (indicator 5.2)', () => {
  // Each row: received at (Vietnam time), the step, when it was taken; the step's due instant and whether in time.
  // 2026-11-26 is a Thursday; 1 January 2027 is a holiday; 15:00 is the cut-off.
  const rows: {
    received: string;
    step: 'refuse' | 'request_supplement' | 'answer' | 'publish';
    at: string;
    due: string;
    onTime: boolean;
  }[] = [
    { received: '2026-11-26T09:00', step: 'refuse', at: '2026-11-30T16:59', due: '2026-11-30T17:00', onTime: true },
    { received: '2026-11-26T09:00', step: 'refuse', at: '2026-11-30T17:01', due: '2026-11-30T17:00', onTime: false },
    { received: '2026-11-26T15:30', step: 'refuse', at: '2026-12-01T16:00', due: '2026-12-01T17:00', onTime: true },
    {
      received: '2026-11-26T09:00',
      step: 'request_supplement',
      at: '2026-12-03T10:00',
      due: '2026-12-03T17:00',
      onTime: true,
    },
    {
      received: '2026-11-26T09:00',
      step: 'request_supplement',
      at: '2026-12-04T08:00',
      due: '2026-12-03T17:00',
      onTime: false,
    },
    { received: '2026-12-30T10:00', step: 'refuse', at: '2027-01-04T16:00', due: '2027-01-04T17:00', onTime: true },
    { received: '2026-11-26T09:00', step: 'answer', at: '2026-12-17T16:00', due: '2026-12-17T17:00', onTime: true },
    { received: '2026-11-26T09:00', step: 'answer', at: '2026-12-18T08:00', due: '2026-12-17T17:00', onTime: false },
    { received: '2026-11-26T09:00', step: 'publish', at: '2026-11-30T17:00', due: '2026-11-30T17:00', onTime: true },
    { received: '2026-11-26T09:00', step: 'publish', at: '2026-12-01T07:30', due: '2026-11-30T17:00', onTime: false },
  ];
  const vn = (local: string) => new Date(`${local}:00+07:00`).toISOString();

  for (const row of rows) {
    it(`${row.step} for an item received ${row.received}, taken ${row.at}: due ${row.due}, ${row.onTime ? 'in time' : 'late'}`, async () => {
      clock.set(vn(row.received));
      const { code } = await feedback.submit(petition(), sender());
      const { calendar } = feedbackService(t.db, t.dataDir, clock);
      const steps: Record<typeof row.step, FeedbackCommand[]> = {
        refuse: [{ action: 'refuse', reason: 'Nội dung không thuộc phạm vi tiếp nhận.' }],
        request_supplement: [{ action: 'request_supplement', comment: 'Cho biết mã hồ sơ.' }],
        answer: [
          { action: 'accept' },
          { action: 'assign', agency: DEPARTMENT },
          { action: 'answer', answer: 'Trả lời.' },
        ],
        publish: [{ action: 'publish' }],
      };
      if (row.step === 'publish') {
        // The answer was given on the day of reception; publication is counted from it.
        await walk(code, [
          { action: 'accept' },
          { action: 'assign', agency: DEPARTMENT },
          { action: 'answer', answer: 'Trả lời.' },
        ]);
        const answered = await feedback.detail(code);
        expect(answered.publishDueAt).toBe(vn(row.due));
      }
      const before = steps[row.step].slice(0, -1);
      await walk(code, before);
      clock.set(vn(row.at));
      const item = await walk(code, steps[row.step].slice(-1));
      const last = item.actions.at(-1);
      expect(last?.onTime).toBe(row.onTime);
      if (row.step !== 'publish') {
        const days = { refuse: 2, request_supplement: 5, answer: 15 }[row.step];
        expect((await calendar.dueDate(item.receivedAt, { unit: 'workingDays', value: days })).dueAt).toBe(vn(row.due));
      }
    });
  }
});

describe('satisfaction', () => {
  it('is said once by the sender after the answer, and counted per agency and period for indicator 5.3', async () => {
    clock.set('2027-02-01T02:00:00.000Z');
    const make = async (agency: string, satisfied: boolean | null, late = false) => {
      const { code } = await feedback.submit(
        petition({ phone: '0913 222 333', summary: `Mục ${Math.random()}` }),
        sender(),
      );
      await walk(code, [{ action: 'accept' }, { action: 'assign', agency }]);
      if (late) clock.advance(40 * 86_400_000);
      await walk(code, [{ action: 'answer', answer: 'Trả lời.' }, { action: 'publish' }]);
      if (late) clock.advance(-40 * 86_400_000);
      if (satisfied !== null) await feedback.rate(code, '2333', satisfied);
      return code;
    };
    const first = await make(DEPARTMENT, true);
    await make(DEPARTMENT, false, true);
    await make(DEPARTMENT, null);
    await make(OTHER_DEPARTMENT, true);
    expect(await errorCode(feedback.rate(first, '2333', false))).toBe('409 already_rated');
    const open = await feedback.submit(petition({ phone: '0913 222 333' }), sender());
    expect(await errorCode(feedback.rate(open.code, '2333', true))).toBe('409 not_answered');
    expect(await errorCode(feedback.rate(first, '0000', true))).toBe('404 feedback_not_found');
    expect(await feedback.track(first, '2333')).toMatchObject({ satisfied: true, mayRate: false, published: true });

    const counts = await feedbackSatisfactionCounts(t.db.kysely, { from: '2027-02-01', to: '2027-03-31' });
    expect(counts).toEqual([
      { agencyId: DEPARTMENT, answered: 3, satisfied: 1, dissatisfied: 1, unrated: 1, late: 1 },
      { agencyId: OTHER_DEPARTMENT, answered: 1, satisfied: 1, dissatisfied: 0, unrated: 0, late: 0 },
    ]);
    expect(await feedbackSatisfactionCounts(t.db.kysely, { from: '2027-04-01', to: '2027-04-30' })).toEqual([]);

    // The statistics module's source for 5.2 and 5.3: the late item is both late and unsatisfactory, counted once.
    const source = feedbackIndicatorSource(t.db.kysely);
    const period = { from: '2027-02-01', to: '2027-03-31' };
    expect(await source.handling(period)).toEqual({ handled: 4, onTime: 3, unsatisfactory: 1 });
    expect(await source.handling({ ...period, agency: DEPARTMENT })).toEqual({
      handled: 3,
      onTime: 2,
      unsatisfactory: 1,
    });
    expect(await source.handling({ ...period, agency: PROVINCE })).toEqual({
      handled: 4,
      onTime: 3,
      unsatisfactory: 1,
    });
    expect(await source.handling({ from: '2027-04-01', to: '2027-04-30' })).toEqual({
      handled: 0,
      onTime: 0,
      unsatisfactory: 0,
    });
  });
});

describe('the public page', () => {
  it('searches without regard to diacritics and filters by agency and category', async () => {
    clock.set('2027-05-04T02:00:00.000Z');
    const publish = async (agency: string, category: string, subject: string) => {
      const { code } = await feedback.submit(petition({ category, subject, summary: subject }), sender());
      await walk(code, [
        { action: 'accept' },
        { action: 'assign', agency },
        { action: 'answer', answer: `Trả lời về ${subject}` },
        { action: 'publish' },
      ]);
      return code;
    };
    const water = await publish(DEPARTMENT, 'regulation', 'Phí thoát nước đô thị');
    const permit = await publish(OTHER_DEPARTMENT, 'procedure', 'Giấy phép xây dựng nhà ở riêng lẻ');
    const codes = async (query: Parameters<FeedbackService['published']>[0]) =>
      (await feedback.published(query)).items.map((i) => i.code);
    expect(await codes({ q: 'PHI THOAT NUOC' })).toEqual([water]);
    expect(await codes({ q: 'giấy phép  xây' })).toEqual([permit]);
    expect(await codes({ q: 'xay dung', agency: DEPARTMENT })).toEqual([]);
    expect(await codes({ q: 'nuoc', category: 'regulation', agency: DEPARTMENT })).toEqual([water]);
    // LIKE wildcards in the query are separators, not patterns.
    expect(await codes({ q: 'phí_thoát%nước' })).toEqual([water]);
    expect(await codes({ q: '%' })).toEqual(await codes({}));
    expect(await feedback.publishingAgencies()).toEqual(expect.arrayContaining([DEPARTMENT, OTHER_DEPARTMENT]));
  });
});
