import { z } from "zod";
import { zodKey } from "../validation/parse-input";

const data = z.record(z.string(), z.unknown(), { message: zodKey("records.dataNotObject") });

/** Body of a create request. */
export const createRecordBody = z.object({ data }).strict();

/** Body of an update request: the new data and the revision the edit started from. */
export const updateRecordBody = z.object({ data, revision: z.number().int().positive() }).strict();

/** Body of a transfer (转移给…): the records, and the user who owns them afterwards. */
export const transferBody = z.object({ ids: z.array(z.string().max(64)).max(1000), toUserId: z.string().max(64) }).strict();

/** Body of a reveal request: a JSON pointer to one personal-data field. */
export const revealBody = z.object({ path: z.string().max(300) }).strict();
