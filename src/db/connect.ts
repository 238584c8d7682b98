import fs from 'node:fs';
import type { Config } from '../config.ts';
import { translate } from '../web/i18n/index.ts';
import { type Db, describeDatabaseUrl, openDatabase } from './database.ts';

export class DatabaseUnreachableError extends Error {}

/** Opens the database and proves it answers; the error names the host, never the password. */
export async function connect(config: Config): Promise<Db> {
  if (config.dialect === 'sqlite') fs.mkdirSync(config.dataDir, { recursive: true });
  const db = openDatabase(config.databaseUrl);
  try {
    await db.ping(5000);
  } catch (error) {
    await db.close().catch(() => {});
    const reason = (error as { code?: string }).code ?? (error as Error).message;
    throw new DatabaseUnreachableError(
      translate('vi', 'cli.noDatabase', { target: describeDatabaseUrl(config.databaseUrl), reason }),
    );
  }
  return db;
}
