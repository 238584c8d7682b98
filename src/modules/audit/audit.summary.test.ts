import { describe, expect, it } from 'vitest';
import { csvCell } from './audit.csv.ts';
import { summarizeBody } from './audit.summary.ts';

describe('summarizeBody', () => {
  it('keeps plain fields, masks secrets and personal data by name, and drops the CSRF token', () => {
    const summary = summarizeBody({
      _csrf: 'abc',
      name: 'Sở Nội vụ',
      active: true,
      expectedVersion: 3,
      password: 'p',
      new_password: 'p',
      confirm: 'p',
      totpCode: '1',
      code: '123456',
      apiKey: 'k',
      hashSecret: 's',
      idNumber: '074090001234',
      phone: '0912345678',
      email: 'a@b.vn',
      address: 'Số 1',
      dateOfBirth: '1990-01-01',
    });
    expect(JSON.parse(summary ?? '')).toEqual({
      name: 'Sở Nội vụ',
      active: true,
      expectedVersion: 3,
      password: '***',
      new_password: '***',
      confirm: '***',
      totpCode: '***',
      code: '***',
      apiKey: '***',
      hashSecret: '***',
      idNumber: '***',
      phone: '***',
      email: '***',
      address: '***',
      dateOfBirth: '***',
    });
  });

  it('reduces nested data to its size and shortens long texts', () => {
    const summary = JSON.parse(
      summarizeBody({ form: { a: 1, b: { idNumber: 'x' } }, missing: ['a', 'b'], comment: 'x'.repeat(500) }) ?? '',
    );
    expect(summary).toEqual({ form: '{2}', missing: '[2]', comment: `${'x'.repeat(119)}…` });
  });

  it('has nothing to say of bodies that are not fields', () => {
    for (const body of [undefined, null, 'text', [1, 2], Buffer.from('%PDF'), { _csrf: 'only' }]) {
      expect(summarizeBody(body)).toBeNull();
    }
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, i]));
    expect(Object.keys(JSON.parse(summarizeBody(many) ?? ''))).toHaveLength(31);
  });
});

describe('csvCell', () => {
  it('quotes separators and turns would-be formulas into text', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell(403)).toBe('403');
    expect(csvCell(null)).toBe('');
  });
});
