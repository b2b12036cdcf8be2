// Dossier's addition to FerretDB 1.24.2's SQLite backend (a row copy of a record table's rows),
// copied into its source before it is built (see scripts/lib/ferretdb.mjs). Not part of the Node
// build.
//
// dossier_unwind.go answers a chart over a table's rows (每月已缴保费: the rows of 缴费记录) with
// json_each over each kept record's rows and their stored item types, then a handful of `->>` per
// row: ~20 µs a row, ~5 s for the ~270,000 payment rows of 100,000 records — whatever the indexes.
// So the first such query over a table path makes a row copy of it: an ordinary SQLite table with
// one row per table row of every record of the collection —
//
//	rid (the record's rowid), r_tk, r_del, r_own (its template, trash mark and owner),
//	k (the row's position), it (the row's stored type: 'object' …),
//	v_<col>, t_<col> (per column the query reads: the value as `->>` gives it, and its stored type)
//
// filled from the records and kept by SQLite triggers on the collection's table (insert, update of
// the document, delete), made in one transaction so that no write slips between the fill and the
// triggers — as the trigram index of dossier_fts.go is. The query then reads the same expressions
// from the copy's columns instead of from json_each, for the rows of the records its filter keeps:
// a filter on the template, the trash and the owner only is tested on the copy's own columns,
// any other finds the records first (`rid IN (SELECT rowid FROM <table> WHERE <filter>)`). The copy
// holds exactly what the expressions would compute, so the answer is the same. A query that needs
// a column the copy lacks makes it again with the union of both column sets.
//
// DOSSIER_UNWIND_ROWS=off turns this off (the reference of tests/integration/database-unwind-rows.test.ts);
// DOSSIER_PUSHDOWN_BREAK=rowswrite leaves edits out of the copy, so that test can show it catches
// a copy that went stale.

package sqlite

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/util/fsql"
)

var dossierRowsOff = os.Getenv("DOSSIER_UNWIND_ROWS") == "off"

// dossierRowsMaking is held while a row copy is made.
var dossierRowsMaking sync.Mutex

// dossierRowsInfix names a row copy: <table><infix><hash of the path>, and _i/_u/_d its triggers.
// Another format needs another number, and dossierRowsDropAll must then drop the older one's too.
const dossierRowsInfix = "_dossier_rows2_"

// dossierRowsGlob matches the row copies of every format (rows1 had no record columns).
const dossierRowsGlob = "_dossier_rows[0-9]_"

// The expressions dossier_unwind.go spells for a row's value, a row's column type and a row's type.
var (
	dossierRowValueRe = regexp.MustCompile(`\(e\.value ->> '\$\.([A-Za-z_][A-Za-z0-9_]*)'\)`)
	dossierRowTypeRe  = regexp.MustCompile(`\(s\.value ->> '\$\."\$s"\.p\.([A-Za-z_][A-Za-z0-9_]*)\.t'\)`)
)

const dossierRowItemType = `(s.value ->> '$.t')`

// dossierRowsNames are the names of a table path's row copy and of its three triggers.
func dossierRowsNames(table, path string) []string { return dossierRowsNamesOf(table, path, dossierRowsInfix) }

// dossierRowsNamesOf is dossierRowsNames for a copy of the format infix names.
func dossierRowsNamesOf(table, path, infix string) []string {
	sum := sha1.Sum([]byte(path))
	name := table + infix + hex.EncodeToString(sum[:6])

	return []string{name, name + "_i", name + "_u", name + "_d"}
}

// dossierRowsDrop drops a row copy and its triggers.
func dossierRowsDrop(exec func(q string) error, names []string) {
	for _, trig := range names[1:] {
		_ = exec(fmt.Sprintf("DROP TRIGGER IF EXISTS %q", trig))
	}

	_ = exec(fmt.Sprintf("DROP TABLE IF EXISTS %q", names[0]))
}

// dossierRowsDropAll drops every row copy of a database: a VACUUM (FerretDB's compact with force)
// may renumber the rowids of tables without an INTEGER PRIMARY KEY, which the copies are keyed by.
// The next query that can use one makes it again.
func dossierRowsDropAll(ctx context.Context, db *fsql.DB) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB ?", "*"+dossierRowsGlob+"*")
	if err != nil {
		return
	}

	var tables []string

	for rows.Next() {
		var name string
		if rows.Scan(&name) == nil {
			tables = append(tables, name)
		}
	}

	_ = rows.Close()

	for _, name := range tables {
		dossierRowsDrop(func(q string) error {
			_, err := db.ExecContext(ctx, q)
			return err
		}, []string{name, name + "_i", name + "_u", name + "_d"})
	}
}

