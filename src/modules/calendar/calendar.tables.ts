export interface CalendarOverridesTable {
  date: string;
  kind: 'off' | 'working';
  note: string;
  created_by: string | null;
  created_at: string;
}

export interface CalendarRevisionTable {
  id: number;
  revision: number;
}

declare module '../../db/schema.ts' {
  interface Database {
    calendar_overrides: CalendarOverridesTable;
    calendar_revision: CalendarRevisionTable;
  }
}
