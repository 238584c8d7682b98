import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/transaction.ts';
import { fixedClock } from '../../lib/clock.ts';
import { ValidationError } from '../../lib/errors.ts';
import { runChild } from '../../testing/run-child.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import { dossierMessages } from '../../web/i18n/dossiers.ts';
import { parseDossierCode } from './dossier-code.ts';
import type { Actor, SubmitDossierInput } from './dossiers.schema.ts';
import { allocateDossierCode } from './dossiers.service.ts';
import {
  applicantOf,
  citizen,
  type DossierHarness,
  dossierHarness,
  intake,
  otherCitizen,
  pdfBytes,
  pngBytes,
  TEST_VERSION_ID,
  testProcedure,
  validForm,
} from './dossiers.testkit.ts';

const fixture = fileURLToPath(new URL('./allocate-codes.fixture.ts', import.meta.url));
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const allocate = (agency: string, at: string) =>
  inTransaction(t.db.kysely, (tx) => allocateDossierCode(tx, agency, new Date(at)));

describe('dossier code allocation', () => {
  it('numbers per agency per Vietnam reception day, from 0001', async () => {
    expect(await allocate('000.00.10.H08', '2026-10-08T01:00:00Z')).toBe('000.00.10.H08-261008-0001');
    expect(await allocate('000.00.10.H08', '2026-10-08T09:00:00Z')).toBe('000.00.10.H08-261008-0002');
    expect(await allocate('000.01.21.H08', '2026-10-08T09:00:00Z')).toBe('000.01.21.H08-261008-0001');
    // 17:30 UTC on the 8th is 00:30 on the 9th in Vietnam: a new day, a new sequence.
    expect(await allocate('000.00.10.H08', '2026-10-08T17:30:00Z')).toBe('000.00.10.H08-261009-0001');
  });

  it('gives the number back when the submitting transaction rolls back', async () => {
    await expect(
      inTransaction(t.db.kysely, async (tx) => {
        await allocateDossierCode(tx, '000.00.11.H08', new Date('2026-10-08T02:00:00Z'));
        throw new Error('submission failed');
      }),
    ).rejects.toThrow('submission failed');
    expect(await allocate('000.00.11.H08', '2026-10-08T03:00:00Z')).toBe('000.00.11.H08-261008-0001');
  });

  it('writes sequences past 9999 with more digits', async () => {
    await t.db.kysely
      .insertInto('dossier_code_counters')
      .values({ agency_identifier: '000.00.12.H08', day: '2026-10-08', last_sequence: 9999 })
      .execute();
    expect(await allocate('000.00.12.H08', '2026-10-08T03:00:00Z')).toBe('000.00.12.H08-261008-10000');
  });

  it('hands out 1,000 distinct, gap-free codes to two processes submitting at once', async () => {
    const at = '2026-11-27T03:00:00.000Z';
    const [a, b] = await Promise.all([runChild(fixture, [t.url, '500', at]), runChild(fixture, [t.url, '500', at])]);
    const codes = [...a.split('\n'), ...b.split('\n')].filter(Boolean);
    expect(new Set(codes).size).toBe(1000);
    const sequences = codes.map((c) => parseDossierCode(c).sequence).sort((x, y) => x - y);
    expect(sequences).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
  }, 120_000);
});

