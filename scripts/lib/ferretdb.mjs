// The embedded database: FerretDB 1.24.2 (MongoDB wire protocol) with its SQLite handler,
// installed from the Go module proxy into .dossier/ and started on 127.0.0.1 only.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { root, toolsDir } from "./paths.mjs";

export const FERRETDB_VERSION = "v1.24.2";
const MODULE = "github.com/FerretDB/FerretDB";
export const ferretdbBin = path.join(toolsDir, "bin", "ferretdb");

/** Thrown with a message that says what to do. */
export class SetupError extends Error {
  constructor(message, hint) {
    super(message);
    this.hint = hint;
  }
}

/**
 * Changes made to FerretDB's source before it is built; PATCH_LEVEL names them, and a binary built
 * with other (or no) patches is rebuilt.
 *
 * sqlite-id-index: FerretDB 1.24's SQLite backend looks documents up by `_id` with the expression
 * `_ferretdb_sjson->'$._id'`, but creates its unique `_id` index on `_ferretdb_sjson->"_id"`.
 * SQLite uses an expression index only for the same expression, so every find, update and delete
 * by `_id` scanned the whole table (20 ms per lookup at 30,000 small documents, 0.8 ms with the patch).
 * Both expressions give the same value; the patch makes the lookup use the index's spelling.
 *
 * sqlite-pushdown (level 2, issue 8): FerretDB 1.24 read and decoded every document of a
 * collection in Go for any query other than one by `_id`, then filtered, sorted, skipped and counted
 * in Go (a list page took 70–100 s at 100,000 records; SQLite's share was ~1 %). The backend now
 * hands SQLite the filter as a WHERE clause, condition by condition, only where the translation is
 * exact for the data the collection holds (no arrays on the path, no types SQL would confuse —
 * read once per path, then kept up to date by every write); untranslated conditions are left out,
 * so the WHERE clause only narrows to a superset and FerretDB's handler, which applies the whole
 * filter again, decides. When the whole filter and the sort (ending in `_id`) are exact, ORDER BY,
 * LIMIT and OFFSET go to SQLite too, countDocuments' pipeline becomes count(*), and a $group by one
 * field with $sum accumulators (a statistics widget) becomes GROUP BY. Index keys are
 * spelled as the queries spell them (`json_extract(_ferretdb_sjson, '$.a.b')`), and indexes built
 * with another spelling are rebuilt when a database opens. See scripts/ferretdb/*.go;
 * tests/integration/database-pushdown-differential.test.ts compares every query shape the app
 * sends with the pushdown on and off (DOSSIER_PUSHDOWN=off).
 * Level 5: a filter of two fields or more that one index holds whole (a dashboard's sum index holds
 * the template's filterable fields) is read from that index: the count `INDEXED BY` it, the page
 * walking the sort's own index and testing membership in what it found (dossier_narrow.go).
 * Level 7: a query's statement takes its snapshot a moment after the query read its paths' kinds;
 * a write noted in between with a kind the translation did not know (an array where there were
 * only strings) could commit before it, and the document was left out of the answer. Each query is
 * now watched from reading the kinds until its statement's first step: such a write makes a find
 * translate again, a count or $group go back to FerretDB's own evaluation (dossierWindow;
 * tests/integration/database-profile.test.ts, DOSSIER_TRANSLATE_PAUSE_MS, DOSSIER_PUSHDOWN_BREAK=window).
 *
 * sqlite-search (level 1, issue 8): a condition made only of regular expressions on keys of one index (the
 * records' search text, lib/records/search-text.ts) is answered by a scan of that index —
 * `+rowid IN (SELECT rowid … INDEXED BY … WHERE …)` — instead of every document; a regular
 * expression that is a plain string goes to SQLite's instr() (with lower() only when ASCII case
 * folding is exact: not for k/s, whose variants leave ASCII, nor any non-ASCII letter with case);
 * and a regex on a path holding only strings is guarded by typeof() of the indexed value instead
 * of json_type() of the document. See scripts/ferretdb/dossier_search.go and
 * tests/integration/database-pushdown-search.test.ts.
 * Level 2: a search of three characters or more reads only the candidates of a trigram index
 * (FTS5, trigram tokenizer) of the search text, kept by SQLite triggers on the collection's table
 * and built on the first search that can use it; the exact condition is then tested on the
 * candidates' copies of the values. Dropped with its collection and after a VACUUM. See
 * scripts/ferretdb/dossier_fts*.go and tests/integration/database-search-fts.test.ts.
 * Level 3: searches of one or two characters through it too (every trigram that begins with them,
 * from an fts5vocab list of the index's trigrams; a fifth column holds each part's last two
 * characters and two fillers, so that the end of a value begins a trigram); the index is filled in
 * short steps after its triggers exist, and dropped whole or not at all (triggers first).
 * Level 4: that list of trigrams is read by the query's own statement (a subquery building the
 * MATCH), not by a statement before it: a record written in between whose text began a trigram no
 * other had (张鑫 for a search of 张) was left out of the answer (tests/integration/database-profile.test.ts).
 *
 * sqlite-unwind (issue 10, issue 8): a statistics widget over a table's rows — `$match`,
 * `$unwind` of one array path, a `$match` on the row, and a `$group` by one row column (or null)
 * with one `$sum` of 1 or of a row column — was decoded and unwound in Go record by record (97 s
 * at 100,000 records). SQLite now answers it with json_each over the array and GROUP BY, when that
 * is exact: the record filter translates exactly, every unwound value is an array of objects (or
 * null/missing), the row condition's columns, the grouped column (strings) and the summed column
 * (whole numbers; level 2: or amounts with cents) hold the types the SQL assumes; otherwise FerretDB's own evaluation runs. See
 * scripts/ferretdb/dossier_unwind*.go and tests/integration/database-unwind-pushdown.test.ts.
 * Level 2: one pass over the records instead of two (the check for a table that is not an array
 * reads the small copies the statement takes out); amounts with at most two decimals summed as
 * whole cents when a bound proves the app shows the same figure as with FerretDB's float64 sum;
 * DOSSIER_PUSHDOWN_TRACE=1 logs why a query went back to FerretDB or how long SQLite took.
 * Level 3: a row copy of the table's rows (one SQLite row per table row, kept by triggers) read
 * instead of json_each (scripts/ferretdb/dossier_rows.go). Level 4: the copy is filled in short
 * steps after its triggers exist (a user's write waits one step, not the whole fill), marked when
 * filled, dropped whole or not at all (triggers first), kept from a VACUUM by a lock, and every
 * format-1 copy of the table is dropped when one is made (tests/integration/database-unwind-rows.test.ts).
 *
 * sqlite-read (level 1, issue 7): reading every record (an export) spent ~10 % of FerretDB's CPU
 * on leak tracking of the in-memory iterators its BSON encoder walks (a stack trace and a finalizer
 * each) and ~17 % on garbage collection at GOGC=100. Those iterators are no longer tracked and the
 * collector runs at 400 % (1 GiB soft limit) unless GOGC / GOMEMLIMIT are set: 20,000 records read
 * raw 1,180 → 2,050/s. And sjson.Unmarshal (half of the CPU: encoding/json once per nesting level)
 * is replaced, for the shapes FerretDB writes, by a one-pass decoder driven by the $s schema that
 * hands anything else to FerretDB's own: 2,050 → 6,300/s (benchmarks/README.md run 25).
 * DOSSIER_READ=off restores FerretDB as released; tests/integration/database-read-differential.test.ts
 * compares the bytes sent both ways and catches a decoder broken on purpose (DOSSIER_READ_BREAK=double).
 * Level 2: a find with an inclusion projection decoded each whole document (~5.8 KB) to keep a few
 * fields. The handler now names the paths the find can read — the projection's, the filter's
 * (through $and/$or/$nor), the sort's, and _id; none when anything else reads the document ($expr,
 * an exclusion, a projection operator, collation …) — and the decoder builds only those subtrees,
 * stepping over the other bytes with the same checks it makes when it decodes them (a document it
 * would refuse still goes whole to sjson.Unmarshal). DOSSIER_READ_SKIP=off decodes whole documents;
 * tests/integration/database-read-skip.test.ts compares 30-odd finds both ways, and catches a handler
 * that forgets the filter's and sort's paths (DOSSIER_READ_BREAK=skip). See scripts/ferretdb/dossier_skip.go.
 * Level 3: FerretDB's inclusion projection deep-copied each document, then the projected document
 * again for every path (setBySourceOrder): half of its CPU in the export of every field. A plain
 * inclusion projection is now built in one walk of the document in its own order; anything else,
 * and a document with a path through an array, goes to FerretDB's. DOSSIER_READ_PROJECT=off uses
 * FerretDB's always; the same test compares both and checks which documents the walk answered
 * (DOSSIER_READ_BREAK=project marks them). See scripts/ferretdb/dossier_project.go.
 * Level 4: a stored document's $s schema (~3.6 of a record's ~5.8 KB) was parsed whole for every
 * document, even for the fields a projected find steps over. The schema of an object or an array
 * whose exact bytes were parsed before (a section's, a table row's: few variants across records)
 * is now taken from a bounded cache. DOSSIER_READ_SCHEMA=off parses every schema;
 * tests/integration/database-read-schema.test.ts compares both and catches a cache keyed wrongly
 * (DOSSIER_READ_BREAK=schema). See scripts/ferretdb/dossier_read_schema.go.
 */
