import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import * as identity from '../identity/identity.service.ts';
import { isAgencyIdentifier } from './agencies.schema.ts';
import * as agencies from './agencies.service.ts';

let t: TestApp;
let admin: Browser;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  admin = new Browser(t.app);
  await admin.login('quantri', t.config.demoPassword);
});
afterAll(() => t.cleanup());

const find = (identifier: string) => agencies.findAgency(t.db.kysely, identifier);

describe('agency identifiers', () => {
  it('accept QCVN 102-style groups with one H part', () => {
    for (const ok of ['000.00.10.H08', '000.01.21.H08', 'H15.50.05.13', '000.00.00.H08']) {
      expect(isAgencyIdentifier(ok)).toBe(true);
    }
    for (const bad of ['000.00.10', 'H08', '000.00.10.H8', '000.00.10.H08.H09', '000..10.H08', 'abc.00.10.H08', '']) {
      expect(isAgencyIdentifier(bad)).toBe(false);
    }
  });
});

describe('agency administration', () => {
  it('shows the organisation tree', async () => {
    const page = await admin.get('/admin/agencies');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ủy ban nhân dân tỉnh Bình Dương');
    expect(page.body).toMatch(/Thủ Dầu Một[\s\S]*Phú Thọ/);
  });

  it('explains a bad identifier next to the field and in the summary', async () => {
    const root = await find('000.00.00.H08');
    const res = await admin.submit('/admin/agencies/new', '/admin/agencies', {
      parentId: root?.id ?? '',
      identifier: '12.34',
      name: 'Sở Nội vụ',
      kind: 'department',
      level: 'province',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#f-identifier"');
    expect(res.body).toContain('một nhóm H kèm 2 chữ số');
    const taken = await admin.submit('/admin/agencies/new', '/admin/agencies', {
      parentId: root?.id ?? '',
      identifier: '000.00.10.H08',
      name: 'Sở Nội vụ',
      kind: 'department',
      level: 'province',
    });
    expect(taken.body).toContain('đã được dùng');
  });

  it('creates, edits, moves (refusing cycles) and deactivates an agency that keeps its history', async () => {
    const root = await find('000.00.00.H08');
    const created = await admin.submit('/admin/agencies/new', '/admin/agencies', {
      parentId: root?.id ?? '',
      identifier: '000.00.20.H08',
      name: 'Sở Nội vụ',
      kind: 'department',
      level: 'province',
      email: 'snv@binhduong.gov.vn',
    });
    expect(created.statusCode).toBe(303);
    const agency = await find('000.00.20.H08');
    expect(agency).toMatchObject({ name: 'Sở Nội vụ', parentId: root?.id, active: true });
    const id = agency?.id ?? '';

    const edited = await admin.submit(`/admin/agencies/${id}`, `/admin/agencies/${id}`, {
      identifier: '000.00.20.H08',
      name: 'Sở Nội vụ tỉnh Bình Dương',
      kind: 'department',
      level: 'province',
      phone: '0274 3822 111',
    });
    expect(edited.statusCode).toBe(303);
    expect((await find('000.00.20.H08'))?.name).toBe('Sở Nội vụ tỉnh Bình Dương');

    const city = await find('000.00.21.H08');
    const ward = await find('000.01.21.H08');
    const cycle = await admin.submit(`/admin/agencies/${city?.id}`, `/admin/agencies/${city?.id}/move`, {
      parentId: ward?.id ?? '',
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.body).toContain('cơ quan cấp dưới');
    const self = await admin.submit(`/admin/agencies/${city?.id}`, `/admin/agencies/${city?.id}/move`, {
      parentId: city?.id ?? '',
    });
    expect(self.statusCode).toBe(400);
    const moved = await admin.submit(`/admin/agencies/${ward?.id}`, `/admin/agencies/${ward?.id}/move`, {
      parentId: (await find('000.00.22.H08'))?.id ?? '',
    });
    expect(moved.statusCode).toBe(303);
    expect((await find('000.01.21.H08'))?.parentId).toBe((await find('000.00.22.H08'))?.id);

    const off = await admin.submit(`/admin/agencies/${id}`, `/admin/agencies/${id}/deactivate`, {});
    expect(off.statusCode).toBe(303);
    expect((await find('000.00.20.H08'))?.active).toBe(false);
    expect((await admin.get('/admin/agencies')).body).toContain('Sở Nội vụ tỉnh Bình Dương');
  });

  it('lets an agency administrator manage only their own sub-tree', async () => {
    const transport = await find('000.00.11.H08');
    const user = await identity.createUser(t.db.kysely, {
      username: 'qt.giaothong',
      kind: 'officer',
      password: 'a-long-password-2',
      fullName: 'Quản trị Sở GTVT',
      demo: true,
    });
    await identity.grantRole(t.db.kysely, user.id, transport?.id ?? '', 'admin');
    const b = new Browser(t.app);
    await b.login('qt.giaothong', 'a-long-password-2');
    const tree = await b.get('/admin/agencies');
    expect(tree.body).toContain('Sở Giao thông Vận tải');
    expect(tree.body).not.toContain('Sở Tư pháp');
    expect((await b.get(`/admin/agencies/${transport?.id}`)).statusCode).toBe(200);
    const justice = await find('000.00.12.H08');
    expect((await b.get(`/admin/agencies/${justice?.id}`)).statusCode).toBe(403);
    const root = await find('000.00.00.H08');
    const refused = await b.submit('/admin/agencies/new', '/admin/agencies', {
      parentId: root?.id ?? '',
      identifier: '000.00.30.H08',
      name: 'Sở Ngoài phạm vi',
      kind: 'department',
      level: 'province',
    });
    expect(refused.statusCode).toBe(403);
    const newPage = await b.get('/admin/agencies/new');
    expect(newPage.body).not.toContain(`value="${root?.id}"`);
  });
});
