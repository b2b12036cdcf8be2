// Dossier's addition to FerretDB 1.24.2's SQLite backend (search through a trigram index), copied
// into its source before it is built (see scripts/lib/ferretdb.mjs). Not part of the Node build.
//
// dossier_search.go answers a search from the search text's index alone, but that is still a pass
// over every record's index entry (~7 µs a record a query: 0.85–1.2 s at 100,000 records). A
// "contains" of three or more characters can skip most records: every record it matches holds
// each trigram of the searched string. So a collection with the search index (search.t, search.n,
// search.p: lib/records/search-text.ts) gets an FTS5 table with the trigram tokenizer over those
// three values (and their ends, below), keyed by the collection table's rowid and kept by SQLite
// triggers on that table (insert, update of the document, delete), made on the first search that
// can use it: the table and its triggers in one transaction, then filled in short steps (a write
// during the fill is the triggers'; a user's write waits one step, not the whole fill), then
// marked filled — no search reads it before. A search then reads
//
//	+rowid IN (SELECT rowid FROM fts WHERE fts MATCH '<trigrams>' AND <the exact condition>)
//
// The trigram MATCH is only a pre-filter that must never lose a row: the trigrams asked are ones
// every matching value holds (dossier_fts_trigrams.go: literals that must occur, in characters
// whose case folding Go's regexp and the tokenizer agree on), and the exact condition — the same one dossier_search.go
// sends, on the FTS table's copy of the same values (same SQL types) instead of the document —
// decides. The tokenizer stops reading a value at a NUL character (SQLite's instr does not): a row
// with one in its text is marked in a fourth column and is a candidate of every search.
//
// A search of one or two characters (a plain literal) has no trigram of its own: it asks every
// trigram of the index that begins with them, from the index's list of its trigrams (an fts5vocab
// table, a range of terms). An occurrence of the characters begins a trigram of its value unless
// it lies in the value's last two characters; so a fifth column, e, holds each part's last two
// characters followed by two fillers (U+0001), whose trigrams begin with them. Too many such
// trigrams or rows holding them (a digit, a common surname: ftsShort's bounds), and anything else
// the trigrams cannot narrow (a branch of the $or without a literal), fall back to
// dossier_search.go's scan.
//
// DOSSIER_SEARCH_FTS=off turns this off (the reference of tests/integration/database-search-fts.test.ts);
// DOSSIER_PUSHDOWN_BREAK=ftsfold asks trigrams of characters whose case folding differs (Georgian Ა/ა),
// =ftswrite leaves edits out of the index, =ftsshort leaves the ends out of a short search's MATCH,
// so that test can show it catches a pre-filter that loses rows.

package sqlite

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/fsql"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

var dossierFTSOff = os.Getenv("DOSSIER_SEARCH_FTS") == "off"

// dossierFTSPaths are the search text's parts the trigram index holds, in its column order.
var dossierFTSPaths = []string{"search.t", "search.n", "search.p"}

// dossierFTSColumns names the index's column of each part.
var dossierFTSColumns = map[string]string{"search.t": "t", "search.n": "n", "search.p": "p"}

// dossierFTSSuffix names a collection table's trigram index (and, with _i/_u/_d, its triggers;
// with _v, the list of its trigrams). Another format needs another number, added to
// metadata.DossierFTSFormats: every format's index is dropped when one is made (and with the
// collection).
const dossierFTSSuffix = "_dossier_fts3"

// Bounds of one MATCH: trigrams per alternative, alternatives, and the trigrams a search of one
// or two characters may ask and how often the index may hold them (beyond, the search index is
// scanned, as before the trigram index: ~0.3–0.5 s at 100,000 records; see ftsShort).
const (
	dossierFTSMaxTrigrams   = 12
	dossierFTSMaxSets       = 32
	dossierFTSMaxShortTerms = 3000
	dossierFTSMaxShortRows  = 60000
	dossierFTSMergePages    = 1000
)

// dossierFTSNames are the names of a table's trigram index, of its three triggers and of the list
// of its trigrams (an fts5vocab table).
func dossierFTSNames(table string) []string {
	fts := table + dossierFTSSuffix

	return []string{fts, fts + "_i", fts + "_u", fts + "_d", fts + "_v"}
}

// dossierFTSDropAll drops every trigram index of a database, each in its own transaction: a
// VACUUM (FerretDB's compact with force) may renumber the rowids of tables without an INTEGER
// PRIMARY KEY, which the indexes are keyed by.
func dossierFTSDropAll(ctx context.Context, db *fsql.DB) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB '*_dossier_fts[0-9]'")
	if err != nil {
		return
	}

	var tables []string

	for rows.Next() {
		var name string
		if rows.Scan(&name) == nil {
			for _, suffix := range metadata.DossierFTSFormats {
				if table, found := strings.CutSuffix(name, suffix); found && !slices.Contains(tables, table) {
					tables = append(tables, table)
				}
			}
		}
	}

	_ = rows.Close()

	for _, table := range tables {
		_ = metadata.DossierInTx(ctx, db, func(exec func(string) error) error { return metadata.DossierDropFTS(exec, table) })
	}
}

