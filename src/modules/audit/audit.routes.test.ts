import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { Browser, csrfFrom } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import * as agencies from '../agencies/agencies.service.ts';
import { applicantAn, deathRegistration, multipartBody, pdfBytes } from '../dossiers/dossiers.http-testkit.ts';
import { createApiToken } from '../identity/api-tokens.service.ts';
import * as identity from '../identity/identity.service.ts';
import type { AuditEventRow } from './audit.repo.ts';
import { sweepAuditEvents } from './audit.service.ts';

// Tuesday 24 November 2026, 09:00 in Vietnam.
const clock = fixedClock('2026-11-24T02:00:00.000Z');
const password = 'motcua@2026';
let t: TestApp;
const sids = new Map<string, string>();
let tokenSecret = '';
let wardId = '';
let provinceId = '';

beforeAll(async () => {
  t = await createTestApp({ demo: true, clock });
  const db = t.db.kysely;
  const id = async (identifier: string) => (await agencies.findAgency(db, identifier))?.id ?? '';
  provinceId = await id('000.00.00.H08');
  wardId = await id('000.01.21.H08');
  // Auditors of two cities: Thủ Dầu Một (with Phú Thọ ward below it) and Thuận An.
  for (const [username, city] of [
    ['ktv-tdm', '000.00.21.H08'],
    ['ktv-ta', '000.00.22.H08'],
  ] as const) {
    const user = await identity.createUser(db, { username, kind: 'officer', fullName: username, password, demo: true });
    await identity.grantRole(db, user.id, await id(city), 'auditor');
  }
  const quantri = await db.selectFrom('users').select('id').where('username', '=', 'quantri').executeTakeFirstOrThrow();
  const created = await createApiToken(db, {
    name: 'he-thong-phuong',
    agencyId: wardId,
    actions: ['dossier.read', 'dossier.receive'],
    createdBy: quantri.id,
  });
  tokenSecret = created.secret;
  for (const username of ['congdan', 'motcua', 'chuyenvien', 'quantri', 'ktv-tdm', 'ktv-ta']) {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    sids.set(username, res.cookies.find((c) => c.name === 'sid')?.value ?? '');
  }
});
afterAll(() => t.cleanup());

const cookies = (who: string) => ({ sid: sids.get(who) ?? '' });
const events = () => t.db.kysely.selectFrom('audit_events').selectAll().orderBy('id', 'desc').execute();
const lastEvent = async (): Promise<AuditEventRow> => {
  const [last] = await events();
  if (!last) throw new Error('no audit event');
  return last;
};

async function csrf(who: string) {
  const page = await t.app.inject({ url: '/account', headers: { accept: 'text/html' }, cookies: cookies(who) });
  return csrfFrom(page.body);
}

async function submitOnline(): Promise<string> {
  const components: Record<string, string[]> = {};
  const token = await csrf('congdan');
  for (const [i, code] of deathRegistration.components.entries()) {
    const { payload, contentType } = multipartBody({}, [{ field: 'file', filename: `g-${i}.pdf`, bytes: pdfBytes(i) }]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { 'content-type': contentType, 'x-csrf-token': token },
      cookies: cookies('congdan'),
      payload,
    });
    components[code] = [res.json().id];
  }
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    cookies: cookies('congdan'),
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
  expect(res.statusCode).toBe(201);
  return res.json().code;
}

