import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { csrfFrom } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import * as agencies from '../agencies/agencies.service.ts';
import { demoCatalog } from '../catalog/demo-catalog.ts';
import * as identity from '../identity/identity.service.ts';
import {
  applicantAn,
  deathRegistration,
  enterpriseDossier,
  multipartBody,
  pdfBytes,
  pngBytes,
} from './dossiers.http-testkit.ts';

// Tuesday 24 November 2026, 09:00 in Vietnam.
const clock = fixedClock('2026-11-24T02:00:00.000Z');
const password = 'motcua@2026';
let t: TestApp;
const sids = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp({ demo: true, clock, env: { MOTCUA_MAX_FILE_MB: '1' } });
  const db = t.db.kysely;
  const transport = await agencies.findAgency(db, '000.00.11.H08');
  const outsider = await identity.createUser(db, {
    username: 'cv-gtvt',
    kind: 'officer',
    fullName: 'Cán bộ GTVT',
    password,
    demo: true,
  });
  await identity.grantRole(db, outsider.id, transport?.id ?? '', 'processor');
  await identity.createUser(db, { username: 'congdan2', kind: 'citizen', fullName: 'Trần Thị Bình', password });
  for (const username of ['congdan', 'congdan2', 'motcua', 'chuyenvien', 'lanhdao', 'cv-gtvt']) {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    sids.set(username, res.cookies.find((c) => c.name === 'sid')?.value ?? '');
  }
});
afterAll(() => t.cleanup());

const cookies = (who: string) => ({ sid: sids.get(who) ?? '' });

async function upload(who: string, filename: string, bytes: Buffer) {
  const page = await t.app.inject({ url: '/', headers: { accept: 'text/html' }, cookies: cookies(who) });
  const { payload, contentType } = multipartBody({}, [{ field: 'file', filename, bytes }]);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { 'content-type': contentType, 'x-csrf-token': csrfFrom(page.body) },
    cookies: cookies(who),
    payload,
  });
}

async function uploadIds(who: string, codes: string[]) {
  const components: Record<string, string[]> = {};
  for (const [i, code] of codes.entries())
    components[code] = [(await upload(who, `giay-${i}.pdf`, pdfBytes(i))).json().id];
  return components;
}

const get = (who: string, code: string) =>
  t.app.inject({ url: `/api/v1/dossiers/${code}`, cookies: who ? cookies(who) : {} });