const Q = (lines) => lines.join("\n");
const PATCHES = [
  {
    file: "internal/backends/sqlite/metadata/metadata.go",
    from: `IDColumn = DefaultColumn + "->'$._id'"`,
    to: `IDColumn = DefaultColumn + "->'_id'"`,
    count: 1,
  },
  {
    // Query: filter, sort, skip, limit and count through dossierQuery.
    file: "internal/backends/sqlite/collection.go",
    from: Q([
      "\tvar whereClause string",
      "\tvar args []any",
      "",
      "\t// that logic should exist in one place",
      "\t// TODO https://github.com/FerretDB/FerretDB/issues/3235",
      "\tif params.Filter.Len() == 1 {",
      '\t\tv, _ := params.Filter.Get("_id")',
      "\t\tswitch v.(type) {",
      "\t\tcase string, types.ObjectID:",
      "\t\t\twhereClause = fmt.Sprintf(` WHERE %s = ?`, metadata.IDColumn)",
      "\t\t\targs = []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}",
      "\t\t}",
      "\t}",
      "",
      "\tq += whereClause",
      "\tq += prepareOrderByClause(params.Sort)",
      "",
      "\tif params.Limit != 0 {",
      "\t\tq += ` LIMIT ?`",
      "\t\targs = append(args, params.Limit)",
      "\t}",
      "",
      "\trows, err := db.QueryContext(ctx, q, args...)",
      "\tif err != nil {",
      "\t\treturn nil, lazyerrors.Error(err)",
      "\t}",
      "",
      "\treturn &backends.QueryResult{",
      "\t\tIter: newQueryIterator(ctx, rows, params.OnlyRecordIDs),",
      "\t}, nil",
      "}",
    ]),
    to: "\treturn dossierQuery(ctx, c.dbName, db, meta, q, params)\n}",
    count: 1,
  },
  {
    // Explain shows the plan of the SQL Query sends, and what of the query SQLite does.
    file: "internal/backends/sqlite/collection.go",
    from: Q([
      "\tvar filterPushdown bool",
      "\tvar whereClause string",
      "\tvar args []any",
      "",
      "\t// that logic should exist in one place",
      "\t// TODO https://github.com/FerretDB/FerretDB/issues/3235",
      "\tif params.Filter.Len() == 1 {",
      '\t\tv, _ := params.Filter.Get("_id")',
      "\t\tswitch v.(type) {",
      "\t\tcase string, types.ObjectID:",
      "\t\t\tfilterPushdown = true",
      "\t\t\twhereClause = fmt.Sprintf(` WHERE %s = ?`, metadata.IDColumn)",
      "\t\t\targs = []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}",
      "\t\t}",
      "\t}",
      "",
      "\torderByClause := prepareOrderByClause(params.Sort)",
      "\tsortPushdown := orderByClause != \"\"",
      "",
      "\tq := `EXPLAIN QUERY PLAN ` + selectClause + whereClause + orderByClause",
      "",
      "\tvar limitPushdown bool",
      "",
      "\tif params.Limit != 0 {",
      "\t\tq += ` LIMIT ?`",
      "\t\targs = append(args, params.Limit)",
      "\t\tlimitPushdown = true",
      "\t}",
    ]),
    to: "\tq, args, filterPushdown, sortPushdown, limitPushdown := dossierExplain(ctx, c.dbName, db, meta, selectClause, params)",
    count: 1,
  },
  {
    // Writes add their documents' kinds to the remembered path profiles before writing.
    file: "internal/backends/sqlite/collection.go",
    from: Q(["\tmeta := c.r.CollectionGet(ctx, c.dbName, c.name)", "", "\terr := db.InTransaction(ctx, func(tx *fsql.Tx) error {", "\t\tbatchSize"]),
    to: Q(["\tmeta := c.r.CollectionGet(ctx, c.dbName, c.name)", "\tdefer dossierWriteDone(dossierNoteWrite(c.dbName, meta.TableName, params.Docs))", "", "\terr := db.InTransaction(ctx, func(tx *fsql.Tx) error {", "\t\tbatchSize"]),
    count: 1,
  },
  {
    file: "internal/backends/sqlite/collection.go",
    from: "\tq := fmt.Sprintf(`UPDATE %q SET %s = ? WHERE %s = ?`, meta.TableName, metadata.DefaultColumn, metadata.IDColumn)\n",
    to: "\tq := fmt.Sprintf(`UPDATE %q SET %s = ? WHERE %s = ?`, meta.TableName, metadata.DefaultColumn, metadata.IDColumn)\n\tdefer dossierWriteDone(dossierNoteWrite(c.dbName, meta.TableName, params.Docs))\n",
    count: 1,
  },
  {
    // A dropped collection or database forgets every profile (table names are reused).
    file: "internal/backends/sqlite/database.go",
    from: "\tdropped, err := db.r.CollectionDrop(ctx, db.name, params.Name)\n",
    to: "\tdefer dossierForget()\n\n\tdropped, err := db.r.CollectionDrop(ctx, db.name, params.Name)\n",
    count: 1,
  },
  {
    file: "internal/backends/sqlite/backend.go",
    from: "\tif dropped := b.r.DatabaseDrop(ctx, params.Name); !dropped {\n",
    to: "\tdefer dossierForget()\n\n\tif dropped := b.r.DatabaseDrop(ctx, params.Name); !dropped {\n",
    count: 1,
  },
  {
    file: "internal/backends/collection.go",
    from: "\tOnlyRecordIDs bool\n\tComment       string\n}\n\n// QueryResult represents the results of Collection.Query method.\ntype QueryResult struct {\n\tIter types.DocumentsIterator\n}",
    to: "\tOnlyRecordIDs bool\n\tComment       string\n\n\t// Dossier: the find's whole sort, skip and limit, and a count-only query (sqlite backend).\n\tDossierSort  *types.Document\n\tDossierSkip  int64\n\tDossierLimit int64\n\tDossierCount bool\n\tDossierGroup *types.Document\n}\n\n// QueryResult represents the results of Collection.Query method.\ntype QueryResult struct {\n\tIter types.DocumentsIterator\n\n\t// Dossier: the backend applied DossierSort/Skip/Limit exactly; or counted the filter exactly;\n\t// or grouped it exactly (DossierGroups, when DossierGrouped).\n\tDossierApplied bool\n\tDossierCount   *int64\n\tDossierGroups  []*types.Document\n\tDossierGrouped bool\n}",
    count: 1,
  },
  {
    file: "internal/backends/collection.go",
    from: "type ExplainParams struct {\n\tFilter *types.Document\n\tSort   *types.Document\n\tLimit  int64\n}",
    to: "type ExplainParams struct {\n\tFilter *types.Document\n\tSort   *types.Document\n\tLimit  int64\n\n\t// Dossier: as in QueryParams.\n\tDossierSort  *types.Document\n\tDossierSkip  int64\n\tDossierLimit int64\n}",
    count: 1,
  },
  {
    file: "internal/handler/msg_explain.go",
    from: "\tif !h.EnableNestedPushdown && params.Filter != nil {",
    to: "\tif !h.EnableNestedPushdown && params.Filter != nil && !dossierNested {",
    count: 1,
  },
  {
    file: "internal/handler/msg_explain.go",
    from: "\tres, err := coll.Explain(connCtx, qp)",
    to: "\tif !h.DisablePushdown {\n\t\tqp.DossierSort, qp.DossierSkip, qp.DossierLimit = params.Sort, params.Skip, params.Limit\n\t}\n\n\tres, err := coll.Explain(connCtx, qp)",
    count: 1,
  },
  {
    file: "internal/handler/msg_find.go",
    from: "\tif !h.EnableNestedPushdown && params.Filter != nil {",
    to: "\tif !h.EnableNestedPushdown && params.Filter != nil && !dossierNested {",
    count: 1,
  },
  {
    file: "internal/handler/msg_find.go",
    from: "\th.L.DebugContext(ctx, fmt.Sprintf(\"Converted %+v for %+v to %+v.\", params, cInfo, qp))",
    to: "\tif !h.DisablePushdown {\n\t\tqp.DossierSort, qp.DossierSkip, qp.DossierLimit = params.Sort, params.Skip, params.Limit\n\t}\n\n\tqp.DossierPaths = dossierFindPaths(params)\n\n\th.L.DebugContext(ctx, fmt.Sprintf(\"Converted %+v for %+v to %+v.\", params, cInfo, qp))",
    count: 1,
  },
  {
    file: "internal/handler/msg_find.go",
    from: "\titer, err := h.makeFindIter(queryRes.Iter, closer, params)",
    to: "\titer, err := h.makeFindIter(queryRes.Iter, closer, dossierFindParams(params, queryRes))",
    count: 1,
  },
  {
    file: "internal/handler/msg_aggregate.go",
    from: "\t\tif !h.EnableNestedPushdown && filter != nil {",
    to: "\t\tif !h.EnableNestedPushdown && filter != nil && !dossierNested {",
    count: 1,
  },
  {
    file: "internal/handler/msg_aggregate.go",
    from: "\tif len(collStatsDocuments) == len(stagesDocuments) {",
    to: "\tif iter = dossierCountIter(ctx, c, pipeline, h.DisablePushdown); iter != nil {\n\t\t// counted by the backend\n\t} else if len(collStatsDocuments) == len(stagesDocuments) {",
    count: 1,
  },
  {
    file: "internal/backends/sqlite/metadata/registry.go",
    from: "\t\t\tcolumns[i] = fmt.Sprintf(\"%s->%s\", DefaultColumn, strings.Join(fields, \"->\"))",
    to: "\t\t\tcolumns[i] = dossierIndexColumn(key.Field, len(index.Key), index.Unique, fmt.Sprintf(\"%s->%s\", DefaultColumn, strings.Join(fields, \"->\")))",
    count: 1,
  },
  {
    // sqlite-pushdown-4: a sum index also holds its summed value's stored type (dossier_index.go).
    file: "internal/backends/sqlite/metadata/registry.go",
    from: "\t\tq = fmt.Sprintf(\n\t\t\tq,\n\t\t\tc.TableName+\"_\"+index.Name,",
    to: "\t\tcolumns = dossierIndexColumns(index, columns)\n\n\t\tq = fmt.Sprintf(\n\t\t\tq,\n\t\t\tc.TableName+\"_\"+index.Name,",
    count: 1,
  },
  {
    file: "internal/backends/sqlite/metadata/registry.go",
    from: "\tr.colls[dbName] = colls\n",
    to: "\tif err = dossierReindex(ctx, db, colls); err != nil {\n\t\treturn lazyerrors.Error(err)\n\t}\n\n\tr.colls[dbName] = colls\n",
    count: 1,
  },
  {
    // sqlite-unwind: the unwind query a statistics widget over a table's rows sends (dossier_unwind*.go).
    file: "internal/backends/collection.go",
    from: "\tDossierGroup *types.Document\n}",
    to: "\tDossierGroup *types.Document\n\n\t// Dossier: an unwind query ({path, match?, group}), answered with DossierGroups like DossierGroup.\n\tDossierUnwind *types.Document\n}",
    count: 1,
  },
  // sqlite-pushdown-6: a scan of path kinds that met writes is kept (their kinds added), one per table at a time.
  // sqlite-pushdown-7: a query is watched from reading its paths' kinds until its statement's first
  // step (its snapshot); a write noted meanwhile with a kind it did not read makes it translate again.
  { file: "internal/backends/sqlite/dossier_pushdown.go", copyFrom: "scripts/ferretdb/dossier_pushdown.go" },
  { file: "internal/backends/sqlite/dossier_unwind.go", copyFrom: "scripts/ferretdb/dossier_unwind.go" },
  // sqlite-unwind-3: a row copy of a record table's rows, kept by triggers (dossier_rows.go).
  { file: "internal/backends/sqlite/dossier_rows.go", copyFrom: "scripts/ferretdb/dossier_rows.go" },
  { file: "internal/handler/dossier_unwind_handler.go", copyFrom: "scripts/ferretdb/dossier_unwind_handler.go" },
  { file: "internal/backends/sqlite/metadata/dossier_index.go", copyFrom: "scripts/ferretdb/dossier_index.go" },
  { file: "internal/handler/dossier_handler.go", copyFrom: "scripts/ferretdb/dossier_handler.go" },
  { file: "internal/backends/sqlite/dossier_search.go", copyFrom: "scripts/ferretdb/dossier_search.go" },
  // sqlite-pushdown-5: a filter of several fields read from one index that holds them (dossier_narrow.go).
  { file: "internal/backends/sqlite/dossier_narrow.go", copyFrom: "scripts/ferretdb/dossier_narrow.go" },
  // sqlite-search-2: the trigram index of the search text (dossier_fts.go).
  { file: "internal/backends/sqlite/dossier_fts.go", copyFrom: "scripts/ferretdb/dossier_fts.go" },
  { file: "internal/backends/sqlite/dossier_fts_trigrams.go", copyFrom: "scripts/ferretdb/dossier_fts_trigrams.go" },
  {
    // A dropped collection's trigram index and row copies go with it, each with its triggers first
    // (dossier_index.go: this package cannot import dossier_fts.go or dossier_rows.go).
    file: "internal/backends/sqlite/metadata/registry.go",
    from: '\tq = fmt.Sprintf("DROP TABLE %q", c.TableName)\n',
    to: '\tdossierDropFTS(ctx, db, c.TableName)\n\tdossierDropRowCopies(ctx, db, c.TableName)\n\n\tq = fmt.Sprintf("DROP TABLE %q", c.TableName)\n',
    count: 1,
  },
  {
    // VACUUM may renumber the rowids the trigram indexes are keyed by: they are built again.
    file: "internal/backends/sqlite/collection.go",
    from: "\t\tq = `VACUUM`\n",
    to: "\t\tq = `VACUUM`\n\n\t\tdefer dossierFTSDropAll(ctx, db)\n\t\tdefer dossierRowsVacuum(ctx, db)()\n",
    count: 1,
  },
  // sqlite-read-1 (issue 7): no leak tracking of in-memory document and array iterators, and a
  // lazier garbage collector (dossier_read.go).
  { file: "internal/types/dossier_read.go", copyFrom: "scripts/ferretdb/dossier_read.go" },
  // …and the stored JSON decoded in one pass (dossier_read_sjson.go).
  { file: "internal/handler/sjson/dossier_read_sjson.go", copyFrom: "scripts/ferretdb/dossier_read_sjson.go" },
  // sqlite-read-4: the schemas of objects and arrays seen before answered from a cache (dossier_read_schema.go).
  { file: "internal/handler/sjson/dossier_read_schema.go", copyFrom: "scripts/ferretdb/dossier_read_schema.go" },
  // sqlite-read-2: a find decodes only the paths it can read (dossier_skip.go names them, the
  // backend hands them to its query iterator, DossierUnmarshalPaths leaves out the rest).
  { file: "internal/backends/sqlite/query_iterator.go", from: "doc, err = sjson.Unmarshal(b)", to: "doc, err = sjson.DossierUnmarshalPaths(b, iter.dossierPaths)", count: 1 },
  { file: "internal/backends/sqlite/query_iterator.go", from: "\tonlyRecordIDs bool\n}", to: "\tonlyRecordIDs bool\n\tdossierPaths  *sjson.DossierPaths\n\tdossierBatch  *dossierBatch\n}", count: 1 },
  // sqlite-read-5: a find's rows decoded a batch at a time on more than one goroutine, in order
  // (dossier_batch.go; dossierQuery gives the iterator its batch).
  { file: "internal/backends/sqlite/dossier_batch.go", copyFrom: "scripts/ferretdb/dossier_batch.go" },
  {
    file: "internal/backends/sqlite/query_iterator.go",
    from: "\tvar unused struct{}\n\n\t// ignore context error, if any, if iterator is already closed\n",
    to: "\tif iter.dossierBatch != nil {\n\t\treturn iter.dossierNext()\n\t}\n\n\tvar unused struct{}\n\n\t// ignore context error, if any, if iterator is already closed\n",
    count: 1,
  },
  {
    // …and after Close nothing read ahead is handed out (iterator.Interface: Next returns ErrIteratorDone).
    file: "internal/backends/sqlite/query_iterator.go",
    from: "\tdefer iter.m.Unlock()\n\n\titer.close()\n}\n",
    to: "\tdefer iter.m.Unlock()\n\n\tif iter.dossierBatch != nil {\n\t\titer.dossierDrop()\n\n\t\treturn\n\t}\n\n\titer.close()\n}\n",
    count: 1,
  },
  {
    file: "internal/backends/collection.go",
    from: "\tDossierUnwind *types.Document\n}",
    to: "\tDossierUnwind *types.Document\n\n\t// Dossier: the paths of a document the find can read (with _id), or nil for all (sqlite-read-2).\n\tDossierPaths []string\n}",
    count: 1,
  },
  { file: "internal/handler/dossier_skip.go", copyFrom: "scripts/ferretdb/dossier_skip.go" },
  // sqlite-read-3: an inclusion projection built in one walk of the document, without FerretDB's
  // copies (dossier_project.go); the projection iterator keeps the walk's tree of paths.
  { file: "internal/types/dossier_project.go", copyFrom: "scripts/ferretdb/dossier_project.go" },
  { file: "internal/handler/common/projection_iterator.go", from: "\tinclusion  bool\n}", to: "\tinclusion  bool\n\tdossier    *types.DossierProjection\n}", count: 1 },
  { file: "internal/handler/common/projection_iterator.go", from: "\t\tinclusion:  inclusion,\n\t}\n", to: "\t\tinclusion:  inclusion,\n\t\tdossier:    types.DossierNewProjection(projectionValidated, inclusion),\n\t}\n", count: 1 },
  {
    file: "internal/handler/common/projection_iterator.go",
    from: "\tprojected, err := ProjectDocument(doc, iter.projection, iter.filter, iter.inclusion)\n",
    to: "\tprojected, ok := iter.dossier.Project(doc)\n\tif !ok {\n\t\tprojected, err = ProjectDocument(doc, iter.projection, iter.filter, iter.inclusion)\n\t}\n",
    count: 1,
  },
  ...["document_iterator.go", "array_iterator.go"].flatMap((f) => [
    { file: `internal/types/${f}`, from: "\tresource.Track(iter, iter.token)\n", to: "\tdossierTrack(iter, iter.token)\n", count: 1 },
    { file: `internal/types/${f}`, from: "\tresource.Untrack(iter, iter.token)\n", to: "\tdossierUntrack(iter, iter.token)\n", count: 1 },
  ]),
];
// libc-mem (issue 7): memcmp and memcpy of the C library the embedded SQLite calls, as Go's own
// (scripts/ferretdb/libc_mem.go says why and how they stay exact). The module modernc.org/libc is
// copied next to FerretDB's source (LIBC_DIR) and used through a replace directive; musl's loops
// stay, renamed, for DOSSIER_LIBC_MEM=off. Both linux/amd64 and linux/arm64 builds take it.
const LIBC_DIR = "dossier-libc";
const LIBC_SIGNATURES = {
  memcmp: ["func Xmemcmp(tls *TLS, vl uintptr, vr uintptr, n Tsize_t) (r1 int32) {", "dossierMemcmp(vl, vr, n)", "xmemcmpMusl(tls, vl, vr, n)"],
  memcpy: ["func Xmemcpy(tls *TLS, dest uintptr, src uintptr, n Tsize_t) (r uintptr) {", "dossierMemcpy(dest, src, n)", "xmemcpyMusl(tls, dest, src, n)"],
};
PATCHES.push(
  { file: "go.mod", from: "\ntoolchain go1.24.3\n", to: `\ntoolchain go1.24.3\n\nreplace modernc.org/libc => ./${LIBC_DIR}\n`, count: 1 },
  { file: `${LIBC_DIR}/dossier_mem.go`, copyFrom: "scripts/ferretdb/libc_mem.go" },
  ...["amd64", "arm64"].flatMap((arch) =>
    Object.values(LIBC_SIGNATURES).map(([signature, ours, musl]) => ({
      file: `${LIBC_DIR}/ccgo_linux_${arch}.go`,
      from: `\n${signature}\n`,
      to: `\n${signature}\n\tif dossierMemOn {\n\t\treturn ${ours}\n\t}\n\treturn ${musl}\n}\n\n${signature.replace(/^func X(\w+)/, "func x$1Musl")}\n`,
      count: 1,
    })),
  ),
);
const PATCH_LEVEL = "sqlite-id-index,sqlite-pushdown-7,sqlite-search-4,sqlite-unwind-4,sqlite-read-5,libc-mem";
const patchStamp = path.join(toolsDir, "bin", "ferretdb.patches");

