import { DomainError } from "../errors";
import { msg } from "../i18n/messages";

/** A file sent as a request's raw body: its bytes as a stream (never buffered here) and its name. */
export interface Upload {
  body: ReadableStream<Uint8Array>;
  fileName: string;
}

/**
 * The upload reader beside the JSON reader (read-json.ts): a file is the raw body (any size the
 * service accepts; the service streams it and enforces its own cap), its name in the
 * `X-File-Name` header, URI-encoded so that Chinese names survive. A missing or malformed name
 * falls back to `fallbackName`; a missing body is refused.
 */
export function readUpload(req: Request, fallbackName: string): Upload {
  if (!req.body) throw new DomainError("BAD_REQUEST", msg("api.uploadEmpty"));
  let fileName = fallbackName;
  try {
    fileName = decodeURIComponent(req.headers.get("x-file-name") ?? fallbackName).trim().slice(0, 255) || fallbackName;
  } catch {
    // a malformed name is not worth refusing the file for
  }
  return { body: req.body, fileName };
}
