import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { enqueue, type OutboxHandler, OutboxWorker } from '../outbox/outbox.service.ts';
import { callPartner, digest, listExchanges, PartnerUnreachableError, recordExchange } from './partners.service.ts';

let t: TestApp;
let partner: http.Server;
let partnerUrl = '';
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  // A partner that answers by path: /ok, /refuse (400 with an error code), /down (503), /slow (never answers in time).
  partner = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const path = req.url?.split('?')[0];
      if (path === '/slow') return;
      const status = path === '/ok' ? 200 : path === '/refuse' ? 400 : 503;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error_code: status === 200 ? 0 : status, echo: body }));
    });
  });
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
  partnerUrl = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`;
});
afterAll(async () => {
  partner.closeAllConnections();
  await new Promise((resolve) => partner.close(resolve));
  await t.cleanup();
});

const call = (path: string, reference: string) =>
  callPartner(t.db.kysely, {
    partner: 'test-partner',
    method: 'POST',
    url: `${partnerUrl}${path}?secret=never-logged`,
    body: '{"n":1}',
    timeoutMs: path === '/slow' ? 200 : 5000,
    reference,
  });

describe('partner exchange log', () => {
  it('records each call with digests, status and outcome, never the query string or the body', async () => {
    expect((await call('/ok', 'R1')).status).toBe(200);
    expect((await call('/refuse', 'R1')).status).toBe(400);
    expect((await call('/down', 'R1')).status).toBe(503);
    await expect(call('/slow', 'R1')).rejects.toBeInstanceOf(PartnerUnreachableError);
    const log = await listExchanges(t.db.kysely, { reference: 'R1' });
    expect(log.map((x) => [x.endpoint.replace(partnerUrl, ''), x.statusCode, x.outcome])).toEqual([
      ['/slow', null, 'failed'],
      ['/down', 503, 'failed'],
      ['/refuse', 400, 'rejected'],
      ['/ok', 200, 'ok'],
    ]);
    expect(log[0]?.detail).toBe('timeout');
    expect(log.every((x) => x.requestDigest === digest('{"n":1}'))).toBe(true);
    expect(log[3]?.responseDigest).toBe(digest(JSON.stringify({ error_code: 0, echo: '{"n":1}' })));
    expect(JSON.stringify(log)).not.toContain('never-logged');
  });

  it('records inbound exchanges, refused ones included', async () => {
    await recordExchange(t.db.kysely, {
      partner: 'test-partner',
      direction: 'inbound',
      method: 'post',
      url: '/api/v1/partner/callback',
      startedAt: new Date('2026-11-27T02:00:00Z'),
      durationMs: 3,
      requestBody: 'forged',
      responseBody: '{"code":"bad_signature"}',
      statusCode: 401,
      outcome: 'refused',
      detail: 'bad_signature',
      reference: 'R2',
    });
    const [entry] = await listExchanges(t.db.kysely, { reference: 'R2' });
    expect(entry).toMatchObject({ direction: 'inbound', method: 'POST', outcome: 'refused', detail: 'bad_signature' });
  });
});

describe('administrators screen of partner integrations', () => {
  it('shows the log and the dead letters; resends one with a corrected payload, refuses invalid JSON', async () => {
    await enqueue(t.db.kysely, { topic: 'test.partner', dedupeKey: 'dl-1', orderingKey: 'D-1', payload: { n: 1 } });
    const seen: unknown[] = [];
    const handler: OutboxHandler = async (m) => {
      if ((m.payload as { n: number }).n === 1) throw new Error('partner says: invalid n');
      seen.push(m.payload);
    };
    const worker = new OutboxWorker(t.db, { handlers: new Map([['test.partner', handler]]), maxAttempts: 1 });
    await worker.runOnce();

    const admin = new Browser(t.app);
    await admin.login('quantri', t.config.demoPassword);
    const page = await admin.get('/admin/partners');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('partner says: invalid n');
    expect(page.body).toContain('test.partner');
    expect(page.body).toContain('test-partner');
    const id = /dead-letters\/(\d+)\/resend/.exec(page.body)?.[1] ?? '';

    const bad = await admin.submit('/admin/partners', `/admin/partners/dead-letters/${id}/resend`, { payload: '{n:' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('JSON');
    expect(await worker.runOnce()).toBe(0);

    const ok = await admin.submit('/admin/partners', `/admin/partners/dead-letters/${id}/resend`, {
      payload: '{"n": 2}',
    });
    expect(ok.statusCode).toBe(303);
    expect(await worker.runOnce()).toBe(1);
    expect(seen).toEqual([{ n: 2 }]);
    const again = await admin.submit('/admin/partners', `/admin/partners/dead-letters/${id}/resend`, {});
    expect(again.headers.location).toBe(`/admin/partners?gone=${id}`);

    const citizen = new Browser(t.app);
    await citizen.login('congdan', t.config.demoPassword);
    expect((await citizen.get('/admin/partners')).statusCode).toBe(403);
  });
});
