import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { countAgencies } from './modules/agencies/agencies.repo.ts';
import { countUsers } from './modules/identity/identity.repo.ts';
import { demoAccounts, demoAgencies } from './seed/demo-province.ts';

const cli = path.resolve('bin/motcua.js');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-cli-'));
  dirs.push(d);
  return d;
}

interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string>, killAfterMs?: number): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', PORT: '0', HOST: '127.0.0.1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

// These tests start the CLI as a newcomer would, on the embedded database.
describe('motcua CLI', { timeout: 60_000 }, () => {
  it('prints help for each command', async () => {
    const help = await run(['--help'], {});
    expect(help.code).toBe(0);
    for (const command of ['serve', 'worker', 'migrate', 'seed', 'create-admin', 'backup'])
      expect(help.stdout).toContain(command);
    const backup = await run(['backup', '--help'], {});
    expect(backup.stdout).toContain('--out <file>');
  });

  it('stops with a one-line error naming the host, never the password, when PostgreSQL is unreachable', async () => {
    const r = await run(['migrate'], { DATABASE_URL: 'postgres://motcua:s3cretpass@127.0.0.1:1/motcua' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('postgres://127.0.0.1:1/motcua');
    expect(r.stderr).not.toContain('s3cretpass');
  });

  it('stops with the variable name when a setting is bad', async () => {
    const r = await run(['migrate'], { PORT: '99999' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PORT="99999"');
  });

  it('migrates, seeds the demo once, creates an admin and backs up online', async () => {
    const dir = tempDir();
    const env = { MOTCUA_DATA_DIR: dir };
    expect((await run(['seed', '--demo'], env)).stdout).toContain('demo province seeded');
    expect((await run(['seed', '--demo'], env)).stdout).toContain('nothing seeded');
    const admin = await run(['create-admin', '--username', 'admin2', '--full-name', 'Quản Trị Hai'], {
      ...env,
      MOTCUA_ADMIN_PASSWORD: 'a-long-password-1',
    });
    expect(admin.stdout).toContain('administrator admin2 created');
    const out = path.join(dir, 'copy.db');
    const backup = await run(['backup', '--out', out], env);
    expect(backup.code).toBe(0);
    const copy = openDatabase(`sqlite:${out}`);
    // The demo accounts and the administrator just created.
    expect(await countUsers(copy.kysely)).toBe(demoAccounts.length + 1);
    await copy.close();
  });

  it('leaves a database that the next start opens and migrates after SIGKILL at any point of start-up', async () => {
    const dir = tempDir();
    for (const ms of [150, 400, 700, 1000, 1500]) {
      await run(['serve'], { MOTCUA_DATA_DIR: dir }, ms);
      const db = openDatabase(`sqlite:${path.join(dir, 'motcua.db')}`);
      try {
        await migrateToLatest(db.kysely);
        const agencies = await countAgencies(db.kysely);
        expect([0, demoAgencies.length]).toContain(agencies); // the demo seed is one transaction: all or nothing
      } finally {
        await db.close();
      }
    }
    const finished = await run(['seed', '--demo'], { MOTCUA_DATA_DIR: dir });
    expect(finished.code).toBe(0);
  });
});