// ftsScan is searchScan's condition through the trigram index: key and v are the search (one
// regular expression on a part of the search text, or an $or of them), c and a the exact condition
// dossier_search.go made of it on the document's values. ok is false when the index cannot narrow
// the search or cannot be made.
func (t *dossierTr) ftsScan(key string, v any, c string, a []any) (string, []any, bool) {
	if dossierFTSOff || t.indexHolding(dossierFTSPaths) == "" {
		return "", nil, false
	}

	var branches []*types.Document

	if key == "$or" {
		arr := v.(*types.Array)
		for i := 0; i < arr.Len(); i++ {
			branches = append(branches, must.NotFail(arr.Get(i)).(*types.Document))
		}
	} else {
		branches = []*types.Document{must.NotFail(types.NewDocument(key, v))}
	}

	// Each branch's MATCH: the trigram sets its regular expression requires, or, for one or two
	// characters, any trigram that begins with them (see ftsShort); the index must exist first.
	var match []string

	// The columns each short prefix is searched in (the app's $or asks the same one of t and n:
	// one list of trigrams for both).
	var shorts []struct{ cols, prefix string }

	for _, b := range branches {
		path := b.Keys()[0]
		ops := must.NotFail(b.Get(path)).(*types.Document)

		col, held := dossierFTSColumns[path]
		pattern, isString := must.NotFail(ops.Get("$regex")).(string)

		options := ""
		if o, err := ops.Get("$options"); err == nil {
			options, _ = o.(string)
		}

		if !held || !isString {
			return "", nil, false
		}

		sets, narrows := dossierTrigramSets(pattern, options)
		if !narrows {
			prefix, short := dossierShortLiteral(pattern, options)
			if !short {
				// This branch may match a row holding none of the trigrams: so may the $or.
				return "", nil, false
			}

			if i := slices.IndexFunc(shorts, func(sh struct{ cols, prefix string }) bool { return sh.prefix == prefix }); i >= 0 {
				shorts[i].cols += " " + col
			} else {
				shorts = append(shorts, struct{ cols, prefix string }{col, prefix})
			}

			continue
		}

		alts := make([]string, len(sets))
		for i, set := range sets {
			quoted := make([]string, len(set))
			for j, tri := range set {
				quoted[j] = dossierFTSQuote(tri)
			}

			alts[i] = "(" + strings.Join(quoted, " AND ") + ")"
		}

		match = append(match, fmt.Sprintf("{%s} : (%s)", col, strings.Join(alts, " OR ")))
	}

	// The exact condition on the index's copies of the values instead of the document's.
	exact := c
	for _, path := range dossierFTSPaths {
		expr, _ := metadata.DossierPathExpr(path)
		exact = strings.ReplaceAll(exact, expr, fmt.Sprintf("%q", dossierFTSColumns[path]))
	}

	if strings.Contains(exact, metadata.DefaultColumn) || !t.ftsReady() {
		return "", nil, false
	}

	// The MATCH: the long searches' trigrams and the rows marked nul as a parameter, then each
	// short search's trigrams, read from the index's list by the statement itself.
	matchExpr := "?"
	matchArgs := []any{strings.Join(append(match, `{z} : "nul"`), " OR ")}

	for _, sh := range shorts {
		e, ea, ok := t.ftsShort(sh.cols, sh.prefix)
		if !ok {
			return "", nil, false
		}

		matchExpr += " || " + e
		matchArgs = append(matchArgs, ea...)
	}

	fts := dossierFTSNames(t.table)[0]

	return fmt.Sprintf("+rowid IN (SELECT rowid FROM %q WHERE %q MATCH %s AND %s)", fts, fts, matchExpr, exact),
		append(matchArgs, a...), true
}

// dossierFTSQuote quotes a trigram for a MATCH (one token: a longer string would be a phrase,
// which an index of detail=column refuses).
func dossierFTSQuote(tri string) string {
	return `"` + strings.ReplaceAll(tri, `"`, `""`) + `"`
}

