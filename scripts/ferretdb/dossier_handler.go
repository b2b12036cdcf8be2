// Dossier's addition to FerretDB 1.24.2's handler, copied into its source before it is built (see
// scripts/lib/ferretdb.mjs and dossier_pushdown.go). Not part of the Node build.

package handler

import (
	"context"
	"math"
	"strings"

	"github.com/FerretDB/FerretDB/internal/backends"
	"github.com/FerretDB/FerretDB/internal/handler/common"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/iterator"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

// dossierNested lets conditions on dotted paths reach the backend, which translates only what it
// can translate exactly (FerretDB strips them unless --test-enable-nested-pushdown is given).
const dossierNested = true

// dossierFindParams is what the handler still has to do after the backend's query: when the
// backend applied the sort, skip and limit itself, skipping again would drop a page, and sorting
// again would hold every row in memory for nothing (the limit is harmless and stays).
func dossierFindParams(params *common.FindParams, res *backends.QueryResult) *common.FindParams {
	if res == nil || !res.DossierApplied {
		return params
	}

	p := *params
	p.Skip = 0
	p.Sort = nil

	return &p
}

// dossierCountIter answers the pipeline the MongoDB drivers send for countDocuments —
// [{$match: filter}, {$skip: n}?, {$limit: n}?, {$group: {_id: <constant>, n: {$sum: 1}}}] — with
// the backend's count, when the backend can count the filter exactly; nil otherwise (the pipeline
// then runs as usual).
func dossierCountIter(ctx context.Context, c backends.Collection, pipeline *types.Array, disabled bool) (iter types.DocumentsIterator) {
	// A shape not foreseen (types.Document panics on a duplicated key): the pipeline runs as usual.
	defer func() {
		if recover() != nil {
			iter = nil
		}
	}()

	if disabled || pipeline.Len() == 0 || pipeline.Len() > 4 {
		return nil
	}

	if iter = dossierGroupIter(ctx, c, pipeline); iter != nil {
		return iter
	}

	if iter = dossierUnwindIter(ctx, c, pipeline); iter != nil {
		return iter
	}

	var filter *types.Document

	var skip, limit int64

	at := 0

	for ; at < pipeline.Len()-1; at++ {
		stage, ok := must.NotFail(pipeline.Get(at)).(*types.Document)
		if !ok || stage.Len() != 1 {
			return nil
		}

		name := stage.Keys()[0]
		v := must.NotFail(stage.Get(name))

		switch {
		case name == "$match" && at == 0:
			if filter, ok = v.(*types.Document); !ok {
				return nil
			}
		case name == "$skip" && skip == 0 && limit == 0:
			if skip = dossierWhole(v); skip <= 0 {
				return nil
			}
		case name == "$limit" && limit == 0:
			if limit = dossierWhole(v); limit <= 0 {
				return nil
			}
		default:
			return nil
		}
	}

	stage, ok := must.NotFail(pipeline.Get(at)).(*types.Document)
	if !ok || stage.Len() != 1 || !stage.Has("$group") {
		return nil
	}

	group, ok := must.NotFail(stage.Get("$group")).(*types.Document)
	if !ok || group.Len() != 2 || group.Keys()[0] != "_id" {
		return nil
	}

	id := must.NotFail(group.Get("_id"))
	switch id.(type) {
	case int32, int64, types.NullType:
	default:
		return nil
	}

	out := group.Keys()[1]
	if out == "" || strings.HasPrefix(out, "$") || strings.Contains(out, ".") {
		return nil
	}

	sum, ok := must.NotFail(group.Get(out)).(*types.Document)
	if !ok || sum.Len() != 1 || !sum.Has("$sum") {
		return nil
	}

	if one, ok := must.NotFail(sum.Get("$sum")).(int32); !ok || one != 1 {
		return nil
	}

	res, err := c.Query(ctx, &backends.QueryParams{Filter: filter, DossierCount: true, DossierSkip: skip, DossierLimit: limit})
	if err != nil {
		return nil
	}

	res.Iter.Close()

	if res.DossierCount == nil {
		return nil
	}

	var docs []*types.Document

	if n := *res.DossierCount; n > 0 {
		var v any = n
		if n <= math.MaxInt32 {
			v = int32(n)
		}

		docs = append(docs, must.NotFail(types.NewDocument("_id", id, out, v)))
	}

	return iterator.Values(iterator.ForSlice(docs))
}

// dossierWhole is a $skip or $limit argument as a positive whole number, or 0.
func dossierWhole(v any) int64 {
	switch n := v.(type) {
	case int32:
		return int64(n)
	case int64:
		return n
	case float64:
		if n == math.Trunc(n) && n > 0 && n < math.MaxInt64 {
			return int64(n)
		}
	}

	return 0
}

// dossierGroupIter answers [{$match: filter}?, {$group: {_id: "$path", <out>: {$sum: 1 | "$path"}, …}}]
// — what a statistics widget asks: a count or a sum per value of one field — with the backend's
// GROUP BY, when the backend can group exactly; nil otherwise.
func dossierGroupIter(ctx context.Context, c backends.Collection, pipeline *types.Array) types.DocumentsIterator {
	var filter *types.Document

	at := 0

	if pipeline.Len() == 2 {
		first, ok := must.NotFail(pipeline.Get(0)).(*types.Document)
		if !ok || first.Len() != 1 || !first.Has("$match") {
			return nil
		}

		if filter, ok = must.NotFail(first.Get("$match")).(*types.Document); !ok {
			return nil
		}

		at = 1
	}

	if pipeline.Len() != at+1 {
		return nil
	}

	stage, ok := must.NotFail(pipeline.Get(at)).(*types.Document)
	if !ok || stage.Len() != 1 || !stage.Has("$group") {
		return nil
	}

	group, ok := must.NotFail(stage.Get("$group")).(*types.Document)
	if !ok || group.Len() < 2 || group.Keys()[0] != "_id" {
		return nil
	}

	if key, ok := must.NotFail(group.Get("_id")).(string); !ok || !strings.HasPrefix(key, "$") || strings.HasPrefix(key, "$$") {
		return nil
	}

	res, err := c.Query(ctx, &backends.QueryParams{Filter: filter, DossierGroup: group})
	if err != nil {
		return nil
	}

	res.Iter.Close()

	if !res.DossierGrouped {
		return nil
	}

	return iterator.Values(iterator.ForSlice(res.DossierGroups))
}
