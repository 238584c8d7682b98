/**
 * The short summary of what a request sent, for the audit log: the body's top-level fields with their values, except
 * secrets and personal data, which keep only their name. Nested objects and lists are reduced to their size, so form
 * data, file bytes and long texts never reach the log whole.
 */

/** Field names (lower-case, without `_` or `-`) whose values never reach the log (`confirm` repeats a password). */
const secretPattern =
  /pass|secret|token|totp|otp|csrf|key|signature|hash|credential|authorization|confirm|pin$|cvv|card/;
const personalPattern = /identitynumber|idnumber|cccd|cmnd|passport|phone|mobile|address|email|birth/;
/** A bare `code` is the one-time code of the second factor (`/account/totp`); route parameters carry dossier codes. */
const exactNames: ReadonlySet<string> = new Set(['code']);

const REDACTED = '***';
const MAX_FIELDS = 30;
const MAX_VALUE = 120;

function isHidden(key: string): boolean {
  const name = key.toLowerCase().replace(/[_-]/g, '');
  return exactNames.has(name) || secretPattern.test(name) || personalPattern.test(name);
}

function shorten(text: string): string {
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function describe(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return shorten(value);
  if (Array.isArray(value)) return `[${value.length}]`;
  if (typeof value === 'object') return `{${Object.keys(value).length}}`;
  return null;
}

/** The summary as JSON text, or null when the body is not a set of fields (none, multipart, raw bytes). */
export function summarizeBody(body: unknown): string | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) return null;
  const summary: Record<string, string | number | boolean | null> = {};
  const keys = Object.keys(body);
  for (const key of keys.slice(0, MAX_FIELDS)) {
    if (key === '_csrf') continue;
    summary[key] = isHidden(key) ? REDACTED : describe((body as Record<string, unknown>)[key]);
  }
  if (keys.length > MAX_FIELDS) summary['…'] = keys.length - MAX_FIELDS;
  return Object.keys(summary).length > 0 ? JSON.stringify(summary) : null;
}
