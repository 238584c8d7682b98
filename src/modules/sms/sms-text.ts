/**
 * SMS text for brandname gateways that take only the GSM 7-bit alphabet: Vietnamese without diacritics, one message of
 * 160 characters where possible (a longer text is split and billed per part).
 */

export const GSM_SINGLE = 160;
export const UCS2_SINGLE = 70;

// The GSM 03.38 basic set (the extension table is left out: each of its characters counts twice).
const GSM = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

/** Drops tone and vowel marks (keeping case), `đ` → `d`, and replaces anything still outside GSM-7 with `?`. */
export function toGsm(text: string): string {
  const plain = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  return [...plain].map((c) => (GSM.has(c) ? c : '?')).join('');
}

export const isGsm = (text: string) => [...text].every((c) => GSM.has(c));

/**
 * The message `build(filler)` with the filler (a free-text reason) cut down so the whole fits `limit`; the fixed part
 * is never cut. Without diacritics when `unicode` is false.
 */
export function fitMessage(build: (filler: string) => string, filler: string, unicode: boolean): string {
  const limit = unicode ? UCS2_SINGLE : GSM_SINGLE;
  const prepare = (text: string) => (unicode ? text.normalize('NFC').replace(/\s+/g, ' ').trim() : toGsm(text));
  const full = prepare(build(filler));
  if (full.length <= limit) return full;
  // A one-letter filler measures the fixed part with the space before the filler kept.
  const room = limit - (prepare(build('x')).length - 1) - 3;
  if (room <= 0) return full;
  return prepare(build(`${prepare(filler).slice(0, room).trimEnd()}...`));
}
