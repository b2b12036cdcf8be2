// Dossier patch sqlite-read-2 (issue 7), the handler's part: which paths of a stored document a
// find can read, so that the backend decodes only those (internal/handler/sjson/dossier_read_sjson.go,
// DossierUnmarshalPaths). Copied into FerretDB's source before it is built (scripts/lib/ferretdb.mjs).
//
// Only a find whose every use of the document is understood here names paths: an inclusion
// projection of plain paths (values true or a non-zero number; _id either way), a filter of
// paths and of $and / $or / $nor of such filters ($comment aside), and a sort by paths. A path's
// condition, whatever its operators ($elemMatch, $size, $all, $type …), reads only that path and
// what lies below it, which is decoded whole. Anything else — no projection, an exclusion, a
// projection operator or a positional `$`, a literal value, $expr / $where / $text / any other
// top-level operator, a `$` anywhere in a path, $natural, collation, let, returnKey, a tailable
// cursor — names no paths: the whole document is decoded, as FerretDB does.
package handler

import (
	"math"
	"os"
	"strings"

	"github.com/FerretDB/FerretDB/internal/handler/common"
	"github.com/FerretDB/FerretDB/internal/types"
)

// dossierSkipBreak (DOSSIER_READ_BREAK=skip) forgets the filter's and the sort's paths on purpose:
// the differential test must catch it.
var dossierSkipBreak = os.Getenv("DOSSIER_READ_BREAK") == "skip"

// dossierFindPaths is the paths the find can read (with _id), or nil when it cannot tell.
func dossierFindPaths(params *common.FindParams) (paths []string) {
	// A shape not foreseen (types.Document panics on a duplicated key): decode whole documents.
	defer func() {
		if recover() != nil {
			paths = nil
		}
	}()

	if params == nil || params.Projection.Len() == 0 || params.Tailable || params.AwaitData ||
		params.Collation != nil || params.Let != nil || params.ReturnKey {
		return nil
	}

	paths = []string{"_id"}
	included := 0

	for _, k := range params.Projection.Keys() {
		v, _ := params.Projection.Get(k)

		var on bool

		switch v := v.(type) {
		case bool:
			on = v
		case int32:
			on = v != 0
		case int64:
			on = v != 0
		case float64:
			if math.IsNaN(v) {
				return nil
			}
			on = v != 0
		default:
			return nil
		}

		if !dossierPlainPath(k) {
			return nil
		}

		if k == "_id" {
			if params.Projection.Len() == 1 && !on {
				return nil // {_id: 0} alone is an exclusion
			}
			continue
		}

		if !on {
			return nil // an exclusion projection keeps what it does not name
		}

		paths = append(paths, k)
		included++
	}

	if included == 0 && params.Projection.Len() != 1 {
		return nil
	}

	var rest []string

	if params.Filter != nil {
		var ok bool
		if rest, ok = dossierFilterPaths(params.Filter, rest); !ok {
			return nil
		}
	}

	if params.Sort != nil {
		for _, k := range params.Sort.Keys() {
			v, _ := params.Sort.Get(k)
			if _, isDoc := v.(*types.Document); isDoc || !dossierPlainPath(k) {
				return nil
			}
			rest = append(rest, k)
		}
	}

	if dossierSkipBreak {
		return paths
	}

	return append(paths, rest...)
}

// dossierFilterPaths adds the paths a filter names, or says it does not understand the filter.
func dossierFilterPaths(filter *types.Document, paths []string) ([]string, bool) {
	for _, k := range filter.Keys() {
		v, _ := filter.Get(k)

		if strings.HasPrefix(k, "$") {
			switch k {
			case "$comment":
				continue
			case "$and", "$or", "$nor":
				arr, ok := v.(*types.Array)
				if !ok {
					return nil, false
				}
				for i := 0; i < arr.Len(); i++ {
					el, _ := arr.Get(i)
					sub, ok := el.(*types.Document)
					if !ok {
						return nil, false
					}
					if paths, ok = dossierFilterPaths(sub, paths); !ok {
						return nil, false
					}
				}
				continue
			}
			return nil, false
		}

		if !dossierPlainPath(k) {
			return nil, false
		}

		paths = append(paths, k)
	}

	return paths, true
}

// dossierPlainPath is true for a dotted path of non-empty parts without `$`.
func dossierPlainPath(k string) bool {
	if k == "" || strings.Contains(k, "$") {
		return false
	}
	for _, part := range strings.Split(k, ".") {
		if part == "" {
			return false
		}
	}
	return true
}
