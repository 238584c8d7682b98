import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/errors.ts';
import { type HandoverOutcome, handoverOutcome, renderControlSheet } from './control-sheet.ts';
import type { Handover } from './documents.schema.ts';
import { DOSSIER_CODE, pdfFlatText, pdfPages, sampleControlSheet } from './test-support.ts';

const party = { unit: 'Bộ phận Một cửa', officer: 'Trần Văn Bình' };
const step = (dueAt?: string, doneAt?: string): Handover => ({
  from: party,
  to: party,
  handedOverAt: '2026-11-20T01:00:00Z',
  ...(dueAt && { dueAt }),
  ...(doneAt && { doneAt }),
});
const AS_OF = '2026-11-26T03:00:00Z';

describe('handoverOutcome', () => {
  it.each<[string, Handover, HandoverOutcome]>([
    ['done on a Vietnam day before the due day', step('2026-11-24T10:00:00Z', '2026-11-23T16:59:00Z'), 'early'],
    ['done on the due day, before the due time', step('2026-11-24T10:00:00Z', '2026-11-23T17:00:00Z'), 'onTime'],
    ['done exactly at the due instant', step('2026-11-24T10:00:00Z', '2026-11-24T10:00:00Z'), 'onTime'],
    ['done a minute late', step('2026-11-24T10:00:00Z', '2026-11-24T10:01:00Z'), 'late'],
    ['done without a deadline', step(undefined, '2026-11-24T10:00:00Z'), 'noDeadline'],
    ['open, due later', step('2026-11-26T10:00:00Z'), 'pending'],
    ['open, due already passed when printed', step('2026-11-26T02:59:00Z'), 'overdue'],
    ['open, no deadline', step(), 'pending'],
  ])('%s', (_, handover, outcome) => {
    expect(handoverOutcome(handover, AS_OF)).toBe(outcome);
  });
});

describe('renderControlSheet', () => {
  it('prints every hand-over with both parties, the times and the outcome', async () => {
    const pdf = await renderControlSheet(sampleControlSheet());
    const pages = await pdfPages(pdf);
    expect(pages).toHaveLength(1);
    const text = await pdfFlatText(pdf);
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      `Mã hồ sơ: ${DOSSIER_CODE}`,
      'Hồ sơ của: Nguyễn Thị Hồng Nhung',
      'Cơ quan (bộ phận) giải quyết hồ sơ: Sở Kế hoạch và Đầu tư',
      'Cơ quan phối hợp giải quyết hồ sơ: Cục Thuế tỉnh Bình Dương',
      'Thủ Dầu Một, ngày 26 tháng 11 năm 2026',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Số:');
    // One table row per hand-over: its number, both units and officers, the outcome.
    const rows = pages[0]!.split('\n');
    const rowStart = (index: number) => rows.findIndex((line) => new RegExp(`^\\s*${index}\\s{2,}`).test(line));
    const rowOf = (index: number) =>
      rows
        .slice(rowStart(index), rowStart(index + 1) >= 0 ? rowStart(index + 1) : undefined)
        .join(' ')
        .replace(/\s+/g, ' ');
    expect(rowOf(1)).toMatch(/Bộ phận Một.*Phòng Đăng ký.*20\/11\/2026.*24\/11\/2026.*23\/11\/2026.*Trước hạn/);
    expect(rowOf(1)).toMatch(/Trần Văn Bình.*Võ Thị Lan/);
    expect(rowOf(2)).toMatch(/Đúng hạn.*Trình ký/);
    expect(rowOf(3)).toMatch(/Quá hạn(?!,)/);
    expect(rowOf(4)).toMatch(/Quá hạn,.*đang xử lý/);
  });

  it('refuses a step done before it was handed over', async () => {
    const sheet = sampleControlSheet();
    const [first, ...rest] = sheet.handovers;
    const rendering = renderControlSheet({
      ...sheet,
      handovers: [{ ...first!, doneAt: '2026-11-19T00:00:00Z' }, ...rest],
    });
    const error = await rendering.catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual([
      { path: 'handovers.0.doneAt', messageKey: 'documents.errors.handoverOrder' },
    ]);
  });
});
