// Dossier's addition to FerretDB 1.24.2's SQLite backend, copied into its source before it is
// built (see scripts/lib/ferretdb.mjs). Not part of the Node build.
//
// A statistics widget over a table's rows (每月已缴保费: the sum of 缴费金额 by 缴费日期 over the
// 缴费记录 rows marked 已缴费) sends
//
//	[{$match: F}, {$unwind: "$data.<table>"}, {$match: R}?, {$group: {_id: "$<table>.<col>" | null, <out>: {$sum: 1 | "$<table>.<col>"}}}]
//
// which FerretDB 1.24 answers by decoding every matching record in Go and unwinding it there
// (97 s at 100,000 records). Here SQLite answers it with json_each over the array and GROUP BY,
// when that is exact; otherwise (dossierUnwind's ok false) FerretDB's own evaluation runs.
//
// FerretDB's $unwind (internal/handler/common/aggregations/stages/unwind.go) yields, for each
// element of an array at the path, `{_id, <last segment>: element}` — nothing else of the record;
// skips a missing or null value (and an empty array); and passes a record whose value is anything
// else through whole. The translation matches the first three and falls back for the last. It also
// falls back, for the whole query, when any unwound element is not an object, when a row field the
// row condition reads holds a type the SQL comparison would confuse (an array, an ObjectID stored
// as text, …), when a grouped value is not a string (or null/missing, grouped together as null),
// or when a summed value is neither a whole number (int or long) nor an amount with at most two
// decimals. Amounts with cents are summed exactly, as whole cents; FerretDB adds doubles in
// float64, so the two may differ in the last bits, and the pushdown answers only when a bound on
// that difference proves both show the same figure once the app rounds to cents
// (dossierCentsProvable); otherwise FerretDB answers. DOSSIER_PUSHDOWN_TRACE=1 logs which.

package sqlite

