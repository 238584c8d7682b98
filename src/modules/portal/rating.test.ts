import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { vietnamDateOf } from '../../lib/vn-time.ts';
import { csrfFrom } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import * as identity from '../identity/identity.service.ts';
import { PortalDriver, password } from './my-dossiers.testkit.ts';
import { ratingCriteria } from './rating.criteria.ts';
import { checkRating, ratingSatisfactionSource, satisfactionCounts } from './rating.service.ts';

let t: TestApp;
let d: PortalDriver;
const clock = fixedClock('2026-11-24T02:00:00.000Z');

beforeAll(async () => {
  t = await createTestApp({ demo: true, clock });
  await identity.createUser(t.db.kysely, {
    username: 'congdan2',
    kind: 'citizen',
    fullName: 'Trần Thị Bình',
    password,
  });
  d = new PortalDriver(t);
  await d.login('congdan', 'congdan2', 'motcua', 'lanhdao', 'chuyenvien');
});
afterAll(() => t.cleanup());

const fullMarks = Object.fromEntries(ratingCriteria.map((key) => [`criterion.${key}`, '2']));

async function rate(who: string, code: string, fields: Record<string, string>) {
  const csrf = csrfFrom((await d.page(who, `/my-dossiers/${code}`)).body);
  return t.app.inject({
    method: 'POST',
    url: `/my-dossiers/${code}/rating`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    cookies: d.cookies(who),
    payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
  });
}

describe('checkRating', () => {
  it('needs 0, 1 or 2 for each of the nine criteria and an answer to both questions', () => {
    const ok = checkRating({
      ...fullMarks,
      'criterion.attitude': '1',
      convenience: 'satisfied',
      overall: 'very_satisfied',
    });
    expect(ok.problems).toEqual([]);
    expect(Object.values(ok.scores).reduce((a, b) => a + b, 0)).toBe(17);
    const bad = checkRating({ ...fullMarks, 'criterion.online': '3', convenience: 'meh', comment: 'x'.repeat(2001) });
    expect(bad.problems.map((p) => p.path)).toEqual(['criterion.online', 'convenience', 'overall', 'comment']);
    expect(ratingCriteria).toHaveLength(9);
  });
});

describe('rating a dossier', () => {
  it('is not open before the result', async () => {
    const code = await d.submitOnline();
    const page = await d.page('congdan', `/my-dossiers/${code}/rating`);
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('Hồ sơ chưa có kết quả nên chưa thể đánh giá.');
    const post = await rate('congdan', code, { ...fullMarks, convenience: 'satisfied', overall: 'satisfied' });
    expect(post.statusCode).toBe(409);
    expect(await satisfactionCounts(t.db.kysely, { from: '2026-01-01', to: '2026-12-31' })).toEqual([]);
  });

  it('takes one rating after the result: bad input explained per field, a second rating refused', async () => {
    const code = await d.submitOnline();
    await d.resolved(code, { returned: true });
    const form = await d.page('congdan', `/my-dossiers/${code}`);
    expect(form.body).toContain(`href="/my-dossiers/${code}/rating"`);
    expect((await d.page('congdan', `/my-dossiers/${code}/rating`)).statusCode).toBe(200);

    const missing = await rate('congdan', code, { 'criterion.processingTime': '2', overall: 'satisfied' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('href="#f-criterion-agencyTime"');
    expect(missing.body).toContain('href="#f-convenience"');
    expect(missing.body).toContain('value="2" checked');

    expect(
      (await rate('congdan2', code, { ...fullMarks, convenience: 'satisfied', overall: 'satisfied' })).statusCode,
    ).toBe(404);

    const fields = { ...fullMarks, 'criterion.contacts': '0', convenience: 'very_satisfied', overall: 'satisfied' };
    const ok = await rate('congdan', code, { ...fields, comment: 'Cán bộ hướng dẫn tận tình' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/my-dossiers/${code}?done=rated`);
    expect((await d.page('congdan', `/my-dossiers/${code}`)).body).toContain('Bạn đã đánh giá hồ sơ này (16/18 điểm)');

    const again = await rate('congdan', code, { ...fullMarks, convenience: 'dissatisfied', overall: 'dissatisfied' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Hồ sơ này đã được đánh giá');

    const today = vietnamDateOf(clock.now());
    expect(await satisfactionCounts(t.db.kysely, { from: today, to: today })).toEqual([
      {
        agencyId: '000.01.21.H08',
        ratings: 1,
        points: 16,
        convenience: { very_satisfied: 1, satisfied: 0, dissatisfied: 0 },
        overall: { very_satisfied: 0, satisfied: 1, dissatisfied: 0 },
      },
    ]);
    expect(await satisfactionCounts(t.db.kysely, { from: '2026-11-25', to: '2026-12-31' })).toEqual([]);
    expect(await satisfactionCounts(t.db.kysely, { from: today, to: today, agencyIds: ['000.00.10.H08'] })).toEqual([]);

    // As the statistics' satisfaction source: the province covers the ward below it, a department does not.
    const source = ratingSatisfactionSource(t.db);
    const scope = { from: today, to: today };
    expect(await source.ratings({ ...scope, agency: '000.00.00.H08' })).toEqual({
      rated: 1,
      dissatisfied: 0,
      dossiersWithComplaint: 0,
    });
    expect((await source.ratings({ ...scope, agency: '000.00.10.H08' })).rated).toBe(0);
    expect((await source.ratings(scope)).rated).toBe(1);
  });
});
