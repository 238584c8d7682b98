/**
 * Accent-insensitive matching for Vietnamese: lower-case, strip every diacritic (tone and vowel marks, `đ` → `d`) and
 * collapse whitespace, so "Đăng ký  Kinh doanh" and "dang ky kinh doanh" compare equal.
 */
export function foldVietnamese(text: string): string {
  return (
    text
      // Decompose before and after lower-casing: some capitals lower-case into a base letter plus a combining mark.
      .normalize('NFD')
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/đ/g, 'd')
      .replace(/\s+/gu, ' ')
      .trim()
  );
}

/** Search tokens: the folded words, in order, split on anything that is not a letter or a digit. */
export function tokenize(text: string): string[] {
  return foldVietnamese(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}
