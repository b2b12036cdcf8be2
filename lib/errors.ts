import type { FieldError } from "./schema/messages";

/** Error codes the API and UI understand; each maps to one HTTP status. */
export type ErrorCode =
  | "BAD_REQUEST"
  | "VALIDATION"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "INTERNAL";

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/** An expected failure with a message fit to show to the user. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fieldErrors?: FieldError[];
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, extra: { fieldErrors?: FieldError[]; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.status = STATUS[code];
    this.fieldErrors = extra.fieldErrors;
    this.details = extra.details;
  }
}

/** The JSON body of an error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; fieldErrors?: FieldError[]; details?: Record<string, unknown> };
}

export const badRequest = (message: string, fieldErrors?: FieldError[]) => new DomainError("BAD_REQUEST", message, { fieldErrors });
export const forbidden = (message = "没有权限执行此操作") => new DomainError("FORBIDDEN", message);
export const notFound = (message = "未找到") => new DomainError("NOT_FOUND", message);
