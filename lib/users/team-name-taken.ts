import "server-only";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";

/** The refusal of a second team with the same name, shown next to the name field. */
export function teamNameTaken(): DomainError {
  return new DomainError("CONFLICT", msg("users.teamNameTaken"), { fieldErrors: [{ path: "/name", label: msg("users.teamNameRequired"), message: msg("users.teamNameTaken"), keyword: "unique" }] });
}
