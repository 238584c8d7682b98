export interface RateLimitCountersTable {
  /** sha256 of the limited route (or group) and the client key, hex. */
  bucket: string;
  /** Start of the fixed window, ISO-8601 UTC. */
  window_start: string;
  hits: number;
  /** End of the window: the row means nothing afterwards and is swept. */
  expires_at: string;
}

declare module '../db/schema.ts' {
  interface Database {
    rate_limit_counters: RateLimitCountersTable;
  }
}