const act = (who: string, code: string, body: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/v1/dossiers/${code}/actions`, cookies: cookies(who), payload: body });

describe('recording', () => {
  it('records an administrator change with its route, fields and outcome, masking personal data', async () => {
    const admin = new Browser(t.app);
    await admin.login('quantri', password);
    const res = await admin.submit('/admin/agencies/new', '/admin/agencies', {
      parentId: provinceId,
      identifier: '000.00.30.H08',
      name: 'Sở Nội vụ',
      kind: 'department',
      level: 'province',
      email: 'snv@binhduong.gov.vn',
    });
    expect(res.statusCode).toBe(303);
    const e = await lastEvent();
    expect(e).toMatchObject({
      occurred_at: '2026-11-24T02:00:00.000Z',
      actor_kind: 'officer',
      actor_name: 'quantri',
      roles: 'admin',
      agency_id: provinceId,
      action: 'agency.create',
      method: 'POST',
      route: '/admin/agencies',
      resource_ids: '',
      status_code: 303,
    });
    expect(JSON.parse(e.summary ?? '{}')).toEqual({
      parentId: provinceId,
      identifier: '000.00.30.H08',
      name: 'Sở Nội vụ',
      kind: 'department',
      level: 'province',
      email: '***',
    });
    expect(e.request_id).toMatch(/^[0-9a-f-]{36}$/);
    // The address is hashed with a deployment secret: neither it nor its plain SHA-256 is stored.
    expect(e.client_hash).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(e)).not.toContain('127.0.0.1');
  });

  it('records an officer action on a dossier under the dossier agency, and nothing for the citizen or for GETs', async () => {
    const before = (await events()).length;
    const code = await submitOnline();
    expect((await events()).length).toBe(before);
    await t.app.inject({ url: `/api/v1/dossiers/${code}`, cookies: cookies('motcua') });
    expect((await events()).length).toBe(before);

    const accepted = await act('motcua', code, { action: 'accept', expectedVersion: 1 });
    expect(accepted.statusCode).toBe(200);
    const e = await lastEvent();
    expect(e).toMatchObject({
      actor_name: 'motcua',
      agency_id: wardId,
      action: 'dossier.read',
      route: '/api/v1/dossiers/:code/actions',
      resource_ids: code,
      status_code: 200,
    });
    expect(e.roles.split(',').sort()).toEqual(['cashier', 'intake']);
    expect(JSON.parse(e.summary ?? '{}')).toEqual({ action: 'accept', expectedVersion: 1 });

    // Refused: the same action again (409), by a processor who may not accept (403), and by a partner's token.
    expect((await act('motcua', code, { action: 'accept', expectedVersion: 2 })).statusCode).toBe(409);
    expect(await lastEvent()).toMatchObject({ actor_name: 'motcua', resource_ids: code, status_code: 409 });
    expect((await act('chuyenvien', code, { action: 'refuse', reason: 'x', expectedVersion: 2 })).statusCode).toBe(403);
    expect(await lastEvent()).toMatchObject({ actor_name: 'chuyenvien', status_code: 403 });
    const byToken = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${code}/actions`,
      headers: { authorization: `Bearer ${tokenSecret}` },
      payload: { action: 'accept', expectedVersion: 2 },
    });
    expect(byToken.statusCode).toBe(409);
    expect(await lastEvent()).toMatchObject({
      actor_kind: 'token',
      actor_name: 'he-thong-phuong',
      roles: '',
      agency_id: wardId,
      status_code: 409,
    });
  });

  it('records a route refused by its policy, with the declared action', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/agencies',
      headers: { 'x-csrf-token': await csrf('chuyenvien') },
      cookies: cookies('chuyenvien'),
      payload: { identifier: '000.00.31.H08', name: 'Sở X' },
    });
    expect(res.statusCode).toBe(403);
    expect(await lastEvent()).toMatchObject({ actor_name: 'chuyenvien', action: 'agency.create', status_code: 403 });
  });

  it('never records a password or a one-time code', async () => {
    const secret = 'Mat-khau-rat-bi-mat-2026';
    const res = await t.app.inject({
      method: 'POST',
      url: '/account',
      headers: { 'x-csrf-token': await csrf('motcua') },
      cookies: cookies('motcua'),
      payload: { fullName: 'Cán bộ một cửa', password: secret, confirm: secret, currentPassword: secret },
    });
    expect(res.statusCode).toBeLessThan(500);
    const e = await lastEvent();
    expect(e.action).toBe('account.update');
    expect(JSON.parse(e.summary ?? '{}')).toEqual({
      fullName: 'Cán bộ một cửa',
      password: '***',
      confirm: '***',
      currentPassword: '***',
    });
    expect(JSON.stringify(e)).not.toContain('rat-bi-mat');

    const totp = await t.app.inject({
      method: 'POST',
      url: '/account/totp',
      headers: { 'x-csrf-token': await csrf('motcua') },
      cookies: cookies('motcua'),
      payload: { code: '123456' },
    });
    expect(totp.statusCode).toBeLessThan(500);
    const enrol = await lastEvent();
    expect(enrol.action).toBe('account.enrolTotp');
    expect(JSON.parse(enrol.summary ?? '{}')).toEqual({ code: '***' });
  });
});

const page = (who: string, query = '') =>
  t.app.inject({ url: `/admin/audit${query}`, headers: { accept: 'text/html' }, cookies: cookies(who) });
const shownIds = (html: string) => [...html.matchAll(/data-event="(\d+)"/g)].map((m) => Number(m[1]));

