import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'libsql';

/**
 * Copies a live SQLite database to `target` with `VACUUM INTO`: one consistent snapshot, taken while the portal keeps
 * writing (WAL readers do not block writers), compacted on the way.
 */
export function backupSqlite(file: string, target: string): void {
  const absolute = path.resolve(target);
  if (fs.existsSync(absolute)) throw new Error(`backup target exists: ${absolute}`);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  const source = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    source.prepare('vacuum into ?').run(absolute);
  } finally {
    source.close();
  }
}

/** The pg_dump command for a PostgreSQL URL; the password is left to PGPASSWORD or ~/.pgpass. */
export function pgDumpCommand(url: string, target: string): string {
  const u = new URL(url);
  const parts = [
    'pg_dump',
    '--format=custom',
    `--file=${target}`,
    `--host=${u.hostname}`,
    `--port=${u.port || '5432'}`,
  ];
  if (u.username) parts.push(`--username=${decodeURIComponent(u.username)}`);
  parts.push(decodeURIComponent(u.pathname.slice(1)) || 'postgres');
  return parts.join(' ');
}
