export interface DossierCodeCountersTable {
  agency_identifier: string;
  day: string;
  last_sequence: number;
}

declare module '../../db/schema.ts' {
  interface Database {
    dossier_code_counters: DossierCodeCountersTable;
  }
}
