import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Kysely, type Migration, type MigrationProvider, Migrator, PostgresAdapter } from 'kysely';
import type { Database } from './schema.ts';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Migrations are modules in `db/migrations`, run in file-name order, forward only, on both dialects. */
class FolderMigrationProvider implements MigrationProvider {
  constructor(private readonly include: (name: string) => boolean) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(migrationsDir)).filter((f) => /^\d{4}_.+(?<!\.d)\.(ts|js)$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const name = file.replace(/\.(ts|js)$/, '');
      if (this.include(name)) migrations[name] = await import(pathToFileURL(path.join(migrationsDir, file)).href);
    }
    return migrations;
  }
}

/** Applies the pending migrations; `include` picks some of them (a migration's test builds the database before it). */
export async function migrateToLatest(
  db: Kysely<Database>,
  include: (name: string) => boolean = () => true,
): Promise<string[]> {
  // Areas are built in parallel, each with its own number range, so a lower-numbered migration may land later.
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider(include), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
