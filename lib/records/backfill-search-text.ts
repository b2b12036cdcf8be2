import "server-only";
import { backfillBeside, startBesideBackfill, type Beside } from "./backfill-beside";
import { searchKey, searchText } from "./search-text";

/**
 * The search text (lib/records/search-text.ts) of records stored before it existed, or before a
 * published version changed the searchable fields. Correctness never waits for it: until then a
 * search asks such records the old way (searchTextState). The text is computed from the data as
 * stored — what the old way searches — not as a newer version would read it.
 */
const searchTextBeside: Beside = {
  field: "search",
  name: "search text",
  forTemplate: (template) => ({
    stale: [{ "search.k": { $ne: searchKey(template.fields) } }],
    valueOf: (doc) => searchText(template.fields, doc.data),
  }),
};

/** Fills in stale search texts (backfillBeside); returns how many records it updated. */
export const backfillSearchText = (params: { templateKey?: string } = {}): Promise<number> => backfillBeside(searchTextBeside, params);

/** backfillSearchText in the background, one run at a time (startBesideBackfill). */
export const startSearchTextBackfill = (): Promise<number> => startBesideBackfill(searchTextBeside);
