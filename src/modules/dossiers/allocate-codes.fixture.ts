// Test fixture: allocates argv[3] dossier codes at once from its own process against the database in argv[2].
import { openDatabase } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { allocateDossierCode } from './dossiers.service.ts';

const db = openDatabase(process.argv[2] ?? '');
const count = Number(process.argv[3]);
const receivedAt = new Date(process.argv[4] ?? '');
const codes = await Promise.all(
  Array.from({ length: count }, () =>
    inTransaction(db.kysely, (tx) => allocateDossierCode(tx, '000.00.01.H08', receivedAt)),
  ),
);
process.stdout.write(`${codes.join('\n')}\n`);
await db.close();
