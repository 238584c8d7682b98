import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('config', () => {
  it('has working defaults: port 3000, SQLite in ./data, demo on', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dialect).toBe('sqlite');
    expect(c.databaseUrl).toBe(`sqlite:${path.resolve('data', 'motcua.db')}`);
    expect(c.baseUrl).toBe('http://localhost:3000');
    expect(c.demo).toBe(true);
    expect(c.maxFileBytes).toBe(10 * 1024 * 1024);
    expect(c.cutoff).toBe('15:00');
  });

  it('reads PostgreSQL URLs and switches', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/motcua', MOTCUA_DEMO: '0', PORT: '8080' });
    expect(c.dialect).toBe('postgres');
    expect(c.demo).toBe(false);
    expect(c.port).toBe(8080);
  });

  it('names every bad variable and what it expects', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', MOTCUA_CUTOFF: '25:00', MOTCUA_DEMO: 'yes' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT="eighty": expected .*number/m);
    expect(problems).toMatch(/^DATABASE_URL="mysql:\/\/x": expected postgres:\/\/user:pass@host:5432\/db or sqlite:/m);
    expect(problems).toMatch(/^MOTCUA_CUTOFF="25:00": expected HH:MM/m);
    expect(problems).toMatch(/^MOTCUA_DEMO="yes"/m);
    expect((error as ConfigError).problems).toHaveLength(4);
  });
});

describe('README settings table', () => {
  it('documents every setting', async () => {
    const { readFileSync } = await import('node:fs');
    const { settings } = await import('./config.ts');
    const readme = readFileSync('README.md', 'utf8');
    const missing = Object.keys(settings).filter((name) => !readme.includes(`| \`${name}\` |`));
    expect(missing).toEqual([]);
  });
});