const act = (who: string, code: string, body: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/v1/dossiers/${code}/actions`, cookies: cookies(who), payload: body });

async function submitOnline() {
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
      components: await uploadIds('congdan', deathRegistration.components),
      delivery: { method: 'electronic' },
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { code: string; status: number; dueDate: string | null };
}

describe('POST /api/v1/files', () => {
  it('stores an upload and answers its id, name, size and type', async () => {
    const res = await upload('congdan', 'to-khai.pdf', pdfBytes());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      id: expect.any(String),
      name: 'to-khai.pdf',
      size: pdfBytes().length,
      mediaType: 'application/pdf',
    });
  });

  it('answers 413 for a file over the limit and 400 in Vietnamese for a disguised type', async () => {
    const big = await upload('congdan', 'lon.pdf', Buffer.concat([pdfBytes(), Buffer.alloc(1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toContain('application/problem+json');
    expect(big.json()).toMatchObject({ code: 'file_too_large', detail: expect.stringContaining('1 MB') });
    const disguised = await upload('congdan', 'anh.pdf', pngBytes);
    expect(disguised.statusCode).toBe(400);
    expect(disguised.json().errors[0].message).toContain('không khớp với đuôi .pdf');
  });

  it('refuses anonymous uploads and form posts without the CSRF token', async () => {
    const { payload, contentType } = multipartBody({}, [{ field: 'file', filename: 'a.pdf', bytes: pdfBytes() }]);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { 'content-type': contentType },
      payload,
    });
    expect(anonymous.statusCode).toBe(401);
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { 'content-type': contentType },
      cookies: cookies('congdan'),
      payload,
    });
    expect(noToken.statusCode).toBe(403);
  });
});

describe('dossiers API', () => {
  it('submits online: 201 with the code, status 1 and no due date before acceptance', async () => {
    const submitted = await submitOnline();
    expect(submitted).toEqual({
      code: expect.stringMatching(/^000\.01\.21\.H08-261124-\d{4}$/),
      status: 1,
      dueDate: null,
    });
  });

  it('shows a dossier to its applicant and to officers involved; 404 (not 403) to anyone else', async () => {
    const { code } = await submitOnline();
    const own = await get('congdan', code);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ code, status: 1, version: 1, actions: [{ action: 'submit' }] });
    expect((await get('motcua', code)).statusCode).toBe(200);
    const missing = await get('congdan2', `000.01.21.H08-261124-9999`);
    for (const who of ['congdan2', 'cv-gtvt']) {
      const res = await get(who, code);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: missing.json().code, status: 404 });
    }
    expect((await get('', code)).statusCode).toBe(401);
  });

  it('takes actions with optimistic versions: the new state, 409 stale_version, 409 transition_not_allowed', async () => {
    const { code } = await submitOnline();
    const accepted = await act('motcua', code, { action: 'accept', expectedVersion: 1 });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ code, status: 2, version: 2, dueDate: expect.any(String) });
    const stale = await act('motcua', code, { action: 'request_supplement', missing: ['Tờ khai'], expectedVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json()).toMatchObject({ code: 'stale_version', detail: expect.stringContaining('tải lại') });
    const refused = await act('motcua', code, { action: 'refuse', reason: 'Sai thẩm quyền', expectedVersion: 2 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'transition_not_allowed',
      detail: expect.stringContaining('trạng thái'),
    });
  });

  it('refuses commands outside the actor’s roles with 403, and malformed bodies with 400', async () => {
    const { code } = await submitOnline();
    expect((await act('congdan', code, { action: 'accept', expectedVersion: 1 })).statusCode).toBe(403);
    expect((await act('chuyenvien', code, { action: 'approve', expectedVersion: 1 })).statusCode).toBe(403);
    const unknown = await act('motcua', code, { action: 'teleport', expectedVersion: 1 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].message).toContain('accept, refuse');
    const noVersion = await act('motcua', code, { action: 'accept' });
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().errors[0]).toMatchObject({ path: 'expectedVersion' });
  });

  it('takes a counter dossier from the intake officer, with the field problems of a bad submission', async () => {
    const body = {
      procedureCode: enterpriseDossier.procedureCode,
      caseCode: enterpriseDossier.caseCode,
      channel: 1,
      submissionKey: 'counter-0001',
      receivingAgencyId: '000.00.01.H08',
      applicant: applicantAn,
      form: enterpriseDossier.form,
      components: await uploadIds('motcua', enterpriseDossier.components),
      delivery: { method: 'counter' },
    };
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      cookies: cookies('motcua'),
      payload: { ...body, form: { ...body.form, idNumber: '12' }, components: {} },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['form.sections.applicant.fields.idNumber', 'components.GIAY_DE_NGHI']),
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      cookies: cookies('motcua'),
      payload: body,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().code).toMatch(/^000\.00\.01\.H08-261124-0001$/);
    const citizenAtCounter = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      cookies: cookies('congdan'),
      payload: { ...body, submissionKey: 'counter-0002' },
    });
    expect(citizenAtCounter.statusCode).toBe(400);
    const unknownProcedure = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      cookies: cookies('motcua'),
      payload: { ...body, procedureCode: '9.999999.H08', submissionKey: 'counter-0003' },
    });
    expect(unknownProcedure.json().errors[0]).toMatchObject({ path: 'procedureCode' });
  });
});

describe('procedure versions', () => {
  it('a dossier freezes the version published when it is submitted; the next dossier takes a newer one', async () => {
    const before = await submitOnline();
    const base = demoCatalog.find((p) => p.code === deathRegistration.procedureCode)!;
    const renamed = { ...structuredClone(base), name: 'Đăng ký khai tử (phiên bản mới)' };
    const adminLogin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'quantri', password },
    });
    const admin = { sid: adminLogin.cookies.find((c) => c.name === 'sid')?.value ?? '' };
    const url = `/api/v1/admin/procedures/${base.code}`;
    expect(
      (await t.app.inject({ method: 'PUT', url: `${url}/draft`, cookies: admin, payload: renamed })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'POST', url: `${url}/publish`, cookies: admin, payload: {} })).statusCode,
    ).toBe(200);

    const after = await submitOnline();
    const frozen = async (code: string) => (await get('congdan', code)).json().procedure;
    expect((await frozen(before.code)).name).toBe(base.name);
    expect((await frozen(after.code)).name).toBe('Đăng ký khai tử (phiên bản mới)');
    expect((await frozen(after.code)).version).toBeGreaterThan((await frozen(before.code)).version);
  });
});

describe('where online dossiers are received', () => {
  it('a department procedure filed online is received by the provincial one-stop centre, whose intake officer accepts it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      cookies: cookies('congdan'),
      payload: {
        procedureCode: enterpriseDossier.procedureCode,
        caseCode: enterpriseDossier.caseCode,
        channel: 2,
        submissionKey: `online-enterprise-${Date.now()}`,
        applicant: applicantAn,
        form: enterpriseDossier.form,
        components: await uploadIds('congdan', enterpriseDossier.components),
        delivery: { method: 'electronic' },
      },
    });
    expect(res.statusCode).toBe(201);
    const { code } = res.json() as { code: string };
    expect(code.startsWith('000.00.01.H08-')).toBe(true);
    const seen = await get('motcua', code);
    expect(seen.statusCode).toBe(200);
    const accepted = await act('motcua', code, { action: 'accept', expectedVersion: seen.json().version });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe(2);
  });
});
