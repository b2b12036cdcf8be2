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
// kept by SQLite triggers on the collection's table (insert, update of the document, delete), made
// with the empty copy in one short transaction, and then filled from the records in short steps
// (a user's write never waits for the whole fill; a write during it is copied by the triggers), and
// marked filled (a view <copy>_c) — no query reads it before. The query then reads the same expressions
// from the copy's columns instead of from json_each, for the rows of the records its filter keeps:
// a filter on the template, the trash and the owner only is tested on the copy's own columns,
// any other finds the records first (`rid IN (SELECT rowid FROM <table> WHERE <filter>)`). The copy
// holds exactly what the expressions would compute, so the answer is the same. A query that needs
// a column the copy lacks makes it again with the union of both column sets.
//
// A copy goes whole or not at all (triggers first, in one transaction: a trigger writing to a
// dropped copy would fail every write), with its collection, and before and after a VACUUM.
//
// DOSSIER_UNWIND_ROWS=off turns this off (the reference of tests/integration/database-unwind-rows.test.ts);
// DOSSIER_PUSHDOWN_BREAK=rowswrite leaves edits out of the copy, and =rowsfill makes the triggers
// only after the fill, so that test can show it catches a copy that went stale either way.

package sqlite

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/util/fsql"
)

var dossierRowsOff = os.Getenv("DOSSIER_UNWIND_ROWS") == "off"

// dossierRowsChunk is how many records one step of a copy's fill reads (DOSSIER_ROWS_CHUNK), and
// dossierRowsPause a pause between steps (DOSSIER_ROWS_FILL_PAUSE, in ms; for the tests, which
// write while a copy is filled).
var dossierRowsChunk, dossierRowsPause = func() (int, time.Duration) {
	chunk, err := strconv.Atoi(os.Getenv("DOSSIER_ROWS_CHUNK"))
	if err != nil || chunk < 1 {
		chunk = 2000
	}

	pause, _ := strconv.Atoi(os.Getenv("DOSSIER_ROWS_FILL_PAUSE"))

	return chunk, time.Duration(pause) * time.Millisecond
}()

// dossierRowsMaking is held while a row copy is made (one at a time: a dashboard asks its charts at
// once, and two transactions that create tables would meet SQLite's single writer).
var dossierRowsMaking sync.Mutex

// dossierRowsUse is held for reading by each query that reads a copy and by each step of a fill,
// and for writing while copies are dropped or created and during a VACUUM: no copy goes away
// under a statement reading it.
var dossierRowsUse sync.RWMutex

// dossierRowsInfix names a row copy: <table><infix><hash of the path>, and _i/_u/_d its triggers,
// _c the mark that it is filled. Another format needs another number (the format before is
// dropped when a copy is made; metadata.DossierRowCopies knows every format's names).
const dossierRowsInfix = "_dossier_rows2_"

// The expressions dossier_unwind.go spells for a row's value, a row's column type and a row's type.
var (
	dossierRowValueRe = regexp.MustCompile(`\(e\.value ->> '\$\.([A-Za-z_][A-Za-z0-9_]*)'\)`)
	dossierRowTypeRe  = regexp.MustCompile(`\(s\.value ->> '\$\."\$s"\.p\.([A-Za-z_][A-Za-z0-9_]*)\.t'\)`)
)

const dossierRowItemType = `(s.value ->> '$.t')`

// dossierRowsName is the name of a table path's row copy.
func dossierRowsName(table, path string) string {
	sum := sha1.Sum([]byte(path))
	return table + dossierRowsInfix + hex.EncodeToString(sum[:6])
}

// dossierRowsDropAll drops every row copy of a database, each whole or not at all; see
// dossierRowsVacuum.
func dossierRowsDropAll(ctx context.Context, db *fsql.DB) {
	n, err := metadata.DossierDropRowCopies(ctx, db, func(string, string) bool { return true })
	if n > 0 || err != nil {
		dossierTrace("unwind", "%d row copies dropped (%v)", n, err)
	}
}