import (
	"context"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/fsql"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

// dossierTracing (DOSSIER_PUSHDOWN_TRACE=1) makes the grouped pushdowns write to FerretDB's stderr
// why a query went back to FerretDB's own evaluation, or how long SQLite took: a widget that stays
// slow shows which of the two it is, and the tests see that SQLite answered.
var dossierTracing = os.Getenv("DOSSIER_PUSHDOWN_TRACE") == "1" || dossierTracingSQL

// dossierTracingSQL (DOSSIER_PUSHDOWN_TRACE=sql) also writes each grouped statement SQLite runs.
var dossierTracingSQL = os.Getenv("DOSSIER_PUSHDOWN_TRACE") == "sql"

// dossierTraceSQL writes a grouped statement when DOSSIER_PUSHDOWN_TRACE=sql.
func dossierTraceSQL(what, q string, args []any) {
	if dossierTracingSQL {
		fmt.Fprintf(os.Stderr, "dossier %s SQL: %s %v\n", what, q, args)
	}
}

// dossierTrace writes one trace line ("dossier <what>: …") when tracing is on.
func dossierTrace(what, format string, args ...any) {
	if dossierTracing {
		fmt.Fprintf(os.Stderr, "dossier "+what+": "+format+"\n", args...)
	}
}

// dossierUnwindRefuses is dossierUnwind's answer when SQLite cannot answer exactly: FerretDB's own
// evaluation runs (traced with the reason).
func dossierUnwindRefuses(why string) ([]*types.Document, bool, error) {
	dossierTrace("unwind", "FerretDB answers: %s", why)
	return nil, false, nil
}

// dossierRowSegment is a row column name the translation spells inside a JSON path.
var dossierRowSegment = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// dossierUnwindTr translates the row condition and group of one unwind query. Row columns are
// read from the element (`e.value`, json_each over the array) and their stored types from the
// element's schema (`s.value`, json_each over the array's item schemas, same index).
type dossierUnwindTr struct {
	suffix string   // the unwound path's last segment: rows sit at `<suffix>.<col>`
	args   []any    // the row condition's parameters
	bad    []string // conditions that make a row untranslatable (any such row: fall back)
}

// col is the column of a row path `<suffix>.<col>`; ok false for any other path.
func (u *dossierUnwindTr) col(path string) (string, bool) {
	c, found := strings.CutPrefix(path, u.suffix+".")
	if !found || !dossierRowSegment.MatchString(c) {
		return "", false
	}

	return c, true
}

func dossierRowValue(col string) string { return fmt.Sprintf("(e.value ->> '$.%s')", col) }

func dossierRowType(col string) string { return fmt.Sprintf(`(s.value ->> '$."$s".p.%s.t')`, col) }

// guard adds the rule that a row's column holds only the given stored types (or null, or nothing).
func (u *dossierUnwindTr) guard(col string, allowed ...string) {
	u.bad = append(u.bad, fmt.Sprintf("(%s IS NOT NULL AND %s NOT IN ('null','%s'))", dossierRowType(col), dossierRowType(col), strings.Join(allowed, "','")))
}

// match translates the row condition: string equality, $in of strings, boolean equality, and
// $and of these. ok false for anything else.
func (u *dossierUnwindTr) match(doc *types.Document) (string, bool) {
	var parts []string

	for _, k := range doc.Keys() {
		v := must.NotFail(doc.Get(k))

		if k == "$and" {
			arr, ok := v.(*types.Array)
			if !ok || arr.Len() == 0 {
				return "", false
			}

			for i := 0; i < arr.Len(); i++ {
				sub, ok := must.NotFail(arr.Get(i)).(*types.Document)
				if !ok {
					return "", false
				}

				c, ok := u.match(sub)
				if !ok {
					return "", false
				}

				parts = append(parts, c)
			}

			continue
		}

		col, ok := u.col(k)
		if !ok {
			return "", false
		}

		if ops, isDoc := v.(*types.Document); isDoc {
			if ops.Len() != 1 {
				return "", false
			}

			switch ops.Keys()[0] {
			case "$eq":
				v = must.NotFail(ops.Get("$eq"))
			case "$in":
				arr, ok := must.NotFail(ops.Get("$in")).(*types.Array)
				if !ok || arr.Len() == 0 || arr.Len() > dossierMaxIn {
					return "", false
				}

				marks := make([]string, arr.Len())

				for i := 0; i < arr.Len(); i++ {
					s, ok := must.NotFail(arr.Get(i)).(string)
					if !ok || !dossierPlain(s) {
						return "", false
					}

					marks[i] = "?"
					u.args = append(u.args, s)
				}

				u.guard(col, "string")
				parts = append(parts, fmt.Sprintf("(%s = 'string' AND %s IN (%s))", dossierRowType(col), dossierRowValue(col), strings.Join(marks, ", ")))

				continue
			default:
				return "", false
			}
		}

		switch v := v.(type) {
		case string:
			if !dossierPlain(v) {
				return "", false
			}

			u.guard(col, "string")
			u.args = append(u.args, v)
			parts = append(parts, fmt.Sprintf("(%s = 'string' AND %s = ?)", dossierRowType(col), dossierRowValue(col)))
		case bool:
			n := 0
			if v {
				n = 1
			}

			u.guard(col, "bool")
			u.args = append(u.args, n)
			parts = append(parts, fmt.Sprintf("(%s = 'bool' AND %s = ?)", dossierRowType(col), dossierRowValue(col)))
		default:
			return "", false
		}
	}

	if len(parts) == 0 {
		return "1", true
	}

	return "(" + strings.Join(parts, " AND ") + ")", true
}

// dossierUnwind answers an unwind query (spec: {path, match?, group}, see the handler's
// dossierUnwindIter) with the groups FerretDB's own evaluation would give, or ok false.
func dossierUnwind(ctx context.Context, dbName string, db *fsql.DB, meta *metadata.Collection, filter, spec *types.Document) (out []*types.Document, ok bool, err error) {
	defer func() {
		if recover() != nil {
			out, ok, err = nil, false, nil
		}
	}()

	started := time.Now()

	path := must.NotFail(spec.Get("path")).(string)
	group := must.NotFail(spec.Get("group")).(*types.Document)

	segs := strings.Split(path, ".")
	if len(segs) != 2 || segs[0] == "_id" {
		return dossierUnwindRefuses("not a top-level table path")
	}

	if _, ok := metadata.DossierPathExpr(path); !ok {
		return dossierUnwindRefuses("path not spelled")
	}

	u := &dossierUnwindTr{suffix: segs[1]}

	// Every unwound element must be an object.
	u.bad = append(u.bad, `(s.value ->> '$.t') IS NOT 'object'`)

	rowWhere := "1"

	if spec.Has("match") {
		r, isDoc := must.NotFail(spec.Get("match")).(*types.Document)
		if !isDoc {
			return dossierUnwindRefuses("row condition not a document")
		}

		if rowWhere, ok = u.match(r); !ok {
			return dossierUnwindRefuses("row condition not translated")
		}
	}

	keyExpr := "NULL"

	if k, isPath := must.NotFail(group.Get("_id")).(string); isPath {
		col, ok := u.col(strings.TrimPrefix(k, "$"))
		if !ok || !strings.HasPrefix(k, "$") {
			return dossierUnwindRefuses("group key not a row column")
		}

		keyExpr = fmt.Sprintf("CASE WHEN %s = 'string' THEN %s END", dossierRowType(col), dossierRowValue(col))
		u.guard(col, "string")
	} else if must.NotFail(group.Get("_id")) != types.Null {
		return dossierUnwindRefuses("group key neither a path nor null")
	}

	outName := group.Keys()[1]
	acc := must.NotFail(must.NotFail(group.Get(outName)).(*types.Document).Get("$sum"))

	cols := []string{keyExpr}
	sum := false

	switch v := acc.(type) {
	case int32:
		if v != 1 {
			return dossierUnwindRefuses("$sum of a number other than 1")
		}

		cols = append(cols, "count(*)", "0", "NULL", "0", "0")
	case string:
		col, ok := u.col(strings.TrimPrefix(v, "$"))
		if !ok || !strings.HasPrefix(v, "$") {
			return dossierUnwindRefuses("$sum of a path outside the row")
		}

		sum = true
		ty, val := dossierRowType(col), dossierRowValue(col)
		u.guard(col, "int", "long", "double")

		// A double is summed as whole cents when its stored text (Go's shortest form, which reads
		// back as the same double) has at most two decimals and no exponent: round(v*100) is then
		// exactly the amount in cents. Any other double (three decimals, 1e+21, NaN) falls back.
		if !dossierBreaks("cents") {
			u.bad = append(u.bad, fmt.Sprintf("(%s = 'double' AND NOT %s)", ty, dossierCentsExpr(val)))
		}

		cols = append(cols,
			fmt.Sprintf("sum(CASE WHEN %s IN ('int','long') THEN %s END)", ty, val),
			fmt.Sprintf("max(%s = 'long')", ty),
			fmt.Sprintf("sum(CASE WHEN %s = 'double' THEN CAST(round(%s * 100) AS INTEGER) END)", ty, val),
			fmt.Sprintf("sum(%s = 'double')", ty),
			fmt.Sprintf("total(CASE WHEN %s IN ('int','long','double') THEN abs(%s) END)", ty, val),
		)
	default:
		return dossierUnwindRefuses("$sum of neither 1 nor a path")
	}

	bad := strings.Join(u.bad, " OR ")
	if dossierBreaks("unwind") {
		bad = "0"
	}

	cols = append(cols, fmt.Sprintf("max(%s)", bad))

	if spec.Has("match") {
		filter = dossierWithoutImplied(filter, path, u.suffix, must.NotFail(spec.Get("match")).(*types.Document))
	}

	// The records the first $match keeps: translated exactly, or no pushdown.
	t := &dossierTr{ctx: ctx, db: db, table: meta.TableName, key: dossierTableKey(dbName, meta.TableName), kinds: map[string]uint16{}}
	defer t.settled()

	paths := map[string]bool{}
	dossierPaths(filter, nil, paths)

	list := make([]string, 0, len(paths))
	for p := range paths {
		list = append(list, p)
	}

	if len(list) > 0 {
		t.profile(list, nil)
	}

	where, args, exact := "", []any(nil), true
	if filter.Len() > 0 {
		where, args, exact = t.filter(filter)
	}

	if !exact {
		return dossierUnwindRefuses("record filter not exact")
	}

	if where == "" {
		where = "1"
	}

	// The table's stored type ('array', 'null', NULL when missing, …; spelled with `->>`, which a
	// rows index, dx_rows_… of dossier_index.go, holds), its rows and their stored item types.
	typeExpr := metadata.DossierStoredTypeExpr(path, "t")
	items := metadata.DossierStoredTypeExpr(path, "i")
	rowsExpr, _ := metadata.DossierPathExpr(path)

	// One pass over the records: each kept record's table, its stored item types and its JSON type
	// are taken out once (materialized), so that json_each and the row expressions read the small
	// array, not the whole record again. A record whose value is neither an array, null nor
	// missing passes $unwind whole, which is not ours to answer: the second part of the statement
	// adds one row marked bad for it (read from the small copies, not the records).
	nonArray := "UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, 2 FROM (SELECT 1 FROM t WHERE t.ty <> 'array' LIMIT 1)"
	if dossierBreaks("unwind") {
		nonArray = ""
	}

	q := fmt.Sprintf(
		"WITH t AS MATERIALIZED (SELECT %s AS ty, %s AS rows, %s AS items FROM %q WHERE (%s) AND %s <> 'null') "+
			"SELECT %s FROM t, json_each(t.rows) AS e, json_each(t.items) AS s WHERE t.ty = 'array' AND s.key = e.key AND (%s OR %s) GROUP BY 1 %s",
		typeExpr, rowsExpr, items, meta.TableName, where, typeExpr,
		strings.Join(cols, ", "), rowWhere, bad, nonArray,
	)

	recordArgs := args
	args = append(slices.Clone(args), u.args...)

	// From the table's row copy (dossier_rows.go) when it can be had: the same expressions, read
	// from its columns for the rows of the records the filter keeps.
	from := "json_each"

	if parts, rowCols, rewritten := dossierRowsRewrite([]string{strings.Join(cols, ", "), rowWhere, bad}); rewritten {
		copied, release := dossierRowsReady(ctx, db, meta.TableName, path, rowCols)
		// Held until the statement reading the copy is done (the deferred rows.Close below runs first).
		defer release()

		if copied != "" {
			from = "the row copy"

			// The copy holds rows of records whose table is an array only, so the records are
			// the filter's alone (an index on the filter answers, without reading them). Whether
			// any kept record's table is something else — the query is then not ours — the kinds
			// the path holds tell when they are only arrays, null or missing (kept by every
			// write); else one look at the records (a dx_rows_ index holds the table's type).
			t.profile([]string{path}, nil)

			if k, known := t.kinds[path]; known && k&^(kArray|kNull|kMissing) == 0 {
				nonArray = ""
			} else if nonArray != "" {
				nonArray = fmt.Sprintf("UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, 2 FROM (SELECT 1 FROM %q WHERE (%s) AND %s <> 'null' AND %s <> 'array' LIMIT 1)",
					meta.TableName, where, typeExpr, typeExpr)
			}

			kept := fmt.Sprintf("rid IN (SELECT rowid FROM %q WHERE (%s))", meta.TableName, where)
			if onCopy, ok := dossierRowsRecordFilter(where); ok {
				kept = "(" + onCopy + ")"
			}

			q = fmt.Sprintf("SELECT %s FROM %q WHERE %s AND (%s OR %s) GROUP BY 1 %s",
				parts[0], copied, kept, parts[1], parts[2], nonArray)

			args = append(append(slices.Clone(recordArgs), u.args...), recordArgs...)
			if nonArray == "" {
				args = args[:len(recordArgs)+len(u.args)]
			}
		}
	}

	defer func() {
		if ok {
			dossierTrace("unwind", "SQLite answered %s from %s in %s: %d groups", path, from, time.Since(started), len(out))
		}
	}()

	dossierTraceSQL("unwind", q, args)
	t.paused()

	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		// e.g. a sum past int64: FerretDB's own evaluation answers (or fails) instead.
		return dossierUnwindRefuses("statement failed")
	}
	defer rows.Close()

	// The statement holds its snapshot (sqlite-pushdown-7, dossier_pushdown.go: dossierWindow).
	if !t.settled() {
		return dossierUnwindRefuses("a write brought a kind the translation did not know")
	}

	// Sums with cents: how many groups, the most doubles one group adds up, and the sum of every
	// summed value's magnitude — the bound on FerretDB's float error (see dossierCentsProvable).
	var centsGroups, groups, mostDoubles int64

	var magnitude float64

	for rows.Next() {
		var key any

		var n, long, cents, doubles, isBad *int64

		var abs *float64

		if err = rows.Scan(&key, &n, &long, &cents, &doubles, &abs, &isBad); err != nil {
			return dossierUnwindRefuses("scan failed")
		}

		if isBad != nil && *isBad == 2 {
			return dossierUnwindRefuses("a record's table is neither an array, null nor missing")
		}

		if isBad != nil && *isBad != 0 {
			return dossierUnwindRefuses("a value the guards refuse")
		}

		var id any = types.Null

		switch k := key.(type) {
		case nil:
		case string:
			id = k
		default:
			return dossierUnwindRefuses("group key not a string")
		}

		var total int64
		if n != nil {
			total = *n // a sum of nothing but null and missing is NULL: 0
		}

		// The sum is a long when this group's own values include one (or it outgrows int32).
		var v any = total
		if !(sum && long != nil && *long == 1) && total >= math.MinInt32 && total <= math.MaxInt32 {
			v = int32(total)
		}

		groups++

		if abs != nil {
			magnitude += *abs
		}

		// A double among the values makes the sum a double, as FerretDB's $sum has it: here the
		// exact sum in cents, divided once (the double nearest to the true sum).
		if doubles != nil && *doubles > 0 {
			var c int64
			if cents != nil {
				c = *cents
			}

			if total > dossierCentsExact/100 || total < -dossierCentsExact/100 {
				return dossierUnwindRefuses("a sum with cents past exact doubles")
			}

			exact := total*100 + c
			if exact > dossierCentsExact || exact < -dossierCentsExact {
				return dossierUnwindRefuses("a sum with cents past exact doubles")
			}

			v = float64(exact) / 100
			centsGroups++
			mostDoubles = max(mostDoubles, *doubles)
		}

		out = append(out, must.NotFail(types.NewDocument("_id", id, outName, v)))
	}

	if rows.Err() != nil {
		return dossierUnwindRefuses("rows failed")
	}

	if centsGroups > 0 && !dossierCentsProvable(groups, mostDoubles, magnitude) && !dossierBreaks("cents") {
		return dossierUnwindRefuses("sums with cents too large to prove the same after rounding to cents")
	}

	return out, true, nil
}

