import type { Locale } from "./i18n/locale";
import { msg, resolveText, type Text } from "./i18n/messages";

/** Error codes the API and UI understand; each maps to one HTTP status. */
export type ErrorCode =
  | "BAD_REQUEST"
  | "VALIDATION"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "UNAVAILABLE"
  | "INTERNAL";

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** A problem tied to one field, in the reader's language: `path` is a JSON pointer into the input. */
export interface FieldError {
  path: string;
  /** Where the field is, for summaries: "受益人信息 › 指定受益人 第 2 行 › 身份证号码". */
  label: string;
  message: string;
  keyword: string;
}

/**
 * A field problem as thrown: label and message are either text already in the reader's language
 * (the record validator writes them with the template's titles) or Text resolved later.
 */
export interface FieldProblem {
  path: string;
  label: Text;
  message: Text;
  keyword: string;
}

/** The JSON body of an error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; fieldErrors?: FieldError[]; details?: Record<string, unknown>; requestId?: string };
}

interface DomainErrorExtra {
  fieldErrors?: FieldProblem[];
  details?: Record<string, unknown>;
  /** The language `message` and `fieldErrors` read in; the route wrapper re-reads them in the caller's. */
  locale?: Locale;
  /** What went wrong underneath (a parser's error), kept for the server's log, never shown to the user. */
  cause?: unknown;
}

/**
 * An expected failure with a message fit to show to the user. The message is a key and parameters
 * (`msg("users.notFound")`), translated where it is shown: `localize(locale)` in the route wrapper
 * and pages. `message` and `fieldErrors` read in `extra.locale`, Chinese by default, for logs and
 * for code that only checks what went wrong.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly text: Text;
  readonly problems?: FieldProblem[];
  readonly details?: Record<string, unknown>;
  readonly locale: Locale;

  constructor(code: ErrorCode, text: Text, extra: DomainErrorExtra = {}) {
    const locale = extra.locale ?? "zh";
    super(resolveText(locale, text), extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = "DomainError";
    this.code = code;
    this.status = STATUS[code];
    this.text = text;
    this.problems = extra.fieldErrors;
    this.details = extra.details;
    this.locale = locale;
  }

  /** The field errors in the error's own language. */
  get fieldErrors(): FieldError[] | undefined {
    return localizeProblems(this.problems, this.locale);
  }

  /** The message in the reader's language. */
  messageIn(locale: Locale): string {
    return resolveText(locale, this.text);
  }

  /** The error as the API answers it, in the reader's language. */
  localize(locale: Locale): ErrorBody["error"] {
    return { code: this.code, message: this.messageIn(locale), fieldErrors: localizeProblems(this.problems, locale), details: this.details };
  }
}

/** Field problems in one language. */
export function localizeProblems(problems: FieldProblem[] | undefined, locale: Locale): FieldError[] | undefined {
  return problems?.map((p) => ({ path: p.path, label: resolveText(locale, p.label), message: resolveText(locale, p.message), keyword: p.keyword }));
}

export const forbidden = (text: Text = msg("auth.forbidden")) => new DomainError("FORBIDDEN", text);
export const notFound = (text: Text = msg("api.notFound")) => new DomainError("NOT_FOUND", text);

/** Whether a driver error carries a label; false for anything else. */
const safeLabel = (e: { hasErrorLabel?: (label: string) => boolean }, label: string) => {
  try {
    return typeof e.hasErrorLabel === "function" && e.hasErrorLabel(label);
  } catch {
    return false;
  }
};

/**
 * Whether an error (or what caused it) says the database cannot be reached right now — stopped,
 * restarting, unreachable — rather than that a request was wrong: the driver's network and
 * server-selection errors, mongoose's "buffering timed out" while it waits for a connection.
 * Such a request is answered 503, to be tried again, never 500.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { name = "", message = "" } = e as { name?: string; message?: string };
    if (/^Mongo(ose)?(ServerSelection|Network|NotConnected|TopologyClosed|PoolCleared)/.test(name)) return true;
    // An insertMany's bulk error wrapping a network error (the driver copies its fields over: a
    // killed database mid-import read as a failed write, and the job stopped for good).
    const labels = e as { beforeHandshake?: unknown; hasErrorLabel?: (label: string) => boolean };
    if (/^Mongo/.test(name) && (typeof labels.beforeHandshake === "boolean" || safeLabel(labels, "ResetPool"))) return true;
    if (name === "MongooseError" && /buffering timed out|Connection was force closed|Client must be connected/.test(message)) return true;
  }
  return false;
}