// ftsShort is the MATCH of a search of one or two characters (prefix, as the tokenizer folds them)
// in the index's columns cols: every trigram of the index that begins with them, in cols or in e
// — the ends of the values followed by two fillers, so that the last one or two characters of a
// value, and a value shorter than three, begin a trigram too. Any occurrence of the characters in
// a value begins a trigram of it, or lies in its last two characters: so every row the search
// matches is a candidate. The trigrams come from the index's own list (the fts5vocab table _v,
// a range of terms), read by the query's own statement: an SQL expression (with its parameters)
// that is ` OR {cols e} : ("…" OR …)`, or the empty string when no trigram begins so (no
// candidate but the rows marked nul). Read here instead, the list would be older than the statement's snapshot: a record
// written in between whose text brings a trigram no other had (张鑫 for 张) was no candidate, and
// missing from the answer (sqlite-pushdown-7; DOSSIER_PUSHDOWN_BREAK=ftsvocab puts the list read
// here into the statement, so the test can show it catches that).
// ok is false when the MATCH would cost more than the scan of the search index it replaces (as the
// list holds now): more than dossierFTSMaxShortTerms trigrams (each is a lookup in the index's
// segments), or more than dossierFTSMaxShortRows rows holding them (a digit: nearly every record,
// more than once). DOSSIER_PUSHDOWN_BREAK=ftsshort leaves e out, so the test can show it catches
// the ends missed.
func (t *dossierTr) ftsShort(cols, prefix string) (string, []any, bool) {
	// The terms from prefix up to (not including) prefix with its last byte one higher: compared
	// byte by byte (BINARY), those are exactly the terms that begin with prefix.
	upper := []byte(prefix)
	upper[len(upper)-1]++

	vocab := dossierFTSNames(t.table)[4]

	rows, err := t.db.QueryContext(t.ctx, fmt.Sprintf("SELECT term, doc FROM %q WHERE term >= ? AND term < CAST(? AS TEXT) LIMIT ?", vocab),
		prefix, upper, dossierFTSMaxShortTerms+1)
	if err != nil {
		return "", nil, false
	}
	defer rows.Close()

	var quoted []string

	var holding int64

	for rows.Next() {
		var term string

		var doc int64
		if err = rows.Scan(&term, &doc); err != nil {
			return "", nil, false
		}

		quoted = append(quoted, dossierFTSQuote(term))
		holding += doc
	}

	if rows.Err() != nil || len(quoted) > dossierFTSMaxShortTerms || holding > dossierFTSMaxShortRows {
		dossierTrace("search", "a search of %q: %d trigrams (at most %d) held %d times (at most %d): the search index answers",
			prefix, len(quoted), dossierFTSMaxShortTerms, holding, dossierFTSMaxShortRows)

		return "", nil, false
	}

	if !dossierBreaks("ftsshort") {
		cols += " e"
	}

	if dossierBreaks("ftsvocab") {
		if len(quoted) == 0 {
			return "''", nil, true
		}

		return "?", []any{fmt.Sprintf(" OR {%s} : (%s)", cols, strings.Join(quoted, " OR "))}, true
	}

	// group_concat of no rows is NULL: then nothing is added.
	return fmt.Sprintf(`coalesce((SELECT ' OR {%s} : (' || group_concat('"' || replace(term, '"', '""') || '"', ' OR ') || ')' FROM %q WHERE term >= ? AND term < CAST(? AS TEXT)), '')`, cols, vocab),
		[]any{prefix, upper}, true
}

// dossierFTSMaking is held while a trigram index is made (one at a time).
var dossierFTSMaking sync.Mutex

// ftsFilled reports whether the table's trigram index, its triggers, its list of trigrams and
// the mark that it is filled exist.
func (t *dossierTr) ftsFilled() bool {
	names := append(dossierFTSNames(t.table), dossierFTSNames(t.table)[0]+"_c")

	var n int
	if err := t.db.QueryRowContext(t.ctx, "SELECT count(*) FROM sqlite_master WHERE name IN (?, ?, ?, ?, ?, ?)",
		names[0], names[1], names[2], names[3], names[4], names[5]).Scan(&n); err != nil {
		return false
	}

	return n == len(names)
}

