import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, csrfFrom } from '../../testing/http.ts';
import { deliverMail, linkIn } from '../../testing/mail.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import type { ColumnField } from '../catalog/catalog.schema.ts';
import { checkValue } from '../catalog/field-rules.ts';
import { deathRegistration, multipartBody, pdfBytes, pngBytes } from '../dossiers/dossiers.http-testkit.ts';
import type { ClientRules } from './inline-validation.tsx';

const CODE = deathRegistration.procedureCode;
const applicantAnswers = {
  'form.fullName': 'Nguyễn Văn An',
  'form.birthDate': '1990-05-12',
  'form.idNumber': '074090001234',
  'form.phone': '0912345678',
  'form.email': 'congdan@example.vn',
  'form.residence.detail': 'Số 12 đường Yersin',
  'form.residence.commune': 'Phường Phú Thọ',
  'form.residence.province': 'Tỉnh Bình Dương',
  'form.relationship': 'con',
};
const deceasedAnswers = {
  'form.deceasedName': 'Nguyễn Văn Bảy',
  'form.deceasedBirthDate': '1940-01-02',
  'form.deceasedIdNumber': '074040001111',
  'form.deathDate': '2026-11-20',
  'form.deathPlace': 'Bệnh viện Đa khoa tỉnh Bình Dương',
  'form.deathNoticeNumber': '125/GBT',
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.cleanup());

async function signedIn(username = 'congdan'): Promise<Browser> {
  const browser = new Browser(t.app);
  const res = await browser.login(username, t.config.demoPassword);
  expect(res.statusCode).toBe(303);
  return browser;
}

/** Starts an application and returns the first page's path. */
async function start(browser: Browser): Promise<string> {
  const res = await browser.submit(`/apply/${CODE}`, `/apply/${CODE}`, { case: deathRegistration.caseCode });
  expect(res.statusCode).toBe(303);
  return res.headers.location as string;
}

async function postPage(browser: Browser, path: string, fields: Record<string, string>) {
  return browser.submit(path, path, fields);
}

async function upload(
  browser: Browser,
  filesPath: string,
  files: { field: string; filename: string; bytes: Buffer }[],
  fields: Record<string, string> = {},
) {
  const page = await browser.get(filesPath);
  const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"/.exec(page.body)?.[1] ?? '';
  const body = multipartBody(fields, files);
  const res = await t.app.inject({
    method: 'POST',
    url: action.replace(/&amp;/g, '&'),
    headers: { accept: 'text/html', 'content-type': body.contentType },
    cookies: browser.jar.object,
    payload: body.payload,
  });
  browser.jar.take(res);
  return res;
}

