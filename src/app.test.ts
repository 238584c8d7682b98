import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.cleanup());

describe('foundation routes', () => {
  it('GET /healthz answers ok with the dialect', async () => {
    const res = await t.app.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite' });
  });

  it('serves the home page in Vietnamese by default, with the province, hotline and language switch', async () => {
    const res = await t.app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<html lang="vi">');
    expect(res.body).toContain('Cổng Dịch vụ công tỉnh Bình Dương');
    expect(res.body).toContain('1900 1234');
    expect(res.body).toContain('href="/?lang=en"');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('switches to English with ?lang=en and remembers it in a cookie', async () => {
    const res = await t.app.inject('/?lang=en');
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain('Online public services');
    const cookie = res.cookies.find((c) => c.name === 'lang');
    expect(cookie?.value).toBe('en');
    const next = await t.app.inject({ url: '/', cookies: { lang: 'en' } });
    expect(next.body).toContain('<html lang="en">');
  });

  it('answers unknown routes with 404 problem+json for the API and an HTML page for browsers', async () => {
    const api = await t.app.inject('/api/v1/nothing-here');
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(api.json()).toMatchObject({ status: 404, code: 'not_found', instance: '/api/v1/nothing-here' });
    expect(api.json().detail).toContain('/api/v1/nothing-here');
    const page = await t.app.inject({ url: '/nothing-here', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Không tìm thấy trang');
  });

  it('explains problems in English when asked', async () => {
    const res = await t.app.inject({ url: '/api/v1/nothing-here', headers: { 'accept-language': 'en' } });
    expect(res.json().detail).toBe('There is no route GET /api/v1/nothing-here.');
  });

  it('refuses malformed JSON with 400 invalid_json and oversize bodies with 413', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/healthz',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_json');
    const big = await t.app.inject({
      method: 'POST',
      url: '/healthz',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ x: 'a'.repeat(1024 * 1024 + 10) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('body_too_large');
  });

  it('publishes the OpenAPI document and Prometheus metrics', async () => {
    const spec = await t.app.inject('/docs/json');
    expect(spec.statusCode).toBe(200);
    expect(spec.json().paths['/healthz']).toBeDefined();
    await t.app.inject('/healthz');
    const metrics = await t.app.inject('/metrics');
    expect(metrics.body).toContain('http_request_duration_seconds_count{method="GET",route="/healthz",status="200"}');
  });

  it('serves hashed assets with a long cache lifetime', async () => {
    const home = await t.app.inject('/');
    const href = /href="(\/assets\/app\.css\?v=[0-9a-f]{10})"/.exec(home.body)?.[1];
    expect(href).toBeDefined();
    const css = await t.app.inject(href ?? '');
    expect(css.statusCode).toBe(200);
    expect(css.headers['cache-control']).toContain('max-age=31536000');
  });
});

describe('healthz when the database is gone', () => {
  it('answers 503', async () => {
    const own = await createTestApp();
    await own.db.close();
    const res = await own.app.inject('/healthz');
    expect(res.statusCode).toBe(503);
    expect(res.json().status).toBe('unavailable');
    await own.app.close();
  });
});
