import * as oidc from 'openid-client';

export interface SsoSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** The SSO settings from the environment, when an issuer and a client secret are set. */
export function ssoSettingsFrom(env: { SSO_ISSUER_URL?: string; SSO_CLIENT_ID: string; SSO_CLIENT_SECRET?: string }) {
  if (!env.SSO_ISSUER_URL || !env.SSO_CLIENT_SECRET) return undefined;
  return { issuer: env.SSO_ISSUER_URL, clientId: env.SSO_CLIENT_ID, clientSecret: env.SSO_CLIENT_SECRET };
}

/** The verified identity the national SSO vouches for. */
export interface SsoIdentity {
  subject: string;
  fullName: string | null;
  identityNumber: string | null;
  dateOfBirth: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
}

export interface PendingLogin {
  url: string;
  state: string;
  nonce: string;
  verifier: string;
}

const scope = 'openid profile address phone identity';

/**
 * The OpenID Connect client of the portal (authorization code + PKCE). It can be configured after start-up, because
 * the demo starts its SSO simulator once the portal knows its own URL.
 */
export class SsoClient {
  private settings: SsoSettings | undefined;
  private discovered: Promise<oidc.Configuration> | undefined;

  constructor(settings?: SsoSettings) {
    this.settings = settings;
  }

  configure(settings: SsoSettings): void {
    this.settings = settings;
    this.discovered = undefined;
  }

  get enabled(): boolean {
    return this.settings !== undefined;
  }

  private configuration(): Promise<oidc.Configuration> {
    const s = this.settings;
    if (!s) throw new Error('SSO is not configured');
    this.discovered ??= oidc
      .discovery(
        new URL(s.issuer),
        s.clientId,
        s.clientSecret,
        undefined,
        s.issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.discovered = undefined;
        throw error;
      });
    return this.discovered;
  }

  async start(redirectUri: string): Promise<PendingLogin> {
    const config = await this.configuration();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope,
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, state, nonce, verifier };
  }

  async finish(callbackUrl: URL, pending: Omit<PendingLogin, 'url'>): Promise<SsoIdentity> {
    const config = await this.configuration();
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const subject = tokens.claims()?.sub ?? '';
    const info = await oidc.fetchUserInfo(config, tokens.access_token, subject);
    const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
    const address = info.address as { formatted?: unknown } | undefined;
    return {
      subject,
      fullName: text(info.name),
      identityNumber: text(info.identity_number),
      dateOfBirth: text(info.birthdate),
      address: text(address?.formatted),
      phone: text(info.phone_number),
      email: info.email_verified ? text(info.email) : null,
    };
  }
}
