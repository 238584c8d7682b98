import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../seed/seed-demo.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import { translate, translator } from '../../web/i18n/index.ts';
import { CatalogService } from '../catalog/catalog.service.ts';
import { ImportHeaderError, importColumns, importDossiers } from './dossier-import.ts';
import { withDossierColumns } from './statistics.repo.ts';
import { StatisticsService } from './statistics.service.ts';

const header = importColumns.join(',');

describe('importing dossier records of an earlier system', () => {
  let tdb: TestDb;
  let catalog: CatalogService;
  let procedure: string;
  let agency: string;

  beforeAll(async () => {
    tdb = await createTestDb();
    await seedDemo(tdb.db, 'motcua@2026');
    catalog = new CatalogService(tdb.db);
    const first = (await catalog.list()).find((p) => p.status === 'published')!;
    procedure = first.code;
    agency = first.agency.code;
  }, 60_000);
  afterAll(() => tdb.cleanup());

  const csv = () =>
    [
      header,
      // Resolved early, on time, late; one still open; one refused; one withdrawn.
      `${agency}-190304-0001,${procedure},${agency},2,4,2019-03-04T08:30:00+07:00,2019-03-08T17:00:00+07:00,2019-03-06T10:00:00+07:00,2019-03-07T09:00:00+07:00,10`,
      `${agency}-190305-0001,${procedure},${agency},1,3,2019-03-05T08:30:00+07:00,2019-03-11T17:00:00+07:00,2019-03-11T15:00:00+07:00,,9`,
      `${agency}-190306-0001,${procedure},${agency},3,,2019-03-06T08:30:00+07:00,2019-03-08T17:00:00+07:00,2019-03-12T10:00:00+07:00,2019-03-13T10:00:00+07:00,10`,
      `${agency}-190320-0001,${procedure},${agency},2,4,2019-03-20T08:30:00+07:00,2019-04-20T17:00:00+07:00,,,4`,
      `${agency}-190321-0001,${procedure},${agency},2,4,2019-03-21T08:30:00+07:00,,,,3`,
      `${agency}-190322-0001,${procedure},${agency},1,3,2019-03-22T08:30:00+07:00,2019-03-29T17:00:00+07:00,2019-03-23T08:00:00+07:00,,7`,
      // Rejected, one reason each.
      `not-a-code,${procedure},${agency},1,3,2019-03-04T08:30:00+07:00,,,,4`,
      `${agency}-190304-0002,9.999999.H08,${agency},1,3,2019-03-04T08:30:00+07:00,,,,4`,
      `${agency}-190304-0003,${procedure},000.99.99.H08,1,3,2019-03-04T08:30:00+07:00,,,,4`,
      `${agency}-190304-0004,${procedure},${agency},5,3,2019-03-04T08:30:00+07:00,,,,4`,
      `${agency}-190304-0005,${procedure},${agency},1,3,04/03/2019,,,,4`,
      `${agency}-190304-0006,${procedure},${agency},1,3,2019-03-04T08:30:00+07:00,2019-03-01T08:00:00+07:00,,,4`,
      `${agency}-190304-0007,${procedure},${agency},1,3,2019-03-04T08:30:00+07:00,,,,10`,
      `${agency}-190304-0001,${procedure},${agency},1,3,2019-03-04T08:30:00+07:00,,,,4`,
      `${agency}-190304-0008,${procedure},${agency},1,7,2019-03-04T08:30:00+07:00,,,,4`,
    ].join('\n');

  it('writes the good rows, reports each bad row with its reason in Vietnamese, and counts them in the statistics', async () => {
    const report = await importDossiers(tdb.db, catalog, csv());
    expect(report.imported).toBe(6);
    expect(report.updated).toBe(0);
    const reasons = report.rejected.map((r) => [r.row, r.messageKey]);
    expect(reasons).toEqual([
      [8, 'statistics.import.code'],
      [9, 'statistics.import.procedure'],
      [10, 'statistics.import.agency'],
      [11, 'statistics.import.channel'],
      [12, 'statistics.import.instant'],
      [13, 'statistics.import.order'],
      [14, 'statistics.import.statusDates'],
      [15, 'statistics.import.duplicate'],
      [16, 'statistics.import.level'],
    ]);
    const message = translate('vi', report.rejected[4]!.messageKey, report.rejected[4]!.params);
    expect(message).toBe(
      'receivedAt “04/03/2019” không phải thời điểm hợp lệ (ISO 8601, ví dụ 2019-03-04T08:30:00+07:00).',
    );

    const stats = new StatisticsService({ db: tdb.db, catalogue: catalog, staleMs: 0 });
    const march = await stats.summary({ from: '2019-03-01', to: '2019-03-31' }, translator('vi'));
    expect(march.totals).toMatchObject({
      received: 5,
      receivedOnline: 2,
      receivedInPerson: 2,
      receivedPostal: 1,
      resolved: 3,
      resolvedEarly: 1,
      resolvedOnTime: 1,
      resolvedLate: 1,
      returned: 2,
      inProgress: 1,
      inProgressWithin: 1,
      refused: 1,
      withdrawn: 1,
    });
    // The same figures straight from the dossiers.
    expect(await stats.summary({ from: '2019-03-01', to: '2019-03-31' }, translator('vi'), { direct: true })).toEqual(
      march,
    );
  });

  it('is idempotent by code, and never overwrites a dossier filed on this system', async () => {
    const again = await importDossiers(tdb.db, catalog, csv());
    expect(again).toMatchObject({ imported: 0, updated: 6 });
    const rows = await withDossierColumns(tdb.db.kysely)
      .selectFrom('dossiers')
      .select(['code', 'source', 'handling_agency_id'])
      .where('source', '=', 'import')
      .execute();
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.handling_agency_id === agency)).toBe(true);

    await withDossierColumns(tdb.db.kysely)
      .updateTable('dossiers')
      .set({ source: 'native' })
      .where('code', '=', `${agency}-190304-0001`)
      .execute();
    const clash = await importDossiers(tdb.db, catalog, csv());
    expect(clash.rejected.find((r) => r.row === 2)?.messageKey).toBe('statistics.import.native');
  });

  it('refuses a file whose header lacks a column, before reading any row', async () => {
    await expect(importDossiers(tdb.db, catalog, 'code,status\nX,1')).rejects.toBeInstanceOf(ImportHeaderError);
  });
});

