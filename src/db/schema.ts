/**
 * The database's table types. Each area declares its own tables by augmenting this interface from its
 * `<area>.tables.ts` (TypeScript declaration merging), so an area's tables are described beside its repo.
 *
 * Portable column conventions (the same on SQLite and PostgreSQL):
 * - instants are ISO-8601 UTC text (`2026-11-27T08:00:00.000Z`): they sort and compare as text;
 * - calendar dates are `YYYY-MM-DD` text in Vietnam time;
 * - booleans are integers 0/1; JSON is text; money is an integer number of đồng.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each area's tables file
export interface Database {}