/** PATCH_LEVEL and a digest of the patches and the Go files they copy: editing any of them rebuilds. */
function patchStampText() {
  const hash = crypto.createHash("sha256").update(JSON.stringify(PATCHES));
  for (const p of PATCHES) if (p.copyFrom) hash.update(fs.readFileSync(path.join(root, p.copyFrom)));
  return `${PATCH_LEVEL}+${hash.digest("hex").slice(0, 12)}`;
}

function installedPatches() {
  return fs.existsSync(patchStamp) ? fs.readFileSync(patchStamp, "utf8").trim() : "";
}

function applyPatches(src) {
  for (const p of PATCHES) {
    const file = path.join(src, p.file);
    if (p.copyFrom) {
      fs.copyFileSync(path.join(root, p.copyFrom), file);
      continue;
    }
    const text = fs.readFileSync(file, "utf8");
    if (text.split(p.from).length - 1 !== p.count) throw new SetupError(`无法修补 FerretDB 源码：${p.file} 中找不到预期的内容`, `expected ${p.count}× ${p.from}`);
    fs.writeFileSync(file, text.replaceAll(p.from, p.to));
  }
}

function installedVersion() {
  if (!fs.existsSync(ferretdbBin)) return null;
  const r = spawnSync(ferretdbBin, ["--version"], { encoding: "utf8" });
  if (r.status !== 0) return null;
  return /version:\s*(\S+)/.exec(r.stdout)?.[1] ?? null;
}

