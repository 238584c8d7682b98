import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cccdProvinceCodes,
  isBirthDate,
  isCccd,
  isEmail,
  isTaxCode,
  normalizeMobile,
  taxCheckDigit,
} from './validators.ts';

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

describe('CCCD', () => {
  it('accepts 12 digits opening with a province code', () => {
    expect(isCccd('074095001234')).toBe(true); // Bình Dương
    expect(isCccd('001200012345')).toBe(true); // Hà Nội
    expect(isCccd('097095001234')).toBe(false); // no such province
    expect(isCccd('003095001234')).toBe(false); // 003 is not issued
    expect(isCccd('07409500123')).toBe(false);
    expect(isCccd('0740950012345')).toBe(false);
    expect(isCccd('07409500123a')).toBe(false);
  });

  it('accepts exactly the province codes, whatever the other nine digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), digits(9), (p, rest) => {
        const code = String(p).padStart(3, '0');
        expect(isCccd(`${code}${rest}`)).toBe(cccdProvinceCodes.has(code));
      }),
    );
    expect(cccdProvinceCodes.size).toBe(63);
  });
});

describe('tax code', () => {
  it('checks the official check digit and the branch form', () => {
    expect(isTaxCode('0100109106')).toBe(true); // Viettel
    expect(isTaxCode('0100109107')).toBe(false);
    expect(isTaxCode('0100109106-001')).toBe(true);
    expect(isTaxCode('0100109106-000')).toBe(false);
    expect(isTaxCode('0100109106-1')).toBe(false);
    expect(isTaxCode('010010910')).toBe(false);
  });

  it('accepts one and only one tenth digit for any nine digits that admit one', () => {
    fc.assert(
      fc.property(digits(9), (nine) => {
        const check = taxCheckDigit(nine);
        const valid = Array.from({ length: 10 }, (_, d) => d).filter((d) => isTaxCode(`${nine}${d}`));
        expect(valid).toEqual(check === null ? [] : [check]);
      }),
    );
  });
});

describe('mobile numbers', () => {
  it('accepts 0 or +84 with a current prefix, in the national form', () => {
    expect(normalizeMobile('0912345678')).toBe('0912345678');
    expect(normalizeMobile('+84 912 345 678')).toBe('0912345678');
    expect(normalizeMobile('+84912345678')).toBe('0912345678');
    expect(normalizeMobile('0386.123.456')).toBe('0386123456');
    expect(normalizeMobile('0123456789')).toBeNull(); // old 11-digit era prefix
    expect(normalizeMobile('0212345678')).toBeNull(); // landline area code
    expect(normalizeMobile('091234567')).toBeNull();
    expect(normalizeMobile('84912345678')).toBeNull();
  });

  it('normalises the +84 and 0 forms of any valid number to the same value', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('32', '39', '52', '70', '79', '81', '89', '90', '94', '96', '99'),
        digits(7),
        (p, rest) => {
          expect(normalizeMobile(`+84${p}${rest}`)).toBe(`0${p}${rest}`);
          expect(normalizeMobile(`0${p}${rest}`)).toBe(`0${p}${rest}`);
        },
      ),
    );
  });
});

describe('email and dates', () => {
  it('accepts ordinary addresses and real past dates', () => {
    expect(isEmail('an.nguyen@example.vn')).toBe(true);
    expect(isEmail('an nguyen@example.vn')).toBe(false);
    expect(isEmail('an@')).toBe(false);
    const today = new Date('2026-11-27T00:00:00Z');
    expect(isBirthDate('1990-02-28', today)).toBe(true);
    expect(isBirthDate('1990-02-30', today)).toBe(false);
    expect(isBirthDate('2030-01-01', today)).toBe(false);
  });
});
