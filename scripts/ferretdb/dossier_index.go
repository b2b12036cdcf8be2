// Dossier's addition to FerretDB 1.24.2's SQLite metadata package, copied into its source before it
// is built (see scripts/lib/ferretdb.mjs). Not part of the Node build.

package metadata

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/FerretDB/FerretDB/internal/util/fsql"
	"github.com/FerretDB/FerretDB/internal/util/lazyerrors"
)

// dossierSegment is a path segment Dossier spells with json_extract: plain names only, so that the
// path can sit inside an SQL string literal and a JSON path without quoting. Numeric segments
// (array positions) and anything else keep FerretDB's own handling.
var dossierSegment = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// DossierPathExpr is the one spelling of a document path that Dossier's queries and indexes share:
// `_ferretdb_sjson ->> '$.a.b'`. SQLite uses an index on an expression only for the same
// expression; `->>` gives SQL values (numbers compare as numbers), where FerretDB's own
// `->"a"->"b"` gives JSON text; and unlike json_extract, whose result may carry a JSON subtype,
// SQLite (3.45+) reads a `->>` value straight from an index instead of parsing the document —
// a count per value or a sort of matches never touches the table (1.2 s → 11 ms for a grouped
// count of 20,000 records). ok is false for paths it does not spell.
func DossierPathExpr(field string) (expr string, ok bool) {
	segs := strings.Split(field, ".")
	for _, s := range segs {
		if !dossierSegment.MatchString(s) {
			return "", false
		}
	}

	return fmt.Sprintf("%s ->> '$.%s'", DefaultColumn, strings.Join(segs, ".")), true
}

// DossierTypeExpr is json_type of a path DossierPathExpr spells ("text", "integer", "real",
// "true", "false", "null", "array", "object", or NULL when missing).
func DossierTypeExpr(field string) string {
	return fmt.Sprintf("json_type(%s, '$.%s')", DefaultColumn, field)
}

// DossierTypePath is the JSON path of the stored type name of a document path in FerretDB's
// storage format (`$."$s".p.a."$s".p.b.t`); segments must pass DossierPathExpr.
func DossierTypePath(segs []string) string {
	var b strings.Builder
	b.WriteString(`$`)

	for _, s := range segs {
		b.WriteString(`."$s".p.`)
		b.WriteString(s)
	}

	b.WriteString(`.t`)

	return b.String()
}

// DossierStoredTypeExpr is the stored type name of a document path (DossierTypePath) spelled with
// `->>`, so that SQLite reads it from an index that holds it (a sum index, dossierIndexSQL) instead
// of parsing the document; the same value as json_extract of that path. suffix is "t" (the type)
// or "i" (an array's item types, as JSON text).
func DossierStoredTypeExpr(field, suffix string) string {
	return fmt.Sprintf("%s ->> '%s'", DefaultColumn, strings.TrimSuffix(DossierTypePath(strings.Split(field, ".")), ".t")+"."+suffix)
}

// Dossier's sum indexes (named by the app, lib/records/record-indexes.ts) let SQLite answer a
// dashboard's sum without parsing any record (~45 µs a record: the cost of reading a record's
// whole JSON):
//   - `dx_sum_…` holds after its keys the last key's stored type (a summed amount is an int, a long
//     or a double), so that dossierGroup reads the value and its type from the index alone;
//   - `dx_rows_…` ends in a table (`data.payments`): it holds the table's stored type ('array',
//     'null', …) in place of the table itself, so that the records an unwind query keeps are found
//     from the index alone; the rows are read from the table's row copy (dossier_rows.go).
const (
	dossierSumIndexPrefix  = "dx_sum_"
	dossierRowsIndexPrefix = "dx_rows_"
)

// dossierIndexColumns is the column list of index given its keys' columns: unchanged but for a
// sum index (above).
func dossierIndexColumns(index IndexInfo, columns []string) []string {
	sum, rows := strings.HasPrefix(index.Name, dossierSumIndexPrefix), strings.HasPrefix(index.Name, dossierRowsIndexPrefix)
	if (!sum && !rows) || index.Unique || len(index.Key) == 0 || os.Getenv("DOSSIER_INDEX_LEGACY") == "1" {
		return columns
	}

	last := index.Key[len(index.Key)-1]
	if _, ok := DossierPathExpr(last.Field); !ok || last.Descending {
		return columns
	}

	if rows {
		return append(slices.Clone(columns[:len(columns)-1]), DossierStoredTypeExpr(last.Field, "t"))
	}

	return append(slices.Clone(columns), DossierStoredTypeExpr(last.Field, "t"))
}

