import { openDatabase } from './src/db/database.ts';
import { queuePage } from './src/modules/dossiers/dossiers.repo.ts';
const db = openDatabase(process.argv[2]!);
const ids = ['000.00.01.H08', '000.01.21.H08'];
for (const statuses of [[1], [10]]) {
  const filter = { statuses, agencyColumn: 'receiving_agency_id' as const, agencyIds: ids, offset: 0, limit: 50, countUpTo: 1000 };
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    await queuePage(db.kysely, filter);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(statuses, 'median', times[15]!.toFixed(2), 'ms');
}
await db.close();
