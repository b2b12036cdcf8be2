import "server-only";
import type { TeamDoc } from "../db/models/team";
import type { TeamView } from "./types";

/** Maps a team document to the view administrators see. */
export function toTeamView(doc: TeamDoc & { _id: unknown }): TeamView {
  return { id: String(doc._id), name: doc.name, revision: doc.revision ?? 1 };
}
