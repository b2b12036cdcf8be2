// Dossier's addition to FerretDB 1.24.2's handler, copied into its source before it is built (see
// scripts/lib/ferretdb.mjs and dossier_unwind.go). Not part of the Node build.

package handler

import (
	"context"
	"strings"

	"github.com/FerretDB/FerretDB/internal/backends"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/iterator"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

// dossierUnwindIter answers what a statistics widget over a table's rows asks —
// [{$match: filter}?, {$unwind: "$a.b"}, {$match: rows}?, {$group: {_id: "$b.c" | null, <out>: {$sum: 1 | "$b.c"}}}]
// — with the backend's json_each and GROUP BY, when the backend can answer it exactly; nil
// otherwise (the pipeline then runs as usual).
func dossierUnwindIter(ctx context.Context, c backends.Collection, pipeline *types.Array) types.DocumentsIterator {
	stage := func(i int, name string) (any, bool) {
		if i >= pipeline.Len() {
			return nil, false
		}

		d, ok := must.NotFail(pipeline.Get(i)).(*types.Document)
		if !ok || d.Len() != 1 || !d.Has(name) {
			return nil, false
		}

		return must.NotFail(d.Get(name)), true
	}

	filter := must.NotFail(types.NewDocument())
	at := 0

	if v, ok := stage(at, "$match"); ok {
		if filter, ok = v.(*types.Document); !ok {
			return nil
		}

		at++
	}

	v, ok := stage(at, "$unwind")
	if !ok {
		return nil
	}

	path, ok := v.(string)
	if !ok || !strings.HasPrefix(path, "$") || strings.HasPrefix(path, "$$") {
		return nil
	}

	at++

	spec := must.NotFail(types.NewDocument("path", strings.TrimPrefix(path, "$")))

	if v, ok := stage(at, "$match"); ok {
		rows, ok := v.(*types.Document)
		if !ok {
			return nil
		}

		spec.Set("match", rows)

		at++
	}

	v, ok = stage(at, "$group")
	if !ok || at+1 != pipeline.Len() {
		return nil
	}

	group, ok := v.(*types.Document)
	if !ok || group.Len() != 2 || group.Keys()[0] != "_id" {
		return nil
	}

	out := group.Keys()[1]
	if out == "" || strings.HasPrefix(out, "$") || strings.Contains(out, ".") {
		return nil
	}

	if acc, ok := must.NotFail(group.Get(out)).(*types.Document); !ok || acc.Len() != 1 || !acc.Has("$sum") {
		return nil
	}

	spec.Set("group", group)

	res, err := c.Query(ctx, &backends.QueryParams{Filter: filter, DossierUnwind: spec})
	if err != nil {
		return nil
	}

	res.Iter.Close()

	if !res.DossierGrouped {
		return nil
	}

	return iterator.Values(iterator.ForSlice(res.DossierGroups))
}
