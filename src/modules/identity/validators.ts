import { z } from 'zod';

/**
 * Province codes that open a CCCD (citizen identity card) number, as in Circular 07/2016/TT-BCA: the 63 provinces'
 * codes between 001 and 096.
 */
export const cccdProvinceCodes: ReadonlySet<string> = new Set(
  '001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096'.split(
    ' ',
  ),
);

/** 12 digits: province code (3), century-and-sex digit, year of birth (2), 6 random digits. */
export function isCccd(value: string): boolean {
  return /^\d{12}$/.test(value) && cccdProvinceCodes.has(value.slice(0, 3));
}

const taxWeights = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/** The tenth digit of a Vietnamese tax code, or null when the first nine digits admit none (10 - sum mod 11 = 10). */
export function taxCheckDigit(firstNine: string): number | null {
  const sum = taxWeights.reduce((acc, w, i) => acc + w * Number(firstNine[i]), 0);
  const check = 10 - (sum % 11);
  return check === 10 ? null : check;
}

/** A tax code: 10 digits with the official check digit, or a branch's 10-3 form (`0312345678-001`). */
export function isTaxCode(value: string): boolean {
  const m = /^(\d{10})(?:-(\d{3}))?$/.exec(value);
  if (!m?.[1]) return false;
  if (m[2] === '000') return false;
  return taxCheckDigit(m[1].slice(0, 9)) === Number(m[1][9]);
}

/** Mobile prefixes in use since the 2018 renumbering (Viettel, MobiFone, VinaPhone, Vietnamobile, Gmobile, Itel, Reddi). */
const mobilePrefixes = /^0(3[2-9]|5[25689]|7[06-9]|8[1-9]|9[0-46-9])\d{7}$/;

/** The national form (0xxxxxxxxx) of a Vietnamese mobile number written with 0 or +84, spaces or dots; else null. */
export function normalizeMobile(value: string): string | null {
  const compact = value.replace(/[\s.()-]/g, '');
  const national = compact.startsWith('+84') ? `0${compact.slice(3)}` : compact;
  return mobilePrefixes.test(national) ? national : null;
}

export const isEmail = (value: string): boolean => value.length <= 254 && z.email().safeParse(value).success;

/** An ISO date (YYYY-MM-DD) that exists and is in the past, within 130 years. */
export function isBirthDate(value: string, today: Date = new Date()): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) return false;
  return d < today && today.getUTCFullYear() - d.getUTCFullYear() <= 130;
}

/** Passwords: long rather than complicated (NCSC, NIST SP 800-63B). */
export const passwordSchema = z
  .string()
  .min(10, 'identity.error.passwordShort')
  .max(200, 'identity.error.passwordLong');