describe('motcua import dossiers (command line)', () => {
  let tdb: TestDb;
  const cli = path.resolve('bin/motcua.js');

  beforeAll(async () => {
    tdb = await createTestDb({ migrate: false });
  });
  afterAll(() => tdb.cleanup());

  function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [cli, ...args], {
        env: { ...process.env, LOG_LEVEL: 'warn', MOTCUA_DATA_DIR: tdb.dataDir, DATABASE_URL: tdb.url },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('seeds generated dossiers, then imports a file with progress and a report of rejected rows', async () => {
    const seeded = await run(['seed', '--demo', '--dossiers', '50']);
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toContain('dossiers: 50');
    const catalog = new CatalogService(tdb.db);
    const first = (await catalog.list()).find((p) => p.status === 'published')!;
    const file = path.join(tdb.dataDir, 'old.csv');
    fs.writeFileSync(
      file,
      [
        header,
        `${first.agency.code}-190304-0001,${first.code},${first.agency.code},2,4,2019-03-04T08:30:00+07:00,2019-03-08T17:00:00+07:00,2019-03-06T10:00:00+07:00,,9`,
        `${first.agency.code}-190304-0002,${first.code},${first.agency.code},9,4,2019-03-04T08:30:00+07:00,,,,4`,
      ].join('\n'),
    );
    const imported = await run(['import', 'dossiers', file]);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain('100%');
    expect(imported.stderr).toContain('Dòng 3');
    expect(imported.stdout).toContain('Đã nhập 1 hồ sơ mới, 0 hồ sơ đã có được cập nhật, 1 dòng bị từ chối.');
  }, 300_000);
});