// dossierIndexColumn is the column expression of one index key. The unique `_id_` index keeps
// FerretDB's spelling (point lookups by `_id` use it, see metadata.IDColumn); every other key of a
// plain path is spelled as Dossier's queries spell it.
//
// DOSSIER_INDEX_LEGACY=1 keeps FerretDB's spelling everywhere: the tests build a database as an
// older build did, then open it with this one to see dossierReindex rebuild its indexes.
//
// Unique indexes keep FerretDB's spelling too: `->` keeps JSON text, so true, 1 and a 1 ms date
// stay different values and two nulls stay equal, as MongoDB's uniqueness has them; `->>` would
// merge the first and let the second through.
func dossierIndexColumn(field string, keys int, unique bool, ferretdb string) string {
	if (field == "_id" && keys == 1) || unique || os.Getenv("DOSSIER_INDEX_LEGACY") == "1" {
		return ferretdb
	}

	if expr, ok := DossierPathExpr(field); ok {
		return expr
	}

	return ferretdb
}

// dossierIndexSQL is the CREATE INDEX statement indexesCreate sends for index (same text).
func dossierIndexSQL(tableName string, index IndexInfo) string {
	q := "CREATE "

	if index.Unique {
		q += "UNIQUE "
	}

	q += "INDEX %q ON %q (%s)"

	columns := make([]string, len(index.Key))
	for i, key := range index.Key {
		fields := strings.Split(key.Field, ".")
		for j, f := range fields {
			fields[j] = fmt.Sprintf("%q", f)
		}

		columns[i] = dossierIndexColumn(key.Field, len(index.Key), index.Unique, fmt.Sprintf("%s->%s", DefaultColumn, strings.Join(fields, "->")))
		if key.Descending {
			columns[i] += " DESC"
		}
	}

	columns = dossierIndexColumns(index, columns)

	return fmt.Sprintf(q, tableName+"_"+index.Name, tableName, strings.Join(columns, ", "))
}

