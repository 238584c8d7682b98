/**
 * Typed domain errors. Services throw these; one handler in app.ts maps them to problem+json (RFC 9457) or to an
 * error page. `messageKey` names an entry of the i18n catalogue; `params` fill its placeholders.
 */
export type MessageParams = Record<string, string | number>;

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `cases.0.fees.1.amount`, or a query parameter name. */
  path: string;
  messageKey: string;
  params?: MessageParams;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messageKey: string,
    readonly params: MessageParams = {},
    readonly fields: FieldProblem[] = [],
  ) {
    super(`${code}: ${messageKey}`);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(fields: FieldProblem[], messageKey = 'errors.validation', params: MessageParams = {}) {
    super('validation_failed', 400, messageKey, params, fields);
  }
}

export class NotFoundError extends AppError {
  constructor(messageKey = 'errors.notFound', params: MessageParams = {}, code = 'not_found') {
    super(code, 404, messageKey, params);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, messageKey: string, params: MessageParams = {}) {
    super(code, 409, messageKey, params);
  }
}

export class UnauthorizedError extends AppError {
  constructor(messageKey = 'errors.unauthorized', code = 'unauthorized') {
    super(code, 401, messageKey);
  }
}

export class ForbiddenError extends AppError {
  constructor(messageKey = 'errors.forbidden', code = 'forbidden') {
    super(code, 403, messageKey);
  }
}
