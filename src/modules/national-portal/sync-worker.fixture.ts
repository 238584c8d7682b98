// Test fixture: an outbox worker process that syncs dossiers to the national portal simulator, until it is killed.
// argv: database URL, simulator URL, shared secret, claim lock in milliseconds.
import { openDatabase } from '../../db/database.ts';
import { systemClock } from '../../lib/clock.ts';
import { dossierEventTopics } from '../dossiers/dossier-notifications.ts';
import { OutboxWorker } from '../outbox/outbox.service.ts';
import {
  nationalPortalSyncHandler,
  nationalPortalSyncReaction,
  nationalPortalSyncTopic,
  SYNC_MAX_ATTEMPTS,
} from './national-portal.sync.ts';

const [url = '', simulatorUrl = '', secret = '', lockMs = '60000'] = process.argv.slice(2);
const db = openDatabase(url);
const settings = { url: simulatorUrl, clientId: 'motcua', secret, timeoutMs: 120_000 };
const reaction = nationalPortalSyncReaction(db, systemClock);
const worker = new OutboxWorker(db, {
  handlers: new Map([
    ...dossierEventTopics.map((topic) => [topic, reaction] as const),
    [
      nationalPortalSyncTopic,
      nationalPortalSyncHandler(db, systemClock, { settings, baseUrl: () => 'https://dvc.example.vn' }),
    ],
  ]),
  maxAttemptsByTopic: new Map([[nationalPortalSyncTopic, SYNC_MAX_ATTEMPTS]]),
  lockMs: Number(lockMs),
  backoffBaseMs: 200,
  pollMs: 100,
});
worker.start();
process.stdout.write('started\n');
