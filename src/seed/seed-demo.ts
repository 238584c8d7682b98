import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import * as agencies from '../modules/agencies/agencies.service.ts';
import * as catalog from '../modules/catalog/catalog.service.ts';
import { demoCatalog } from '../modules/catalog/demo-catalog.ts';
import * as identity from '../modules/identity/identity.service.ts';
import { demoAccounts, demoAgencies } from './demo-province.ts';

/**
 * Seeds the demo province (agencies, accounts, the published demo catalogue) into an empty database, all in one
 * transaction; returns false (and changes nothing) when agencies exist.
 */
export async function seedDemo(db: Db, password: string): Promise<boolean> {
  return inTransaction(db.kysely, async (tx) => {
    if ((await agencies.countAgencies(tx)) > 0) return false;
    const byIdentifier = new Map<string, string>();
    for (const input of demoAgencies) {
      const agency = await agencies.createAgency(tx, input);
      byIdentifier.set(agency.identifier, agency.id);
    }
    for (const account of demoAccounts) {
      const user = await identity.createUser(tx, {
        username: account.username,
        kind: account.kind,
        password,
        fullName: account.fullName,
        email: account.email,
        phone: account.phone,
        demo: true,
      });
      for (const { agency, role } of account.roles) {
        const agencyId = byIdentifier.get(agency);
        if (!agencyId) throw new Error(`demo role names unknown agency ${agency}`);
        await identity.grantRole(tx, user.id, agencyId, role);
      }
    }
    for (const definition of demoCatalog) {
      await catalog.createDraft(tx, definition, null);
      await catalog.publish(tx, definition.code, null);
    }
    return true;
  });
}
