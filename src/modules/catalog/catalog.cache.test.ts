import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testProcess } from '../../db/reference-cache.testkit.ts';
import { demoAgencies } from '../../seed/demo-province.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import * as agencies from '../agencies/agencies.service.ts';
import { catalogProcedureSource } from '../dossiers/catalog-source.ts';
import type { ProcedureDefinition } from './catalog.schema.ts';
import { CatalogService } from './catalog.service.ts';
import { demoCatalog } from './demo-catalog.ts';

let t: TestDb;
/** Two processes on one database: `writer` edits the catalogue, `other` serves it. */
let writer: ReturnType<typeof testProcess>;
let other: ReturnType<typeof testProcess>;
let mine: CatalogService;
let theirs: CatalogService;
beforeAll(async () => {
  t = await createTestDb();
  for (const agency of demoAgencies) await agencies.createAgency(t.db.kysely, agency);
  writer = testProcess(t.url, { db: t.db });
  other = testProcess(t.url);
  mine = new CatalogService(writer.db);
  theirs = new CatalogService(other.db);
});
afterAll(async () => {
  await other.close();
  await t.cleanup();
});

const REVISIONS = 'select reference_revisions';
const fresh = (code: string): ProcedureDefinition => {
  const found = demoCatalog.find((p) => p.name === 'Đăng ký khai sinh');
  if (!found) throw new Error('demo procedure');
  return { ...structuredClone(found), code };
};

describe('the published catalogue kept per process', () => {
  it('shows a publish and an unpublish at once to the writer and after checkEveryMs to another process', async () => {
    const code = '1.900101.000.00.00.H08';
    await expect(theirs.getPublished(code)).rejects.toMatchObject({ code: 'procedure_not_found' });
    expect(other.queries()).toEqual([REVISIONS, 'select procedures']);
    await expect(mine.getPublished(code)).rejects.toMatchObject({ code: 'procedure_not_found' });

    await mine.createDraft(fresh(code), null);
    const { versionId } = await mine.publish(code, null);
    expect((await mine.getPublished(code)).versionId).toBe(versionId);

    await expect(theirs.getPublished(code)).rejects.toMatchObject({ code: 'procedure_not_found' });
    expect(other.queries()).toEqual([]);
    other.clock.advance(1000);
    expect((await theirs.getPublished(code)).versionId).toBe(versionId);
    expect(other.queries()).toEqual([REVISIONS, 'select procedures', 'select procedure_versions']);
    expect((await theirs.index()).get(code)?.versionId).toBe(versionId);
    other.queries();

    // What a submission reads (dossiers.routes.ts, catalog-source.ts) now comes from memory.
    const source = catalogProcedureSource(theirs);
    expect((await theirs.getPublished(code)).versionId).toBe(versionId);
    expect((await source.publishedVersion(versionId))?.definition.code).toBe(code);
    expect(other.queries()).toEqual([]);

    await mine.unpublish(code);
    await expect(mine.getPublished(code)).rejects.toMatchObject({ code: 'procedure_not_found' });
    expect(await source.publishedVersion(versionId)).toBeDefined();
    other.clock.advance(1000);
    expect(await source.publishedVersion(versionId)).toBeUndefined();
    expect((await theirs.index()).get(code)).toBeUndefined();
    // A dossier that froze the version still reads it.
    expect((await theirs.getVersion(versionId)).definition.code).toBe(code);
  });

  it('shares versions frozen, keeps published ones and reads drafts again, as drafts are edited in place', async () => {
    const code = '1.900102.000.00.00.H08';
    const draft = await mine.createDraft(fresh(code), null);
    other.queries();
    const first = await theirs.getVersion(draft.versionId);
    await mine.updateDraft(code, { ...fresh(code), name: 'Đăng ký khai sinh (sửa)' }, null);
    expect((await theirs.getVersion(draft.versionId)).definition.name).toBe('Đăng ký khai sinh (sửa)');
    expect(first.definition.name).toBe('Đăng ký khai sinh');
    expect(other.queries()).toEqual(['select procedure_versions', 'select procedure_versions']);

    await mine.publish(code, null);
    const published = await theirs.getVersion(draft.versionId);
    expect(await theirs.getVersion(draft.versionId)).toBe(published);
    expect(other.queries()).toEqual(['select procedure_versions']);
    expect(Object.isFrozen(published.definition.cases[0])).toBe(true);
    expect(() => published.definition.cases.pop()).toThrow(TypeError);
  });

  it('rebuilds the search index when an agency is renamed, as it shows agency names', async () => {
    const code = '1.900103.000.00.00.H08';
    await mine.createDraft(fresh(code), null);
    await mine.publish(code, null);
    const agencyId = fresh(code).agency.id;
    const before = (await mine.index()).detailJson(code);
    const agency = await agencies.findAgency(writer.db.kysely, agencyId);
    if (!agency) throw new Error(agencyId);
    const { identifier, kind, level } = agency;
    await agencies.updateAgency(writer.db.kysely, agency.id, { identifier, kind, level, name: 'Phường Mới' });
    expect(before).toContain(agency.name);
    expect((await mine.index()).detailJson(code)).toContain('Phường Mới');
  });
});
