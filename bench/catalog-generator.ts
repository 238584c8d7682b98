import type { ProcedureDefinition } from '../src/modules/catalog/catalog.schema.ts';
import { demoCatalog } from '../src/modules/catalog/demo-catalog.ts';

const QUALIFIERS = [
  'cấp lại',
  'điều chỉnh',
  'gia hạn',
  'đối với tổ chức',
  'đối với cá nhân',
  'trong khu công nghiệp',
  'có yếu tố nước ngoài',
  'trường hợp bị mất, hư hỏng',
  'liên thông',
  'theo thủ tục rút gọn',
];
const AREAS = ['Thủ Dầu Một', 'Thuận An', 'Dĩ An', 'Tân Uyên', 'Bến Cát', 'Bàu Bàng', 'Bắc Tân Uyên', 'Phú Giáo'];

/**
 * `count` varied procedures made from the demo ones: new codes (`3.NNNNNN.000.00.00.H08`, outside the demo's),
 * names with a qualifier and a place, scaled fees. Every one is a valid definition for the demo agencies.
 */
export function generateCatalogue(count: number): ProcedureDefinition[] {
  return Array.from({ length: count }, (_, i) => {
    const base = demoCatalog[i % demoCatalog.length] as ProcedureDefinition;
    const round = Math.floor(i / demoCatalog.length);
    const qualifier = QUALIFIERS[round % QUALIFIERS.length];
    const area = AREAS[Math.floor(round / QUALIFIERS.length) % AREAS.length];
    const scale = 1 + (i % 3);
    return {
      ...base,
      code: `3.${String(i).padStart(6, '0')}.000.00.00.H08`,
      name: `${base.name} (${qualifier}, ${area})`,
      cases: base.cases.map((c) => ({
        ...c,
        fees: c.fees.map((fee) => ({ ...fee, amount: fee.amount * scale })),
      })),
    };
  });
}