// dossierCentsMax is the largest amount with cents summed as cents (larger ones fall back).
const dossierCentsMax = 1e11

// dossierCentsExpr is true for an amount v summed as whole cents: under dossierCentsMax, and the
// double nearest to a whole number c of cents divided by 100 — c = round(v*100), exact since
// v*100 strays far less than half a cent, and c/100.0 is one correctly rounded division. That is
// the double whose shortest text (Go's, as FerretDB stores it) has at most two decimals and no
// exponent: 0.29 passes, 0.125 does not (12.5 rounds to 13, and 0.13 is another double), nor NaN
// or infinities (stored as text, never equal to a number). It reads only v, so a sum index that
// holds v answers it (a test of the stored text would parse the record again).
func dossierCentsExpr(v string) string {
	return fmt.Sprintf("(abs(%s) < %g AND %s = round(%s * 100) / 100.0)", v, dossierCentsMax, v, v)
}

// dossierCentsExact is the largest whole number of cents a double holds exactly (2^53).
const dossierCentsExact = 1 << 53

// dossierCentsProvable reports whether a sum with cents answered exactly here shows the same
// figure as FerretDB's own after the app rounds it to cents (lib/statistics/shape-widget-result.ts:
// groups added up in JavaScript — months, the total — then Math.round(x*100)/100).
//
// FerretDB adds a group's whole numbers exactly and its doubles one by one in float64: with k
// doubles and A the sum of the magnitudes, each double is within A·u of its decimal amount and
// the additions stray at most (k+1)·A·u in all (u = 2^-53). The exact answer here is within |S|·u.
// The app's additions over G groups stray at most G·A·u more either way. So both figures are
// within (kmax+G+2)·A·u of the true sum, a whole number of cents; when that is at most 1/256
// (0.0039, under half a cent) and A stays under 1e11 (x*100 then strays under 0.002 of a cent),
// both round to that same number of cents. Past this bound the two might differ: fall back.
func dossierCentsProvable(groups, mostDoubles int64, magnitude float64) bool {
	return magnitude < dossierCentsMax && float64(mostDoubles+groups+2)*magnitude <= float64(dossierCentsExact)/256
}