describe('online application without scripts', () => {
  it('offers "Nộp hồ sơ trực tuyến" on an online procedure and asks an anonymous visitor to sign in', async () => {
    const page = await t.app.inject({ url: `/procedures/${CODE}`, headers: { accept: 'text/html' } });
    expect(page.body).toContain(`href="/apply/${CODE}"`);
    const anonymous = await t.app.inject({ url: `/apply/${CODE}`, headers: { accept: 'text/html' } });
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toContain('/login');
  });

  it('goes from the case to the confirmation, one dossier however often submit is pressed', async () => {
    const browser = await signedIn();
    const first = await start(browser);
    expect(first).toMatch(/\/apply\/d\/[0-9a-f-]+\/form\/applicant$/);
    const draftId = first.split('/')[3] ?? '';

    // Every field is checked on the server, each message next to its field and in the summary.
    const empty = await postPage(browser, first, { 'form.fullName': '', action: 'next' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('error-summary');
    expect(empty.body).toContain('href="#f-form-birthDate"');
    expect(empty.body).toContain('id="f-form-birthDate-error"');

    const next = await postPage(browser, first, { ...applicantAnswers, 'form.idNumber': '12', action: 'next' });
    expect(next.statusCode).toBe(400);
    expect(next.body).toContain('id="f-form-idNumber-error"');

    const ok = await postPage(browser, first, { ...applicantAnswers, action: 'next' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/apply/d/${draftId}/form/deceased`);
    const deceased = await postPage(browser, ok.headers.location as string, { ...deceasedAnswers, action: 'next' });
    expect(deceased.headers.location).toBe(`/apply/d/${draftId}/files`);

    const filesPath = `/apply/d/${draftId}/files`;
    const filesPage = await browser.get(filesPath);
    expect(filesPage.body).toContain('PDF, JPEG, PNG');
    const missing = await upload(browser, filesPath, [], { action: 'next' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('id="f-file-TO_KHAI-error"');
    const wrong = await upload(browser, filesPath, [
      { field: 'file.TO_KHAI', filename: 'to-khai.pdf', bytes: pngBytes },
    ]);
    expect(wrong.statusCode).toBe(400);
    const uploaded = await upload(
      browser,
      filesPath,
      [
        { field: 'file.TO_KHAI', filename: 'to-khai.pdf', bytes: pdfBytes(1) },
        { field: 'file.GIAY_BAO_TU', filename: 'giay-bao-tu.png', bytes: pngBytes },
      ],
      { action: 'next' },
    );
    expect(uploaded.statusCode).toBe(303);
    expect(uploaded.headers.location).toBe(`/apply/d/${draftId}/delivery`);

    const deliveryPath = `/apply/d/${draftId}/delivery`;
    const noAddress = await postPage(browser, deliveryPath, { 'delivery.method': 'postal', action: 'next' });
    expect(noAddress.statusCode).toBe(400);
    expect(noAddress.body).toContain('id="f-delivery-address-detail-error"');
    const delivery = await postPage(browser, deliveryPath, { 'delivery.method': 'electronic', action: 'next' });
    expect(delivery.headers.location).toBe(`/apply/d/${draftId}/check`);

    const check = await browser.get(`/apply/d/${draftId}/check`);
    expect(check.body).toContain('Nguyễn Văn Bảy');
    expect(check.body).toContain(`href="/apply/d/${draftId}/form/deceased?return=check"`);
    expect(check.body).toContain('giay-bao-tu.png');

    // A "Change" link returns to the check page.
    const change = await postPage(browser, `/apply/d/${draftId}/form/deceased?return=check`, {
      ...deceasedAnswers,
      'form.deathPlace': 'Tại nhà riêng',
      action: 'next',
    });
    expect(change.headers.location).toBe(`/apply/d/${draftId}/check`);

    const csrf = csrfFrom((await browser.get(`/apply/d/${draftId}/check`)).body);
    const versionId = /name="procedureVersionId" value="([^"]+)"/.exec(check.body)?.[1] ?? '';
    const submitUrl = `/apply/d/${draftId}/submit`;
    const base = { _csrf: csrf, procedureVersionId: versionId, case: deathRegistration.caseCode };

    const undeclared = await browser.post(submitUrl, base);
    expect(undeclared.statusCode).toBe(400);
    expect(undeclared.body).toContain('id="f-declaration-error"');
    // The re-rendered check page switches language on its own address, not on the post-only submit URL.
    expect(undeclared.body).toContain(`class="lang-switch" href="/apply/d/${draftId}/check?lang=en"`);
    const tampered = await browser.post(submitUrl, { ...base, case: 'KHAI_TU_XAC_MINH', declaration: 'true' });
    expect(tampered.statusCode).toBe(400);

    const [a, b] = await Promise.all([
      browser.post(submitUrl, { ...base, declaration: 'true' }),
      browser.post(submitUrl, { ...base, declaration: 'true' }),
    ]);
    const again = await browser.post(submitUrl, { ...base, declaration: 'true' });
    const targets = new Set([a, b, again].map((r) => r.headers.location));
    expect(targets.size).toBe(1);
    const done = [...targets][0] as string;
    expect(done).toMatch(/^\/apply\/done\/000\.01\.21\.H08-\d{6}-\d{4}$/);
    const mine = await t.db.kysely.selectFrom('dossiers').select(['code', 'delivery_method']).execute();
    expect(mine.filter((d) => d.code === done.split('/')[3])).toHaveLength(1);
    expect(mine).toHaveLength(1);

    const confirmation = await browser.get(done);
    expect(confirmation.statusCode).toBe(200);
    expect(confirmation.body).toContain('class="dossier-code"');
    expect(confirmation.body).toContain('sẽ được xác định khi hồ sơ được tiếp nhận');
    const pdf = await browser.get(`${done}/copy.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');

    // Signed out, neither the confirmation nor the draft shows.
    expect((await new Browser(t.app).get(done)).statusCode).toBe(302);
  });
});

/** Fills both e-form sections of a new application; returns the draft's id (the documents page is next). */
async function throughSections(browser: Browser): Promise<string> {
  const first = await start(browser);
  const draftId = first.split('/')[3] ?? '';
  expect((await postPage(browser, first, { ...applicantAnswers, action: 'next' })).statusCode).toBe(303);
  const deceased = await postPage(browser, `/apply/d/${draftId}/form/deceased`, { ...deceasedAnswers, action: 'next' });
  expect(deceased.statusCode).toBe(303);
  return draftId;
}

describe('the rules an e-form page carries for inline validation', () => {
  const rulesOf = (html: string): ClientRules =>
    JSON.parse(/<script type="application\/json" id="field-rules">(.*?)<\/script>/s.exec(html)?.[1] ?? 'null');
  const messageOf = (html: string, id: string) =>
    new RegExp(`id="${id}-error" class="error-message"><span class="visually-hidden">[^<]*</span> ([^<]+)</p>`)
      .exec(html)?.[1]
      ?.trim();

  it('give the browser the same checks and the same words as the server, in the reader’s language', async () => {
    const browser = await signedIn();
    const first = await start(browser);
    const page = await browser.get(first);
    expect(page.body).toMatch(/<script src="\/scripts\/portal-apply\.js\?v=[0-9a-f]{10}" defer/);
    const rules = rulesOf(page.body);
    expect(rules.summaryTitle).toBe('Có lỗi cần sửa');
    expect(rules.rules.map((r) => (r.kind === 'form' ? '' : r.name))).toEqual(
      expect.arrayContaining(['form.fullName', 'form.idNumber', 'form.phone', 'form.residence']),
    );
    // Every wrong value below: the browser's verdict, from the page's rules, matches the server's page word for word.
    const wrong = { 'form.idNumber': '12', 'form.phone': '12345', 'form.birthDate': '2026-02-30', 'form.email': 'a@b' };
    const refused = await postPage(browser, first, { ...applicantAnswers, ...wrong, action: 'next' });
    expect(refused.statusCode).toBe(400);
    for (const [name, value] of Object.entries(wrong)) {
      const rule = rules.rules.find((r) => r.kind === 'value' && r.name === name);
      if (rule?.kind !== 'value') throw new Error(`no rule for ${name}`);
      const verdict = checkValue(rule.field as ColumnField, value);
      expect(verdict.ok, name).toBe(false);
      if (verdict.ok) continue;
      const text = (rules.messages[verdict.messageKey] ?? '').replace(/\{(\w+)\}/g, (_, p: string) =>
        String(verdict.params?.[p]),
      );
      expect(text, name).toBe(messageOf(refused.body, rule.id));
    }
    const english = rulesOf((await browser.get(`${first}?lang=en`)).body);
    expect(english.messages['catalog.values.phoneInvalid']).toBe(
      'Not a valid Vietnamese mobile number (e.g. 0912345678).',
    );
  });
});

describe('reuse and prefill', () => {
  it('reuses a document of an earlier dossier instead of an upload, and the dossier says so', async () => {
    const browser = await signedIn();
    const draftId = await throughSections(browser);
    const filesPath = `/apply/d/${draftId}/files`;
    const page = await browser.get(filesPath);
    const offered =
      /<select id="f-reuse-TO_KHAI" name="reuse.TO_KHAI"[^>]*>[\s\S]*?<option value="([0-9a-f-]{36})"/.exec(
        page.body,
      )?.[1];
    expect(offered).toBeDefined();

    // A file that is not one of the account's earlier documents is refused, and nothing is added.
    const forged = await upload(browser, filesPath, [], { 'reuse.TO_KHAI': '00000000-0000-4000-8000-000000000001' });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('id="f-reuse-TO_KHAI-error"');

    const reused = await upload(
      browser,
      filesPath,
      [{ field: 'file.GIAY_BAO_TU', filename: 'giay-bao-tu-2.pdf', bytes: pdfBytes(7) }],
      { 'reuse.TO_KHAI': offered ?? '', action: 'next' },
    );
    expect(reused.statusCode).toBe(303);
    await postPage(browser, `/apply/d/${draftId}/delivery`, { 'delivery.method': 'counter', action: 'next' });
    const check = await browser.get(`/apply/d/${draftId}/check`);
    expect(check.body).toContain('(dùng lại)');
    const versionId = /name="procedureVersionId" value="([^"]+)"/.exec(check.body)?.[1] ?? '';
    const done = await browser.post(`/apply/d/${draftId}/submit`, {
      _csrf: csrfFrom(check.body),
      procedureVersionId: versionId,
      case: deathRegistration.caseCode,
      declaration: 'true',
    });
    expect(done.statusCode).toBe(303);
    const code = (done.headers.location as string).split('/')[3] ?? '';
    const row = await t.db.kysely
      .selectFrom('dossiers')
      .select(['reused_files', 'components'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(Number(row.reused_files)).toBe(1);
    const components = JSON.parse(row.components) as { code: string; fileIds: string[]; reusedFileIds?: string[] }[];
    const toKhai = components.find((c) => c.code === 'TO_KHAI');
    expect(toKhai?.reusedFileIds).toEqual(toKhai?.fileIds);
    expect(components.find((c) => c.code === 'GIAY_BAO_TU')?.reusedFileIds).toBeUndefined();
  });

  it('fills in the profile and keeps the fields the identity provider verified', async () => {
    await t.db.kysely
      .updateTable('users')
      .set({
        full_name: 'Nguyễn Văn An',
        identity_number: '074090001234',
        verified_fields: '["fullName","identityNumber"]',
      })
      .where('username', '=', 'congdan')
      .execute();
    const browser = await signedIn();
    const first = await start(browser);
    const page = await browser.get(first);
    expect(page.body).toMatch(/name="form\.fullName" type="text" value="Nguyễn Văn An"[^>]*readonly/);
    expect(page.body).toContain('Đã xác thực');
    await postPage(browser, first, { ...applicantAnswers, 'form.fullName': 'Người Khác', action: 'next' });
    const again = await browser.get(first);
    expect(again.body).toContain('value="Nguyễn Văn An"');
    expect(again.body).not.toContain('Người Khác');
  });
});

describe('save and return', () => {
  it('mails a resume link that works from another session and lists the draft', async () => {
    const browser = await signedIn();
    const first = await start(browser);
    const draftId = first.split('/')[3] ?? '';
    const later = await postPage(browser, first, { ...applicantAnswers, 'form.phone': 'abc', action: 'later' });
    expect(later.statusCode).toBe(303);
    expect(later.headers.location).toBe(`/apply/d/${draftId}/saved?mailed=1`);
    const mails = await deliverMail(t.db);
    const mail = mails.find((m) => m.subject.includes('Đăng ký khai tử'));
    const link = linkIn(mail, '/apply/resume/');

    const elsewhere = await signedIn();
    const resumed = await elsewhere.get(link);
    expect(resumed.statusCode).toBe(303);
    expect(resumed.headers.location).toBe(first);
    const page = await elsewhere.get(first);
    expect(page.body).toContain('value="abc"');

    const list = await elsewhere.get('/my-dossiers/drafts');
    expect(list.body).toContain(`/apply/resume/${draftId}`);
    expect(list.body).toContain('Đăng ký khai tử');
  });

  it('says an unknown or expired link is gone and offers a fresh start', async () => {
    const browser = await signedIn();
    const unknown = await browser.get('/apply/resume/00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('href="/procedures"');

    const first = await start(browser);
    const draftId = first.split('/')[3] ?? '';
    await t.db.kysely
      .updateTable('application_drafts')
      .set({ expires_at: '2000-01-01T00:00:00.000Z' })
      .where('id', '=', draftId)
      .execute();
    const expired = await browser.get(`/apply/resume/${draftId}`);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain(`href="/apply/${CODE}"`);
  });
});
