import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testProcess } from '../../db/reference-cache.testkit.ts';
import { inTransaction } from '../../db/transaction.ts';
import { demoAgencies } from '../../seed/demo-province.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import { agencyDirectory } from '../dossiers/dossier-access.ts';
import * as agencies from './agencies.service.ts';

let t: TestDb;
/** Two processes on one database: `writer` changes agencies, `other` only reads them. */
let writer: ReturnType<typeof testProcess>;
let other: ReturnType<typeof testProcess>;
beforeAll(async () => {
  t = await createTestDb();
  for (const agency of demoAgencies.slice(0, 4)) await agencies.createAgency(t.db.kysely, agency);
  writer = testProcess(t.url, { db: t.db });
  other = testProcess(t.url);
});
afterAll(async () => {
  await other.close();
  await t.cleanup();
});

const REVISIONS = 'select reference_revisions';
const AGENCIES = 'select agencies';
const nameIn = async (p: ReturnType<typeof testProcess>, identifier: string) =>
  (await agencies.findAgency(p.db.kysely, identifier))?.name;

describe('agencies kept per process', () => {
  it('are read once, then answer the list, tree, directory and lookups from memory', async () => {
    const db = other.db.kysely;
    const all = await agencies.listAgencies(db);
    expect(other.queries()).toEqual([REVISIONS, AGENCIES]);
    const root = all.find((a) => a.parentId === null);
    const tree = await agencies.agencyTree(db);
    const directory = await agencyDirectory(db);
    expect(tree.subtree(root?.id ?? '')).toHaveLength(4);
    expect(directory.byIdentifier.get(root?.identifier ?? '')).toBe(root);
    expect(await agencies.getAgency(db, root?.id ?? '')).toBe(root);
    expect(await agencies.identifiersUnder(db, root?.identifier)).toHaveProperty('size', 4);
    expect(other.queries()).toEqual([]);
    // Shared between requests, so nobody may change them.
    expect(Object.isFrozen(all)).toBe(true);
    expect(() => Object.assign(all[0] ?? {}, { name: 'x' })).toThrow(TypeError);
  });

  it('show a rename at once in the writing process and after checkEveryMs in another', async () => {
    const planning = '000.00.10.H08';
    const agency = await agencies.findAgency(writer.db.kysely, planning);
    const before = agency?.name;
    expect(await nameIn(other, planning)).toBe(before);
    writer.queries();
    other.queries();

    const { identifier, name, kind, level } = agency ?? demoAgencies[2]!;
    await agencies.updateAgency(writer.db.kysely, agency?.id ?? '', { identifier, kind, level, name: `${name} (mới)` });
    expect(writer.queries()).toContain('update reference_revisions');

    expect(await nameIn(writer, planning)).toBe(`${before} (mới)`);
    expect(writer.queries()).toEqual([REVISIONS, AGENCIES]);

    expect(await nameIn(other, planning)).toBe(before);
    other.clock.advance(999);
    expect(await nameIn(other, planning)).toBe(before);
    expect(other.queries()).toEqual([]);
    other.clock.advance(1);
    // Readers of a stale value share one check and one reload.
    const names = await Promise.all([nameIn(other, planning), nameIn(other, planning), nameIn(other, planning)]);
    expect(names).toEqual(Array(3).fill(`${before} (mới)`));
    expect(other.queries()).toEqual([REVISIONS, AGENCIES]);

    // Nothing changed: the next check reads the revisions only.
    other.clock.advance(1000);
    expect(await nameIn(other, planning)).toBe(`${before} (mới)`);
    expect(other.queries()).toEqual([REVISIONS]);
  });

  it("show a move, a deactivation and a creation made in a caller's transaction at once to the writer", async () => {
    const db = writer.db.kysely;
    const [root, centre, planning] = await Promise.all(
      ['000.00.00.H08', '000.00.01.H08', '000.00.10.H08'].map((id) => agencies.findAgency(db, id)),
    );
    await agencies.moveAgency(db, planning?.id ?? '', centre?.id ?? '');
    expect((await agencies.agencyTree(db)).subtree(centre?.id ?? '')).toContain(planning?.id);
    await agencies.setAgencyActive(db, planning?.id ?? '', false);
    expect((await agencies.agencyTree(db)).isActive(planning?.id ?? '')).toBe(false);
    await inTransaction(db, (tx) =>
      agencies.createAgency(tx, { ...demoAgencies[4]!, parentIdentifier: root?.identifier ?? '' }),
    );
    expect(await agencies.findAgency(db, demoAgencies[4]!.identifier)).toBeDefined();

    other.clock.advance(1000);
    const seen = await agencies.agencyTree(other.db.kysely);
    expect(seen.isActive(planning?.id ?? '')).toBe(false);
    expect(seen.subtree(root?.id ?? '')).toHaveLength(5);
  });
});
