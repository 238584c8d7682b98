import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moneyMessages } from '../web/i18n/money.ts';
import { ValidationError } from './errors.ts';
import { formatDong, formatNumber, formatVnd, MAX_VND, vndInWords } from './money.ts';

describe('vndInWords — real cases', () => {
  it.each<[number, string]>([
    [0, 'Không đồng'],
    [1, 'Một đồng'],
    [5, 'Năm đồng'],
    [10, 'Mười đồng'],
    [11, 'Mười một đồng'], // một after mười, not mốt
    [14, 'Mười bốn đồng'],
    [15, 'Mười lăm đồng'], // lăm after mười
    [20, 'Hai mươi đồng'],
    [21, 'Hai mươi mốt đồng'], // mốt after mươi
    [24, 'Hai mươi bốn đồng'], // bốn, not tư
    [25, 'Hai mươi lăm đồng'],
    [100, 'Một trăm đồng'],
    [101, 'Một trăm linh một đồng'], // linh, and một (not mốt) after it
    [105, 'Một trăm linh năm đồng'], // năm (not lăm) after linh
    [110, 'Một trăm mười đồng'],
    [115, 'Một trăm mười lăm đồng'],
    [1_000, 'Một nghìn đồng'],
    [1_010, 'Một nghìn không trăm mười đồng'],
    [15_000, 'Mười lăm nghìn đồng'],
    [50_000, 'Năm mươi nghìn đồng'],
    [135_000, 'Một trăm ba mươi lăm nghìn đồng'],
    [200_000, 'Hai trăm nghìn đồng'],
    [1_000_001, 'Một triệu không trăm linh một đồng'], // the zero thousands group is skipped
    [1_005_000, 'Một triệu không trăm linh năm nghìn đồng'],
    [1_500_000, 'Một triệu năm trăm nghìn đồng'],
    [21_000_000, 'Hai mươi mốt triệu đồng'],
    [45_382_000, 'Bốn mươi lăm triệu ba trăm tám mươi hai nghìn đồng'],
    [1_000_000_000, 'Một tỷ đồng'],
    [1_000_000_005, 'Một tỷ không trăm linh năm đồng'],
    [2_500_000_000, 'Hai tỷ năm trăm triệu đồng'],
    [1_001_000_000_000, 'Một nghìn không trăm linh một tỷ đồng'],
    [MAX_VND, 'Một triệu tỷ đồng'],
  ])('%d → %s', (amount, words) => {
    expect(vndInWords(amount)).toBe(words);
  });
});

describe('formatVnd', () => {
  it.each<[number, string]>([
    [0, '0 đ'],
    [500, '500 đ'],
    [1_000, '1.000 đ'],
    [135_000, '135.000 đ'],
    [21_000_000, '21.000.000 đ'],
    [MAX_VND, '1.000.000.000.000.000 đ'],
  ])('%d → %s', (amount, text) => {
    expect(formatVnd(amount)).toBe(text);
  });
});

describe('money input checks', () => {
  it.each<[number, string]>([
    [-1, 'money.errors.negative'],
    [1.5, 'money.errors.notInteger'],
    [Number.NaN, 'money.errors.notInteger'],
    [Number.POSITIVE_INFINITY, 'money.errors.notInteger'],
    [MAX_VND + 1, 'money.errors.tooLarge'],
  ])('%d is refused with %s', (amount, messageKey) => {
    for (const format of [formatVnd, vndInWords]) {
      try {
        format(amount);
        expect.unreachable(`${amount} was accepted`);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).fields).toEqual([
          { path: 'amount', messageKey, params: { value: String(amount) } },
        ]);
      }
    }
  });

  it('has a Vietnamese and an English message for every error key', () => {
    for (const key of ['money.errors.negative', 'money.errors.notInteger', 'money.errors.tooLarge'] as const) {
      expect(moneyMessages.vi[key]).toBeTruthy();
      expect(moneyMessages.en[key]).toBeTruthy();
    }
  });
});

/** An independent reader of the words back into a number, for round-trip properties. */
function parseWords(text: string): number {
  const words = text
    .toLocaleLowerCase('vi')
    .replace(/ đồng$/, '')
    .split(' ');
  return readScaled(words);
}

function readScaled(words: string[]): number {
  for (const [name, scale] of [
    ['tỷ', 1e9],
    ['triệu', 1e6],
    ['nghìn', 1e3],
  ] as const) {
    const at = words.lastIndexOf(name);
    if (at >= 0) return readScaled(words.slice(0, at)) * scale + readScaled(words.slice(at + 1));
  }
  return readSmall(words);
}

function readSmall(words: string[]): number {
  const digit = (word: string | undefined): number => {
    const value = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'].indexOf(word ?? '');
    if (value < 0) throw new Error(`not a digit word: ${word}`);
    return value;
  };
  let value = 0;
  let rest = words;
  if (rest[1] === 'trăm') {
    value += digit(rest[0]) * 100;
    rest = rest.slice(2);
  }
  if (rest[0] === 'linh') return value + digit(rest[1]);
  if (rest[0] === 'mười') {
    value += 10;
    rest = rest.slice(1);
  } else if (rest[1] === 'mươi') {
    value += digit(rest[0]) * 10;
    rest = rest.slice(2);
  }
  if (rest.length === 0) return value;
  const unit = rest[0] === 'mốt' ? 1 : rest[0] === 'lăm' ? 5 : digit(rest[0]);
  return value + unit;
}

describe('vndInWords — properties', () => {
  const amounts = fc.oneof(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: MAX_VND }));

  it('reads back to the same amount', () => {
    fc.assert(
      fc.property(amounts, (amount) => {
        expect(parseWords(vndInWords(amount))).toBe(amount);
      }),
      { numRuns: 2000 },
    );
  });

  it('starts with a capital letter, ends with đồng and keeps the spelling rules', () => {
    fc.assert(
      fc.property(amounts, (amount) => {
        const words = vndInWords(amount);
        expect(words).toMatch(/^\p{Lu}[\p{Ll} ]* đồng$/u);
        expect(words).not.toMatch(/ {2}/);
        expect(words).not.toMatch(/mười mốt|linh mốt|linh lăm|mươi năm|mười năm|\btư\b|ngàn|lẻ/);
        expect(words).not.toMatch(/^\S+ (?:không trăm|linh)/); // the leading group is read short
      }),
      { numRuns: 2000 },
    );
  });

  it('formats with dot separators that read back to the amount', () => {
    fc.assert(
      fc.property(amounts, (amount) => {
        const text = formatVnd(amount);
        expect(text).toMatch(/^\d{1,3}(?:\.\d{3})* đ$/);
        expect(Number(text.replace(/\.| đ$/g, ''))).toBe(amount);
      }),
    );
  });
});

describe('money and numbers', () => {
  it('writes đồng with dots between thousands', () => {
    expect(formatDong(135_000)).toBe('135.000 đ');
    expect(formatDong(0)).toBe('0 đ');
    expect(formatDong(1_500_000)).toBe('1.500.000 đ');
    expect(formatDong(500)).toBe('500 đ');
    expect(formatDong(1_500_000, 'en')).toBe('1,500,000 VND');
  });

  it('writes decimals with a comma in Vietnamese', () => {
    expect(formatNumber(0.5)).toBe('0,5');
    expect(formatNumber(2.5, 'en')).toBe('2.5');
    expect(formatNumber(1000)).toBe('1.000');
  });
});
