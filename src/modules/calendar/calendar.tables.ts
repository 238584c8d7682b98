export interface CalendarOverridesTable {
  date: string;
  kind: 'off' | 'working';
  note: string;
  created_by: string | null;
  created_at: string;
}

declare module '../../db/schema.ts' {
  interface Database {
    calendar_overrides: CalendarOverridesTable;
  }
}
