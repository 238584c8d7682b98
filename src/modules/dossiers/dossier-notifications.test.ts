import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { csrfFrom } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { type Mail, mailTopic } from '../notifications/mail.ts';
import { OutboxWorker } from '../outbox/outbox.service.ts';
import { dossierEventTopics, dossierMailHandler } from './dossier-notifications.ts';
import { applicantAn, deathRegistration, multipartBody, pdfBytes } from './dossiers.http-testkit.ts';

// Tuesday 24 November 2026, 09:00 in Vietnam.
const clock = fixedClock('2026-11-24T02:00:00.000Z');
const password = 'motcua@2026';
let t: TestApp;
const sids = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp({ demo: true, clock });
  for (const username of ['congdan', 'motcua']) {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    sids.set(username, res.cookies.find((c) => c.name === 'sid')?.value ?? '');
  }
});
afterAll(() => t.cleanup());

/** Runs the dossier events through the notifier and returns the mail it queued. */
async function deliver(): Promise<Mail[]> {
  const sent: Mail[] = [];
  const notifier = dossierMailHandler(t.db, clock, () => 'https://dichvucong.example.vn');
  const handlers = new Map([
    ...dossierEventTopics.map((topic) => [topic, notifier] as const),
    [mailTopic, async (m: { payload: unknown }) => void sent.push(m.payload as Mail)] as const,
  ]);
  const worker = new OutboxWorker(t.db, { handlers, clock });
  while ((await worker.runOnce()) > 0);
  return sent;
}

async function submit(): Promise<string> {
  const cookies = { sid: sids.get('congdan') ?? '' };
  const page = await t.app.inject({ url: '/', headers: { accept: 'text/html' }, cookies });
  const components: Record<string, string[]> = {};
  for (const [i, code] of deathRegistration.components.entries()) {
    const { payload, contentType } = multipartBody({}, [{ field: 'file', filename: `t-${i}.pdf`, bytes: pdfBytes(i) }]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { 'content-type': contentType, 'x-csrf-token': csrfFrom(page.body) },
      cookies,
      payload,
    });
    components[code] = [res.json().id];
  }
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    cookies,
    payload: {
      procedureCode: deathRegistration.procedureCode,
      caseCode: deathRegistration.caseCode,
      channel: 2,
      submissionKey: `key-${Math.random().toString(36).slice(2)}`,
      applicant: applicantAn,
      form: deathRegistration.form,
      components,
      delivery: { method: 'electronic' },
    },
  });
  return res.json().code;
}

const act = (code: string, body: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${code}/actions`,
    cookies: { sid: sids.get('motcua') ?? '' },
    payload: body,
  });

describe('dossier notifications', () => {
  it('mails the applicant the appointment on acceptance and the full list of a supplement request, once each', async () => {
    const code = await submit();
    expect(await deliver()).toEqual([]);
    await act(code, { action: 'accept', expectedVersion: 1 });
    const [accepted, ...none] = await deliver();
    expect(none).toEqual([]);
    expect(accepted).toMatchObject({ to: applicantAn.email, subject: `Hồ sơ ${code} đã được tiếp nhận` });
    expect(accepted?.text).toContain('17 giờ 00 phút, ngày 25 tháng 11 năm 2026');
    expect(accepted?.text).toContain(`https://dichvucong.example.vn/track?code=${code}`);
    await act(code, {
      action: 'request_supplement',
      missing: ['Tờ khai có chữ ký', 'Giấy báo tử bản chính'],
      expectedVersion: 2,
    });
    const [supplement] = await deliver();
    expect(supplement?.subject).toBe(`Hồ sơ ${code} cần bổ sung, hoàn thiện`);
    expect(supplement?.text).toContain('- Tờ khai có chữ ký\n- Giấy báo tử bản chính');
  });

  it('mails the reason of a refusal', async () => {
    const code = await submit();
    await act(code, { action: 'refuse', reason: 'Không thuộc thẩm quyền của phường', expectedVersion: 1 });
    const mails = await deliver();
    expect(mails.map((m) => m.subject)).toEqual([`Hồ sơ ${code} không được tiếp nhận`]);
    expect(mails[0]?.text).toContain('Lý do: Không thuộc thẩm quyền của phường');
  });
});