describe('submission', () => {
  const clock = fixedClock('2026-11-23T02:00:00.000Z');
  let h: DossierHarness;
  beforeAll(() => {
    h = dossierHarness(t.db, t.dataDir, clock);
  });

  const stored = async () => ({
    dossiers: (await t.db.kysely.selectFrom('dossiers').select('id').execute()).length,
    actions: (await t.db.kysely.selectFrom('dossier_actions').select('id').execute()).length,
    outbox: (await t.db.kysely.selectFrom('outbox').select('id').execute()).length,
    attached: (await t.db.kysely.selectFrom('files').select('id').where('ref_kind', 'is not', null).execute()).length,
  });

  const input = (overrides: Partial<SubmitDossierInput> = {}): SubmitDossierInput => ({
    submissionKey: 'submission-0001',
    procedureVersionId: TEST_VERSION_ID,
    caseCode: 'HKD',
    channel: 2,
    applicant: applicantOf(),
    form: validForm,
    components: [],
    delivery: { method: 'electronic' },
    ...overrides,
  });

  async function refusedFields(actor: Actor, submission: SubmitDossierInput) {
    const before = await stored();
    const error = await h.service.submitDossier(actor, submission).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(await stored()).toEqual(before);
    const fields = (error as ValidationError).fields;
    for (const field of fields) {
      if (field.messageKey.startsWith('dossiers.')) expect(dossierMessages.vi).toHaveProperty([field.messageKey]);
    }
    return fields.map((f) => [f.path, f.messageKey]);
  }

  it('refuses a dossier with problems, listing each with its field path, and stores nothing', async () => {
    const mine = await h.upload(pngBytes, 'anh.png', citizen.userId);
    const theirs = await h.upload(pdfBytes(1), 'cua-nguoi-khac.pdf', otherCitizen.userId);
    const fields = await refusedFields(
      citizen,
      input({
        form: { fullName: 'Nguyễn Văn An', idNumber: '12345' },
        components: [
          { code: 'DON', fileIds: [theirs] },
          { code: 'ANH', fileIds: [mine, 'no-such-file'] },
          { code: 'KHAC', fileIds: [] },
        ],
        delivery: { method: 'postal', address: '' },
      }),
    );
    expect(fields).toEqual([
      ['delivery.address', 'dossiers.submission.required'],
      ['form.sections.applicant.fields.idNumber', 'catalog.values.cccdFormat'],
      ['components.KHAC', 'dossiers.submission.unknownComponent'],
      ['components.DON.files.0', 'dossiers.submission.fileUnknown'],
      ['components.ANH.files.1', 'dossiers.submission.fileUnknown'],
    ]);
    expect((await h.files.get(mine)).refId).toBeNull();
  });

  it('refuses a dossier without its mandatory components, and files of the wrong type', async () => {
    expect(await refusedFields(citizen, input())).toEqual([['components.DON', 'dossiers.submission.componentMissing']]);
    const photo = await h.upload(pngBytes, 'don.png', citizen.userId);
    expect(await refusedFields(citizen, input({ components: [{ code: 'DON', fileIds: [photo] }] }))).toEqual([
      ['components.DON.files.0', 'dossiers.submission.fileType'],
    ]);
  });

  it('refuses attachments that together pass the per-dossier limit', async () => {
    const small = dossierHarness(t.db, t.dataDir, clock, { maxDossierBytes: pdfBytes(1).length * 2 - 1 });
    const one = await small.upload(pdfBytes(1), 'don-1.pdf', citizen.userId);
    const two = await small.upload(pdfBytes(2), 'don-2.pdf', citizen.userId);
    const error = await small.service
      .submitDossier(citizen, input({ components: [{ code: 'DON', fileIds: [one, two] }] }))
      .catch((e: unknown) => e);
    expect((error as ValidationError).fields.map((f) => [f.path, f.messageKey])).toEqual([
      ['components', 'dossiers.submission.tooLarge'],
    ]);
    const fits = await small.service.submitDossier(
      citizen,
      input({ submissionKey: 'within-limit', components: [{ code: 'DON', fileIds: [one] }] }),
    );
    expect(fits.status).toBe(1);
  });

  it('refuses unknown or forged procedure versions and cases', async () => {
    expect(await refusedFields(citizen, input({ procedureVersionId: 'version-draft-2' }))).toEqual([
      ['procedureVersionId', 'dossiers.submission.unknownVersion'],
    ]);
    expect(await refusedFields(citizen, input({ caseCode: 'NO_SUCH_CASE' }))).toEqual([
      ['caseCode', 'dossiers.submission.unknownCase'],
    ]);
  });

  it('refuses submitters on the wrong channel and a missing submission key', async () => {
    expect(await refusedFields(intake, input())).toEqual([['channel', 'dossiers.submission.submitterNotAllowed']]);
    expect(await refusedFields(citizen, input({ channel: 1 }))).toEqual([
      ['channel', 'dossiers.submission.submitterNotAllowed'],
    ]);
    expect(await refusedFields(intake, input({ channel: 1, receivingAgencyId: '000.00.99.H08' }))).toEqual([
      ['channel', 'dossiers.submission.submitterNotAllowed'],
    ]);
    expect(await refusedFields(citizen, input({ submissionKey: 'x' }))).toEqual([
      ['submissionKey', 'dossiers.submission.submissionKey'],
    ]);
    const business: Actor = { userId: 'business-1', kind: 'business', roles: [] };
    const don = await h.upload(pdfBytes(77), 'don.pdf', business.userId);
    expect(await refusedFields(business, input({ components: [{ code: 'DON', fileIds: [don] }] }))).toEqual([
      ['applicant', 'dossiers.submission.applicantType'],
    ]);
  });

  it('creates one dossier for a submission sent twice, one after the other or at once', async () => {
    const don = await h.upload(pdfBytes(2), 'don.pdf', citizen.userId);
    const submission = input({ submissionKey: 'double-click-1', components: [{ code: 'DON', fileIds: [don] }] });
    const first = await h.service.submitDossier(citizen, submission);
    const again = await h.service.submitDossier(citizen, submission);
    expect(again).toEqual(first);
    expect(first).toMatchObject({ status: 1, components: [{ code: 'DON', fileIds: [don] }] });

    const don2 = await h.upload(pdfBytes(3), 'don.pdf', citizen.userId);
    const twin = input({ submissionKey: 'double-click-2', components: [{ code: 'DON', fileIds: [don2] }] });
    const before = await stored();
    const [a, b] = await Promise.all([h.service.submitDossier(citizen, twin), h.service.submitDossier(citizen, twin)]);
    expect(a.code).toBe(b.code);
    expect(await stored()).toEqual({
      dossiers: before.dossiers + 1,
      actions: before.actions + 1,
      outbox: before.outbox + 1,
      attached: before.attached + 1,
    });
    // Another person's key is another submission.
    const don3 = await h.upload(pdfBytes(4), 'don.pdf', otherCitizen.userId);
    const theirs = await h.service.submitDossier(otherCitizen, {
      ...twin,
      components: [{ code: 'DON', fileIds: [don3] }],
    });
    expect(theirs.code).not.toBe(a.code);
  });

  it('gives a file sent with two submissions at once to one of them; the other stores nothing', async () => {
    for (let round = 0; round < 5; round++) {
      const shared = await h.upload(pdfBytes(100 + round), 'don.pdf', citizen.userId);
      const own = await h.upload(pdfBytes(200 + round), 'don.pdf', citizen.userId);
      const before = await stored();
      const outcomes = await Promise.allSettled([
        h.service.submitDossier(
          citizen,
          input({ submissionKey: `shared-a-${round}`, components: [{ code: 'DON', fileIds: [shared] }] }),
        ),
        h.service.submitDossier(
          citizen,
          input({ submissionKey: `shared-b-${round}`, components: [{ code: 'DON', fileIds: [shared, own] }] }),
        ),
      ]);
      const refused = outcomes.filter((o) => o.status === 'rejected');
      expect(refused).toHaveLength(1);
      expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
      const won = outcomes.findIndex((o) => o.status === 'fulfilled');
      // The loser's other file is not left attached to a dossier that was never written.
      expect(await stored()).toEqual({
        dossiers: before.dossiers + 1,
        actions: before.actions + 1,
        outbox: before.outbox + 1,
        attached: before.attached + (won === 0 ? 1 : 2),
      });
    }
  });

  it('flags a document reused from an earlier dossier of the same applicant, and refuses a claimed reuse', async () => {
    const don = await h.upload(pdfBytes(40), 'don.pdf', citizen.userId);
    const earlier = await h.service.submitDossier(
      citizen,
      input({ submissionKey: 'reuse-0001', components: [{ code: 'DON', fileIds: [don] }] }),
    );
    const offered = (await h.service.reusableDocuments(citizen.userId)).filter((d) => d.dossierCode === earlier.code);
    expect(offered).toMatchObject([{ fileId: don, name: 'don.pdf', componentCode: 'DON', dossierCode: earlier.code }]);
    expect((await h.service.reusableDocuments(otherCitizen.userId)).map((d) => d.fileId)).not.toContain(don);

    const copy = await h.files.copy(don, citizen.userId);
    const reused = await h.service.submitDossier(
      citizen,
      input({
        submissionKey: 'reuse-0002',
        components: [{ code: 'DON', fileIds: [copy.id], reusedFileIds: [copy.id] }],
      }),
    );
    expect(reused.components).toEqual([{ code: 'DON', fileIds: [copy.id], reusedFileIds: [copy.id] }]);
    const row = await t.db.kysely.selectFrom('dossiers').select('reused_files').where('code', '=', reused.code);
    expect(Number((await row.executeTakeFirstOrThrow()).reused_files)).toBe(1);

    // A new upload is not a reuse, whatever the submission claims; nor is another person's document.
    const fresh = await h.upload(pdfBytes(41), 'don-moi.pdf', citizen.userId);
    expect(
      await refusedFields(
        citizen,
        input({ submissionKey: 'reuse-0003', components: [{ code: 'DON', fileIds: [fresh], reusedFileIds: [fresh] }] }),
      ),
    ).toEqual([['components.DON', 'dossiers.submission.notReusable']]);
    const theirs = await h.files.copy(don, otherCitizen.userId);
    expect(
      await refusedFields(
        otherCitizen,
        input({
          submissionKey: 'reuse-0004',
          components: [{ code: 'DON', fileIds: [theirs.id], reusedFileIds: [theirs.id] }],
        }),
      ),
    ).toEqual([['components.DON', 'dossiers.submission.notReusable']]);
  });

  it('stores the frozen case, the normalised e-form, and the submission message', async () => {
    const don = await h.upload(pdfBytes(5), 'don.pdf', citizen.userId);
    const d = await h.service.submitDossier(
      citizen,
      input({
        submissionKey: 'frozen-0001',
        form: { fullName: '  Nguyễn   Văn An ', idNumber: '074090001234', unknownKey: 'dropped' },
        components: [{ code: 'DON', fileIds: [don] }],
        onBehalf: { name: 'Lê Văn Cường', idNumber: '074090009999', relation: 'Được ủy quyền' },
      }),
    );
    const detail = await h.service.getDossier(d.code);
    expect(detail.form).toEqual({ fullName: 'Nguyễn Văn An', idNumber: '074090001234' });
    expect(detail.definition.case.code).toBe('HKD');
    expect(detail.definition.procedure.agency.id).toBe(testProcedure.agency.id);
    expect(detail.onBehalf).toEqual({ name: 'Lê Văn Cường', idNumber: '074090009999', relation: 'Được ủy quyền' });
    expect(detail.actions).toMatchObject([{ action: 'submit', role: 'applicant', attachmentIds: [don] }]);
    const message = await t.db.kysely
      .selectFrom('outbox')
      .selectAll()
      .where('dedupe_key', '=', `dossier.submitted:${d.code}`)
      .executeTakeFirstOrThrow();
    expect(message).toMatchObject({ topic: 'dossier.submitted', ordering_key: d.code });
  });
});