// dossierConjuncts lists a condition document's conjuncts: each key of it, and each element of a
// top-level $and, as one-key documents.
func dossierConjuncts(doc *types.Document) []*types.Document {
	var out []*types.Document

	for _, k := range doc.Keys() {
		v := must.NotFail(doc.Get(k))

		if arr, ok := v.(*types.Array); ok && k == "$and" {
			for i := 0; i < arr.Len(); i++ {
				if d, ok := must.NotFail(arr.Get(i)).(*types.Document); ok {
					out = append(out, dossierConjuncts(d)...)
				} else {
					out = append(out, must.NotFail(types.NewDocument(k, v)))
				}
			}

			continue
		}

		out = append(out, must.NotFail(types.NewDocument(k, v)))
	}

	return out
}

// dossierWithoutImplied drops from the record filter the conditions on the unwound table's
// columns that the row condition repeats — the app filters records by "has a 已缴费 row" and then
// the rows by "is 已缴费". Such a condition (`data.payments.status: S`) holds for every record that
// has a row the translated row condition (`payments.status: S`, strings only, every element an
// object, every unwound value an array) keeps, and records without one add no row to any group;
// so dropping it changes no group, and the rest of the filter may translate exactly (a condition
// through an array never does).
func dossierWithoutImplied(filter *types.Document, path, suffix string, rows *types.Document) *types.Document {
	implied := map[string]bool{}

	for _, c := range dossierConjuncts(rows) {
		k := c.Keys()[0]
		if col, ok := strings.CutPrefix(k, suffix+"."); ok {
			implied[path+"."+col+"\x00"+types.FormatAnyValue(must.NotFail(c.Get(k)))] = true
		}
	}

	kept := types.MakeArray(0)

	for _, c := range dossierConjuncts(filter) {
		k := c.Keys()[0]
		if !implied[k+"\x00"+types.FormatAnyValue(must.NotFail(c.Get(k)))] {
			kept.Append(c)
		}
	}

	if kept.Len() == 0 {
		return must.NotFail(types.NewDocument())
	}

	return must.NotFail(types.NewDocument("$and", kept))
}
