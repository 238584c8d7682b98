import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';

/** Copies a live SQLite database to `target` with SQLite's online backup API (writers keep going meanwhile). */
export async function backupSqlite(file: string, target: string, onProgress?: (done: number, total: number) => void) {
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const source = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress?.(totalPages - remainingPages, totalPages);
        return 200;
      },
    });
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
