import type { App } from '../http/types.ts';

/** Cookies a browser would keep between requests made with `app.inject`. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  take(response: { cookies: { name: string; value: string; maxAge?: number; expires?: Date }[] }): void {
    for (const c of response.cookies) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now());
      if (expired || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  get object(): Record<string, string> {
    return Object.fromEntries(this.cookies);
  }
}

/** The `_csrf` value of the first form on a page. */
export function csrfFrom(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
}

/** A browser-like client: keeps cookies, reads CSRF tokens from pages, posts forms. */
export class Browser {
  readonly jar = new CookieJar();
  constructor(private readonly app: App) {}

  async get(url: string) {
    const res = await this.app.inject({ url, headers: { accept: 'text/html' }, cookies: this.jar.object });
    this.jar.take(res);
    return res;
  }

  /** Loads `formPage`, then posts `fields` with its CSRF token to `action`. */
  async submit(formPage: string, action: string, fields: Record<string, string | string[]>) {
    const page = await this.get(formPage);
    return this.post(action, { _csrf: csrfFrom(page.body), ...fields });
  }

  async post(url: string, fields: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      cookies: this.jar.object,
      payload: body.toString(),
    });
    this.jar.take(res);
    return res;
  }

  async login(username: string, password: string, totp = '') {
    return this.submit('/login', '/login', { username, password, totp });
  }
}