describe('/admin/audit', () => {
  it('shows an auditor the events of their sub-tree only, and refuses other officers', async () => {
    const all = await events();
    const ward = all.filter((e) => e.agency_id === wardId).map((e) => Number(e.id));
    expect(ward.length).toBeGreaterThan(0);

    const city = await page('ktv-tdm');
    expect(city.statusCode).toBe(200);
    expect(shownIds(city.body)).toEqual(ward);
    expect(city.body).toContain('Ủy ban nhân dân phường Phú Thọ');

    const other = await page('ktv-ta');
    expect(other.statusCode).toBe(200);
    expect(shownIds(other.body)).toEqual([]);
    // Choosing an agency outside one's sub-tree is an error, not a way in.
    const forced = await page('ktv-ta', `?agency=${wardId}`);
    expect(forced.statusCode).toBe(400);
    expect(shownIds(forced.body)).toEqual([]);
    expect(forced.body).toContain('Chọn một cơ quan trong danh sách.');
    const csv = await t.app.inject({ url: '/admin/audit/export.csv', cookies: cookies('ktv-ta') });
    expect(csv.body.trim().split('\r\n')).toHaveLength(1);

    // The province administrator sees everything, newest first.
    const admin = await page('quantri');
    expect(shownIds(admin.body)).toEqual(all.map((e) => Number(e.id)));
    for (const who of ['motcua', 'chuyenvien']) expect((await page(who)).statusCode).toBe(403);
  });

  it('filters by actor, action, agency, dates and resource, and explains a bad date', async () => {
    const all = await events();
    const byActor = await page('quantri', '?actor=chuyenvien');
    expect(shownIds(byActor.body)).toEqual(all.filter((e) => e.actor_name === 'chuyenvien').map((e) => Number(e.id)));
    const byAction = await page('quantri', '?action=agency.create');
    expect(shownIds(byAction.body)).toEqual(all.filter((e) => e.action === 'agency.create').map((e) => Number(e.id)));
    const city = (await agencies.findAgency(t.db.kysely, '000.00.21.H08'))?.id ?? '';
    const byAgency = await page('quantri', `?agency=${city}`);
    expect(shownIds(byAgency.body)).toEqual(all.filter((e) => e.agency_id === wardId).map((e) => Number(e.id)));
    const code = all.find((e) => e.route === '/api/v1/dossiers/:code/actions')?.resource_ids ?? '';
    const byResource = await page('quantri', `?resource=${encodeURIComponent(code.slice(-11))}`);
    expect(shownIds(byResource.body)).toEqual(all.filter((e) => e.resource_ids === code).map((e) => Number(e.id)));
    // 24 November 2026 in Vietnam holds every event; the day after holds none.
    expect(shownIds((await page('quantri', '?from=2026-11-24&to=2026-11-24')).body)).toHaveLength(all.length);
    expect(shownIds((await page('quantri', '?from=2026-11-25')).body)).toEqual([]);

    const bad = await page('quantri', '?from=2026-02-30&to=2026-01-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#f-from"');
    expect(bad.body).toContain('Nhập ngày theo dạng năm-tháng-ngày');
    const backwards = await page('quantri', '?from=2026-11-25&to=2026-11-24');
    expect(backwards.body).toContain('phải bằng hoặc sau');
    const badAction = await page('quantri', '?action=drop.tables');
    expect(badAction.statusCode).toBe(400);
  });

  it('pages by keyset, newest first, and exports the filtered range as CSV', async () => {
    // Sixty refused attempts by the Thuận An auditor (auditors may change nothing).
    const token = await csrf('ktv-ta');
    for (let i = 0; i < 60; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/admin/agencies',
        headers: { 'x-csrf-token': token },
        cookies: cookies('ktv-ta'),
        payload: { name: `Lần ${i}` },
      });
      expect(res.statusCode).toBe(403);
    }
    const mine = (await events()).filter((e) => e.actor_name === 'ktv-ta').map((e) => Number(e.id));
    expect(mine).toHaveLength(60);
    const first = await page('quantri', '?actor=ktv-ta');
    expect(shownIds(first.body)).toEqual(mine.slice(0, 50));
    const older = /href="(\/admin\/audit\?before=\d+[^"]*)"/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
    expect(older).toBe(`/admin/audit?before=${mine[49]}&actor=ktv-ta`);
    const second = await page('quantri', older?.slice('/admin/audit'.length));
    expect(shownIds(second.body)).toEqual(mine.slice(50));
    expect(second.body).not.toContain('rel="next"');

    const csv = await t.app.inject({ url: '/admin/audit/export.csv?actor=ktv-ta', cookies: cookies('quantri') });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,occurred_at,actor_kind,actor_id,actor_name,roles,agency,action,method,route,resource_ids,summary,status_code,client_hash,request_id',
    );
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(mine);
    expect(lines[1]).toContain(
      ',ktv-ta,auditor,000.00.22.H08,agency.create,POST,/admin/agencies,,"{""name"":""Lần 59""}",403,',
    );
  });
});

describe('append-only', () => {
  it('refuses UPDATE and DELETE on PostgreSQL, except the retention sweep of older events', async () => {
    const count = (await events()).length;
    if (process.env.TEST_DATABASE_URL) {
      await expect(sql`update audit_events set status_code = 200`.execute(t.db.kysely)).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_events`.execute(t.db.kysely)).rejects.toThrow(/append-only/);
      await expect(sql`truncate audit_events`.execute(t.db.kysely)).rejects.toThrow(/append-only/);
    }
    // Everything happened on 24 November: a year's retention keeps it all, on the 26th a one-day period none.
    expect(await sweepAuditEvents(t.db, 365, clock)).toBe(0);
    expect(await events()).toHaveLength(count);
    expect(await sweepAuditEvents(t.db, 1, fixedClock('2026-11-26T02:00:00.000Z'))).toBe(count);
    expect(await events()).toHaveLength(0);
  });
});