// ftsReady makes sure the table's trigram index exists and is filled; false when it does not and
// cannot be made now. It is made as the row copies of dossier_rows.go are: the index, its list
// of trigrams and its triggers in one short transaction, then the records already there in steps
// (INSERT OR REPLACE: a row a trigger wrote meanwhile is written again as it is), so that a
// user's write waits one step at most; then the mark _c. No search reads it before.
func (t *dossierTr) ftsReady() bool {
	if t.ftsFilled() {
		return true
	}

	dossierFTSMaking.Lock()
	defer dossierFTSMaking.Unlock()

	if t.ftsFilled() {
		return true
	}

	started := time.Now()
	names := dossierFTSNames(t.table)

	// The three parts' values, z: 'nul' when one holds a NUL character, where the tokenizer stops
	// reading a value (instr does not): such a row is a candidate of every search; and e: the last
	// two characters of each part, each followed by two fillers (see ftsShort).
	parts := func(row string) []string {
		var cols []string

		for _, path := range dossierFTSPaths {
			expr, _ := metadata.DossierPathExpr(path)
			cols = append(cols, strings.Replace(expr, metadata.DefaultColumn, row+metadata.DefaultColumn, 1))
		}

		return cols
	}
	values := func(row string) string {
		cols := parts(row)

		var nul, ends []string
		for _, c := range cols {
			nul = append(nul, fmt.Sprintf("instr(CAST(%s AS BLOB), x'00')", c))
			ends = append(ends, fmt.Sprintf("coalesce(substr(%s, -2), '') || char(1, 1)", c))
		}

		return strings.Join(cols, ", ") + fmt.Sprintf(", CASE WHEN %s THEN 'nul' END, %s", strings.Join(nul, " OR "), strings.Join(ends, " || "))
	}

	fts := names[0]
	insert := fmt.Sprintf("INSERT OR REPLACE INTO %q (rowid, t, n, p, z, e) VALUES (new.rowid, %s);", fts, values("new."))
	remove := fmt.Sprintf("DELETE FROM %q WHERE rowid = old.rowid;", fts)

	update := fmt.Sprintf("CREATE TRIGGER %q AFTER UPDATE OF %s ON %q WHEN (%s) IS NOT (%s) BEGIN %s %s END",
		names[2], metadata.DefaultColumn, t.table, strings.Join(parts("old."), ", "), strings.Join(parts("new."), ", "), remove, insert)
	if dossierBreaks("ftswrite") {
		update = fmt.Sprintf("CREATE TRIGGER %q AFTER UPDATE OF %s ON %q WHEN 0 BEGIN SELECT 1; END", names[2], metadata.DefaultColumn, t.table)
	}

	fail := func(err error) bool {
		dossierTrace("search", "no trigram index: %v", err)
		return false
	}

	err := metadata.DossierInTx(t.ctx, t.db, func(exec func(string) error) error {
		// Leftovers of a dropped collection whose table name is used again, of a half-made index,
		// or of the format before.
		if err := metadata.DossierDropFTS(exec, t.table); err != nil {
			return err
		}

		for _, q := range []string{
			fmt.Sprintf("CREATE VIRTUAL TABLE %q USING fts5(t, n, p, z, e, tokenize = 'trigram', detail = 'column')", fts),
			fmt.Sprintf("CREATE VIRTUAL TABLE %q USING fts5vocab(%q, 'row')", names[4], fts),
			fmt.Sprintf("CREATE TRIGGER %q AFTER INSERT ON %q BEGIN %s END", names[1], t.table, insert),
			update,
			fmt.Sprintf("CREATE TRIGGER %q AFTER DELETE ON %q BEGIN %s END", names[3], t.table, remove),
		} {
			if err := exec(q); err != nil {
				return err
			}
		}

		return nil
	})
	if err != nil {
		return fail(err)
	}

	fill := fmt.Sprintf("INSERT OR REPLACE INTO %q (rowid, t, n, p, z, e) SELECT rowid, %s FROM %q WHERE rowid > ? AND rowid <= ?", fts, values(""), t.table)

	steps, err := dossierFill(t.ctx, t.db, t.table, fill, func(step func() error) error { return step() }, func(int, time.Duration) {})
	if err != nil {
		return fail(err)
	}

	// The fill left one segment of the index per step: a trigram is looked up in each (a search of
	// one or two characters asks hundreds of trigrams: ~0.15 ms each before, ~0.01 ms after). They
	// are merged into one, in steps too (FTS5's 'merge' with a negative amount: of every segment,
	// that many pages of work), until a step finds nothing left to merge.
	merges := 0

	for ; merges < 10000; merges++ {
		var before, after int64

		err = t.db.InTransaction(t.ctx, func(tx *fsql.Tx) error {
			if err := tx.QueryRowContext(t.ctx, "SELECT total_changes()").Scan(&before); err != nil {
				return err
			}

			if _, err := tx.ExecContext(t.ctx, fmt.Sprintf("INSERT INTO %q (%q, rank) VALUES ('merge', -%d)", fts, fts, dossierFTSMergePages)); err != nil {
				return err
			}

			return tx.QueryRowContext(t.ctx, "SELECT total_changes()").Scan(&after)
		})
		if err != nil {
			return fail(err)
		}

		if after-before < 2 {
			break
		}
	}

	if _, err = t.db.ExecContext(t.ctx, fmt.Sprintf("CREATE VIEW %q AS SELECT 1 FROM %q WHERE 0", fts+"_c", fts)); err != nil {
		return fail(err)
	}

	dossierTrace("search", "trigram index made in %d steps and %d merges, %s", steps, merges, time.Since(started))

	return true
}
