import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  type SqliteDatabase as KyselySqliteDatabase,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type SqliteStatement,
} from 'kysely';
import SqliteDatabase from 'libsql';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** The URL it was opened with: another thread opens the same database with it. */
  url: string;
  /** Answers within `timeoutMs` or throws. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * SQLite's default deferred `BEGIN` lets two processes both read and then fail with SQLITE_BUSY when both try to write.
 * `BEGIN IMMEDIATE` takes the write lock up front, so concurrent writers queue on busy_timeout instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly sqliteConfig: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(sqliteConfig);
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.sqliteConfig);
  }
}

export function openDatabase(url: string): Db {
  return url.startsWith('sqlite:') ? openSqlite(url) : openPostgres(url);
}

/**
 * The embedded database is SQLite through libsql's better-sqlite3-compatible binding, which ships prebuilt binaries in
 * the npm registry: a fresh install needs no C++ build (better-sqlite3 compiles SQLite from source, over a minute).
 */
/** SQLite page cache per connection (KiB). */
const SQLITE_CACHE_KIB = 64 * 1024;

function openSqlite(url: string): Db {
  const file = url.slice('sqlite:'.length);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a committed dossier survives a power cut, not only a process crash.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  // The pages a request touches (index levels, recent rows) stay in the process: SQLite's default keeps 2 MiB, and the
  // operating system's file cache may give the rest back to the disk on a machine that reclaims idle memory.
  sqlite.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  const kysely = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return {
    kysely,
    dialect: 'sqlite',
    url,
    async ping() {
      sqlite.prepare('select 1').get();
    },
    close: () => kysely.destroy(),
  };
}

/** Compiled statements kept per SQLite connection, least recently used dropped first. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * SQLite compiles every statement before running it, and the app runs the same few hundred statements over and over:
 * compiling was the largest single cost of a submission (18 % of its CPU profile). Kysely's SQLite driver runs one
 * statement at a time on its one connection, so a compiled statement can be reused as soon as the driver asks again.
 */
function withStatementCache(sqlite: InstanceType<typeof SqliteDatabase>): KyselySqliteDatabase {
  // libsql's types describe better-sqlite3 7; Kysely's dialect needs only prepare/close, which it has.
  const database = sqlite as unknown as KyselySqliteDatabase;
  const cache = new Map<string, SqliteStatement>();
  return {
    prepare(source) {
      let statement = cache.get(source);
      if (statement) {
        cache.delete(source);
      } else {
        statement = database.prepare(source);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(source, statement);
      return statement;
    },
    close: () => database.close(),
  };
}

function openPostgres(url: string): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    // No JIT compilation: it was most of the time of the statistics refresh's reads (a second of compiling for a query
    // that runs in two) and pays off only for long analytical queries. `?options=-c%20jit%3Don` in the URL undoes it.
    options: '-c jit=off',
    // int8 (counts, bigserial ids) as numbers: every value we store stays below 2^53.
    types: { getTypeParser: (oid, format) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format)) },
  } as pg.PoolConfig);
  pool.on('error', () => {
    // An idle client lost its server; the pool replaces it and /healthz reports the outage.
  });
  pool.on('connect', preparedStatements);
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kysely,
    dialect: 'postgres',
    url,
    async ping(timeoutMs = 2000) {
      const client = await withTimeout(pool.connect(), timeoutMs);
      try {
        await withTimeout(client.query('select 1'), timeoutMs);
      } finally {
        client.release();
      }
    },
    close: () => kysely.destroy(),
  };
}

/** Statement names by SQL text, so that the same text hashes once. */
const statementNames = new Map<string, string>();
const STATEMENT_NAMES = 5000;

/**
 * The app sends the same few hundred statements over and over: each connection prepares a statement once (named by a
 * hash of its text) and afterwards only binds and executes it, so the server neither parses it again nor, once it has
 * settled on a generic plan, plans it again. Statements without parameters (BEGIN, COMMIT) go as they are.
 */
function preparedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || callback !== undefined) {
      return query(text, values, callback);
    }
    let name = statementNames.get(text);
    if (!name) {
      name = `k${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
      if (statementNames.size >= STATEMENT_NAMES) statementNames.clear();
      statementNames.set(text, name);
    }
    return query({ name, text, values });
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The host part of a database URL, for messages: never the password. */
export function describeDatabaseUrl(url: string): string {
  if (url.startsWith('sqlite:')) return url;
  try {
    const u = new URL(url);
    return `postgres://${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'postgres (unparseable URL)';
  }
}
