import { describe, expect, it } from 'vitest';
import { demoAgencies } from '../../seed/demo-province.ts';
import type { ProcedureDefinition } from './catalog.schema.ts';
import { CatalogIndex, type SearchQuery } from './catalog-index.ts';
import { demoCatalog } from './demo-catalog.ts';

const agencyNames = new Map(demoAgencies.map((a) => [a.identifier, a.name]));
const entry = (definition: ProcedureDefinition) => ({
  versionId: `v-${definition.code}`,
  definition,
  agencyName: agencyNames.get(definition.agency.id) ?? '',
});
const index = new CatalogIndex(demoCatalog.map(entry));
const search = (q: string, more: Partial<SearchQuery> = {}) => index.search({ q, page: 1, limit: 100, ...more });
const names = (q: string, more: Partial<SearchQuery> = {}) => search(q, more).items.map((i) => i.definition.name);

describe('catalogue search', () => {
  it('ignores diacritics and case', () => {
    expect(names('dang ky kinh doanh')).toContain('Đăng ký thành lập hộ kinh doanh');
    expect(names('ĐĂNG KÝ KINH DOANH')).toEqual(names('dang ky kinh doanh'));
    expect(names('giay phep xay dung')[0]).toMatch(/^Cấp giấy phép xây dựng/);
    expect(names('KHAI SINH')).toContain('Đăng ký khai sinh');
  });

  it('tolerates word order and finds a word still being typed', () => {
    expect(names('xay dung giay phep')).toEqual(names('giay phep xay dung'));
    expect(names('dang ky khai si')).toContain('Đăng ký khai sinh');
  });

  it('ranks name matches before body matches', () => {
    // "hôn nhân" names one procedure; others mention it only in their components or conditions.
    const found = search('hon nhan').items;
    const inName = found.map((i) => /hôn nhân/i.test(i.definition.name));
    expect(inName[0]).toBe(true);
    expect(inName.includes(false)).toBe(true);
    expect(inName.indexOf(false)).toBeGreaterThan(inName.lastIndexOf(true));
    // A word only found in a body (the agency's name) still finds the procedure.
    expect(names('so xay dung').length).toBeGreaterThan(0);
  });

  it('requires every word', () => {
    expect(names('khai sinh xay dung')).toEqual([]);
    expect(search('zzzz').total).toBe(0);
  });

  it('filters by agency, field, online mode and level', () => {
    const all = index.search({ page: 1, limit: 100 });
    expect(all.total).toBe(demoCatalog.length);
    const byAgency = index.search({ agency: '000.00.13.H08', page: 1, limit: 100 });
    expect(byAgency.total).toBe(demoCatalog.filter((p) => p.agency.id === '000.00.13.H08').length);
    expect(byAgency.total).toBeGreaterThan(0);
    const byField = index.search({ field: 'G15', page: 1, limit: 100 }).items;
    expect(byField.every((i) => i.definition.field.code === 'G15')).toBe(true);
    const full = index.search({ mode: 'full', page: 1, limit: 100 }).items;
    expect(full.length).toBeGreaterThan(0);
    expect(full.every((i) => i.definition.onlineMode === 'full')).toBe(true);
    const communes = index.search({ level: 'commune', page: 1, limit: 100 }).items;
    expect(communes.every((i) => i.definition.agency.level === 'commune')).toBe(true);
    expect(search('giay phep xay dung', { level: 'commune' }).items.map((i) => i.definition.agency.level)).toEqual([
      'commune',
    ]);
  });

  it('pages through the results in Vietnamese alphabetical order', () => {
    const everything = index.search({ page: 1, limit: 100 }).items.map((i) => i.code);
    const pages = [1, 2, 3, 4].flatMap((page) => index.search({ page, limit: 10 }).items.map((i) => i.code));
    expect(pages).toEqual(everything);
    expect(index.search({ page: 99, limit: 10 })).toEqual({ total: demoCatalog.length, items: [] });
    const first = index.search({ page: 1, limit: 100 }).items.map((i) => i.definition.name);
    expect(first).toEqual([...first].sort(new Intl.Collator('vi').compare));
  });

  it('serialises the list item once, with the first case’s time and fees', () => {
    const item = JSON.parse(search('ly lich tu phap').items[0]?.itemJson ?? '{}');
    expect(Object.keys(item)).toEqual(['code', 'name', 'agency', 'field', 'onlineMode', 'processingTime', 'fees']);
    expect(item.agency).toEqual({ code: '000.00.12.H08', name: 'Sở Tư pháp' });
    expect(item.fees[0]).toEqual({ name: expect.any(String), amount: expect.any(Number) });
  });

  it('answers within milliseconds on 2,000 procedures', () => {
    const big = new CatalogIndex(
      Array.from({ length: 2000 }, (_, i) => {
        const base = demoCatalog[i % demoCatalog.length] as ProcedureDefinition;
        return entry({ ...base, code: `3.${String(i).padStart(6, '0')}.H08`, name: `${base.name} ${i}` });
      }),
    );
    const started = performance.now();
    for (let i = 0; i < 200; i++) big.search({ q: 'giay phep xay dung', page: 1, limit: 20 });
    expect((performance.now() - started) / 200).toBeLessThan(5);
  });
});
