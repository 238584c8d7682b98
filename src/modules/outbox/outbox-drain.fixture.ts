// Test fixture: drains the outbox of the database named in argv[2] from its own process, printing each payload's n.
import { openDatabase } from '../../db/database.ts';
import { OutboxWorker } from './outbox.service.ts';

const db = openDatabase(process.argv[2] ?? '');
const worker = new OutboxWorker(db, {
  batchSize: 7,
  handlers: new Map([
    [
      'test.echo',
      async (m) => {
        process.stdout.write(`${(m.payload as { n: number }).n}\n`);
      },
    ],
  ]),
});
while ((await worker.runOnce()) > 0);
await db.close();
