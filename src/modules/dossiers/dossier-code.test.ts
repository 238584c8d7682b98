import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/errors.ts';
import { formatDayNumber, parseIsoDate } from '../../lib/vn-time.ts';
import { dossierMessages } from '../../web/i18n/dossiers.ts';
import { formatDossierCode, isAgencyIdentifier, parseDossierCode } from './dossier-code.ts';

function errorOf(action: () => unknown): ValidationError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const { messageKey } = (error as ValidationError).fields[0]!;
    expect(dossierMessages.vi).toHaveProperty([messageKey]);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('isAgencyIdentifier', () => {
  it.each(['000.00.04.H56', '000.01.22.H08', 'H15.50.05.13', '000.00.00.H38', 'H01.001.02.03'])('accepts %s', (id) => {
    expect(isAgencyIdentifier(id)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['000.00.04.h56', 'lower-case h (parse normalises; the validator wants canonical form)'],
    ['000.00.04.H5', 'one-digit province'],
    ['000.00.04.H00', 'province 00'],
    ['000.00.04.G09', 'not a province prefix'],
    ['000.00.H56', 'three groups'],
    ['000.00.04.05.H56', 'five groups'],
    ['000.0.04.H56', 'one-digit group'],
    ['0000.00.04.H56', 'four-digit group'],
    ['000.H56.04.00', 'province in the middle'],
    ['H15.50.05.H13', 'two provinces'],
    ['000-00-04-H56', 'hyphens'],
    ['000.00.04.H56.', 'trailing dot'],
    [' 000.00.04.H56', 'untrimmed'],
  ])('rejects %j (%s)', (id) => {
    expect(isAgencyIdentifier(id)).toBe(false);
  });
});

describe('formatDossierCode', () => {
  it.each<[string, string, number, number | undefined, string]>([
    ['H15.50.05.13', '2026-10-08', 975, undefined, 'H15.50.05.13-261008-0975'],
    ['000.00.04.H56', '2025-07-15', 1, undefined, '000.00.04.H56-250715-0001'],
    [' 000.01.22.h08 ', '2024-02-29', 9999, undefined, '000.01.22.H08-240229-9999'],
    ['000.00.04.H56', '2025-07-15', 12345, undefined, '000.00.04.H56-250715-12345'],
    ['000.00.04.H56', '2025-07-15', 900123, 7, '000.00.04.H56-250715-0900123'],
  ])('%s %s %i → %s', (agency, date, sequence, digits, code) => {
    expect(formatDossierCode(agency, date, sequence, digits)).toBe(code);
  });

  it.each<[string, string, number, number | undefined, string, string]>([
    ['000.00.04', '2025-07-15', 1, undefined, 'agencyIdentifier', 'dossiers.errors.codeAgency'],
    ['000.00.04.H56', '2025-02-29', 1, undefined, 'receivedDate', 'dossiers.errors.codeDate'],
    ['000.00.04.H56', '1999-12-31', 1, undefined, 'receivedDate', 'dossiers.errors.codeDate'],
    ['000.00.04.H56', '15/07/2025', 1, undefined, 'receivedDate', 'dossiers.errors.codeDate'],
    ['000.00.04.H56', '2025-07-15', 0, undefined, 'sequence', 'dossiers.errors.codeSequence'],
    ['000.00.04.H56', '2025-07-15', 1.5, undefined, 'sequence', 'dossiers.errors.codeSequence'],
    ['000.00.04.H56', '2025-07-15', 10_000_000, undefined, 'sequence', 'dossiers.errors.codeSequence'],
    ['000.00.04.H56', '2025-07-15', 1, 8, 'sequence', 'dossiers.errors.codeSequence'],
    ['000.00.04.H56', '2025-07-15', 1, 3, 'sequence', 'dossiers.errors.codeSequence'],
  ])('rejects %s %s %s (digits %s)', (agency, date, sequence, digits, path, messageKey) => {
    expect(errorOf(() => formatDossierCode(agency, date, sequence, digits)).fields[0]).toMatchObject({
      path,
      messageKey,
    });
  });
});

describe('parseDossierCode', () => {
  it.each([
    [
      'H15.50.05.13-261008-0975',
      { agencyIdentifier: 'H15.50.05.13', date: '2026-10-08', sequence: 975, sequenceDigits: 4 },
    ],
    [
      '  000.00.04.h56-250715-0001\n',
      { agencyIdentifier: '000.00.04.H56', date: '2025-07-15', sequence: 1, sequenceDigits: 4 },
    ],
    [
      '000.00.04.H56-250715-0900123',
      { agencyIdentifier: '000.00.04.H56', date: '2025-07-15', sequence: 900_123, sequenceDigits: 7 },
    ],
  ])('reads %j', (code, parsed) => {
    expect(parseDossierCode(code)).toEqual(parsed);
  });

  it.each([
    ['', 'dossiers.errors.codeEmpty'],
    ['   ', 'dossiers.errors.codeEmpty'],
    ['H15.50.05.13_261008_0975', 'dossiers.errors.codeSeparators'],
    ['H15.50.05.13–261008–0975', 'dossiers.errors.codeSeparators'], // en dashes
    ['H15.50.05.13-2610080975', 'dossiers.errors.codeSeparators'],
    ['H15.50.05.13-261008-0975-2', 'dossiers.errors.codeSeparators'],
    ['H15.50.05.13 -261008-0975', 'dossiers.errors.codeSeparators'],
    ['H15.50.05-261008-0975', 'dossiers.errors.codeAgency'],
    ['X15.50.05.13-261008-0975', 'dossiers.errors.codeAgency'],
    ['-261008-0975', 'dossiers.errors.codeAgency'],
    ['H15.50.05.13-261308-0975', 'dossiers.errors.codeDate'],
    ['H15.50.05.13-250229-0975', 'dossiers.errors.codeDate'],
    ['H15.50.05.13-20261008-0975', 'dossiers.errors.codeDate'],
    ['H15.50.05.13-26108-0975', 'dossiers.errors.codeDate'],
    ['H15.50.05.13-2610O8-0975', 'dossiers.errors.codeDate'],
    ['H15.50.05.13-261008-975', 'dossiers.errors.codeSequence'],
    ['H15.50.05.13-261008-0000', 'dossiers.errors.codeSequence'],
    ['H15.50.05.13-261008-12345678', 'dossiers.errors.codeSequence'],
    ['H15.50.05.13-261008-09a5', 'dossiers.errors.codeSequence'],
    ['H15.50.05.13-261008-', 'dossiers.errors.codeSequence'],
  ])('rejects %j with %s', (code, messageKey) => {
    expect(errorOf(() => parseDossierCode(code)).fields[0]).toMatchObject({ path: 'code', messageKey });
  });

  it('names the offending part', () => {
    expect(errorOf(() => parseDossierCode('H15.50.05.13-261308-0975')).fields[0]!.params).toEqual({ value: '261308' });
  });
});

describe('round trips', () => {
  const groupArb = fc
    .integer({ min: 0, max: 999 })
    .chain((n) => fc.constantFrom(String(n).padStart(3, '0'), String(n % 100).padStart(2, '0')));
  const provinceArb = fc.integer({ min: 1, max: 99 }).map((n) => `H${String(n).padStart(2, '0')}`);
  const agencyArb = fc
    .tuple(fc.array(groupArb, { minLength: 3, maxLength: 3 }), provinceArb, fc.boolean())
    .map(([groups, province, first]) => (first ? [province, ...groups] : [...groups, province]).join('.'));
  const dateArb = fc
    .integer({ min: parseIsoDate('2000-01-01')!, max: parseIsoDate('2099-12-31')! })
    .map((dayNumber) => formatDayNumber(dayNumber));
  const sequenceArb = fc
    .integer({ min: 4, max: 7 })
    .chain((digits) => fc.tuple(fc.integer({ min: 1, max: 10 ** digits - 1 }), fc.constant(digits)));

  it('parse(format(x)) gives x back', () => {
    fc.assert(
      fc.property(agencyArb, dateArb, sequenceArb, (agency, date, [sequence, digits]) => {
        expect(isAgencyIdentifier(agency)).toBe(true);
        expect(parseDossierCode(formatDossierCode(agency.toLowerCase(), date, sequence, digits))).toEqual({
          agencyIdentifier: agency,
          date,
          sequence,
          sequenceDigits: digits,
        });
      }),
    );
  });

  it('format(parse(code)) gives the canonical code back', () => {
    fc.assert(
      fc.property(agencyArb, dateArb, sequenceArb, (agency, date, [sequence, digits]) => {
        const code = `${agency}-${date.slice(2).replaceAll('-', '')}-${String(sequence).padStart(digits, '0')}`;
        const parsed = parseDossierCode(` ${code.toLowerCase()} `);
        expect(formatDossierCode(parsed.agencyIdentifier, parsed.date, parsed.sequence, parsed.sequenceDigits)).toBe(
          code,
        );
      }),
    );
  });
});

describe('dossier catalogue', () => {
  it('uses the same placeholders in Vietnamese and English', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const [key, text] of Object.entries(dossierMessages.vi)) {
      expect(placeholders(dossierMessages.en[key as keyof typeof dossierMessages.en]), key).toEqual(placeholders(text));
    }
  });
});
