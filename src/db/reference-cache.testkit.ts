import type { KyselyPlugin, OperationNode, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { fixedClock } from '../lib/clock.ts';
import { type Db, openDatabase } from './database.ts';
import { configureReferenceCache } from './reference-cache.ts';

/** Names each statement run through it by verb and tables, e.g. `select reference_revisions`. */
class QueryLog implements KyselyPlugin {
  #queries: string[] = [];

  transformQuery({ node }: PluginTransformQueryArgs) {
    const verb = node.kind.replace(/QueryNode$/, '').toLowerCase();
    this.#queries.push(`${verb} ${[...new Set(tablesOf(node))].join(',')}`);
    return node;
  }

  async transformResult({ result }: PluginTransformResultArgs) {
    return result;
  }

  /** The statements run since the last call. */
  take(): string[] {
    const taken = this.#queries;
    this.#queries = [];
    return taken;
  }
}

function tablesOf(node: unknown): string[] {
  if (!node || typeof node !== 'object') return [];
  const n = node as OperationNode & { table?: { identifier?: { name?: string } } };
  const own = n.kind === 'TableNode' && n.table?.identifier?.name ? [n.table.identifier.name] : [];
  return [...own, ...Object.values(node).flatMap(tablesOf)];
}

/**
 * One process's view of a test database: its own connection (the first process may reuse the test's), its own
 * reference cache on an injected clock, and a log of the statements it runs.
 */
export function testProcess(url: string, options: { db?: Db; checkEveryMs?: number } = {}) {
  const opened = options.db ?? openDatabase(url);
  const log = new QueryLog();
  const kysely = opened.kysely.withPlugin(log);
  const clock = fixedClock('2026-11-27T01:00:00.000Z');
  configureReferenceCache(kysely, { clock, checkEveryMs: options.checkEveryMs ?? 1000 });
  return {
    db: { ...opened, kysely } as Db,
    clock,
    queries: () => log.take(),
    close: () => (options.db ? Promise.resolve() : opened.close()),
  };
}
