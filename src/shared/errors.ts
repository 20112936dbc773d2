// Every error the app can answer with, its HTTP status, and its message key (`errors.<CODE>`).

export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  CSRF_TOKEN_INVALID: 403,
  NOT_FOUND: 404,
  UNIT_NOT_FOUND: 404,
  PROCEDURE_NOT_FOUND: 404,
  FILE_NOT_FOUND: 404,
  APPLICATION_NOT_FOUND: 404,
  CALENDAR_OVERRIDE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  ACCOUNT_EXISTS: 409,
  PROCEDURE_EXISTS: 409,
  VERSION_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  FILE_TOO_LARGE: 413,
  FILE_EMPTY: 400,
  FILE_TYPE_NOT_ALLOWED: 415,
  APPLICATION_TOO_LARGE: 413,
  ACTION_NOT_ALLOWED: 409,
  SLIP_NOT_AVAILABLE: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  PROCEDURE_NOT_ONLINE: 422,
  PROCEDURE_RETIRED: 422,
  NOT_APPLICANT: 403,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  LOGIN_RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Per-field problems: field path -> message key (with optional parameters). */
export type FieldErrors = Record<string, { key: string; params?: Record<string, string | number> }>;

/** A typed application error; the error handler turns it into a translated response. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly options: {
      fields?: FieldErrors;
      params?: Record<string, string | number>;
      retryAfter?: number;
    } = {},
  ) {
    super(code);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
