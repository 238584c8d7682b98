import { authenticator } from 'otplib';

/** Officers' second factor: RFC 6238 codes, 6 digits every 30 s, one step of clock drift either way. */
const stepSeconds = 30;

export const newTotpSecret = (): string => authenticator.generateSecret(20);

export const totpUri = (secret: string, account: string, issuer: string): string =>
  authenticator.keyuri(account, issuer, secret);

/** The time step the code belongs to, or null when it matches none of the current, previous and next steps. */
export function matchTotp(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = authenticator.clone({ epoch: now.getTime(), window: 1, step: stepSeconds }).checkDelta(code, secret);
  return delta === null ? null : Math.floor(now.getTime() / 1000 / stepSeconds) + delta;
}

/** Groups the base32 secret in fours, for typing into an authenticator app. */
export const formatSecret = (secret: string): string => secret.replace(/(.{4})/g, '$1 ').trim();
