// Test fixture: allocates argv[3] dossier codes from its own process against the database in argv[2], 20 transactions
// in flight at a time: enough to contend with itself and the other process, without queueing hundreds of callers
// behind the connection pool's timeout on a loaded machine.
import { openDatabase } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { allocateDossierCode } from './dossiers.service.ts';

const IN_FLIGHT = 20;
const db = openDatabase(process.argv[2] ?? '');
const count = Number(process.argv[3]);
const receivedAt = new Date(process.argv[4] ?? '');
const codes: string[] = [];
let started = 0;
await Promise.all(
  Array.from({ length: Math.min(IN_FLIGHT, count) }, async () => {
    while (started < count) {
      started += 1;
      codes.push(await inTransaction(db.kysely, (tx) => allocateDossierCode(tx, '000.00.01.H08', receivedAt)));
    }
  }),
);
process.stdout.write(`${codes.join('\n')}\n`);
await db.close();
