import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAgencies } from '../../seed/demo-province.ts';
import { seedDemo } from '../../seed/seed-demo.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import { translator } from '../../web/i18n/index.ts';
import * as agencies from '../agencies/agencies.service.ts';
import * as catalog from './catalog.service.ts';
import {
  type CatalogDocument,
  CatalogImportError,
  exportCatalogue,
  exportCsv,
  importCatalogue,
  serialiseCatalogue,
} from './catalog.transfer.ts';
import { demoCatalog } from './demo-catalog.ts';

let source: TestDb;
let target: TestDb;
beforeAll(async () => {
  [source, target] = await Promise.all([createTestDb(), createTestDb()]);
  await seedDemo(source.db, 'x'.repeat(12));
  for (const agency of demoAgencies) await agencies.createAgency(target.db.kysely, agency);
  // Every state a procedure can be in: published with a pending draft, withdrawn, withdrawn with a draft, draft only.
  const db = source.db.kysely;
  const [a, b, c] = demoCatalog as [(typeof demoCatalog)[0], (typeof demoCatalog)[0], (typeof demoCatalog)[0]];
  await catalog.updateDraft(db, a.code, { ...a, name: `${a.name} (dự thảo sửa đổi)` }, null);
  await catalog.unpublish(db, b.code);
  await catalog.unpublish(db, c.code);
  await catalog.updateDraft(db, c.code, { ...c, conditions: 'Điều kiện mới.' }, null);
  await catalog.createDraft(db, { ...a, code: '1.900100.000.00.00.H08', name: 'Thủ tục mới đang soạn' }, null);
});
afterAll(async () => {
  await Promise.all([source.cleanup(), target.cleanup()]);
});

const exported = async (t: TestDb) => serialiseCatalogue(await exportCatalogue(t.db.kysely));

describe('catalogue export and import', () => {
  it('round-trips exactly: export → import → export gives the same bytes, and a second import changes nothing', async () => {
    const first = await exported(source);
    const document = JSON.parse(first) as CatalogDocument;
    expect(document.procedures).toHaveLength(demoCatalog.length + 1);
    expect(new Set(document.procedures.map((p) => p.status))).toEqual(new Set(['draft', 'published', 'unpublished']));
    expect(document.procedures.filter((p) => p.draft)).toHaveLength(2);

    const progress: number[] = [];
    const summary = await importCatalogue(target.db.kysely, JSON.parse(first), {
      onWrite: (done) => progress.push(done),
    });
    expect(summary).toEqual({ procedures: demoCatalog.length + 1, changed: demoCatalog.length + 1 });
    expect(progress.at(-1)).toBe(demoCatalog.length + 1);
    expect(await exported(target)).toBe(first);

    expect(await importCatalogue(target.db.kysely, JSON.parse(first))).toEqual({
      procedures: demoCatalog.length + 1,
      changed: 0,
    });
    expect(await importCatalogue(source.db.kysely, JSON.parse(first))).toMatchObject({ changed: 0 });
    expect(await exported(target)).toBe(first);
    expect(await exported(source)).toBe(first);
  });

  it('refuses a file with any bad row, reports every problem by row, code and path, and writes nothing', async () => {
    const before = await exported(target);
    const document = JSON.parse(before) as CatalogDocument;
    const rows = document.procedures as unknown as { status: string; definition: Record<string, unknown> }[];
    // Row 0 is a valid change: it must not be written either.
    rows[0]!.definition.name = 'Tên đã đổi';
    (rows[2]!.definition as { cases: { fees: { amount: number }[] }[] }).cases[0]!.fees[0]!.amount = -5;
    (rows[4]!.definition as { agency: { id: string } }).agency.id = '000.00.99.H08';
    rows[5]!.status = 'archived';
    let error: unknown;
    try {
      await importCatalogue(target.db.kysely, document);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CatalogImportError);
    const report = (error as CatalogImportError).rows;
    expect(report).toEqual([
      {
        row: 2,
        code: rows[2]!.definition.code,
        path: 'definition.cases.0.fees.0.amount',
        messageKey: 'catalog.problem.tooSmall',
        params: { minimum: 0 },
      },
      {
        row: 4,
        code: rows[4]!.definition.code,
        path: 'definition.agency.id',
        messageKey: 'catalog.errors.agencyUnknown',
        params: { value: '000.00.99.H08' },
      },
      {
        row: 5,
        code: rows[5]!.definition.code,
        path: 'status',
        messageKey: 'catalog.problem.invalidOption',
        params: { values: 'draft, published, unpublished' },
      },
    ]);
    expect((error as CatalogImportError).fields[0]?.path).toBe('procedures.2.definition.cases.0.fees.0.amount');
    expect(await exported(target)).toBe(before);
  });

  it('refuses a file that is not a catalogue export, and a file that repeats a code', async () => {
    await expect(importCatalogue(target.db.kysely, { procedures: [] })).rejects.toMatchObject({
      rows: [{ row: null, path: 'format', messageKey: 'catalog.import.format' }],
    });
    const document = JSON.parse(await exported(target)) as CatalogDocument;
    document.procedures.push(structuredClone(document.procedures[1]!));
    await expect(importCatalogue(target.db.kysely, document)).rejects.toMatchObject({
      rows: [{ row: document.procedures.length - 1, path: 'definition.code', messageKey: 'catalog.problem.duplicate' }],
    });
  });

  it('exports a CSV list with a header and one line per procedure', async () => {
    const csv = await exportCsv(source.db.kysely, translator('vi'));
    expect(csv.startsWith('\uFEFFMã thủ tục,Tên thủ tục,Trạng thái,')).toBe(true);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(demoCatalog.length + 2);
    const line = lines.find((l) => l.startsWith('1.001612.000.00.00.H08,'));
    expect(line).toContain('Đăng ký thành lập hộ kinh doanh,Đang công bố,1,,000.01.21.H08');
    expect(line).toContain('3 ngày làm việc');
  });
});
