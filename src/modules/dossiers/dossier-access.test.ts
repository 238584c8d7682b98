import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAgencies } from '../../seed/demo-province.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import * as agencies from '../agencies/agencies.service.ts';
import { requestDirectory } from './dossier-access.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

describe('the agency directory of a request', () => {
  it('is read once per request: later calls of the same request get the first read', async () => {
    const [first, second] = demoAgencies;
    await agencies.createAgency(t.db.kysely, first!);
    const request = {};
    const before = await requestDirectory(request, t.db.kysely);
    await agencies.createAgency(t.db.kysely, second!);

    expect(await requestDirectory(request, t.db.kysely)).toBe(before);
    expect(before.byIdentifier.has(second!.identifier)).toBe(false);
    const next = await requestDirectory({}, t.db.kysely);
    expect([...next.byIdentifier.keys()].sort()).toEqual([first!.identifier, second!.identifier].sort());
  });
});
