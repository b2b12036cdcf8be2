// Dossier's addition to FerretDB 1.24.2's SQLite backend (search through a trigram index), copied
// into its source before it is built (see scripts/lib/ferretdb.mjs). Not part of the Node build.
//
// dossier_search.go answers a search from the search text's index alone, but that is still a pass
// over every record's index entry (~7 µs a record a query: 0.85–1.2 s at 100,000 records). A
// "contains" of three or more characters can skip most records: every record it matches holds
// each trigram of the searched string. So a collection with the search index (search.t, search.n,
// search.p: lib/records/search-text.ts) gets an FTS5 table with the trigram tokenizer over those
// three values, keyed by the collection table's rowid and kept by SQLite triggers on that table
// (insert, update of the document, delete), created and filled on the first search that can use it
// (in one transaction, so no write slips between the fill and the triggers). A search then reads
//
//	+rowid IN (SELECT rowid FROM fts WHERE fts MATCH '<trigrams>' AND <the exact condition>)
//
// The trigram MATCH is only a pre-filter that must never lose a row: the trigrams asked are ones
// every matching value holds (dossier_fts_trigrams.go: literals that must occur, in characters
// whose case folding Go's regexp and the tokenizer agree on), and the exact condition — the same one dossier_search.go
// sends, on the FTS table's copy of the same values (same SQL types) instead of the document —
// decides. The tokenizer stops reading a value at a NUL character (SQLite's instr does not): a row
// with one in its text is marked in a fourth column and is a candidate of every search. Anything
// the trigrams cannot narrow (a string shorter than three characters, a branch of
// the $or without a literal of three) falls back to dossier_search.go's scan.
//
// DOSSIER_SEARCH_FTS=off turns this off (the reference of tests/integration/database-search-fts.test.ts);
// DOSSIER_PUSHDOWN_BREAK=ftsfold asks trigrams of characters whose case folding differs (Georgian Ა/ა),
// =ftswrite leaves edits out of the index, so that test can show it catches a pre-filter that loses rows.

package sqlite

