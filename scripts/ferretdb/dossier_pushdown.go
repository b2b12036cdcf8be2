// Dossier's addition to FerretDB 1.24.2's SQLite backend, copied into its source before it is
// built (see scripts/lib/ferretdb.mjs). Not part of the Node build.

package sqlite

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/handler/sjson"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

// dossierPlainKey matches the top-level field names whose equality we let SQLite pre-filter.
var dossierPlainKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// dossierWhere narrows what the backend reads from SQLite by the filter's `_id` equality and its
// top-level string equalities (e.g. `{ entity: "record", entityId: "…" }`), instead of reading and
// decoding every document of the collection. It only ever narrows to a superset of the matches:
// every caller in FerretDB's handler applies the whole filter again to what the backend returns,
// a field holding an array is always let through (MongoDB matches an array containing the value),
// and any other kind of condition (operators, dotted paths, non-string values) is left to the
// handler.
func dossierWhere(filter *types.Document) (string, []any) {
	if filter == nil {
		return "", nil
	}

	var conds []string
	var args []any

	for _, k := range filter.Keys() {
		v := must.NotFail(filter.Get(k))

		if k == "_id" {
			switch v.(type) {
			case string, types.ObjectID:
				conds = append(conds, fmt.Sprintf(`%s = ?`, metadata.IDColumn))
				args = append(args, string(must.NotFail(sjson.MarshalSingleValue(v))))
			}

			continue
		}

		s, ok := v.(string)
		if !ok || !dossierPlainKey.MatchString(k) {
			continue
		}

		path := "$." + k
		conds = append(conds, fmt.Sprintf(
			`(json_type(%[1]s, '%[2]s') = 'array' OR %[1]s->>'%[2]s' = ?)`,
			metadata.DefaultColumn, path,
		))
		args = append(args, s)
	}

	if len(conds) == 0 {
		return "", nil
	}

	return " WHERE " + strings.Join(conds, " AND "), args
}
