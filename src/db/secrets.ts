import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

interface AppSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

declare module './schema.ts' {
  interface Database {
    app_secrets: AppSecretsTable;
  }
}

/** Returns the named secret, generating it once; every process of a deployment reads the same value. */
export async function sharedSecret(db: Kysely<Database>, name: string): Promise<string> {
  await db
    .insertInto('app_secrets')
    .values({ name, value: randomBytes(32).toString('base64url'), created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('app_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}
