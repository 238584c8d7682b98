import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { helmetHeaders, registerSecurityHeaders } from './security-headers.ts';

const options = { contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"] } } };

describe('security headers', () => {
  it("are helmet's headers for the options, CSP directives included", () => {
    const headers = helmetHeaders(options);
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(headers['x-powered-by']).toBeUndefined();
  });

  it('are on every answer, unknown routes included, and a route may replace one', async () => {
    const app = Fastify();
    registerSecurityHeaders(app, options);
    app.get('/own', async (_request, reply) => reply.header('content-security-policy', "default-src 'none'").send('x'));
    const missing = await app.inject('/nothing');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers).toMatchObject(helmetHeaders(options));
    const own = await app.inject('/own');
    expect(own.headers['content-security-policy']).toBe("default-src 'none'");
    expect(own.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});
