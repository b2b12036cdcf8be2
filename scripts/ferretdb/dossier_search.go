// Dossier's addition to FerretDB 1.24.2's SQLite backend (search), copied into its source before
// it is built (see scripts/lib/ferretdb.mjs). Not part of the Node build.
//
// A regular expression ("contains") narrows no index range, so SQLite tests it row by row — and
// on a path only the document holds, that parses every ~20 KB record document (6.5–14 s per
// search at 100,000 records). Dossier keeps a compact search text per record beside its data
// (lib/records/search-text.ts) under an index. A condition made only of regular expressions on
// keys of one such index is answered by a scan of that index alone:
//
//	+rowid IN (SELECT rowid FROM "table" INDEXED BY "index" WHERE <the same condition>)
//
// The inner condition is the exact translation dossier_pushdown.go makes (`->>` values, which
// SQLite reads straight from the index), so the set of rows is exactly the condition's. The
// unary `+` keeps the outer query from looking rows up through that set (it may hold half the
// table): it walks its own index (template, trash, sort order) and tests membership, so a
// document is read only when it is on the page.
//
// A regular expression that is a plain string ("contains", as the search and the list's contains
// filter send it) is tested by SQLite's instr() instead of a call into Go per row, where that is
// exact: FerretDB folds case as Go's regexp does (all of Unicode: K matches the Kelvin sign, s
// the long ſ), SQLite's lower() folds ASCII only — so a case-insensitive string is translated
// only when each of its characters has no case variants or only ASCII ones (see dossierASCIIFold).

package sqlite

import (
	"fmt"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"

	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

// searchScan translates `{path: {$regex, $options}}` or `{$or: [{path: {$regex…}}, …]}` (one path
// per branch) over an index that holds every path; ok is false for any other shape, when no index
// holds the paths, or when the translation is not exact. DOSSIER_PUSHDOWN_BREAK=search drops the
// last branch of an $or, so the differential tests can show they catch a scan that loses rows.
func (t *dossierTr) searchScan(key string, v any) (string, []any, bool) {
	if t.scanning {
		return "", nil, false
	}

	var paths []string

	switch key {
	case "$or":
		arr, isArr := v.(*types.Array)
		if !isArr || arr.Len() == 0 {
			return "", nil, false
		}

		for i := 0; i < arr.Len(); i++ {
			d, isDoc := must.NotFail(arr.Get(i)).(*types.Document)
			if !isDoc || d.Len() != 1 || !dossierRegexOnly(must.NotFail(d.Get(d.Keys()[0]))) {
				return "", nil, false
			}

			paths = append(paths, d.Keys()[0])
		}
	default:
		if !dossierRegexOnly(v) {
			return "", nil, false
		}

		paths = []string{key}
	}

	index := t.indexHolding(paths)
	if index == "" {
		return "", nil, false
	}

	var c string
	var a []any
	var exact bool

	t.scanning = true
	defer func() { t.scanning = false }()

	if key == "$or" {
		if dossierBreaks("search") {
			arr := v.(*types.Array).DeepCopy()
			if arr.Len() > 1 {
				arr.Remove(arr.Len() - 1)
			}

			v = arr
		}

		c, a, exact = t.logical(key, v)
	} else {
		c, a, exact = t.field(key, v)
	}

	if !exact || c == "" {
		return "", nil, false
	}

	// Three characters or more: the trigram index's candidates only (dossier_fts.go).
	if fc, fa, ok := t.ftsScan(key, v, c, a); ok {
		return fc, fa, true
	}

	return fmt.Sprintf("+rowid IN (SELECT rowid FROM %q INDEXED BY %q WHERE %s)", t.table, t.table+"_"+index, c), a, true
}

// dossierRegexOnly reports whether v is an operator document of `$regex` (with `$options`) only.
func dossierRegexOnly(v any) bool {
	ops, isDoc := v.(*types.Document)
	if !isDoc || !ops.Has("$regex") {
		return false
	}

	for _, op := range ops.Keys() {
		if op != "$regex" && op != "$options" {
			return false
		}
	}

	return true
}

// indexHolding is the name of a non-unique index of the collection whose keys, all spelled as the
// queries spell them, include every path; "" when there is none.
func (t *dossierTr) indexHolding(paths []string) string {
	for _, index := range t.indexes {
		if index.Unique || index.Name == "_id_" {
			continue
		}

		keys := make([]string, 0, len(index.Key))

		for _, k := range index.Key {
			if _, ok := metadata.DossierPathExpr(k.Field); ok {
				keys = append(keys, k.Field)
			}
		}

		holds := true

		for _, p := range paths {
			if !slices.Contains(keys, p) {
				holds = false
			}
		}

		if holds {
			return index.Name
		}
	}

	return ""
}

// dossierContains translates a regular expression that FerretDB would compile to a literal string
// (types.Regex.Compile: `(?opts)pattern`) into instr() on expr: exact for strings, which the caller
// guards. ok is false for anything else, and for a case-insensitive string with a character whose
// case variants leave ASCII. DOSSIER_PUSHDOWN_BREAK=fold translates those too (inexactly), so the
// differential tests can show they catch it.
func dossierContains(expr, pattern, options string) (string, []any, bool) {
	var opts string

	for _, o := range options {
		switch o {
		case 'i', 'm', 's':
			opts += string(o)
		default:
			return "", nil, false
		}
	}

	full := pattern
	if opts != "" {
		full = "(?" + opts + ")" + pattern
	}

	re, err := syntax.Parse(full, syntax.Perl)
	if err != nil {
		return "", nil, false
	}

	re = re.Simplify()
	if re.Op != syntax.OpLiteral || len(re.Rune) == 0 {
		return "", nil, false
	}

	fold := re.Flags&syntax.FoldCase != 0

	var b strings.Builder

	for _, r := range re.Rune {
		if fold && !dossierASCIIFold(r) && !dossierBreaks("fold") {
			return "", nil, false
		}

		if fold && r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}

		b.WriteRune(r)
	}

	lit := b.String()
	if !dossierPlain(lit) {
		return "", nil, false
	}

	if fold {
		return fmt.Sprintf("instr(lower(%s), ?) > 0", expr), []any{lit}, true
	}

	return fmt.Sprintf("instr(%s, ?) > 0", expr), []any{lit}, true
}

// dossierASCIIFold reports whether Go's case folding and SQLite's lower() agree on r: r has no
// case variants (Chinese, digits, punctuation), or r and all of its variants are ASCII (a/A, but
// not k/K, which fold with the Kelvin sign, nor s/S, which fold with ſ).
func dossierASCIIFold(r rune) bool {
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if r > unicode.MaxASCII || f > unicode.MaxASCII {
			return false
		}
	}

	return true
}
