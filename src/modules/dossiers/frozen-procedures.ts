import { createHash } from 'node:crypto';
import type { DbOrTx } from '../../db/transaction.ts';
import * as repo from './dossiers.repo.ts';
import type { FrozenProcedure } from './dossiers.schema.ts';

/** A frozen procedure definition as stored once in `frozen_procedures`: its JSON text and the SHA-256 of that text. */
export interface FrozenText {
  hash: string;
  json: string;
}

export function freeze(frozen: FrozenProcedure): FrozenText {
  const json = JSON.stringify(frozen);
  return { hash: createHash('sha256').update(json).digest('hex'), json };
}

/**
 * Stores the definitions not stored yet, in the caller's transaction. Two transactions storing the same new text at
 * once both succeed: the second waits on the key the first inserted, then does nothing.
 */
export async function storeFrozen(tx: DbOrTx, texts: readonly FrozenText[]): Promise<void> {
  const unique = new Map(texts.map((t) => [t.hash, t.json]));
  await repo.insertFrozen(
    tx,
    [...unique].map(([hash, definition]) => ({ hash, definition })),
  );
}

/**
 * Parsed definitions are kept for the life of the process: a hash names one text forever, so an entry can never be
 * stale, whichever database it was read from. Past the limit the oldest entries go (a province has a few thousand).
 */
const CACHE_LIMIT = 5000;
const parsed = new Map<string, FrozenProcedure>();

/** The frozen definitions of these hashes, parsed once per process and shared (hence deeply frozen: read-only). */
export async function frozenDefinitions(db: DbOrTx, hashes: readonly string[]): Promise<Map<string, FrozenProcedure>> {
  const found = new Map<string, FrozenProcedure>();
  const missing: string[] = [];
  for (const hash of new Set(hashes)) {
    const cached = parsed.get(hash);
    if (cached) found.set(hash, cached);
    else missing.push(hash);
  }
  if (missing.length > 0) {
    for (const row of await repo.frozenByHash(db, missing)) {
      const definition = deepFreeze(JSON.parse(row.definition) as FrozenProcedure);
      found.set(row.hash, definition);
      if (parsed.size >= CACHE_LIMIT) parsed.delete(parsed.keys().next().value as string);
      parsed.set(row.hash, definition);
    }
    const absent = missing.find((hash) => !found.has(hash));
    if (absent) throw new Error(`frozen procedure definition ${absent} is missing`);
  }
  return found;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