// dossierReindex rebuilds, when a database opens, every index whose stored statement is not the
// one this build would send — indexes created by FerretDB's own spelling or an older patch level —
// so that a database file from before keeps working and gets indexes its queries can use.
func dossierReindex(ctx context.Context, db *fsql.DB, colls map[string]*Collection) error {
	for _, c := range colls {
		for _, index := range c.Settings.Indexes {
			if index.Name == "_id_" {
				continue
			}

			want := dossierIndexSQL(c.TableName, index)
			name := c.TableName + "_" + index.Name

			var have string
			err := db.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`, name).Scan(&have)

			switch {
			case errors.Is(err, sql.ErrNoRows):
			case err != nil:
				return lazyerrors.Error(err)
			case have == want:
				continue
			}

			// In one transaction: if the new index cannot be built, the old one stays, and the
			// database still opens (the queries then scan where the index would have served).
			_ = db.InTransaction(ctx, func(tx *fsql.Tx) error {
				if _, err := tx.ExecContext(ctx, fmt.Sprintf("DROP INDEX IF EXISTS %q", name)); err != nil {
					return err
				}

				_, err := tx.ExecContext(ctx, want)

				return err
			})
		}
	}

	return nil
}

// dossierRowCopyRe matches the names of a row copy (the sqlite package's dossier_rows.go) and of
// its parts: the copy <collection table>_dossier_rows<format>_<12 hex>, its triggers _i, _u, _d and
// its mark _c (made when it is filled). A collection's own table always ends in _<8 hex>
// (registry.go's CollectionCreate), so no collection's table matches, whatever its name.
var dossierRowCopyRe = regexp.MustCompile(`^((.+_[0-9a-f]{8})_dossier_rows([0-9])_[0-9a-f]{12})(_[iudc])?$`)

// DossierRowCopies lists the row copies of which any part (table, trigger, mark) exists and that
// keep accepts (given the collection table they copy from and their format): each copy's base
// name once, in name order.
func DossierRowCopies(query func(q string, args ...any) (*fsql.Rows, error), keep func(table, format string) bool) ([]string, error) {
	rows, err := query("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger', 'view') AND name GLOB '*_dossier_rows[0-9]_*' ORDER BY name")
	if err != nil {
		return nil, lazyerrors.Error(err)
	}
	defer rows.Close()

	var out []string

	for rows.Next() {
		var name string
		if err = rows.Scan(&name); err != nil {
			return nil, lazyerrors.Error(err)
		}

		m := dossierRowCopyRe.FindStringSubmatch(name)
		if m == nil || !keep(m[2], m[3]) || slices.Contains(out, m[1]) {
			continue
		}

		out = append(out, m[1])
	}

	if err = rows.Err(); err != nil {
		return nil, lazyerrors.Error(err)
	}

	return out, nil
}

// dossierDropStatements are the statements that drop a copy kept by triggers (a row copy, a
// trigram index) named base: its triggers _i, _u and _d first (no write may reach a half-dropped
// copy), its mark _c, then the tables given, in order.
func dossierDropStatements(base string, tables ...string) []string {
	qs := []string{
		fmt.Sprintf("DROP TRIGGER IF EXISTS %q", base+"_i"),
		fmt.Sprintf("DROP TRIGGER IF EXISTS %q", base+"_u"),
		fmt.Sprintf("DROP TRIGGER IF EXISTS %q", base+"_d"),
		fmt.Sprintf("DROP VIEW IF EXISTS %q", base+"_c"),
	}
	for _, t := range tables {
		qs = append(qs, fmt.Sprintf("DROP TABLE IF EXISTS %q", t))
	}

	return qs
}

// DossierDropRowCopy drops a row copy with exec: its triggers first, then its mark and its table,
// stopping at the first failure. Run in one transaction, the copy goes whole or not at all — SQLite
// lets a table be dropped while a trigger still writes to it, and every later write to the
// collection would then fail.
func DossierDropRowCopy(exec func(q string) error, base string) error {
	for _, q := range dossierDropStatements(base, base) {
		if err := exec(q); err != nil {
			return lazyerrors.Error(err)
		}
	}

	return nil
}

// DossierDropRowCopies drops the row copies keep accepts (see DossierRowCopies), each in its own
// transaction, and says how many went.
func DossierDropRowCopies(ctx context.Context, db *fsql.DB, keep func(table, format string) bool) (int, error) {
	bases, err := DossierRowCopies(func(q string, args ...any) (*fsql.Rows, error) { return db.QueryContext(ctx, q, args...) }, keep)
	if err != nil {
		return 0, err
	}

	var dropped int

	for _, base := range bases {
		err = DossierInTx(ctx, db, func(exec func(string) error) error { return DossierDropRowCopy(exec, base) })
		if err != nil {
			return dropped, err
		}

		dropped++
	}

	return dropped, nil
}

// dossierDropRowCopies drops, with a collection's table, the row copies of it — before the table:
// each copy's triggers with it. A copy that cannot be dropped now goes with the collection's table
// (its triggers do; the copy itself is dropped when a copy of that name is made again).
func dossierDropRowCopies(ctx context.Context, db *fsql.DB, table string) {
	_, _ = DossierDropRowCopies(ctx, db, func(t, _ string) bool { return t == table })
}

// DossierInTx runs f in one transaction, with an exec of statements without results.
func DossierInTx(ctx context.Context, db *fsql.DB, f func(exec func(q string) error) error) error {
	return db.InTransaction(ctx, func(tx *fsql.Tx) error {
		return f(func(q string) error {
			_, err := tx.ExecContext(ctx, q)
			return err
		})
	})
}

// DossierFTSFormats are the suffixes of every format of a collection table's trigram index (the
// sqlite package's dossier_fts.go; fts2: without the ends column e).
var DossierFTSFormats = []string{"_dossier_fts2", "_dossier_fts3"}

// DossierDropFTS drops a table's trigram index of every format with exec: its triggers first,
// then its mark, its list of trigrams and the index, stopping at the first failure. Run in one
// transaction, the index goes whole or not at all — a trigger left writing to a dropped index
// would fail every write to the collection.
func DossierDropFTS(exec func(q string) error, table string) error {
	for _, suffix := range DossierFTSFormats {
		fts := table + suffix
		for _, q := range dossierDropStatements(fts, fts+"_v", fts) {
			if err := exec(q); err != nil {
				return err
			}
		}
	}

	return nil
}

// dossierDropFTS drops, with a collection's table, its trigram index, in one transaction.
func dossierDropFTS(ctx context.Context, db *fsql.DB, table string) {
	_ = DossierInTx(ctx, db, func(exec func(string) error) error { return DossierDropFTS(exec, table) })
}
