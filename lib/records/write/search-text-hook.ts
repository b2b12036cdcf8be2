import { searchText } from "../search-text";
import type { WriteHook } from "./record-operation";

/**
 * The write hook of the search text (issue 8): every write — create, edit, import, migration,
 * self-fill, verification, delete, restore, undo — stores the search text of the data the record
 * holds after it, in the same update, so that it never drifts from the data (lib/records/search-text.ts).
 * A write that leaves the data as stored (delete, restore, verification) takes it from the stored
 * data itself: the search asked `data.*` as stored, not as a newer version would read it.
 */
export const searchTextHook: WriteHook = {
  name: "search-text",
  beforeWrite: (ctx) => ({ search: searchText(ctx.template.fields, ctx.change.data === undefined && ctx.existing ? ctx.existing.data : ctx.next) }),
};
