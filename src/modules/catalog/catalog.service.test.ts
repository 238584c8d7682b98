import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testProcess } from '../../db/reference-cache.testkit.ts';
import { fixedClock } from '../../lib/clock.ts';
import { demoAgencies } from '../../seed/demo-province.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import * as agencies from '../agencies/agencies.service.ts';
import type { ProcedureDefinition } from './catalog.schema.ts';
import * as catalog from './catalog.service.ts';
import { CatalogService } from './catalog.service.ts';
import { demoCatalog } from './demo-catalog.ts';

let t: TestDb;
const clock = fixedClock('2026-11-27T01:00:00.000Z');
beforeAll(async () => {
  t = await createTestDb();
  for (const agency of demoAgencies) await agencies.createAgency(t.db.kysely, agency);
});
afterAll(() => t.cleanup());

const demo = (name: string): ProcedureDefinition => {
  const found = demoCatalog.find((p) => p.name === name);
  if (!found) throw new Error(name);
  return structuredClone(found);
};
/** A copy of a demo procedure under another code, so that each test owns its procedure. */
const fresh = (code: string, name = 'Đăng ký khai sinh'): ProcedureDefinition => ({ ...demo(name), code });

describe('catalogue versions', () => {
  it('publishes a draft, keeps the published version immutable, edits a new draft and retires on publish', async () => {
    const service = new CatalogService(t.db, clock);
    const code = '1.900001.000.00.00.H08';
    const original = fresh(code);
    const created = await service.createDraft(original, 'officer-1');
    expect(created).toMatchObject({ code, version: 1, status: 'draft' });
    await expect(service.getPublished(code)).rejects.toMatchObject({ status: 404, code: 'procedure_not_found' });
    expect((await service.index()).get(code)).toBeUndefined();

    const v1 = await service.publish(code, 'leader-1');
    expect(v1).toMatchObject({ version: 1, status: 'published', versionId: created.versionId });
    const frozen = await service.getPublished(code);
    expect(frozen).toEqual({ versionId: created.versionId, version: 1, definition: original });
    expect((await service.index()).get(code)?.definition.name).toBe(original.name);

    // An edit after publication goes to a new draft; the published version and the public index do not change.
    const edited = { ...original, name: 'Đăng ký khai sinh (sửa đổi)' };
    const draft = await service.updateDraft(code, edited, 'officer-1');
    expect(draft).toMatchObject({ version: 2, status: 'draft' });
    expect(draft.versionId).not.toBe(created.versionId);
    const again = await service.updateDraft(code, { ...edited, conditions: 'Không.' }, 'officer-1');
    expect(again).toMatchObject({ version: 2, versionId: draft.versionId });
    expect(await service.getPublished(code)).toEqual(frozen);
    expect((await service.index()).get(code)?.definition.name).toBe(original.name);

    const view = await service.describe(code);
    expect(view.status).toBe('published');
    expect(view.published?.version).toBe(1);
    expect(view.draft?.definition.conditions).toBe('Không.');

    const v2 = await service.publish(code, 'leader-1');
    expect(v2).toMatchObject({ version: 2, status: 'published' });
    const after = await service.describe(code);
    expect(after.versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'retired'],
    ]);
    expect(after.draft).toBeUndefined();
    expect((await service.getPublished(code)).definition.name).toBe('Đăng ký khai sinh (sửa đổi)');
    // A dossier that froze version 1 still reads it, whatever happened since.
    expect(await catalog.getVersion(t.db.kysely, created.versionId)).toEqual(frozen);
    expect((await service.index()).get(code)?.definition.name).toBe('Đăng ký khai sinh (sửa đổi)');

    await expect(service.publish(code, null)).rejects.toMatchObject({ status: 409, code: 'no_draft' });
  });

  it('unpublishes (404 to citizens, 409 a second time) and republishes from a new draft', async () => {
    const service = new CatalogService(t.db, clock);
    const code = '1.900002.000.00.00.H08';
    await service.createDraft(fresh(code), null);
    await service.publish(code, null);
    await service.unpublish(code);
    expect((await service.describe(code)).status).toBe('unpublished');
    await expect(service.getPublished(code)).rejects.toMatchObject({ code: 'procedure_not_found' });
    expect((await service.index()).get(code)).toBeUndefined();
    await expect(service.unpublish(code)).rejects.toMatchObject({ status: 409, code: 'not_published' });
    await service.updateDraft(code, fresh(code), null);
    expect((await service.publish(code, null)).version).toBe(2);
    expect((await service.getPublished(code)).version).toBe(2);
  });

  it('copies a procedure under a new code as a draft', async () => {
    const service = new CatalogService(t.db, clock);
    const code = '1.900003.000.00.00.H08';
    await service.createDraft(fresh(code, 'Đăng ký kết hôn'), null);
    const copied = await service.copy(code, '1.900004.000.00.00.H08', null);
    expect(copied).toMatchObject({ code: '1.900004.000.00.00.H08', version: 1, status: 'draft' });
    const view = await service.describe('1.900004.000.00.00.H08');
    expect(view.draft?.definition).toEqual({ ...fresh(code, 'Đăng ký kết hôn'), code: '1.900004.000.00.00.H08' });
    await expect(service.copy(code, code, null)).rejects.toMatchObject({ status: 409, code: 'procedure_exists' });
    await expect(service.copy('1.999999.H08', '1.900005.H08', null)).rejects.toMatchObject({ status: 404 });
    await expect(service.copy(code, 'not-a-code', null)).rejects.toMatchObject({
      status: 400,
      fields: [expect.objectContaining({ path: 'code' })],
    });
  });

  it('lists every procedure with its status and versions', async () => {
    const rows = await catalog.list(t.db.kysely);
    const row = rows.find((r) => r.code === '1.900001.000.00.00.H08');
    expect(row).toMatchObject({ status: 'published', publishedVersion: 2, draftVersion: null });
    expect(row?.agency.name).toBe('Ủy ban nhân dân phường Phú Thọ');
    expect(rows.map((r) => r.code)).toEqual([...rows.map((r) => r.code)].sort());
  });

  it('another process sees a publication through the revision row', async () => {
    const mine = new CatalogService(t.db, clock);
    const process = testProcess(t.url, { checkEveryMs: 0 });
    const other = new CatalogService(process.db, clock);
    const code = '1.900006.000.00.00.H08';
    const before = (await other.index()).size;
    await mine.createDraft(fresh(code), null);
    await mine.publish(code, null);
    expect((await other.index()).size).toBe(before + 1);
    await process.close();
  });
});

