import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldVietnamese, tokenize } from './text.ts';

const VIETNAMESE_LETTERS = 'aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ';

describe('foldVietnamese', () => {
  it('lower-cases, strips diacritics including đ and collapses whitespace', () => {
    expect(foldVietnamese('Đăng ký kinh doanh')).toBe('dang ky kinh doanh');
    expect(foldVietnamese('  Cấp   GIẤY\tphép\nXÂY DỰNG ')).toBe('cap giay phep xay dung');
    expect(foldVietnamese('Ủy ban nhân dân phường Phú Thọ')).toBe('uy ban nhan dan phuong phu tho');
    expect(foldVietnamese('Lý lịch tư pháp – Sở Tư pháp')).toBe('ly lich tu phap – so tu phap');
  });

  it('folds decomposed (NFD) input the same as composed input', () => {
    const composed = 'Chứng thực bản sao';
    expect(foldVietnamese(composed.normalize('NFD'))).toBe(foldVietnamese(composed));
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const once = foldVietnamese(text);
        expect(foldVietnamese(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const once = foldVietnamese(text);
        expect(foldVietnamese(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('maps any Vietnamese text, in either case and normal form, to plain a–z and single spaces', () => {
    const letter = fc.constantFrom(...[...VIETNAMESE_LETTERS, ' ', '  ', '\t']);
    fc.assert(
      fc.property(
        fc.array(letter).map((letters) => letters.join('')),
        (text) => {
          const folded = foldVietnamese(text);
          expect(folded).toMatch(/^(?:[a-z]+(?: [a-z]+)*)?$/);
          expect(foldVietnamese(text.toUpperCase().normalize('NFD'))).toBe(folded);
        },
      ),
    );
  });
});

describe('tokenize', () => {
  it('finds the tokens of an unaccented query in an accented name', () => {
    const name = tokenize('Cấp giấy phép xây dựng nhà ở riêng lẻ');
    for (const token of tokenize('giay phep xay dung')) expect(name).toContain(token);
    expect(name).not.toContain('sua');
  });

  it('splits on punctuation and drops empty tokens', () => {
    expect(tokenize('Đổi GPLX (hạng B2), 135.000đ!')).toEqual(['doi', 'gplx', 'hang', 'b2', '135', '000d']);
    expect(tokenize(' – ')).toEqual([]);
  });
});
