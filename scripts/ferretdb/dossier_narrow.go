// Dossier's addition to FerretDB 1.24.2's SQLite backend (a list filtered by several fields),
// copied into its source before it is built (see scripts/lib/ferretdb.mjs). Not part of the Node
// build.
//
// A list filtered by two fields or more — a choice and a date range — was answered through one
// field's index, reading each candidate's JSON for the other (~45 µs a record): 1.7–2.1 s at
// 100,000 records for the count and the page. When one index holds every value the filter reads
// (a dashboard's sum index holds the template's filterable fields: lib/records/record-indexes.ts),
// the matching rows are found by a scan of that index alone:
//
//	count:  SELECT count(*) FROM "table" INDEXED BY "<that index>" WHERE <the filter>
//	page:   SELECT … FROM "table" INDEXED BY "<the sort's index>"
//	        WHERE <template> AND <trash> AND +rowid IN (SELECT rowid FROM "table" INDEXED BY "<that index>" WHERE <the filter>)
//	        ORDER BY <the sort>
//
// The page walks the sort's own index in order and stops at its last row (the planner, left
// alone, took another index and sorted every match read from its JSON). The condition is the
// same exact translation (dossier_pushdown.go); only where SQLite reads it from changes. A filter
// on one field keeps its list index; anything the index does not hold whole keeps the plan SQLite
// chooses. DOSSIER_PUSHDOWN_BREAK=narrow makes the index scan keep every row, so that
// tests/integration/database-pushdown-differential.test.ts can show it catches a wrong one.

package sqlite

import (
	"fmt"
	"slices"
	"strings"

	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

// dossierRecordPaths are the record's own fields every list filter holds (and every list index
// begins with).
var dossierRecordPaths = []string{"templateKey", "deletedAt"}

// narrow returns the index that holds every value where (the filter's translation) reads, for a
// filter of the record's own fields and two fields or more besides; "" for any other filter.
// The smallest such index is taken (the fewest columns to read per entry).
func (t *dossierTr) narrow(filter *types.Document, where string) string {
	var paths []string

	for _, item := range dossierConjuncts(filter) {
		for _, k := range item.Keys() {
			if strings.HasPrefix(k, "$") {
				return ""
			}

			if !slices.Contains(dossierRecordPaths, k) && !slices.Contains(paths, k) {
				paths = append(paths, k)
			}
		}
	}

	if len(paths) < 2 {
		return ""
	}

	best, width := "", 0

indexes:
	for _, index := range t.indexes {
		if index.Unique || index.Name == "_id_" {
			continue
		}

		rest := where

		for _, k := range index.Key {
			expr, ok := metadata.DossierPathExpr(k.Field)
			if !ok {
				continue indexes
			}

			rest = strings.ReplaceAll(rest, expr, "")
		}

		if strings.Contains(rest, metadata.DefaultColumn) || strings.Contains(rest, "rowid") {
			continue
		}

		if best == "" || len(index.Key) < width {
			best, width = index.Name, len(index.Key)
		}
	}

	return best
}

// sortIndex returns the index that is the record's own fields followed by the sort's fields, in
// the sort's order (a list index), or "".
func (t *dossierTr) sortIndex(sort *types.Document) string {
	want := append(slices.Clone(dossierRecordPaths), sort.Keys()...)

	for _, index := range t.indexes {
		if len(index.Key) != len(want) {
			continue
		}

		same := true

		for i, k := range index.Key {
			if k.Field != want[i] {
				same = false
			}
		}

		if same {
			return index.Name
		}
	}

	return ""
}

// narrowed rewrites res (the translation of filter, exact) to read the rows from index: for a
// count (no sort) the same condition through that index; for a page, the sort's own index walked
// in order, testing each row's membership in the rows the index scan finds. ok is false when
// there is no sort index to walk (the page keeps SQLite's plan).
func (t *dossierTr) narrowed(res dossierSQL, filter, sort *types.Document, index string) (dossierSQL, bool) {
	cond, args := strings.TrimPrefix(res.where, " WHERE "), res.args

	if dossierBreaks("narrow") {
		// Every row of the index (inexact, for the tests).
		cond = "(" + cond + " OR 1 = 1)"
	}

	if sort.Len() == 0 {
		res.where, res.args = " WHERE "+cond, args
		res.from = fmt.Sprintf(" INDEXED BY %q", t.table+"_"+index)

		return res, true
	}

	walk := t.sortIndex(sort)
	if walk == "" {
		return res, false
	}

	// The record's own conditions, for the walk to begin at the template's untrashed rows.
	var own []string

	var ownArgs []any

	for _, item := range dossierConjuncts(filter) {
		for _, k := range item.Keys() {
			if !slices.Contains(dossierRecordPaths, k) {
				continue
			}

			c, a, ok := t.field(k, must.NotFail(item.Get(k)))
			if !ok || c == "" {
				return res, false
			}

			own = append(own, c)
			ownArgs = append(ownArgs, a...)
		}
	}

	own = append(own, fmt.Sprintf("+rowid IN (SELECT rowid FROM %q INDEXED BY %q WHERE %s)", t.table, t.table+"_"+index, cond))

	res.where = " WHERE " + strings.Join(own, " AND ")
	res.args = append(ownArgs, args...)
	res.from = fmt.Sprintf(" INDEXED BY %q", t.table+"_"+walk)

	return res, true
}