function go(args, options = {}) {
  const r = spawnSync("go", args, {
    encoding: "utf8",
    stdio: options.capture ? ["ignore", "pipe", "pipe"] : "inherit",
    cwd: options.cwd,
    env: { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "-mod=mod", ...options.env },
  });
  if (r.error?.code === "ENOENT")
    throw new SetupError(
      "找不到 Go：安装内置数据库 FerretDB 需要 Go 1.24 或更高版本。Go is required to install the embedded FerretDB.",
      "安装 Go（https://go.dev/dl/ 或 apt-get install golang-go），或设置 MONGODB_URI 使用已有的 MongoDB。",
    );
  if (r.status !== 0)
    throw new SetupError(`go ${args.join(" ")} 失败（退出码 ${r.status}）`, (r.stderr || "").trim().split("\n").slice(-5).join("\n  "));
  return r.stdout;
}

/** FerretDB's module source with the C library module beside it, copied to `src` and patched (PATCHES). */
function preparePatchedSource(src) {
  const info = JSON.parse(go(["mod", "download", "-json", `${MODULE}@${FERRETDB_VERSION}`], { capture: true }));
  if (!info.Dir) throw new SetupError("无法下载 FerretDB 模块", info.Error ?? "go mod download returned no directory");
  fs.rmSync(src, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(src), { recursive: true });
  fs.cpSync(info.Dir, src, { recursive: true });
  spawnSync("chmod", ["-R", "u+w", src]);
  fs.writeFileSync(path.join(src, "build", "version", "version.txt"), `${FERRETDB_VERSION}\n`);
  // The C library module FerretDB's go.mod asks for, copied beside it for the libc-mem patch.
  const libcVersion = /\tmodernc\.org\/libc (v\S+)/.exec(fs.readFileSync(path.join(src, "go.mod"), "utf8"))?.[1];
  if (!libcVersion) throw new SetupError("无法修补 FerretDB：go.mod 中找不到 modernc.org/libc", "expected a require of modernc.org/libc");
  const libc = JSON.parse(go(["mod", "download", "-json", `modernc.org/libc@${libcVersion}`], { capture: true }));
  if (!libc.Dir) throw new SetupError("无法下载 modernc.org/libc 模块", libc.Error ?? "go mod download returned no directory");
  fs.cpSync(libc.Dir, path.join(src, LIBC_DIR), { recursive: true });
  spawnSync("chmod", ["-R", "u+w", path.join(src, LIBC_DIR)]);
  applyPatches(src);
}

