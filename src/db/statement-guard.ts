import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';

/** The SQLSTATE of `motcua_abort` (migration 0135). */
const ABORTED = 'MC001';

/**
 * PostgreSQL: an expression that aborts the statement it is part of, naming `reason`, when `failed` holds. A write made
 * as one statement of several parts checks with it that each part did all it had to; the abort undoes every part.
 */
export function abortWhen(failed: Expression<SqlBool>, reason: string): RawBuilder<boolean> {
  return sql<boolean>`case when ${failed} then motcua_abort(${reason}) else true end`;
}

/** The reason a statement was aborted with (`abortWhen`), or undefined for any other error. */
export function abortReason(error: unknown): string | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === ABORTED && typeof message === 'string' ? message : undefined;
}
