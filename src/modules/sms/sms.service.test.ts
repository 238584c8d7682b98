/**
 * SMS beside mail against the SMS gateway simulator: the dossier events reach the applicant's phone once each, in
 * GSM-7 within one message; the person's channel choice is kept; a lost answer or an hour of outage sends nothing
 * twice and loses nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type SmsSimulator, startSmsSimulator } from '../../../simulators/sms/sms-simulator.ts';
import { fixedClock, systemClock } from '../../lib/clock.ts';
import { Browser, csrfFrom } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { OUTBOX_MAX_ATTEMPTS } from '../../worker.ts';
import { dossierEventTopics, dossierMailHandler } from '../dossiers/dossier-notifications.ts';
import { dossierSmsHandler } from '../dossiers/dossier-sms.ts';
import { applicantAn, deathRegistration, multipartBody, pdfBytes } from '../dossiers/dossiers.http-testkit.ts';
import { mailTopic } from '../notifications/mail.ts';
import { fanOut, OutboxWorker } from '../outbox/outbox.service.ts';
import type { PartnerExchange } from '../postal/exchanges.ts';
import { enqueueSms, smsHandler, smsTopic } from './sms.service.ts';
import { isGsm } from './sms-text.ts';

const keys = { apiKey: 'sms-api-key-1', secretKey: 'sms-secret-key-1', brandname: 'MOTCUA' };
let t: TestApp;
let sim: SmsSimulator;
const exchanges: PartnerExchange[] = [];
const mails: unknown[] = [];
let submissions = 0;

beforeAll(async () => {
  sim = await startSmsSimulator(keys);
  t = await createTestApp({ demo: true });
});
afterAll(async () => {
  await t.cleanup();
  await sim.stop();
});
beforeEach(() => {
  sim.setFault(null);
  exchanges.length = 0;
});

function worker(clock = systemClock, settings = { url: sim.url, ...keys, unicode: false, timeoutMs: 1500 }) {
  const reactions = fanOut([
    dossierMailHandler(t.db, clock, () => 'https://dichvucong.example.vn'),
    dossierSmsHandler(t.db, clock, () => false),
  ]);
  const handlers = new Map([
    ...dossierEventTopics.map((topic) => [topic, reactions] as const),
    [mailTopic, async (m: { payload: unknown }) => void mails.push(m.payload)] as const,
    [smsTopic, smsHandler({ settings: () => settings, record: async (e) => void exchanges.push(e) })] as const,
  ]);
  return new OutboxWorker(t.db, { handlers, clock, maxAttempts: OUTBOX_MAX_ATTEMPTS });
}

async function drain(w = worker()) {
  while ((await w.runOnce()) > 0);
}

async function login(username: string) {
  const b = new Browser(t.app);
  await b.login(username, 'motcua@2026');
  return b;
}

async function submit(citizen: Browser): Promise<string> {
  const page = await citizen.get('/');
  const components: Record<string, string[]> = {};
  for (const [i, code] of deathRegistration.components.entries()) {
    const { payload, contentType } = multipartBody({}, [{ field: 'file', filename: `s-${i}.pdf`, bytes: pdfBytes(i) }]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { 'content-type': contentType, 'x-csrf-token': csrfFrom(page.body) },
      cookies: citizen.jar.object,
      payload,
    });
    components[code] = [res.json().id];
  }
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    cookies: citizen.jar.object,
    payload: {
      procedureCode: deathRegistration.procedureCode,
      caseCode: deathRegistration.caseCode,
      channel: 2,
      submissionKey: `sms-test-${++submissions}`,
      applicant: applicantAn,
      form: deathRegistration.form,
      components,
      delivery: { method: 'electronic' },
    },
  });
  return res.json().code;
}

async function act(officer: Browser, code: string, body: Record<string, unknown>) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${code}/actions`,
    cookies: officer.jar.object,
    payload: body,
  });
  expect(res.statusCode).toBe(200);
}

describe('SMS notifications', { timeout: 60_000 }, () => {
  it('texts the applicant on acceptance and refusal, once each, without diacritics in one message', async () => {
    const citizen = await login('congdan');
    const officer = await login('motcua');
    const accepted = await submit(citizen);
    await act(officer, accepted, { action: 'accept', expectedVersion: 1 });
    const refused = await submit(citizen);
    const reason = 'Giấy báo tử không hợp lệ, đề nghị ông bà mang bản chính của cơ sở y tế đến bộ phận một cửa phường';
    await act(officer, refused, { action: 'refuse', reason, expectedVersion: 1 });
    await drain();
    await drain();
    const texts = sim.messages.filter((m) => m.content.includes(accepted) || m.content.includes(refused));
    expect(texts.map((m) => m.phone)).toEqual(['0912345678', '0912345678']);
    expect(texts[0]?.content).toMatch(
      new RegExp(
        `^Ho so ${accepted.replace(/\./g, '\\.')} da duoc tiep nhan\\. Hen tra ket qua luc \\d\\d:\\d\\d \\d\\d/\\d\\d/\\d{4}\\.$`,
      ),
    );
    expect(texts[1]?.content).toContain('khong duoc tiep nhan. Ly do: Giay bao tu khong hop le');
    for (const sms of texts) {
      expect(isGsm(sms.content)).toBe(true);
      expect(sms.parts).toBe(1);
    }
    expect(exchanges.every((e) => e.outcome === 'ok')).toBe(true);
  });

  it('keeps the channel choice from the account page: each channel only when chosen', async () => {
    const citizen = await login('congdan');
    const account = await citizen.get('/account');
    expect(account.body).toContain('Tin nhắn SMS đến số điện thoại di động');
    const saved = await citizen.post('/account/notifications', { _csrf: csrfFrom(account.body), email: '1' });
    expect(saved.headers.location).toBe('/account?done=notifications');
    const page = await citizen.get('/account?done=notifications');
    expect(page.body).toContain('Đã lưu lựa chọn nhận thông báo.');
    expect(page.body).toMatch(/id="notify-email"[^>]*checked/);
    expect(page.body).not.toMatch(/id="notify-sms"[^>]*checked/);
    const code = await submit(citizen);
    await act(await login('motcua'), code, { action: 'accept', expectedVersion: 1 });
    mails.length = 0;
    await drain();
    expect(sim.messages.filter((m) => m.content.includes(code))).toEqual([]);
    expect(mails).toHaveLength(1);
    await citizen.post('/account/notifications', { _csrf: csrfFrom(page.body), sms: '1' });
    const next = await submit(citizen);
    await act(await login('motcua'), next, { action: 'accept', expectedVersion: 1 });
    mails.length = 0;
    await drain();
    expect(sim.messages.filter((m) => m.content.includes(next))).toHaveLength(1);
    expect(mails).toEqual([]);
  });

  it('sends once when the first answer is lost, and after an hour of outage', async () => {
    await enqueueSms(t.db.kysely, { phone: '0987654321', content: 'Tin thu nghiem 1' }, 'sms:test:1', systemClock);
    sim.setFault('timeout', 1);
    const clock = fixedClock(new Date());
    const w = worker(clock);
    await w.runOnce();
    clock.advance(60_000);
    await drain(w);
    expect(sim.messages.filter((m) => m.content === 'Tin thu nghiem 1')).toHaveLength(1);
    expect(exchanges.map((e) => e.outcome)).toEqual(['failed', 'ok']);

    await enqueueSms(t.db.kysely, { phone: '0987654321', content: 'Tin thu nghiem 2' }, 'sms:test:2', clock);
    sim.setFault('down');
    const start = clock.now().getTime();
    while (clock.now().getTime() - start < 3_600_000) {
      await w.runOnce();
      clock.advance(30_000);
    }
    expect(sim.messages.filter((m) => m.content === 'Tin thu nghiem 2')).toEqual([]);
    sim.setFault(null);
    for (let i = 0; i < 60 && !sim.messages.some((m) => m.content === 'Tin thu nghiem 2'); i++) {
      await w.runOnce();
      clock.advance(30_000);
    }
    expect(sim.messages.filter((m) => m.content === 'Tin thu nghiem 2')).toHaveLength(1);
  });

  it('drops a message the gateway can never take, and retries one refused for its credentials', async () => {
    await enqueueSms(t.db.kysely, { phone: '0987654321', content: 'Có dấu' }, 'sms:test:3', systemClock);
    await drain();
    expect(sim.calls.at(-1)?.code).toBe('118');
    const done = await t.db.kysely
      .selectFrom('outbox')
      .select('status')
      .where('dedupe_key', '=', 'sms:test:3')
      .executeTakeFirst();
    expect(done?.status).toBe('done');
    await enqueueSms(t.db.kysely, { phone: '0987654321', content: 'Sai khoa' }, 'sms:test:4', systemClock);
    await drain(
      worker(systemClock, { url: sim.url, ...keys, secretKey: 'wrong-secret', unicode: false, timeoutMs: 1500 }),
    );
    const pending = await t.db.kysely
      .selectFrom('outbox')
      .selectAll()
      .where('dedupe_key', '=', 'sms:test:4')
      .executeTakeFirst();
    expect(pending).toMatchObject({ status: 'pending', last_error: 'SMS gateway refused: 401 101' });
  });
});
