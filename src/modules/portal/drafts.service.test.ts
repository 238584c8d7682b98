import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import { FileService } from '../files/files.service.ts';
import * as identity from '../identity/identity.service.ts';
import { type Mail, mailTopic } from '../notifications/mail.ts';
import { OutboxWorker } from '../outbox/outbox.service.ts';
import { DraftService, draftExpiryTopic, draftReminderTopic } from './drafts.service.ts';

const DAY = 86_400_000;
const clock = fixedClock('2026-11-27T02:00:00.000Z');
let t: TestDb;
let files: FileService;
let drafts: DraftService;
let owner = '';
let other = '';

beforeEach(async () => {
  clock.set('2026-11-27T02:00:00.000Z');
  t = await createTestDb();
  files = new FileService(t.db, { dataDir: t.dataDir, maxFileBytes: 1_000_000 }, clock);
  drafts = new DraftService(t.db, files, { lifetimeDays: 30, reminderDays: 3 }, clock);
  owner = (
    await identity.createUser(t.db.kysely, {
      username: 'chu-ho-so',
      kind: 'citizen',
      fullName: 'Trần Thị Hoa',
      email: 'hoa@example.vn',
    })
  ).id;
  other = (await identity.createUser(t.db.kysely, { username: 'nguoi-khac', kind: 'citizen', fullName: 'Lê Văn Ba' }))
    .id;
});
afterEach(() => t.cleanup());

const newDraft = (accountId = owner) =>
  drafts.create({
    accountId,
    procedure: { code: '1.000656.000.00.00.H08', name: 'Đăng ký khai tử', versionId: 'v1' },
    caseCode: 'KHAI_TU',
    values: { 'form.fullName': 'Trần Thị Hoa' },
  });

/** Runs the outbox as the worker would at the clock's time, with the draft reactions; returns the mail sent. */
async function runOutbox(): Promise<Mail[]> {
  const sent: Mail[] = [];
  const handlers = drafts.outboxHandlers(() => 'https://dvc.example.vn');
  handlers.set(mailTopic, async (m) => void sent.push(m.payload as Mail));
  const worker = new OutboxWorker(t.db, { handlers, clock });
  while ((await worker.runOnce()) > 0);
  return sent;
}

describe('drafts', () => {
  it('belong to their account: another account gets the same answer as an unknown id', async () => {
    const draft = await newDraft();
    expect((await drafts.lookup(owner, draft.id)).state).toBe('open');
    expect(await drafts.lookup(other, draft.id)).toEqual({ state: 'unknown' });
    expect(await drafts.delete(other, draft.id)).toBe(false);
    expect((await drafts.listDrafts(other)).map((d) => d.id)).toEqual([]);
    expect((await drafts.listDrafts(owner)).map((d) => d.id)).toEqual([draft.id]);
  });

  it('mail a reminder three days before they expire, then go with their files', async () => {
    const draft = await newDraft();
    const file = await files.upload({
      stream: Readable.from([Buffer.from('%PDF-1.4\n%%EOF\n')]),
      filename: 'to-khai.pdf',
      uploadedBy: owner,
    });
    await drafts.addFile(draft, 'TO_KHAI', file);
    expect(draft.expiresAt).toBe(new Date(Date.parse('2026-11-27T02:00:00.000Z') + 30 * DAY).toISOString());

    clock.advance(26 * DAY);
    expect(await runOutbox()).toEqual([]);
    clock.advance(1 * DAY + 1000);
    const [reminder, ...more] = await runOutbox();
    expect(more).toEqual([]);
    expect(reminder?.to).toBe('hoa@example.vn');
    expect(reminder?.subject).toContain('sắp hết hạn');
    expect(reminder?.text).toContain(`https://dvc.example.vn/apply/resume/${draft.id}`);

    clock.advance(3 * DAY);
    await runOutbox();
    expect(await drafts.lookup(owner, draft.id)).toEqual({ state: 'unknown' });
    expect(await t.db.kysely.selectFrom('files').select('id').execute()).toEqual([]);
  });

  it('say an expired draft is expired even before the expiry message ran, and list only open drafts', async () => {
    const draft = await newDraft();
    const submitted = await newDraft();
    await drafts.markSubmitted(submitted, 'H08-261127-0001');
    expect((await drafts.listDrafts(owner)).map((d) => d.id)).toEqual([draft.id]);
    clock.advance(30 * DAY);
    expect(await drafts.listDrafts(owner)).toEqual([]);
    expect(await drafts.lookup(owner, draft.id)).toEqual({ state: 'expired', procedureCode: '1.000656.000.00.00.H08' });
    expect(await drafts.lookup(owner, draft.id)).toEqual({ state: 'unknown' });
    expect((await drafts.lookup(owner, submitted.id)).state).toBe('submitted');
  });

  it('send no reminder for a submitted draft', async () => {
    const draft = await newDraft();
    await drafts.markSubmitted(draft, 'H08-261127-0002');
    clock.advance(28 * DAY);
    expect(await runOutbox()).toEqual([]);
    const topics = await t.db.kysely.selectFrom('outbox').select(['topic', 'status']).execute();
    expect(topics.map((m) => m.topic).sort()).toEqual([draftExpiryTopic, draftReminderTopic].sort());
  });
});