/**
 * Go tests of the patches (scripts/ferretdb/*_test.go), copied into their packages of a patched
 * source tree made as the build makes it (not into the build: PATCHES leaves them out), and run
 * with `go test`: tests/integration/database-go.test.ts runs them with the other tests.
 */
const GO_TESTS = [
  // sqlite-read-5: the batched query iterator against FerretDB's own Next (order, errors, Close, cancel).
  { file: "internal/backends/sqlite/dossier_batch_test.go", copyFrom: "scripts/ferretdb/dossier_batch_test.go" },
];

/** Runs the patches' Go tests (GO_TESTS) in a patched source tree: `{ status, output }` of `go test -v`. */
export function testFerretDBPatches({ run = "Dossier", env } = {}) {
  const src = path.join(toolsDir, "src", `ferretdb-${FERRETDB_VERSION}-test-${process.pid}`);
  try {
    preparePatchedSource(src);
    for (const t of GO_TESTS) fs.copyFileSync(path.join(root, t.copyFrom), path.join(src, t.file));
    const packages = [...new Set(GO_TESTS.map((t) => `./${path.dirname(t.file)}/`))];
    const r = spawnSync("go", ["test", "-count=1", "-v", "-run", run, ...packages], { cwd: src, encoding: "utf8", env: { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "-mod=mod", ...env }, maxBuffer: 64 << 20 });
    return { status: r.status, output: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}` };
  } finally {
    fs.rmSync(src, { recursive: true, force: true });
  }
}

/**
 * Installs FerretDB into .dossier/bin when it is missing or built without the current PATCHES.
 * `go install …@v1.24.2` alone builds a binary that panics at start (the module zip lacks
 * build/version/version.txt, which FerretDB's release tooling generates), so we fetch the same
 * module with `go mod download`, add that one file, apply PATCHES, and `go build` its cmd/ferretdb
 * with GOBIN's layout.
 */
export function ensureFerretDB({ quiet = false } = {}) {
  if (installedVersion() === FERRETDB_VERSION && installedPatches() === patchStampText()) return ferretdbBin;
  if (!quiet) console.log(`[dossier] 正在安装内置数据库 FerretDB ${FERRETDB_VERSION}（首次运行需要几分钟）… Installing FerretDB`);
  const src = path.join(toolsDir, "src", `ferretdb-${FERRETDB_VERSION}`);
  preparePatchedSource(src);
  fs.mkdirSync(path.dirname(ferretdbBin), { recursive: true });
  go(["build", "-trimpath", "-o", ferretdbBin, "./cmd/ferretdb"], { cwd: src, capture: true });
  fs.rmSync(src, { recursive: true, force: true });
  const version = installedVersion();
  if (version !== FERRETDB_VERSION) throw new SetupError(`FerretDB 安装后无法运行（得到版本 ${version}）`);
  fs.writeFileSync(patchStamp, `${patchStampText()}\n`);
  if (!quiet) console.log(`[dossier] FerretDB ${FERRETDB_VERSION} 已安装到 ${path.relative(process.cwd(), ferretdbBin)}`);
  return ferretdbBin;
}

/** Resolves true when something already listens on 127.0.0.1:port. */
export function isPortTaken(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(true));
    srv.once("listening", () => srv.close(() => resolve(false)));
    srv.listen(port, "127.0.0.1");
  });
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Starts FerretDB on 127.0.0.1:port with its data in `dataDir`, and waits until it answers.
 * Returns `{ uri, stop }`; `stop()` shuts it down cleanly (SIGTERM, then SIGKILL after 10 s).
 * `bin` is the installed binary unless a benchmark compares another build; `txlock` how SQLite
 * transactions begin ("immediate"; "deferred" only for the test that shows why not).
 */
export async function startFerretDB({ port, dataDir, logFile, timeoutMs = 30_000, bin = ferretdbBin, env, txlock = "immediate" }) {
  if (await isPortTaken(port))
    throw new SetupError(
      `端口 ${port} 已被占用，无法启动内置数据库。Port ${port} is already in use.`,
      "可能另一个 Dossier 仍在运行：先停止它，或设置 DOSSIER_DB_PORT 换一个端口，或设置 MONGODB_URI 使用已有数据库。",
    );
  const sqliteDir = path.join(dataDir, "sqlite");
  const stateDir = path.join(dataDir, "state");
  fs.mkdirSync(sqliteDir, { recursive: true });
  fs.mkdirSync(stateDir, { recursive: true });
  const out = logFile ? fs.openSync(logFile, "a") : "ignore";
  const child = spawn(
    bin,
    [
      "--handler=sqlite",
      // Transactions take the write lock at BEGIN (BEGIN IMMEDIATE), waiting their turn on the
      // busy timeout. With SQLite's default (deferred), a write whose trigger reopens the search
      // text's trigram index (an FTS5 table, after another connection changed the schema) first
      // reads under BEGIN, and then fails at once with SQLITE_BUSY when another connection holds
      // the write lock — the busy timeout never applies to such an upgrade. Every transaction of
      // FerretDB's SQLite backend writes (inserts, updates, our patches' DDL), so none waits longer.
      // (tests/integration/database-busy.test.ts; `txlock: "deferred"` is the old behaviour.)
      `--sqlite-url=file:${sqliteDir}/?_txlock=${txlock}`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${stateDir}`,
      "--telemetry=disable",
      "--debug-addr=-",
      "--log-level=warn",
    ],
    { stdio: ["ignore", out, out], env: env ? { ...process.env, ...env } : process.env },
  );
  let exited = null;
  child.once("exit", (code, signal) => (exited = { code, signal }));
  const deadline = Date.now() + timeoutMs;
  while (!(await canConnect(port))) {
    if (exited) throw new SetupError(`内置数据库启动失败（退出码 ${exited.code}）`, logFile ? `日志：${logFile}` : undefined);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new SetupError(`内置数据库在 ${timeoutMs / 1000} 秒内没有响应`, logFile ? `日志：${logFile}` : undefined);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = () =>
    new Promise((resolve) => {
      if (exited) return resolve();
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill("SIGTERM");
    });
  return { uri: `mongodb://127.0.0.1:${port}/`, port, child, stop };
}

