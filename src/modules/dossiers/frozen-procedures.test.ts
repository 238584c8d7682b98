import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import { dossierDetail } from './dossiers.service.ts';
import { DEPARTMENT, testProcedure } from './dossiers.testkit.ts';
import { freeze, frozenDefinitions, storeFrozen } from './frozen-procedures.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Three definitions as dossiers carried them before 0110: the test procedure's case under three names. */
const texts = ['Một', 'Hai', 'Ba'].map((suffix) =>
  JSON.stringify({
    procedure: { code: testProcedure.code, name: `${testProcedure.name} ${suffix}`, agency: testProcedure.agency },
    case: testProcedure.cases[0],
  }),
);

function oldDossier(i: number) {
  const at = new Date(Date.UTC(2025, 0, 1, 3) + i * 60_000).toISOString();
  return {
    id: `d-${String(i).padStart(5, '0')}`,
    code: `${DEPARTMENT}-250101-${String(i + 1).padStart(4, '0')}`,
    submitted_by: 'u-1',
    submission_key: `k-${i}`,
    procedure_code: testProcedure.code,
    procedure_name: testProcedure.name,
    procedure_version_id: 'v-1',
    procedure_version: 1,
    frozen_definition: texts[i % 5 === 0 ? 0 : i % 2 === 0 ? 1 : 2],
    field_code: 'G17',
    case_code: 'HKD',
    receiving_agency_id: DEPARTMENT,
    current_agency_id: DEPARTMENT,
    current_step: 0,
    channel: 2,
    online_mode: 'full',
    status: 1,
    applicant_name: 'Nguyễn Văn An',
    applicant_search: 'nguyen van an',
    applicant_id_number: '074090001234',
    form_data: '{}',
    components: '[]',
    delivery_method: 'electronic',
    submitted_at: at,
    version: 1,
    created_at: at,
    updated_at: at,
  };
}

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ migrate: false });
});
afterAll(() => t.cleanup());

describe('migration 0110: frozen definitions stored once', () => {
  // More dossiers than the migration reads per page, so that it moves them page after page.
  const count = 2300;

  it('moves the definitions of existing dossiers into frozen_procedures, one row per distinct text', async () => {
    await migrateToLatest(t.db.kysely, (name) => name < '0110');
    const old = t.db.kysely as unknown as Kysely<{ dossiers: ReturnType<typeof oldDossier> }>;
    for (let i = 0; i < count; i += 250) {
      const rows = Array.from({ length: Math.min(250, count - i) }, (_, j) => oldDossier(i + j));
      await old.insertInto('dossiers').values(rows).execute();
    }

    expect(await migrateToLatest(t.db.kysely)).toContain('0110_frozen_procedures');

    const stored = await t.db.kysely.selectFrom('frozen_procedures').selectAll().orderBy('hash').execute();
    expect(stored).toEqual(texts.map((text) => ({ hash: sha256(text), definition: text })).sort(byHash));
    const dossiers = await t.db.kysely.selectFrom('dossiers').selectAll().orderBy('id').execute();
    expect(dossiers).toHaveLength(count);
    for (const [i, row] of dossiers.entries()) {
      expect(row.frozen_hash).toBe(sha256(oldDossier(i).frozen_definition!));
      expect(row).not.toHaveProperty('frozen_definition');
    }
    const detail = await dossierDetail(t.db.kysely, oldDossier(7).code);
    expect(detail.definition).toEqual(JSON.parse(texts[2]!));
  });

  it('refuses a dossier that names no stored definition', async () => {
    const row = { ...oldDossier(count), frozen_definition: undefined, frozen_hash: sha256('nothing') };
    const insert = (t.db.kysely as unknown as Kysely<{ dossiers: typeof row }>).insertInto('dossiers').values(row);
    await expect(insert.execute()).rejects.toThrow(/foreign key/i);
  });
});

describe('storing and reading frozen definitions', () => {
  it('stores a definition once however often, and concurrently, it is stored', async () => {
    const text = freeze({ procedure: { ...testProcedure, name: 'Thủ tục mới' }, case: testProcedure.cases[0]! });
    await Promise.all(
      Array.from({ length: 4 }, () => t.db.kysely.transaction().execute((tx) => storeFrozen(tx, [text, text]))),
    );
    const rows = await t.db.kysely.selectFrom('frozen_procedures').selectAll().where('hash', '=', text.hash).execute();
    expect(rows).toEqual([{ hash: sha256(text.json), definition: text.json }]);
    const definitions = await frozenDefinitions(t.db.kysely, [text.hash, text.hash]);
    expect(definitions.get(text.hash)).toEqual(JSON.parse(text.json));
    // Shared across callers, so read-only.
    expect(() => {
      (definitions.get(text.hash)!.case as { name: string }).name = 'khác';
    }).toThrow(TypeError);
  });

  it('says which definition is missing instead of answering without it', async () => {
    await expect(frozenDefinitions(t.db.kysely, [sha256('absent')])).rejects.toThrow(sha256('absent'));
  });
});

function byHash(a: { hash: string }, b: { hash: string }) {
  return a.hash < b.hash ? -1 : 1;
}