import (
	"context"
	"fmt"
	"os"
	"strings"

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

// dossierFTSSuffix names a collection table's trigram index (and, with _i/_u/_d, its triggers).
// Another format needs another number, and dossierFTSDrop must then drop the older one's too.
const dossierFTSSuffix = "_dossier_fts2"

// Bounds of one MATCH: trigrams per alternative, and alternatives.
const (
	dossierFTSMaxTrigrams = 12
	dossierFTSMaxSets     = 32
)

// dossierFTSNames are the names of a table's trigram index and of its three triggers.
func dossierFTSNames(table string) []string {
	fts := table + dossierFTSSuffix

	return []string{fts, fts + "_i", fts + "_u", fts + "_d"}
}

// dossierFTSDrop drops a table's trigram index and triggers (leftovers, or an index to rebuild:
// the next search that can use it builds it again): the triggers first, stopping at the first
// failure. Run in one transaction, the index goes whole or not at all — a trigger left writing to
// a dropped index would fail every write to the collection.
func dossierFTSDrop(exec func(q string) error, table string) error {
	names := dossierFTSNames(table)
	for _, trig := range names[1:] {
		if err := exec(fmt.Sprintf("DROP TRIGGER IF EXISTS %q", trig)); err != nil {
			return err
		}
	}

	return exec(fmt.Sprintf("DROP TABLE IF EXISTS %q", names[0]))
}

// dossierFTSDropAll drops every trigram index of a database, each in its own transaction: a
// VACUUM (FerretDB's compact with force) may renumber the rowids of tables without an INTEGER
// PRIMARY KEY, which the indexes are keyed by.
func dossierFTSDropAll(ctx context.Context, db *fsql.DB) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB ?", "*"+dossierFTSSuffix)
	if err != nil {
		return
	}

	var tables []string

	for rows.Next() {
		var name string
		if rows.Scan(&name) == nil {
			tables = append(tables, strings.TrimSuffix(name, dossierFTSSuffix))
		}
	}

	_ = rows.Close()

	for _, table := range tables {
		_ = db.InTransaction(ctx, func(tx *fsql.Tx) error {
			return dossierFTSDrop(func(q string) error {
				_, err := tx.ExecContext(ctx, q)
				return err
			}, table)
		})
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

	var match []string

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
			// This branch may match a row holding none of the trigrams: so may the $or.
			return "", nil, false
		}

		alts := make([]string, len(sets))
		for i, set := range sets {
			quoted := make([]string, len(set))
			for j, tri := range set {
				quoted[j] = `"` + strings.ReplaceAll(tri, `"`, `""`) + `"`
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

	fts := dossierFTSNames(t.table)[0]

	return fmt.Sprintf("+rowid IN (SELECT rowid FROM %q WHERE %q MATCH ? AND %s)", fts, fts, exact),
		append([]any{strings.Join(match, " OR ") + ` OR {z} : "nul"`}, a...), true
}

// ftsReady makes sure the table's trigram index and its triggers exist (building and filling them
// when not, in one transaction); false when they do not and cannot be made now.
func (t *dossierTr) ftsReady() bool {
	names := dossierFTSNames(t.table)
	args := []any{names[0], names[1], names[2], names[3]}
	exists := "SELECT count(*) FROM sqlite_master WHERE name IN (?, ?, ?, ?)"

	var n int
	if err := t.db.QueryRowContext(t.ctx, exists, args...).Scan(&n); err != nil {
		return false
	}

	if n == len(names) {
		return true
	}

	// The three parts' values, and z: 'nul' when one holds a NUL character, where the tokenizer
	// stops reading a value (instr does not): such a row is a candidate of every search.
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

		var nul []string
		for _, c := range cols {
			nul = append(nul, fmt.Sprintf("instr(CAST(%s AS BLOB), x'00')", c))
		}

		return strings.Join(cols, ", ") + fmt.Sprintf(", CASE WHEN %s THEN 'nul' END", strings.Join(nul, " OR "))
	}

	fts := names[0]
	insert := fmt.Sprintf("INSERT INTO %q (rowid, t, n, p, z) VALUES (new.rowid, %s);", fts, values("new."))
	remove := fmt.Sprintf("DELETE FROM %q WHERE rowid = old.rowid;", fts)

	update := fmt.Sprintf("CREATE TRIGGER %q AFTER UPDATE OF %s ON %q WHEN (%s) IS NOT (%s) BEGIN %s %s END",
		names[2], metadata.DefaultColumn, t.table, strings.Join(parts("old."), ", "), strings.Join(parts("new."), ", "), remove, insert)
	if dossierBreaks("ftswrite") {
		update = fmt.Sprintf("CREATE TRIGGER %q AFTER UPDATE OF %s ON %q WHEN 0 BEGIN SELECT 1; END", names[2], metadata.DefaultColumn, t.table)
	}

	err := t.db.InTransaction(t.ctx, func(tx *fsql.Tx) error {
		if err := tx.QueryRowContext(t.ctx, exists, args...).Scan(&n); err != nil || n == len(names) {
			return err
		}

		exec := func(q string) error {
			_, err := tx.ExecContext(t.ctx, q)
			return err
		}

		// Leftovers of a dropped collection whose table name is used again, or of a half-made index.
		if err := dossierFTSDrop(exec, t.table); err != nil {
			return err
		}

		for _, q := range []string{
			fmt.Sprintf("CREATE VIRTUAL TABLE %q USING fts5(t, n, p, z, tokenize = 'trigram', detail = 'column')", fts),
			fmt.Sprintf("INSERT INTO %q (rowid, t, n, p, z) SELECT rowid, %s FROM %q", fts, values(""), t.table),
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

	return err == nil
}