/**
 * Keeps the embedded FerretDB running while the app serves: starts it, and when it exits without
 * being asked to (killed, crashed, out of memory), starts it again on the same port and data
 * folder, so the app's connection picks it up again by itself. Bounded: at most `maxRestarts`
 * restarts within `windowMs`, waiting 1, 2, 4 … s before each; after that it gives up and says so
 * (the app keeps answering 503 until someone looks). Every step is reported through `onEvent`:
 * { type: "exited", code, signal, retryInMs } · { type: "restarted", restarts } ·
 * { type: "failed", error, retryInMs } · { type: "gave-up", restarts }.
 * Returns { uri, port, stop(), child() }; stop() ends the watch and the database.
 */
export async function superviseFerretDB({ maxRestarts = 5, windowMs = 10 * 60_000, baseDelayMs = 1000, onEvent = () => {}, ...options }) {
  let db = await startFerretDB(options);
  let stopping = false;
  const recent = [];
  const budgetLeft = () => {
    const now = Date.now();
    while (recent.length && recent[0] < now - windowMs) recent.shift();
    return recent.length < maxRestarts;
  };
  const restart = async () => {
    for (;;) {
      if (!budgetLeft()) return onEvent({ type: "gave-up", restarts: recent.length });
      recent.push(Date.now());
      const retryInMs = baseDelayMs * 2 ** (recent.length - 1);
      await new Promise((r) => setTimeout(r, retryInMs));
      if (stopping) return;
      try {
        db = await startFerretDB(options);
        onEvent({ type: "restarted", restarts: recent.length });
        watch();
        return;
      } catch (error) {
        onEvent({ type: "failed", error, retryInMs: baseDelayMs * 2 ** recent.length });
      }
    }
  };
  const watch = () =>
    db.child.once("exit", (code, signal) => {
      if (stopping) return;
      onEvent({ type: "exited", code, signal, retryInMs: baseDelayMs * 2 ** recent.length });
      void restart();
    });
  watch();
  return {
    uri: db.uri,
    port: db.port,
    child: () => db.child,
    stop: async () => {
      stopping = true;
      await db.stop();
    },
  };
}