describe('refused definitions', () => {
  const service = () => new CatalogService(t.db, clock);
  const code = '1.900010.000.00.00.H08';
  const problemsOf = async (definition: unknown) => {
    try {
      await service().createDraft(definition, null);
    } catch (error) {
      return (error as { fields: { path: string; messageKey: string }[] }).fields;
    }
    throw new Error('accepted');
  };

  it('names the path of an unknown field type, a negative fee, a case without a time, a step without assignee', async () => {
    const base = fresh(code, 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ');
    const unknownType = structuredClone(base) as unknown as { cases: { form: { sections: { fields: object[] }[] } }[] };
    Object.assign(unknownType.cases[0]!.form.sections[0]!.fields[0]!, { type: 'signature' });
    expect(await problemsOf(unknownType)).toEqual([
      {
        path: 'cases.0.form.sections.0.fields.0.type',
        messageKey: 'catalog.problem.invalidOption',
        params: expect.anything(),
      },
    ]);

    const negativeFee = structuredClone(base);
    Object.assign(negativeFee.cases[0]!.fees[0]!, { amount: -1 });
    expect(await problemsOf(negativeFee)).toEqual([
      expect.objectContaining({ path: 'cases.0.fees.0.amount', messageKey: 'catalog.problem.tooSmall' }),
    ]);

    const noTime = structuredClone(base) as unknown as { cases: Record<string, unknown>[] };
    delete noTime.cases[0]!.processingTime;
    expect(await problemsOf(noTime)).toContainEqual(
      expect.objectContaining({ path: 'cases.0.processingTime', messageKey: 'catalog.problem.required' }),
    );

    const noAssignee = structuredClone(base) as unknown as { cases: { workflow: Record<string, unknown>[] }[] };
    delete noAssignee.cases[0]!.workflow[1]!.assignee;
    expect(await problemsOf(noAssignee)).toContainEqual(
      expect.objectContaining({ path: 'cases.0.workflow.1.assignee', messageKey: 'catalog.problem.required' }),
    );
  });

  it('refuses an unknown agency, a taken code and a changed code', async () => {
    const unknownAgency = fresh(code);
    unknownAgency.agency = { id: '000.00.99.H08', level: 'province' };
    expect(await problemsOf(unknownAgency)).toEqual([
      { path: 'agency.id', messageKey: 'catalog.errors.agencyUnknown', params: { value: '000.00.99.H08' } },
    ]);
    await service().createDraft(fresh(code), null);
    await expect(service().createDraft(fresh(code), null)).rejects.toMatchObject({ code: 'procedure_exists' });
    await expect(service().updateDraft(code, fresh('1.900011.000.00.00.H08'), null)).rejects.toMatchObject({
      fields: [expect.objectContaining({ path: 'code', messageKey: 'catalog.errors.codeChanged' })],
    });
    await expect(service().updateDraft('1.999998.000.00.00.H08', fresh(code), null)).rejects.toMatchObject({
      status: 404,
      code: 'procedure_not_found',
    });
  });
});