// dossierRowsRecordColumns are the record's own values the copy repeats on each of its rows (the
// template, the trash mark, the owner: what the app's filter always holds), so that such a filter
// is tested on the copy itself instead of finding each kept record's rows by its rowid.
var dossierRowsRecordColumns = func() []struct{ col, expr string } {
	var out []struct{ col, expr string }

	for _, p := range []struct{ col, path string }{{"r_tk", "templateKey"}, {"r_del", "deletedAt"}, {"r_own", "ownerId"}} {
		expr, _ := metadata.DossierPathExpr(p.path)
		out = append(out, struct{ col, expr string }{p.col, expr})
	}

	return out
}()

// dossierRowsRecordFilter is the record filter where spelled on the copy's record columns; ok is
// false when it reads anything else of the record.
func dossierRowsRecordFilter(where string) (string, bool) {
	for _, rc := range dossierRowsRecordColumns {
		where = strings.ReplaceAll(where, rc.expr, fmt.Sprintf("%q", rc.col))
	}

	return where, !strings.Contains(where, metadata.DefaultColumn)
}

// dossierRowsRewrite replaces, in the fragments of an unwind statement, the row expressions by the
// row copy's columns; cols are the columns read. ok is false when something else reads the row.
func dossierRowsRewrite(parts []string) (out []string, cols []string, ok bool) {
	seen := map[string]bool{}
	out = make([]string, len(parts))

	for i, p := range parts {
		p = dossierRowValueRe.ReplaceAllStringFunc(p, func(m string) string {
			c := dossierRowValueRe.FindStringSubmatch(m)[1]
			seen[c] = true

			return fmt.Sprintf("%q", "v_"+c)
		})
		p = dossierRowTypeRe.ReplaceAllStringFunc(p, func(m string) string {
			c := dossierRowTypeRe.FindStringSubmatch(m)[1]
			seen[c] = true

			return fmt.Sprintf("%q", "t_"+c)
		})
		p = strings.ReplaceAll(p, dossierRowItemType, `"it"`)

		if strings.Contains(p, "e.value") || strings.Contains(p, "s.value") || strings.Contains(p, metadata.DefaultColumn) {
			return nil, nil, false
		}

		out[i] = p
	}

	for c := range seen {
		cols = append(cols, c)
	}

	slices.Sort(cols)

	return out, cols, true
}

