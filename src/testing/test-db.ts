import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Db, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

export interface TestDb {
  db: Db;
  /** URL of this test's own database, for a second process to open. */
  url: string;
  dataDir: string;
  cleanup(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a temporary SQLite file by default, or a new PostgreSQL database on
 * the server named by TEST_DATABASE_URL (created here, dropped in cleanup).
 */
export async function createTestDb(options: { migrate?: boolean } = {}): Promise<TestDb> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-test-'));
  const adminUrl = process.env.TEST_DATABASE_URL;
  let url: string;
  let dropDatabase = async () => {};
  if (adminUrl) {
    const name = `motcua_t_${randomBytes(6).toString('hex')}`;
    await withClient(adminUrl, (c) => c.query(`create database ${name}`));
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDatabase = async () => {
      await withClient(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
    };
  } else {
    url = `sqlite:${path.join(dataDir, 'motcua.db')}`;
  }
  const db = openDatabase(url);
  if (options.migrate !== false) await migrateToLatest(db.kysely);
  return {
    db,
    url,
    dataDir,
    async cleanup() {
      await db.close();
      await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
