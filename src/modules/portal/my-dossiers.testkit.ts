// Shared by the portal's route tests: demo sessions, uploads, an online dossier and the officers' steps on it (API).
import { expect } from 'vitest';
import { csrfFrom } from '../../testing/http.ts';
import type { TestApp } from '../../testing/test-app.ts';
import { applicantAn, deathRegistration, multipartBody, pdfBytes } from '../dossiers/dossiers.http-testkit.ts';

export const password = 'motcua@2026';

export class PortalDriver {
  readonly #sids = new Map<string, string>();
  constructor(readonly t: TestApp) {}

  async login(...usernames: string[]) {
    for (const username of usernames) {
      const res = await this.t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password },
      });
      expect(res.statusCode).toBe(200);
      this.#sids.set(username, res.cookies.find((c) => c.name === 'sid')?.value ?? '');
    }
  }

  cookies(who: string) {
    return { sid: this.#sids.get(who) ?? '' };
  }

  /** A page as a signed-in browser sees it. */
  page(who: string, url: string) {
    return this.t.app.inject({ url, headers: { accept: 'text/html' }, cookies: this.cookies(who) });
  }

  async csrf(who: string) {
    return csrfFrom((await this.page(who, '/')).body);
  }

  async upload(who: string, filename: string, bytes: Buffer): Promise<string> {
    const { payload, contentType } = multipartBody({}, [{ field: 'file', filename, bytes }]);
    const res = await this.t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { 'content-type': contentType, 'x-csrf-token': await this.csrf(who) },
      cookies: this.cookies(who),
      payload,
    });
    expect(res.statusCode).toBe(201);
    return res.json().id;
  }

  /** A death registration filed online at Phú Thọ ward by `who`, phone ending 5678 and ID number ending 1234. */
  async submitOnline(who = 'congdan'): Promise<string> {
    const components: Record<string, string[]> = {};
    for (const [i, code] of deathRegistration.components.entries()) {
      components[code] = [await this.upload(who, `giay-${i}.pdf`, pdfBytes(i))];
    }
    const res = await this.t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      cookies: this.cookies(who),
      payload: {
        procedureCode: deathRegistration.procedureCode,
        caseCode: deathRegistration.caseCode,
        channel: 2,
        submissionKey: `key-${Math.random().toString(36).slice(2)}`,
        applicant: applicantAn,
        form: deathRegistration.form,
        components,
        delivery: { method: 'electronic' },
      },
    });
    expect(res.statusCode).toBe(201);
    return res.json().code;
  }

  async version(code: string): Promise<number> {
    return (await this.t.app.inject({ url: `/api/v1/dossiers/${code}`, cookies: this.cookies('motcua') })).json()
      .version;
  }

  /** An officer's lifecycle action through the API, on the dossier as it is now. */
  async act(who: string, code: string, command: Record<string, unknown>) {
    const res = await this.t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${code}/actions`,
      cookies: this.cookies(who),
      payload: { ...command, expectedVersion: await this.version(code) },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  /** Accepted, then a supplement requested by the intake officer. */
  async awaitingSupplement(code: string, missing = ['Bản sao giấy báo tử có chứng thực']) {
    await this.act('motcua', code, { action: 'accept' });
    await this.act('motcua', code, { action: 'request_supplement', missing, comment: 'Bản chụp bị mờ' });
  }

  /** Accepted, assigned, approved and resolved with a result file; returned too when asked. */
  async resolved(code: string, options: { returned?: boolean } = {}) {
    await this.act('motcua', code, { action: 'accept' });
    await this.act('lanhdao', code, { action: 'assign', assigneeId: await this.userId('chuyenvien') });
    await this.act('lanhdao', code, { action: 'approve', comment: 'Đồng ý (ý kiến nội bộ)' });
    const result = await this.upload('chuyenvien', 'trich-luc-khai-tu.pdf', pdfBytes(99));
    await this.act('chuyenvien', code, { action: 'resolve', resultFileIds: [result] });
    if (options.returned) await this.act('motcua', code, { action: 'return_result', method: 'electronic' });
    return result;
  }

  async userId(username: string): Promise<string> {
    const res = await this.t.app.inject({ url: '/api/v1/me', cookies: this.cookies(username) });
    return res.json().id;
  }
}