// dossierRowsReady makes sure the row copy of path in table exists with at least cols (making it,
// or making it again with more columns, in one transaction). It returns the copy's name, or "" when
// there is none and none can be made now.
func dossierRowsReady(ctx context.Context, db *fsql.DB, table, path string, cols []string) string {
	if dossierRowsOff {
		return ""
	}

	names := dossierRowsNames(table, path)

	// The copy's columns, when it and its three triggers exist.
	have := func(q func(string, ...any) (*fsql.Rows, error)) ([]string, bool) {
		rows, err := q("SELECT count(*) FROM sqlite_master WHERE name IN (?, ?, ?, ?)", names[0], names[1], names[2], names[3])
		if err != nil {
			return nil, false
		}

		var n int

		for rows.Next() {
			_ = rows.Scan(&n)
		}

		_ = rows.Close()

		if n != len(names) {
			return nil, false
		}

		rows, err = q("SELECT name FROM pragma_table_info(?)", names[0])
		if err != nil {
			return nil, false
		}
		defer rows.Close()

		var got []string

		for rows.Next() {
			var c string
			if rows.Scan(&c) == nil {
				if v, found := strings.CutPrefix(c, "v_"); found {
					got = append(got, v)
				}
			}
		}

		return got, rows.Err() == nil
	}

	covers := func(got []string) bool {
		for _, c := range cols {
			if !slices.Contains(got, c) {
				return false
			}
		}

		return true
	}

	got, exists := have(func(q string, args ...any) (*fsql.Rows, error) { return db.QueryContext(ctx, q, args...) })
	if exists && covers(got) {
		return names[0]
	}

	all := slices.Clone(cols)
	for _, c := range got {
		if !slices.Contains(all, c) {
			all = append(all, c)
		}
	}

	slices.Sort(all)

	rowsExpr, _ := metadata.DossierPathExpr(path)
	typeExpr, items := metadata.DossierStoredTypeExpr(path, "t"), metadata.DossierStoredTypeExpr(path, "i")

	// The columns and, for a record `<r>`, the statement that adds its rows.
	// A row that is not an object (a string among the rows) has no columns: NULL, where `->>` on
	// its text would fail — a trigger must never fail a write. Its stored type ('string') makes
	// every query over it refuse anyway (dossier_unwind.go's guard on the row's type).
	defs := []string{"rid INTEGER NOT NULL"}
	picks := []string{}

	for _, rc := range dossierRowsRecordColumns {
		defs = append(defs, rc.col)
	}

	defs = append(defs, "k INTEGER NOT NULL", "it")
	picks = append(picks, "e.key", fmt.Sprintf("CASE WHEN s.type = 'object' THEN %s END", dossierRowItemType))

	for _, c := range all {
		defs = append(defs, fmt.Sprintf("%q", "v_"+c), fmt.Sprintf("%q", "t_"+c))
		picks = append(picks,
			fmt.Sprintf("CASE WHEN e.type = 'object' THEN (e.value ->> '$.%s') END", c),
			fmt.Sprintf(`CASE WHEN s.type = 'object' THEN (s.value ->> '$."$s".p.%s.t') END`, c))
	}

	of := func(r string) (string, string, string) {
		return strings.Replace(rowsExpr, metadata.DefaultColumn, r+metadata.DefaultColumn, 1),
			strings.Replace(items, metadata.DefaultColumn, r+metadata.DefaultColumn, 1),
			strings.Replace(typeExpr, metadata.DefaultColumn, r+metadata.DefaultColumn, 1)
	}
	// The record's own columns the copy repeats on each of its rows.
	record := func(r string) []string {
		var out []string
		for _, rc := range dossierRowsRecordColumns {
			out = append(out, strings.Replace(rc.expr, metadata.DefaultColumn, r+metadata.DefaultColumn, 1))
		}

		return out
	}
	add := func(r, from string) string {
		rs, is, ty := of(r)
		return fmt.Sprintf("INSERT INTO %q SELECT %srowid, %s, %s FROM %sjson_each(%s) AS e, json_each(%s) AS s WHERE %s = 'array' AND s.key = e.key",
			names[0], r, strings.Join(record(r), ", "), strings.Join(picks, ", "), from, rs, is, ty)
	}

	remove := fmt.Sprintf("DELETE FROM %q WHERE rid = old.rowid;", names[0])
	oldRows, oldItems, oldType := of("old.")
	newRows, newItems, newType := of("new.")
	olds := append([]string{oldRows, oldItems, oldType}, record("old.")...)
	news := append([]string{newRows, newItems, newType}, record("new.")...)

	// Again when the table, its item types, its type or one of the record's columns changed.
	update := fmt.Sprintf("CREATE TRIGGER %q AFTER UPDATE OF %s ON %q WHEN (%s) IS NOT (%s) BEGIN %s %s; END",
		names[2], metadata.DefaultColumn, table, strings.Join(olds, ", "), strings.Join(news, ", "), remove, add("new.", ""))
	if dossierBreaks("rowswrite") {
		update = fmt.Sprintf("CREATE TRIGGER %q AFTER UPDATE OF %s ON %q WHEN 0 BEGIN SELECT 1; END", names[2], metadata.DefaultColumn, table)
	}

	// One copy made at a time: a dashboard asks its charts at once, and two transactions that
	// create tables would meet SQLite's single writer (SQLITE_BUSY) instead of waiting.
	dossierRowsMaking.Lock()
	defer dossierRowsMaking.Unlock()

	err := db.InTransaction(ctx, func(tx *fsql.Tx) error {
		// Another query may have made it meanwhile.
		if got, exists := have(func(q string, args ...any) (*fsql.Rows, error) { return tx.QueryContext(ctx, q, args...) }); exists && covers(got) {
			return nil
		}

		exec := func(q string) error {
			_, err := tx.ExecContext(ctx, q)
			return err
		}

		// Leftovers of a dropped collection whose table name is used again, a copy with fewer
		// columns, or one of the format before (its triggers would go on costing every write).
		dossierRowsDrop(exec, names)
		dossierRowsDrop(exec, dossierRowsNamesOf(table, path, "_dossier_rows1_"))

		for _, q := range []string{
			fmt.Sprintf("CREATE TABLE %q (%s, PRIMARY KEY (rid, k)) WITHOUT ROWID", names[0], strings.Join(defs, ", ")),
			add("r.", fmt.Sprintf("%q AS r, ", table)),
			fmt.Sprintf("CREATE TRIGGER %q AFTER INSERT ON %q BEGIN %s; END", names[1], table, add("new.", "")),
			update,
			fmt.Sprintf("CREATE TRIGGER %q AFTER DELETE ON %q BEGIN %s END", names[3], table, remove),
		} {
			if err := exec(q); err != nil {
				return err
			}
		}

		return nil
	})
	if err != nil {
		dossierTrace("unwind", "no row copy of %s: %v", path, err)
		return ""
	}

	return names[0]
}