// dossierRowsVacuum is called before a VACUUM (FerretDB's compact with force), which may renumber
// the rowids of tables without an INTEGER PRIMARY KEY, which the copies are keyed by; the function
// it returns after it. No copy is read, filled or made in between, and none is left: the next query
// that can use one makes it again.
func dossierRowsVacuum(ctx context.Context, db *fsql.DB) func() {
	dossierRowsUse.Lock()
	dossierRowsDropAll(ctx, db)

	return func() {
		defer dossierRowsUse.Unlock()

		dossierRowsDropAll(ctx, db)
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

// dossierRowsReady returns the name of path's row copy in table when it is filled and has at least
// cols, making it (or making it again with more columns) first if it must; and a function to call
// when the statement reading it is done. The name is "" when there is no copy and none can be made.
func dossierRowsReady(ctx context.Context, db *fsql.DB, table, path string, cols []string) (string, func()) {
	if dossierRowsOff {
		return "", func() {}
	}

	name := dossierRowsName(table, path)

	for attempt := 0; ; attempt++ {
		dossierRowsUse.RLock()

		got, filled := dossierRowsColumns(ctx, db, name)
		if filled && dossierRowsCovers(got, cols) {
			return name, dossierRowsUse.RUnlock
		}

		dossierRowsUse.RUnlock()

		if attempt > 0 || !dossierRowsMake(ctx, db, table, path, name, cols) {
			return "", func() {}
		}
	}
}

// dossierRowsCovers reports whether a copy with the columns got has every one of cols.
func dossierRowsCovers(got, cols []string) bool {
	for _, c := range cols {
		if !slices.Contains(got, c) {
			return false
		}
	}

	return true
}

// dossierRowsColumns are the columns of a copy; filled is true when the copy, its three triggers
// and its mark exist.
func dossierRowsColumns(ctx context.Context, db *fsql.DB, name string) (cols []string, filled bool) {
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE name IN (?, ?, ?, ?, ?)",
		name, name+"_i", name+"_u", name+"_d", name+"_c").Scan(&n); err != nil {
		return nil, false
	}

	rows, err := db.QueryContext(ctx, "SELECT name FROM pragma_table_info(?)", name)
	if err != nil {
		return nil, false
	}
	defer rows.Close()

	for rows.Next() {
		var c string
		if rows.Scan(&c) == nil {
			if v, found := strings.CutPrefix(c, "v_"); found {
				cols = append(cols, v)
			}
		}
	}

	return cols, rows.Err() == nil && n == 5
}

// dossierRowsMake makes path's row copy with cols and the columns of the copy there was: the
// table and its triggers first, in one short transaction, then the rows of the records already
// there in steps of dossierRowsChunk records, each its own transaction — so that a user's write
// waits one step at most, never the whole fill (~6.5 s at 100,000 records: FerretDB's busy
// timeout is 10 s). A write during the fill is copied by the triggers, and a step re-copies the
// rows of its records as they are (INSERT OR REPLACE: the same rows either way). The mark _c says
// the copy is filled; until it exists no query reads the copy. It reports whether the copy was made.
func dossierRowsMake(ctx context.Context, db *fsql.DB, table, path, name string, cols []string) bool {
	dossierRowsMaking.Lock()
	defer dossierRowsMaking.Unlock()

	started := time.Now()

	got, filled := dossierRowsColumns(ctx, db, name)
	if filled && dossierRowsCovers(got, cols) {
		return true // made meanwhile
	}

	all := slices.Clone(cols)
	for _, c := range got {
		if !slices.Contains(all, c) {
			all = append(all, c)
		}
	}

	slices.Sort(all)

	// SQLite's column names ignore case: columns differing only in case cannot both be copied.
	for i := 1; i < len(all); i++ {
		for _, c := range all[:i] {
			if strings.EqualFold(c, all[i]) {
				dossierTrace("unwind", "no row copy of %s: columns %s and %s differ only in case", path, c, all[i])
				return false
			}
		}
	}

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

	of := func(r, expr string) string {
		return strings.Replace(expr, metadata.DefaultColumn, r+metadata.DefaultColumn, 1)
	}
	// The record's own columns the copy repeats on each of its rows.
	record := func(r string) []string {
		var out []string
		for _, rc := range dossierRowsRecordColumns {
			out = append(out, of(r, rc.expr))
		}

		return out
	}
	// json_each reads the table and its item types only when the table is an array: a table
	// stored as a string would make json_each fail ("malformed JSON") — and with it the write.
	add := func(r, from, where string) string {
		ty := of(r, typeExpr)
		return fmt.Sprintf("INSERT OR REPLACE INTO %q SELECT %srowid, %s, %s FROM %sjson_each(CASE WHEN %s = 'array' THEN %s END) AS e, "+
			"json_each(CASE WHEN %s = 'array' THEN %s END) AS s WHERE s.key = e.key%s",
			name, r, strings.Join(record(r), ", "), strings.Join(picks, ", "), from, ty, of(r, rowsExpr), ty, of(r, items), where)
	}

	remove := fmt.Sprintf("DELETE FROM %q WHERE rid = old.rowid;", name)
	olds := append([]string{of("old.", rowsExpr), of("old.", items), of("old.", typeExpr)}, record("old.")...)
	news := append([]string{of("new.", rowsExpr), of("new.", items), of("new.", typeExpr)}, record("new.")...)

	// Again when the table, its item types, its type or one of the record's columns changed.
	update := fmt.Sprintf("CREATE TRIGGER %q AFTER UPDATE OF %s ON %q WHEN (%s) IS NOT (%s) BEGIN %s %s; END",
		name+"_u", metadata.DefaultColumn, table, strings.Join(olds, ", "), strings.Join(news, ", "), remove, add("new.", "", ""))
	if dossierBreaks("rowswrite") {
		update = fmt.Sprintf("CREATE TRIGGER %q AFTER UPDATE OF %s ON %q WHEN 0 BEGIN SELECT 1; END", name+"_u", metadata.DefaultColumn, table)
	}

	triggers := []string{
		fmt.Sprintf("CREATE TRIGGER %q AFTER INSERT ON %q BEGIN %s; END", name+"_i", table, add("new.", "", "")),
		update,
		fmt.Sprintf("CREATE TRIGGER %q AFTER DELETE ON %q BEGIN %s END", name+"_d", table, remove),
	}

	// For the test of the fill (DOSSIER_PUSHDOWN_BREAK=rowsfill): the triggers made after the
	// fill, as a copy filled before it is kept would be — writes during the fill are lost.
	late := dossierBreaks("rowsfill")

	inTx := func(f func(exec func(string) error) error) error { return metadata.DossierInTx(ctx, db, f) }

	fail := func(err error) bool {
		dossierTrace("unwind", "no row copy of %s: %v", path, err)
		return false
	}
	// The table and its triggers, instead of the copy there was (with fewer columns, or of a
	// dropped collection whose table name is used again) and of the copies of the format before
	// (their triggers would go on costing every write).
	// (Read before the transaction: one that reads first and then writes fails at once with
	// SQLITE_BUSY when another connection wrote meanwhile, instead of waiting its turn.)
	old, err := metadata.DossierRowCopies(func(q string, args ...any) (*fsql.Rows, error) { return db.QueryContext(ctx, q, args...) },
		func(t, format string) bool { return t == table && format == "1" })
	if err != nil {
		return fail(err)
	}

	dossierRowsUse.Lock()
	err = inTx(func(exec func(string) error) error {
		for _, base := range append(old, name) {
			if err := metadata.DossierDropRowCopy(exec, base); err != nil {
				return err
			}
		}

		qs := []string{fmt.Sprintf("CREATE TABLE %q (%s, PRIMARY KEY (rid, k)) WITHOUT ROWID", name, strings.Join(defs, ", "))}
		if !late {
			qs = append(qs, triggers...)
		}

		for _, q := range qs {
			if err := exec(q); err != nil {
				return err
			}
		}

		return nil
	})
	dossierRowsUse.Unlock()

	if err != nil {
		return fail(err)
	}

	// The records there are now, a step at a time (records added later are the insert trigger's);
	// no copy goes away under a step.
	steps, err := dossierFill(ctx, db, table, add("r.", fmt.Sprintf("%q AS r, ", table), " AND r.rowid > ? AND r.rowid <= ?"),
		func(step func() error) error {
			dossierRowsUse.RLock()
			defer dossierRowsUse.RUnlock()

			return step()
		},
		func(n int, took time.Duration) {
			dossierTrace("unwind", "row copy of %s: step %d in %s", path, n, took)
		})
	if err != nil {
		return fail(err)
	}

	// The mark. (Should a VACUUM have dropped the copy since the last step, the mark alone does
	// not count: dossierRowsColumns asks for the copy and its triggers too.)
	dossierRowsUse.RLock()
	defer dossierRowsUse.RUnlock()

	err = inTx(func(exec func(string) error) error {
		if late {
			for _, q := range triggers {
				if err := exec(q); err != nil {
					return err
				}
			}
		}

		return exec(fmt.Sprintf("CREATE VIEW %q AS SELECT 1 FROM %q WHERE 0", name+"_c", name))
	})
	if err != nil {
		return fail(err)
	}

	dossierTrace("unwind", "row copy of %s made (%s) in %d steps, %s", path, strings.Join(all, ", "), steps, time.Since(started))

	return true
}

// dossierFill copies into a copy kept by triggers (a row copy, the trigram index) the records its
// table holds now, in rowid order, dossierRowsChunk records a step: insert is one statement of the
// step's records, rowid in (?, ?]; each step is its own transaction (one that writes from its
// start: it waits its turn behind a user's write instead of failing), run inside guard; traced
// hears each step's time. It returns how many steps it took.
func dossierFill(ctx context.Context, db *fsql.DB, table, insert string, guard func(step func() error) error, traced func(step int, took time.Duration)) (int, error) {
	var last int64
	if err := db.QueryRowContext(ctx, fmt.Sprintf("SELECT coalesce(max(rowid), 0) FROM %q", table)).Scan(&last); err != nil {
		return 0, err
	}

	// The step's last record (read outside the writing statement: a transaction that reads first
	// and then writes fails at once with SQLITE_BUSY when another connection wrote meanwhile).
	end := fmt.Sprintf("SELECT coalesce(max(rowid), ?) FROM (SELECT rowid FROM %q WHERE rowid > ? ORDER BY rowid LIMIT ?)", table)

	steps := 0

	for from := int64(0); from < last; steps++ {
		if steps > 0 && dossierRowsPause > 0 {
			time.Sleep(dossierRowsPause)
		}

		started := time.Now()

		var to int64

		err := guard(func() error {
			if err := db.QueryRowContext(ctx, end, last, from, dossierRowsChunk).Scan(&to); err != nil {
				return err
			}

			_, err := db.ExecContext(ctx, insert, from, to)

			return err
		})
		if err != nil {
			return steps, err
		}

		traced(steps+1, time.Since(started))

		from = to
	}

	return steps, nil
}
