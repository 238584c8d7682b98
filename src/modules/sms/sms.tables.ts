export interface NotificationPreferencesTable {
  user_id: string;
  email: 0 | 1;
  sms: 0 | 1;
  updated_at: string;
}

declare module '../../db/schema.ts' {
  interface Database {
    notification_preferences: NotificationPreferencesTable;
  }
}
