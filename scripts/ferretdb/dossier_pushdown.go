// Dossier's addition to FerretDB 1.24.2's SQLite backend, copied into its source before it is
// built (see scripts/lib/ferretdb.mjs). Not part of the Node build.
//
// FerretDB 1.24 reads and decodes every document of a collection in Go for any query other than
// one by `_id`, then filters, sorts, skips and counts in Go: a list page over 100,000 records took
// 70–100 s, of which SQLite's share was about 1 %. Here the backend hands SQLite what it can
// translate exactly:
//
//   - the filter, as a WHERE clause. A condition is translated only when the translation is exact
//     for the data the collection holds (see dossierKinds: no arrays on the path, no types the SQL
//     comparison would confuse); otherwise it is left out, so the WHERE clause only ever narrows
//     to a superset and FerretDB's handler, which always applies the whole filter again, decides;
//   - when the whole filter is exact and the sort is too (ending in the unique `_id`): ORDER BY,
//     LIMIT and OFFSET, and the handler then skips nothing itself (QueryResult.DossierApplied);
//   - when the whole filter is exact: the `countDocuments` pipeline, as count(*);
//   - a condition with a string operand that the exact translation refuses (a path through a
//     table's rows, a multiple choice, a field that is an array in some documents): a superset
//     that searches arrays element by element with json_each, as MongoDB's path lookup does (see
//     superset). Never exact, so the handler still decides, but SQLite hands it the few candidate
//     documents instead of every one (a reminder's due dates, a search over a table's column).
//
// DOSSIER_PUSHDOWN=off turns all of it off (the reference the differential tests compare with);
// DOSSIER_PUSHDOWN_BREAK=gte deliberately mistranslates `$gte` as `>`, and =array (or "gte,array")
// makes the superset skip the arrays it should search, so those tests can show that they catch a
// translation that drops matching documents.

package sqlite

import (
	"context"
	"database/sql/driver"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	sqlite3 "modernc.org/sqlite"

	"github.com/FerretDB/FerretDB/internal/backends"
	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/handler/sjson"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/fsql"
	"github.com/FerretDB/FerretDB/internal/util/lazyerrors"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

var (
	dossierOff   = os.Getenv("DOSSIER_PUSHDOWN") == "off"
	dossierBreak = os.Getenv("DOSSIER_PUSHDOWN_BREAK")
)

// dossierBreaks reports whether DOSSIER_PUSHDOWN_BREAK names the given deliberate mistranslation.
func dossierBreaks(what string) bool {
	return slices.Contains(strings.Split(dossierBreak, ","), what)
}

// Kinds of value found at a path across a collection's documents (a bit set).
const (
	kMissing  uint16 = 1 << iota // absent, or a prefix of the path is a scalar
	kNull                        // BSON null
	kString                      // string
	kInt                         // int32
	kDate                        // BSON date, stored as milliseconds
	kBool                        // stored as JSON true/false
	kObjectID                    // stored as its hex string
	kArray                       // the value or a prefix of the path is an array
	kOther                       // object, binData, regex, timestamp
	kLong                        // int64
	kDouble                      // float64

	kNumber = kInt | kLong | kDouble
)

const dossierUnknown = kArray | kOther | kObjectID | kString | kNumber | kDate | kBool | kNull | kMissing

// dossierProfiles remembers, per collection table and path, every kind of value ever seen there.
// A path's kinds are read from the whole table once; from then on every write adds the kinds of
// the documents it writes before it writes them, so the set never lacks a kind present in the
// table (it may keep one that was deleted: that only costs speed).
//
// A scan's own snapshot may miss documents written while it runs, and those of writes in flight
// when it starts (noted, not yet committed). It is kept all the same: each scan is registered
// with the paths it reads, every write noted while it runs adds its documents' kinds to the scan's
// result, and the writes in flight when it starts add theirs at its start — so what it stores
// holds every document its snapshot may miss. (Before, such a scan was thrown away: at 100,000
// records each query that met an import's writes after a start of the database paid a whole scan,
// ~15 s of CPU, benchmarks/README.md run 42.) Only a drop (epoch) discards a scan. One scan per
// table at a time: a query needing paths another is scanning waits for it and uses its result
// (the list page's find and count, sent together, each scanned the whole table).
// DOSSIER_PUSHDOWN_BREAK=profile leaves out what writes during a scan add (the test shows it
// would notice); DOSSIER_PROFILE_PAUSE_MS pauses a scan after its first row, and
// DOSSIER_PROFILE_LOG=1 logs each scan (and its pause) to stderr (tests/integration/database-profile.test.ts).
//
// The kinds a query reads hold every write noted before it reads them, but its statement takes its
// own snapshot of the table later, at its first step: a write noted in between may commit before
// that snapshot. So each query is watched (dossierWindow) from the moment profile reads its kinds
// until its statement's first step; a write noted meanwhile that brings a kind the query did not
// read makes the query translate again or leave the answer to FerretDB (sqlite-pushdown-7; the
// reviewer's P1 of stop 34). DOSSIER_PUSHDOWN_BREAK=window ignores what the watch saw, and
// DOSSIER_TRANSLATE_PAUSE_MS pauses a watched query just before its statement (the same test).
var dossierProfiles = struct {
	sync.Mutex
	epoch   uint64
	pending map[string]map[*dossierWrite]struct{}  // writes noted but not yet committed or failed
	scans   map[string]map[*dossierScan]struct{}   // scans running
	windows map[string]map[*dossierWindow]struct{} // queries between their kinds and their statement's first step
	kinds   map[string]map[string]uint16
	scanMu  map[string]*sync.Mutex // one scan per table at a time
}{
	pending: map[string]map[*dossierWrite]struct{}{},
	scans:   map[string]map[*dossierScan]struct{}{},
	windows: map[string]map[*dossierWindow]struct{}{},
	kinds:   map[string]map[string]uint16{},
	scanMu:  map[string]*sync.Mutex{},
}

var (
	dossierProfilePause = dossierEnvMillis("DOSSIER_PROFILE_PAUSE_MS")
	dossierProfileLog   = os.Getenv("DOSSIER_PROFILE_LOG") == "1"
	// A test's pause between a query's translation (its paths' kinds read) and its statement.
	dossierTranslatePause = dossierEnvMillis("DOSSIER_TRANSLATE_PAUSE_MS")
)

// paused pauses a watched query before its statement when DOSSIER_TRANSLATE_PAUSE_MS asks (a
// test writes meanwhile), saying so with DOSSIER_PROFILE_LOG.
func (t *dossierTr) paused() {
	if dossierTranslatePause <= 0 || t == nil || t.win == nil {
		return
	}

	if dossierProfileLog {
		fmt.Fprintf(os.Stderr, "dossier: translate paused\n")
	}

	time.Sleep(dossierTranslatePause)
}

// dossierEnvMillis reads a duration in milliseconds from the environment (0 when unset or bad).
func dossierEnvMillis(name string) time.Duration {
	var ms int
	if _, err := fmt.Sscan(os.Getenv(name), &ms); err != nil || ms < 0 {
		return 0
	}

	return time.Duration(ms) * time.Millisecond
}

// dossierWrite is one write between dossierNoteWrite and dossierWriteDone.
type dossierWrite struct {
	key  string
	docs []*types.Document
}

// dossierScan is one scan of profile while it runs: its paths and the kinds writes added.
type dossierScan struct {
	segs  [][]string
	added []uint16
}

// add adds the kinds of docs to the scan's paths.
func (s *dossierScan) add(docs []*types.Document) {
	if dossierBreaks("profile") {
		return
	}

	for i, segs := range s.segs {
		for _, doc := range docs {
			s.added[i] |= dossierKindOf(doc, segs)
		}
	}
}

// dossierWindow watches one query from the moment profile reads its paths' kinds until its
// statement has taken its snapshot (its first step): the kinds that writes noted meanwhile bring
// to those paths.
type dossierWindow struct {
	key   string
	segs  map[string][]string
	added map[string]uint16
}

// add adds the kinds of docs at the watched paths. Called with dossierProfiles locked.
func (w *dossierWindow) add(docs []*types.Document) {
	for p, segs := range w.segs {
		for _, doc := range docs {
			w.added[p] |= dossierKindOf(doc, segs)
		}
	}
}

// watch starts watching paths for the query (from now on, writes noted add to its window): called
// with dossierProfiles locked, before the query reads their kinds.
func (t *dossierTr) watch(paths ...[]string) {
	if t.win == nil {
		t.win = &dossierWindow{key: t.key, segs: map[string][]string{}, added: map[string]uint16{}}

		if dossierProfiles.windows[t.key] == nil {
			dossierProfiles.windows[t.key] = map[*dossierWindow]struct{}{}
		}

		dossierProfiles.windows[t.key][t.win] = struct{}{}
	}

	for _, list := range paths {
		for _, p := range list {
			if _, ok := t.win.segs[p]; !ok {
				t.win.segs[p] = strings.Split(p, ".")
			}
		}
	}
}

// settled ends the query's watch, once its statement has taken its snapshot (or will not run):
// false when a write noted meanwhile brought a path a kind the translation did not know, so the
// snapshot may hold a document the SQL is not exact for. Idempotent; true for a query never
// watched (nil too).
func (t *dossierTr) settled() bool {
	if t == nil || t.win == nil {
		return true
	}

	dossierProfiles.Lock()
	defer dossierProfiles.Unlock()

	w := t.win
	t.win = nil

	delete(dossierProfiles.windows[w.key], w)

	if len(dossierProfiles.windows[w.key]) == 0 {
		delete(dossierProfiles.windows, w.key)
	}

	if dossierBreaks("window") {
		return true
	}

	for p, added := range w.added {
		// A path whose kinds are not known translated as unknown: nothing it could miss.
		if k, ok := t.kinds[p]; ok && added&^k != 0 {
			dossierTrace("window", "a write brought %s a kind the translation did not know: again", p)
			return false
		}
	}

	return true
}

func dossierTableKey(dbName, table string) string { return dbName + "\x00" + table }

// dossierNoteWrite adds the kinds of docs to every remembered path of the table and to every
// scan of it that runs. Called before the documents are written; its result goes to
// dossierWriteDone once the write committed or failed.
func dossierNoteWrite(dbName, table string, docs []*types.Document) *dossierWrite {
	key := dossierTableKey(dbName, table)
	w := &dossierWrite{key: key, docs: docs}

	dossierProfiles.Lock()
	defer dossierProfiles.Unlock()

	if dossierProfiles.pending[key] == nil {
		dossierProfiles.pending[key] = map[*dossierWrite]struct{}{}
	}

	dossierProfiles.pending[key][w] = struct{}{}

	paths := dossierProfiles.kinds[key]
	for path := range paths {
		segs := strings.Split(path, ".")
		for _, doc := range docs {
			paths[path] |= dossierKindOf(doc, segs)
		}
	}

	for s := range dossierProfiles.scans[key] {
		s.add(docs)
	}

	for win := range dossierProfiles.windows[key] {
		win.add(docs)
	}

	return w
}

// dossierWriteDone ends what dossierNoteWrite began.
func dossierWriteDone(w *dossierWrite) {
	dossierProfiles.Lock()
	defer dossierProfiles.Unlock()

	delete(dossierProfiles.pending[w.key], w)
}

// dossierForget drops every remembered profile (a collection or database was dropped; its table
// name may be reused).
func dossierForget() {
	dossierProfiles.Lock()
	defer dossierProfiles.Unlock()

	dossierProfiles.epoch++
	dossierProfiles.kinds = map[string]map[string]uint16{}
}

// dossierKindOf is the kind of doc's value at segs.
func dossierKindOf(doc *types.Document, segs []string) uint16 {
	var v any = doc

	for _, s := range segs {
		switch d := v.(type) {
		case *types.Document:
			x, err := d.Get(s)
			if err != nil {
				return kMissing
			}

			v = x
		case *types.Array:
			return kArray
		default:
			return kMissing
		}
	}

	switch v.(type) {
	case string:
		return kString
	case int32:
		return kInt
	case int64:
		return kLong
	case float64:
		return kDouble
	case time.Time:
		return kDate
	case bool:
		return kBool
	case types.NullType:
		return kNull
	case types.ObjectID:
		return kObjectID
	case *types.Array:
		return kArray
	default:
		return kOther
	}
}

// dossierKindOfType maps a stored type name (sjson) to a kind.
func dossierKindOfType(t string) uint16 {
	switch t {
	case "string":
		return kString
	case "int":
		return kInt
	case "long":
		return kLong
	case "double":
		return kDouble
	case "date":
		return kDate
	case "bool":
		return kBool
	case "null":
		return kNull
	case "objectId":
		return kObjectID
	case "array":
		return kArray
	default:
		return kOther
	}
}

// dossierPlain reports whether a string can go to SQLite as a parameter unchanged: SQLite's C
// interface ends text at a NUL, and FerretDB stores invalid UTF-8 replaced.
func dossierPlain(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// dossierTr translates one Query's filter and sort.
type dossierTr struct {
	ctx   context.Context
	db    *fsql.DB
	table string
	key   string
	kinds map[string]uint16
	// the collection's indexes (dossier_search.go); none when a shape never uses them
	indexes []metadata.IndexInfo
	// inside searchScan's own subquery: no scan within it
	scanning bool
	// the query's watch, from profile until its statement's first step (settled)
	win *dossierWindow
}

// profile makes sure the kinds of paths are known (one scan for all that are not). A scan, which
// reads every document, also profiles the extra paths not yet known (the collection's indexed
// ones), so that the first queries after a start pay for one scan, not one per path.
func (t *dossierTr) profile(paths, extra []string) {
	// What is known; nil when every path is.
	missingOf := func() []string {
		known := dossierProfiles.kinds[t.key]

		var missing []string

		for _, p := range paths {
			if k, ok := known[p]; ok {
				t.kinds[p] = k
			} else if _, seen := t.kinds[p]; !seen && !slices.Contains(missing, p) {
				missing = append(missing, p)
			}
		}

		if len(missing) > 0 {
			for _, p := range extra {
				if _, ok := known[p]; !ok && !slices.Contains(missing, p) {
					missing = append(missing, p)
				}
			}
		}

		return missing
	}

	dossierProfiles.Lock()
	// Every write noted from now on, until the statement's first step, is seen by the window;
	// every one noted before is in what is read now (or in the scan below).
	t.watch(paths, extra)

	epoch0 := dossierProfiles.epoch
	missing := missingOf()

	if len(missing) == 0 {
		dossierProfiles.Unlock()
		return
	}

	mu := dossierProfiles.scanMu[t.key]
	if mu == nil {
		mu = new(sync.Mutex)
		dossierProfiles.scanMu[t.key] = mu
	}
	dossierProfiles.Unlock()

	// One scan of a table at a time; the one waited for may have learnt what this one needs.
	mu.Lock()
	defer mu.Unlock()

	dossierProfiles.Lock()

	if dossierProfiles.epoch != epoch0 {
		// A drop while waiting: what the first look copied may be an old table's.
		for _, p := range paths {
			delete(t.kinds, p)
		}
	}

	missing = missingOf()

	if len(missing) == 0 {
		dossierProfiles.Unlock()
		return
	}

	scan := &dossierScan{segs: make([][]string, len(missing)), added: make([]uint16, len(missing))}
	for i, p := range missing {
		scan.segs[i] = strings.Split(p, ".")
	}

	// The writes in flight: their documents may commit after this scan's snapshot is taken.
	for w := range dossierProfiles.pending[t.key] {
		scan.add(w.docs)
	}

	if dossierProfiles.scans[t.key] == nil {
		dossierProfiles.scans[t.key] = map[*dossierScan]struct{}{}
	}

	dossierProfiles.scans[t.key][scan] = struct{}{}
	epoch := dossierProfiles.epoch
	dossierProfiles.Unlock()

	if dossierProfileLog {
		fmt.Fprintf(os.Stderr, "dossier: profile scan of %s: %d paths\n", t.table, len(missing))
	}

	// One column per prefix type and leaf type of every missing path.
	var cols []string

	type span struct{ from, n int }

	spans := make([]span, len(missing))

	for i, segs := range scan.segs {
		spans[i] = span{len(cols), len(segs)}

		for j := 1; j <= len(segs); j++ {
			cols = append(cols, fmt.Sprintf("json_extract(%s, '%s')", metadata.DefaultColumn, metadata.DossierTypePath(segs[:j])))
		}
	}

	found := make([]uint16, len(missing))
	ok := func() bool {
		rows, err := t.db.QueryContext(t.ctx, fmt.Sprintf("SELECT DISTINCT %s FROM %q", strings.Join(cols, ", "), t.table))
		if err != nil {
			return false
		}
		defer rows.Close()

		vals := make([]*string, len(cols))
		ptrs := make([]any, len(cols))

		for i := range vals {
			ptrs[i] = &vals[i]
		}

		first := true

		for rows.Next() {
			if err = rows.Scan(ptrs...); err != nil {
				return false
			}

			for i, s := range spans {
				found[i] |= dossierKindOfRow(vals[s.from : s.from+s.n])
			}

			if first && dossierProfilePause > 0 {
				// The snapshot is taken: a test writes now.
				if dossierProfileLog {
					fmt.Fprintf(os.Stderr, "dossier: profile scan paused\n")
				}

				time.Sleep(dossierProfilePause)
			}

			first = false
		}

		return rows.Err() == nil
	}()

	dossierProfiles.Lock()
	defer dossierProfiles.Unlock()

	delete(dossierProfiles.scans[t.key], scan)

	if !ok || dossierProfiles.epoch != epoch {
		// The scan failed, or a drop ran meanwhile: use nothing of it (nor what was copied before).
		for _, p := range missing {
			t.kinds[p] = dossierUnknown
		}

		for _, p := range paths {
			if dossierProfiles.epoch != epoch {
				t.kinds[p] = dossierUnknown
			} else if k, ok := dossierProfiles.kinds[t.key][p]; ok {
				// Known before the scan: writes noted while it ran added to the remembered kinds.
				t.kinds[p] = k
			}
		}

		return
	}

	if dossierProfiles.kinds[t.key] == nil {
		dossierProfiles.kinds[t.key] = map[string]uint16{}
	}

	for i, p := range missing {
		k := found[i] | scan.added[i]
		t.kinds[p] = k
		dossierProfiles.kinds[t.key][p] = k
	}

	// The paths known before the scan: writes noted while it ran added to the remembered kinds,
	// not to this query's copy.
	for _, p := range paths {
		if k, ok := dossierProfiles.kinds[t.key][p]; ok {
			t.kinds[p] = k
		}
	}
}

// dossierKindOfRow classifies one row of profile's scan: the stored types of a path's prefixes and
// leaf, outermost first.
func dossierKindOfRow(types []*string) uint16 {
	for i, tp := range types {
		if tp == nil {
			return kMissing
		}

		if i == len(types)-1 {
			return dossierKindOfType(*tp)
		}

		switch *tp {
		case "object":
			continue
		case "array":
			return kArray
		default:
			return kMissing
		}
	}

	return kMissing
}

// paths collects the plain field paths a filter and sort refer to, so that profile reads them in
// one scan. Unusual shapes are simply not collected (their conditions are not translated).
func dossierPaths(filter, sort *types.Document, out map[string]bool) {
	if filter != nil {
		for _, k := range filter.Keys() {
			v := must.NotFail(filter.Get(k))

			switch k {
			case "$and", "$or":
				if arr, ok := v.(*types.Array); ok {
					for i := 0; i < arr.Len(); i++ {
						if d, ok := must.NotFail(arr.Get(i)).(*types.Document); ok {
							dossierPaths(d, nil, out)
						}
					}
				}
			default:
				if _, ok := metadata.DossierPathExpr(k); ok && k != "_id" {
					out[k] = true
				}
			}
		}
	}

	if sort != nil {
		for _, k := range sort.Keys() {
			if _, ok := metadata.DossierPathExpr(k); ok {
				out[k] = true
			}
		}
	}
}

// filter translates a filter document: the WHERE condition ("" for none), its arguments, and
// whether it matches exactly what the filter matches (otherwise it matches a superset).
func (t *dossierTr) filter(doc *types.Document) (string, []any, bool) {
	var conds []string
	var args []any

	exact := true

	for _, k := range doc.Keys() {
		v := must.NotFail(doc.Get(k))

		var c string
		var a []any
		var ok bool

		// A search over an index's keys (dossier_search.go) scans that index, not the documents.
		if c, a, ok := t.searchScan(k, v); ok {
			conds = append(conds, c)
			args = append(args, a...)

			continue
		}

		switch k {
		case "$comment":
			continue
		case "$and", "$or":
			c, a, ok = t.logical(k, v)
		default:
			c, a, ok = t.field(k, v)
		}

		if !ok {
			exact = false
		}

		if c != "" {
			conds = append(conds, c)
			args = append(args, a...)
		}
	}

	if len(conds) == 0 {
		return "", nil, exact
	}

	return "(" + strings.Join(conds, " AND ") + ")", args, exact
}

func (t *dossierTr) logical(op string, v any) (string, []any, bool) {
	arr, ok := v.(*types.Array)
	if !ok || arr.Len() == 0 {
		return "", nil, false
	}

	var conds []string
	var args []any

	exact := true

	for i := 0; i < arr.Len(); i++ {
		d, ok := must.NotFail(arr.Get(i)).(*types.Document)
		if !ok {
			return "", nil, false
		}

		c, a, e := t.filter(d)
		exact = exact && e

		if c == "" {
			if op == "$or" {
				// One branch matches everything (as far as SQL can tell): so does the $or.
				return "", nil, false
			}

			continue
		}

		conds = append(conds, c)
		args = append(args, a...)
	}

	if len(conds) == 0 {
		return "", nil, exact
	}

	join := " AND "
	if op == "$or" {
		join = " OR "
	}

	return "(" + strings.Join(conds, join) + ")", args, exact
}

// field translates the condition on one path: an equality, or a document of operators.
func (t *dossierTr) field(path string, v any) (string, []any, bool) {
	if path == "_id" {
		return t.id(v)
	}

	expr, ok := metadata.DossierPathExpr(path)
	if !ok {
		return "", nil, false
	}

	ops, isDoc := v.(*types.Document)
	if !isDoc || ops.Len() == 0 || !strings.HasPrefix(ops.Keys()[0], "$") {
		if c, a, e := t.eq(path, expr, v); c != "" {
			return c, a, e
		}

		return t.fallback(path, "$eq", v, "")
	}

	var conds []string
	var args []any

	exact := true

	for _, op := range ops.Keys() {
		arg := must.NotFail(ops.Get(op))

		var c string
		var a []any
		var e bool

		switch op {
		case "$eq":
			c, a, e = t.eq(path, expr, arg)
		case "$ne":
			c, a, e = t.eq(path, expr, arg)

			switch {
			case c == "":
			case arg == types.Null:
				c = dossierNotNull(expr)
			default:
				c = "NOT COALESCE(" + c + ", 0)"
			}
		case "$in", "$nin":
			c, a, e = t.in(path, expr, arg)
			if op == "$nin" && c != "" {
				if valued, ok := t.valued(path, expr, arg); ok {
					c, a = valued, nil
				} else {
					c = "NOT COALESCE(" + c + ", 0)"
				}
			}
		case "$gt", "$gte", "$lt", "$lte":
			c, a, e = t.cmp(path, expr, op, arg)
		case "$regex":
			options := ""
			if o, err := ops.Get("$options"); err == nil {
				s, isString := o.(string)
				if !isString {
					exact = false
					continue
				}

				options = s
			}

			c, a, e = t.regex(path, expr, arg, options)
		case "$options":
			if ops.Has("$regex") {
				continue
			}
		}

		if !e || c == "" {
			// Not translated exactly: the superset of a positive condition, or left out (superset).
			exact = false

			switch op {
			case "$eq", "$in", "$gt", "$gte", "$lt", "$lte":
				c, a, _ = t.fallback(path, op, arg, "")
			case "$regex":
				options, _ := ops.Get("$options")
				o, isString := options.(string)
				if options != nil && !isString {
					continue
				}

				c, a, _ = t.fallback(path, op, arg, o)
			default:
				continue
			}

			if c == "" {
				continue
			}
		}

		conds = append(conds, c)
		args = append(args, a...)
	}

	if len(conds) == 0 {
		return "", nil, false
	}

	return "(" + strings.Join(conds, " AND ") + ")", args, exact
}

// dossierSupersetDepth bounds the paths superset translates (each step may be an array or not,
// so the condition doubles with every step).
const dossierSupersetDepth = 5

// fallback is the superset of a positive condition with string operands (equality, $in of
// strings, a range, a regular expression) that the exact translation refused; "" when the operand
// is not a plain string. Never exact.
func (t *dossierTr) fallback(path, op string, v any, options string) (string, []any, bool) {
	var leaf func(typeExpr, valueExpr string) (string, []any)

	switch op {
	case "$eq", "$gt", "$gte", "$lt", "$lte":
		s, ok := v.(string)
		if !ok || !dossierPlain(s) {
			return "", nil, false
		}

		sqlOp := map[string]string{"$eq": "=", "$gt": ">", "$gte": ">=", "$lt": "<", "$lte": "<="}[op]
		leaf = func(typeExpr, valueExpr string) (string, []any) {
			return fmt.Sprintf("(%s = 'text' AND %s %s ?)", typeExpr, valueExpr, sqlOp), []any{s}
		}
	case "$in":
		arr, ok := v.(*types.Array)
		if !ok || arr.Len() == 0 || arr.Len() > dossierMaxIn {
			return "", nil, false
		}

		values := make([]any, arr.Len())

		for i := range values {
			s, isString := must.NotFail(arr.Get(i)).(string)
			if !isString || !dossierPlain(s) {
				return "", nil, false
			}

			values[i] = s
		}

		list := strings.TrimSuffix(strings.Repeat("?, ", len(values)), ", ")
		leaf = func(typeExpr, valueExpr string) (string, []any) {
			return fmt.Sprintf("(%s = 'text' AND %s IN (%s))", typeExpr, valueExpr, list), values
		}
	case "$regex":
		pattern, ok := v.(string)
		if !ok || !dossierPlain(pattern) || strings.Trim(options, "ims") != "" {
			return "", nil, false
		}

		if _, err := dossierCompile(pattern, options); err != nil {
			return "", nil, false
		}

		leaf = func(typeExpr, valueExpr string) (string, []any) {
			return fmt.Sprintf("(%s = 'text' AND dossier_regex(%s, ?, ?))", typeExpr, valueExpr), []any{pattern, options}
		}
	default:
		return "", nil, false
	}

	return t.superset(path, leaf)
}

// superset translates a condition whose operand is a string (leaf renders it on one stored value,
// given its JSON type and SQL value) on a path that may cross arrays into a condition that holds
// for every document MongoDB matches. MongoDB looks a path up through arrays: for `a.b` on
// {a: [{b: 1}, {b: 2}]} it tries each element's b, and a leaf that is an array matches when one of
// its elements does. Here every step is a CASE on the stored JSON type: an array is searched
// element by element (json_each; an element that is not an object has no next step), anything
// else is stepped into as an object (a scalar or a missing value then has no leaf, as MongoDB's
// lookup finds nothing). A string operand matches only strings, which are stored as JSON text and
// compare as MongoDB compares them (UTF-8 bytes); other values stored as text (ObjectIDs, binary
// data, regular expressions) may be let through, never a match kept out. It is never reported
// exact: the handler applies the whole filter again to the documents it returns.
func (t *dossierTr) superset(path string, leaf func(typeExpr, valueExpr string) (string, []any)) (string, []any, bool) {
	segs := strings.Split(path, ".")
	if _, plain := metadata.DossierPathExpr(path); !plain || len(segs) > dossierSupersetDepth {
		return "", nil, false
	}

	n := 0

	var walk func(src, at string, rest []string) (string, []any)

	walk = func(src, at string, rest []string) (string, []any) {
		next := at + "." + rest[0]
		typeExpr := fmt.Sprintf("json_type(%s, '%s')", src, next)
		n++
		e := fmt.Sprintf("dossier_e%d", n)

		var elem, here string
		var elemArgs, hereArgs []any

		if len(rest) == 1 {
			elem, elemArgs = leaf(e+".type", e+".value")
			here, hereArgs = leaf(typeExpr, fmt.Sprintf("(%s ->> '%s')", src, next))
		} else {
			elem, elemArgs = walk(e+".value", "$", rest[1:])
			elem = fmt.Sprintf("(%s.type = 'object' AND %s)", e, elem)
			here, hereArgs = walk(src, next, rest[1:])
		}

		if dossierBreaks("array") {
			elem, elemArgs = "0", nil
		}

		return fmt.Sprintf("(CASE %s WHEN 'array' THEN EXISTS (SELECT 1 FROM json_each(%s, '%s') AS %s WHERE %s) ELSE %s END)", typeExpr, src, next, e, elem, here),
			append(elemArgs, hereArgs...)
	}

	c, a := walk(metadata.DefaultColumn, "$", segs)

	return c, a, false
}

// avoids reports whether the path's kinds are known and include none of bad.
func (t *dossierTr) avoids(path string, bad uint16) bool {
	k, ok := t.kinds[path]
	return ok && k&bad == 0
}

// eq is `{path: v}` for a scalar v: exact when no value on the path is an array or of a kind the
// SQL comparison would confuse with v's.
func (t *dossierTr) eq(path, expr string, v any) (string, []any, bool) {
	typeExpr := metadata.DossierTypeExpr(path)

	switch v := v.(type) {
	case string:
		if dossierPlain(v) && t.avoids(path, kArray|kOther|kObjectID) {
			return expr + " = ?", []any{v}, true
		}
	case int32, int64, float64:
		if f, isFloat := v.(float64); isFloat && (math.IsNaN(f) || math.IsInf(f, 0)) {
			return "", nil, false
		}

		if t.avoids(path, kArray|kOther|kDate|kBool) {
			return expr + " = ?", []any{v}, true
		}
	case bool:
		if t.avoids(path, kArray|kOther) {
			if v {
				return typeExpr + " = 'true'", nil, true
			}

			return typeExpr + " = 'false'", nil, true
		}
	case types.NullType:
		if t.avoids(path, kArray) {
			return expr + " IS NULL", nil, true
		}
	case time.Time:
		if t.avoids(path, kArray|kOther|kNumber|kBool) {
			return expr + " = ?", []any{v.UnixMilli()}, true
		}
	}

	return "", nil, false
}

// dossierMaxIn is the longest $in list translated; SQLite allows 32,766 parameters a statement.
const dossierMaxIn = 10_000

// in is `{path: {$in: [...]}}`: the strings, numbers and dates each as one SQL IN list (an OR of a
// thousand equalities would exceed SQLite's expression depth), null and booleans on their own.
func (t *dossierTr) in(path, expr string, v any) (string, []any, bool) {
	arr, ok := v.(*types.Array)
	if !ok || arr.Len() > dossierMaxIn {
		return "", nil, false
	}

	if arr.Len() == 0 {
		return "0", nil, true
	}

	// Each element must be exact on its own, as an equality would be.
	lists := map[string][]any{}

	var conds []string

	var order []string

	for i := 0; i < arr.Len(); i++ {
		elem := must.NotFail(arr.Get(i))

		c, a, e := t.eq(path, expr, elem)
		if !e {
			return "", nil, false
		}

		class := ""

		switch elem.(type) {
		case string:
			class = "string"
		case int32, int64, float64:
			class = "number"
		case time.Time:
			class = "date"
		}

		if class == "" || len(a) != 1 {
			conds = append(conds, c)
			continue
		}

		if _, seen := lists[class]; !seen {
			order = append(order, class)
		}

		lists[class] = append(lists[class], a[0])
	}

	var args []any

	for _, class := range order {
		values := lists[class]
		conds = append(conds, fmt.Sprintf("%s IN (%s)", expr, strings.TrimSuffix(strings.Repeat("?, ", len(values)), ", ")))
		args = append(args, values...)
	}

	return "(" + strings.Join(conds, " OR ") + ")", args, true
}

// dossierNotNull is `expr IS NOT NULL` spelled as a range an index serves: SQL orders NULL
// before every number (down to -Infinity, which -9e999 is), and numbers before text.
func dossierNotNull(expr string) string {
	return expr + " >= -9e999"
}

// valued is `{$nin: [null, ""]}` (the list's "has a value") as one range an index serves, when
// the path holds only strings, or only numbers and dates, besides null and missing.
func (t *dossierTr) valued(path, expr string, v any) (string, bool) {
	arr, ok := v.(*types.Array)
	if !ok || arr.Len() != 2 {
		return "", false
	}

	a, b := must.NotFail(arr.Get(0)), must.NotFail(arr.Get(1))
	if !(a == types.Null && b == "") && !(a == "" && b == types.Null) {
		return "", false
	}

	switch k, known := t.kinds[path]; {
	case !known:
		return "", false
	case k&^(kString|kNull|kMissing) == 0:
		return expr + " > ''", true
	case k&^(kNumber|kDate|kNull|kMissing) == 0:
		return dossierNotNull(expr), true
	}

	return "", false
}

// cmp is a range condition: MongoDB compares only within a type bracket, so each is guarded by
// the stored JSON type.
func (t *dossierTr) cmp(path, expr, op string, v any) (string, []any, bool) {
	sqlOp := map[string]string{"$gt": ">", "$gte": ">=", "$lt": "<", "$lte": "<="}[op]
	if op == "$gte" && dossierBreaks("gte") {
		sqlOp = ">"
	}

	typeExpr := metadata.DossierTypeExpr(path)

	// Without other kinds on the path, the comparison alone is exact (NULL compares false) and
	// an index can answer it; with them, the stored JSON type guards it.
	only := func(k uint16) bool { return t.avoids(path, ^(k | kNull | kMissing)) }

	switch v := v.(type) {
	case string:
		if dossierPlain(v) && only(kString) {
			return fmt.Sprintf("%s %s ?", expr, sqlOp), []any{v}, true
		}

		// binData and regex values are stored as text too: kOther.
		if dossierPlain(v) && t.avoids(path, kArray|kObjectID|kOther) {
			return fmt.Sprintf("(%s = 'text' AND %s %s ?)", typeExpr, expr, sqlOp), []any{v}, true
		}
	case int32, int64, float64:
		if f, isFloat := v.(float64); isFloat && (math.IsNaN(f) || math.IsInf(f, 0)) {
			return "", nil, false
		}

		if only(kNumber) {
			return fmt.Sprintf("%s %s ?", expr, sqlOp), []any{v}, true
		}

		// Timestamps are stored as integers too: kOther.
		if t.avoids(path, kArray|kDate|kOther) {
			return fmt.Sprintf("(%s IN ('integer', 'real') AND %s %s ?)", typeExpr, expr, sqlOp), []any{v}, true
		}
	case time.Time:
		if only(kDate) {
			return fmt.Sprintf("%s %s ?", expr, sqlOp), []any{v.UnixMilli()}, true
		}

		if t.avoids(path, kArray|kNumber|kOther) {
			return fmt.Sprintf("(%s = 'integer' AND %s %s ?)", typeExpr, expr, sqlOp), []any{v.UnixMilli()}, true
		}
	}

	return "", nil, false
}

// regex runs FerretDB's own regular expression (types.Regex.Compile, Go's regexp) in SQLite
// through the dossier_regex function, on string values only, as FerretDB's filter does.
func (t *dossierTr) regex(path, expr string, v any, options string) (string, []any, bool) {
	pattern, ok := v.(string)
	if !ok || !dossierPlain(pattern) {
		return "", nil, false
	}

	for _, o := range options {
		if o != 'i' && o != 'm' && o != 's' {
			return "", nil, false
		}
	}

	if _, err := dossierCompile(pattern, options); err != nil {
		return "", nil, false
	}

	if !t.avoids(path, kArray|kObjectID|kOther) {
		return "", nil, false
	}

	// With no objects, arrays, ObjectIDs or binary data on the path, a string is the only value
	// `->>` gives as text (dates are numbers, booleans 0/1): typeof needs no json_type of the
	// document, so an index holding the path answers the condition alone (dossier_search.go).
	if c, a, ok := dossierContains(expr, pattern, options); ok {
		return fmt.Sprintf("(typeof(%s) = 'text' AND %s)", expr, c), a, true
	}

	return fmt.Sprintf("(typeof(%s) = 'text' AND dossier_regex(%s, ?, ?))", expr, expr), []any{pattern, options}, true
}

// id is a condition on `_id`: equality or $in, with the stored type checked row by row (a string
// and an ObjectID with the same hex digits are stored alike), through the `_id` index.
func (t *dossierTr) id(v any) (string, []any, bool) {
	one := func(v any) (string, []any, bool) {
		if s, isString := v.(string); isString && !dossierPlain(s) {
			return "", nil, false
		}

		switch v.(type) {
		case string, types.ObjectID:
			return fmt.Sprintf("(%s = ? AND json_extract(%s, '%s') = ?)", metadata.IDColumn, metadata.DefaultColumn, metadata.DossierTypePath([]string{"_id"})),
				[]any{string(must.NotFail(sjson.MarshalSingleValue(v))), sjson.GetTypeOfValue(v)}, true
		}

		return "", nil, false
	}

	ops, isDoc := v.(*types.Document)
	if !isDoc {
		return one(v)
	}

	if ops.Len() != 1 || !ops.Has("$in") {
		return "", nil, false
	}

	arr, ok := must.NotFail(ops.Get("$in")).(*types.Array)
	if !ok || arr.Len() > dossierMaxIn {
		return "", nil, false
	}

	if arr.Len() == 0 {
		return "0", nil, true
	}

	// One IN list per stored type (a string and an ObjectID with the same hex digits are stored alike).
	byType := map[string][]any{}

	var order []string

	for i := 0; i < arr.Len(); i++ {
		elem := must.NotFail(arr.Get(i))
		if _, _, e := one(elem); !e {
			return "", nil, false
		}

		tp := sjson.GetTypeOfValue(elem)
		if _, seen := byType[tp]; !seen {
			order = append(order, tp)
		}

		byType[tp] = append(byType[tp], string(must.NotFail(sjson.MarshalSingleValue(elem))))
	}

	var conds []string
	var args []any

	for _, tp := range order {
		values := byType[tp]
		conds = append(conds, fmt.Sprintf("(%s IN (%s) AND json_extract(%s, '%s') = ?)",
			metadata.IDColumn, strings.TrimSuffix(strings.Repeat("?, ", len(values)), ", "), metadata.DefaultColumn, metadata.DossierTypePath([]string{"_id"})))
		args = append(args, values...)
		args = append(args, tp)
	}

	return "(" + strings.Join(conds, " OR ") + ")", args, true
}

// orderBy translates a sort that ends with `_id` on paths whose values sort in SQL as they do in
// MongoDB: one type bracket (strings, numbers or dates), plus null and missing (which sort first,
// as SQL's NULLs do ascending and last descending).
func (t *dossierTr) orderBy(sort *types.Document) (string, bool) {
	keys := sort.Keys()
	if len(keys) == 0 || keys[len(keys)-1] != "_id" {
		return "", false
	}

	var parts []string

	for _, k := range keys {
		expr, ok := metadata.DossierPathExpr(k)
		if !ok {
			return "", false
		}

		kinds, ok := t.kinds[k]
		if !ok {
			return "", false
		}

		switch k2 := kinds &^ (kNull | kMissing); {
		case k2 == 0, k2 == kString, k2&^kNumber == 0, k2 == kDate:
		case k2 == kObjectID:
			if k != "_id" {
				return "", false
			}
		default:
			return "", false
		}

		if k == "_id" && kinds&(kNull|kMissing) != 0 {
			return "", false
		}

		dir, ok := must.NotFail(sort.Get(k)).(int64)
		if !ok {
			return "", false
		}

		switch dir {
		case 1:
			parts = append(parts, expr)
		case -1:
			parts = append(parts, expr+" DESC")
		default:
			return "", false
		}
	}

	return " ORDER BY " + strings.Join(parts, ", "), true
}

// dossierRegexps caches compiled patterns (dossier_regex runs once per row); emptied when full, so
// the patterns people type never pile up.
var dossierRegexps = struct {
	sync.Mutex
	m map[string]*regexp.Regexp
}{m: map[string]*regexp.Regexp{}}

func dossierCompile(pattern, options string) (*regexp.Regexp, error) {
	key := options + "\x00" + pattern

	dossierRegexps.Lock()
	re, ok := dossierRegexps.m[key]
	dossierRegexps.Unlock()

	if ok {
		return re, nil
	}

	re, err := types.Regex{Pattern: pattern, Options: options}.Compile()
	if err != nil {
		return nil, err
	}

	dossierRegexps.Lock()
	if len(dossierRegexps.m) >= 256 {
		dossierRegexps.m = map[string]*regexp.Regexp{}
	}
	dossierRegexps.m[key] = re
	dossierRegexps.Unlock()

	return re, nil
}

func init() {
	must.NoError(sqlite3.RegisterDeterministicScalarFunction("dossier_regex", 3, func(_ *sqlite3.FunctionContext, args []driver.Value) (driver.Value, error) {
		s, ok1 := args[0].(string)
		pattern, ok2 := args[1].(string)
		options, ok3 := args[2].(string)

		if !ok1 || !ok2 || !ok3 {
			return int64(0), nil
		}

		re, err := dossierCompile(pattern, options)
		if err != nil {
			return nil, err
		}

		if re.MatchString(s) {
			return int64(1), nil
		}

		return int64(0), nil
	}))
}

// dossierSQL is what one query hands SQLite.
type dossierSQL struct {
	where string     // " WHERE …", or "" for none
	args  []any      // where's parameters
	exact bool       // where matches exactly what the filter matches (else a superset)
	order string     // " ORDER BY … LIMIT … [OFFSET …]" when the sort, skip and limit are applied
	oargs []any      // order's parameters
	from  string     // " INDEXED BY …" after the table, when an index is named (dossier_narrow.go)
	tr    *dossierTr // the translation, watched until the statement's first step: settled
}

// settled ends the query's watch once its statement has taken its snapshot (dossierTr.settled):
// false when the SQL may not be exact for that snapshot.
func (s dossierSQL) settled() bool { return s.tr.settled() }

// dossierRetranslations is how many times a find whose translation a write overtook is translated
// again before it is answered without one. Each time, a path's remembered kinds have grown (a
// set of 11) or a collection was dropped, so a second is rare, and a third rarer still.
const dossierRetranslations = 3

// dossierTranslate builds the SQL for a filter and, for a find, its sort, skip and limit.
func dossierTranslate(ctx context.Context, dbName string, db *fsql.DB, meta *metadata.Collection, filter, sort *types.Document, skip, limit int64) (res dossierSQL) {
	var t *dossierTr

	// A shape this code did not foresee (e.g. a document with a duplicated key, which types.Document
	// refuses with a panic): no pushdown, FerretDB's own evaluation decides.
	defer func() {
		if recover() != nil {
			t.settled()

			res = dossierSQL{exact: false}
		}
	}()

	if dossierOff {
		return dossierSQL{exact: filter.Len() == 0}
	}

	t = &dossierTr{ctx: ctx, db: db, table: meta.TableName, key: dossierTableKey(dbName, meta.TableName), kinds: map[string]uint16{}, indexes: meta.Settings.Indexes}

	// A point query (`_id` equality, e.g. an update's `{ _id, revision }`): the `_id` alone finds
	// the one row, and the other conditions are left to the handler — learning their paths' kinds
	// would cost a scan of the whole collection for nothing.
	if id, err := filter.Get("_id"); filter.Len() > 0 && err == nil {
		if c, a, ok := t.id(id); ok && c != "0" {
			if _, isDoc := id.(*types.Document); !isDoc {
				exact := true

				for _, k := range filter.Keys() {
					if k != "_id" && k != "$comment" {
						exact = false
					}
				}

				return dossierSQL{where: " WHERE " + c, args: a, exact: exact}
			}
		}
	}

	paths := map[string]bool{}
	dossierPaths(filter, sort, paths)

	list := make([]string, 0, len(paths))
	for p := range paths {
		list = append(list, p)
	}

	// `_id` too: every list query ends its sort with it.
	indexed := []string{"_id"}

	for _, index := range meta.Settings.Indexes {
		for _, key := range index.Key {
			if _, ok := metadata.DossierPathExpr(key.Field); ok && key.Field != "_id" {
				indexed = append(indexed, key.Field)
			}
		}
	}

	res = dossierSQL{exact: true, tr: t}

	if len(list) > 0 {
		t.profile(list, indexed)
	}

	if filter.Len() > 0 {
		var where string
		where, res.args, res.exact = t.filter(filter)

		if where != "" {
			res.where = " WHERE " + where
		}
	}

	// A filter of several fields one index holds whole: read from that index (dossier_narrow.go).
	narrowBy := ""
	if res.exact && res.where != "" && !meta.Capped() {
		narrowBy = t.narrow(filter, strings.TrimPrefix(res.where, " WHERE "))
	}

	if narrowBy != "" && sort.Len() == 0 {
		res, _ = t.narrowed(res, filter, sort, narrowBy)
	}

	// Without a page too: rows then arrive in order and the handler need not hold them all to
	// sort them (an export reads every record in the list's order).
	if !res.exact || meta.Capped() || sort.Len() == 0 {
		return res
	}

	order, ok := t.orderBy(sort)
	if !ok {
		return res
	}

	if narrowBy != "" {
		res, _ = t.narrowed(res, filter, sort, narrowBy)
	}

	switch {
	case limit > 0:
		order += " LIMIT ?"
		res.oargs = append(res.oargs, limit)
	case skip > 0:
		order += " LIMIT -1"
	}

	if skip > 0 {
		order += " OFFSET ?"
		res.oargs = append(res.oargs, skip)
	}

	res.order = order

	return res
}

// dossierGroup answers a $group by one path with $sum accumulators (of 1, or of a path) by GROUP
// BY, when it is exact: the filter is; the grouped path holds strings, dates or booleans (besides
// null and missing, which MongoDB groups together as null, as SQL does); summed paths hold only
// int and long values (MongoDB's sum type follows them), or amounts with at most two decimals too:
// those are summed as whole cents, exactly, and answered only when dossierCentsProvable shows the
// app's figures (rounded to cents) are the same as with FerretDB's float64 sum.
func dossierGroup(ctx context.Context, dbName string, db *fsql.DB, meta *metadata.Collection, filter, group *types.Document) (out []*types.Document, ok bool, err error) {
	defer func() {
		if recover() != nil {
			out, ok, err = nil, false, nil
		}
	}()

	keyPath := strings.TrimPrefix(must.NotFail(group.Get("_id")).(string), "$")

	keyExpr, ok := metadata.DossierPathExpr(keyPath)
	if !ok || keyPath == "_id" {
		return nil, false, nil
	}

	outs := group.Keys()[1:]
	sums := make([]string, len(outs)) // "" for a count

	for i, out := range outs {
		acc, ok := must.NotFail(group.Get(out)).(*types.Document)
		if !ok || acc.Len() != 1 || !acc.Has("$sum") || strings.Contains(out, ".") || strings.HasPrefix(out, "$") {
			return nil, false, nil
		}

		switch v := must.NotFail(acc.Get("$sum")).(type) {
		case int32:
			if v != 1 {
				return nil, false, nil
			}
		case string:
			p := strings.TrimPrefix(v, "$")
			if _, ok := metadata.DossierPathExpr(p); !ok || !strings.HasPrefix(v, "$") || p == "_id" {
				return nil, false, nil
			}

			sums[i] = p
		default:
			return nil, false, nil
		}
	}

	t := &dossierTr{ctx: ctx, db: db, table: meta.TableName, key: dossierTableKey(dbName, meta.TableName), kinds: map[string]uint16{}}
	defer t.settled()

	paths := map[string]bool{keyPath: true}
	dossierPaths(filter, nil, paths)

	for _, p := range sums {
		if p != "" {
			paths[p] = true
		}
	}

	list := make([]string, 0, len(paths))
	for p := range paths {
		list = append(list, p)
	}

	t.profile(list, nil)

	where, args, exact := "", []any(nil), true
	if filter.Len() > 0 {
		where, args, exact = t.filter(filter)
	}

	keyKind, known := t.kinds[keyPath]
	keyKind &^= kNull | kMissing

	if !exact || !known || (keyKind != 0 && keyKind != kString && keyKind != kDate && keyKind != kBool) {
		return nil, false, nil
	}

	cols := []string{keyExpr}
	cents := make([]bool, len(sums)) // a summed path that holds doubles: summed as cents

	// A sum reads each kept record's value and stored type once, into a materialized copy that
	// the groups are then made from: SQLite takes them from an index that holds the filter's
	// paths, the value and its type (a sum index, dossier_index.go) without parsing any record —
	// a GROUP BY over the records themselves would read the table again to sort the groups. The
	// copy's columns are k (the key), then v<i> and t<i> per sum.
	picks := []string{keyExpr + " AS k"}

	for i, p := range sums {
		if p == "" {
			cols = append(cols, "count(*)")
			continue
		}

		k, ok := t.kinds[p]
		if !ok || k&^(kInt|kLong|kDouble|kNull|kMissing) != 0 {
			return nil, false, nil
		}

		e, _ := metadata.DossierPathExpr(p)
		picks = append(picks, fmt.Sprintf("%s AS v%d", e, i), fmt.Sprintf("%s AS t%d", metadata.DossierStoredTypeExpr(p, "t"), i))
		e, ty := fmt.Sprintf("v%d", i), fmt.Sprintf("t%d", i)

		if k&kDouble == 0 {
			cols = append(cols, "sum("+e+")", fmt.Sprintf("max(%s = 'long')", ty))
			continue
		}

		// As the unwind pushdown does (dossier_unwind.go): whole numbers, the doubles in whole
		// cents when they have at most two decimals, and what the bound needs.
		cents[i] = true
		bad := "0"

		if !dossierBreaks("cents") {
			bad = fmt.Sprintf("max(%s = 'double' AND NOT %s)", ty, dossierCentsExpr(e))
		}

		cols = append(cols,
			fmt.Sprintf("sum(CASE WHEN %s IN ('int','long') THEN %s END)", ty, e),
			fmt.Sprintf("max(%s = 'long')", ty),
			fmt.Sprintf("sum(CASE WHEN %s = 'double' THEN CAST(round(%s * 100) AS INTEGER) END)", ty, e),
			fmt.Sprintf("sum(%s = 'double')", ty),
			fmt.Sprintf("total(abs(%s))", e),
			bad,
		)
	}

	// Per summed path with cents: groups with a double, the most doubles in one group, magnitudes.
	centsGroups, mostDoubles, magnitude := make([]int64, len(sums)), make([]int64, len(sums)), make([]float64, len(sums))
	groups := int64(0)

	var q string

	// A count filtered by more than the template, the trash and the owner groups a materialized
	// copy too: a GROUP BY over the records makes SQLite prefer an index in the key's order and
	// read every record of the template for the filter (0.7 s at 20,000), where the filter's own
	// index reads only the records it keeps (0.1 s).
	narrowed := false

	for p := range paths {
		if p != keyPath && p != "templateKey" && p != "deletedAt" && p != "ownerId" && !slices.Contains(sums, p) {
			narrowed = true
		}
	}

	if len(picks) == 1 && !narrowed {
		// Counts only: GROUP BY over the records, which an index on the key answers in its order.
		q = fmt.Sprintf("SELECT %s FROM %q", strings.Join(cols, ", "), meta.TableName)
		if where != "" {
			q += " WHERE " + where
		}
	} else {
		cols[0] = "k"
		q = fmt.Sprintf("WITH m AS MATERIALIZED (SELECT %s FROM %q", strings.Join(picks, ", "), meta.TableName)
		if where != "" {
			q += " WHERE " + where
		}

		q += ") SELECT " + strings.Join(cols, ", ") + " FROM m"
	}

	q += " GROUP BY 1"

	dossierTraceSQL("group", q, args)
	t.paused()

	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		// e.g. a sum past int64: FerretDB's own evaluation answers (or fails) instead.
		return nil, false, nil
	}
	defer rows.Close()

	// The statement holds its snapshot: a write that overtook the translation leaves the answer
	// to FerretDB's own evaluation (its find is translated afresh).
	if !t.settled() {
		return nil, false, nil
	}

	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))

		for i := range vals {
			ptrs[i] = &vals[i]
		}

		if err = rows.Scan(ptrs...); err != nil {
			return nil, false, nil
		}

		var id any = types.Null

		switch v := vals[0].(type) {
		case nil:
		case string:
			if keyKind != kString {
				return nil, false, nil
			}

			id = v
		case int64:
			switch keyKind {
			case kDate:
				id = time.UnixMilli(v)
			case kBool:
				id = v != 0
			default:
				return nil, false, nil
			}
		default:
			return nil, false, nil
		}

		doc := must.NotFail(types.NewDocument("_id", id))

		col := 1
		groups++

		for i, p := range sums {
			n, _ := vals[col].(int64) // a sum of nothing but null and missing is NULL: 0
			col++

			// The sum is a long when this group's own values include one (or it outgrows int32).
			long := false
			if p != "" {
				l, _ := vals[col].(int64)
				long = l == 1
				col++
			}

			var v any = n
			if !long && n >= math.MinInt32 && n <= math.MaxInt32 {
				v = int32(n)
			}

			if cents[i] {
				c, _ := vals[col].(int64)
				doubles, _ := vals[col+1].(int64)
				abs, _ := vals[col+2].(float64)
				isBad, _ := vals[col+3].(int64)
				col += 4

				if isBad != 0 {
					return nil, false, nil
				}

				magnitude[i] += abs

				// A double among the values makes the sum a double: the exact one, divided once.
				if doubles > 0 {
					if n > dossierCentsExact/100 || n < -dossierCentsExact/100 || n*100+c > dossierCentsExact || n*100+c < -dossierCentsExact {
						return nil, false, nil
					}

					v = float64(n*100+c) / 100
					centsGroups[i]++
					mostDoubles[i] = max(mostDoubles[i], doubles)
				}
			}

			doc.Set(outs[i], v)
		}

		out = append(out, doc)
	}

	if rows.Err() != nil {
		return nil, false, nil
	}

	for i := range sums {
		if centsGroups[i] > 0 && !dossierCentsProvable(groups, mostDoubles[i], magnitude[i]) && !dossierBreaks("cents") {
			return nil, false, nil
		}
	}

	dossierTrace("group", "SQLite answered %s: %d groups", keyPath, len(out))

	return out, true, nil
}

// dossierQuery runs one Query: selectQ is FerretDB's SELECT … FROM clause.
func dossierQuery(ctx context.Context, dbName string, db *fsql.DB, meta *metadata.Collection, selectQ string, params *backends.QueryParams) (*backends.QueryResult, error) {
	if params.DossierUnwind != nil {
		res := &backends.QueryResult{Iter: newQueryIterator(ctx, nil, false)}
		if dossierOff {
			return res, nil
		}

		groups, ok, err := dossierUnwind(ctx, dbName, db, meta, params.Filter, params.DossierUnwind)
		if err != nil {
			return nil, err
		}

		res.DossierGroups, res.DossierGrouped = groups, ok

		return res, nil
	}

	if params.DossierGroup != nil {
		res := &backends.QueryResult{Iter: newQueryIterator(ctx, nil, false)}
		if dossierOff {
			return res, nil
		}

		groups, ok, err := dossierGroup(ctx, dbName, db, meta, params.Filter, params.DossierGroup)
		if err != nil {
			return nil, err
		}

		res.DossierGroups, res.DossierGrouped = groups, ok

		return res, nil
	}

	if params.DossierCount {
		res := &backends.QueryResult{Iter: newQueryIterator(ctx, nil, false)}

		s := dossierTranslate(ctx, dbName, db, meta, params.Filter, nil, 0, 0)
		defer s.settled()

		if !s.exact || dossierOff {
			return res, nil
		}

		args := s.args

		// countDocuments' skip and limit: count at most limit rows after skip.
		from := fmt.Sprintf("%q", meta.TableName) + s.from + s.where
		if params.DossierSkip > 0 || params.DossierLimit > 0 {
			limit := params.DossierLimit
			if limit <= 0 {
				limit = -1
			}

			from = fmt.Sprintf("(SELECT 1 FROM %s LIMIT ? OFFSET ?)", from)
			args = append(args, limit, params.DossierSkip)
		}

		s.tr.paused()

		var n int64
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+from, args...).Scan(&n); err != nil {
			if ctx.Err() != nil {
				return nil, lazyerrors.Error(err)
			}

			// The handler counts itself.
			return res, nil
		}

		if !s.settled() {
			// A write overtook the translation: the handler counts itself (its find translated afresh).
			return res, nil
		}

		res.DossierCount = &n

		return res, nil
	}

	var (
		s    dossierSQL
		rows *fsql.Rows
		err  error
	)

	for attempt := 0; ; attempt++ {
		if attempt == dossierRetranslations {
			// Overtaken every time: FerretDB's own way, the whole table (exact whatever is written).
			s = dossierSQL{}
		} else {
			s = dossierTranslate(ctx, dbName, db, meta, params.Filter, params.DossierSort, params.DossierSkip, params.DossierLimit)
		}

		q, args := selectQ+s.from+s.where, s.args

		if s.order != "" {
			q += s.order
			args = append(args, s.oargs...)
		} else {
			q += prepareOrderByClause(params.Sort)

			if params.Limit != 0 {
				q += ` LIMIT ?`
				args = append(args, params.Limit)
			}
		}

		s.tr.paused()

		// The statement's first step (in QueryContext) takes its snapshot of the table.
		rows, err = db.QueryContext(ctx, q, args...)
		if s.settled() {
			break
		}

		// A write noted after the kinds were read brought one the SQL is not exact for, and may be
		// in the snapshot: translate again (the remembered kinds now hold it).
		if err == nil {
			rows.Close()
		}
	}

	if err != nil && (s.where != "" || s.order != "") && ctx.Err() == nil {
		// Whatever SQLite refuses of ours (a limit we did not foresee), FerretDB's own way answers.
		s = dossierSQL{}
		q, args := selectQ+prepareOrderByClause(params.Sort), []any(nil)

		if params.Limit != 0 {
			q += ` LIMIT ?`
			args = append(args, params.Limit)
		}

		rows, err = db.QueryContext(ctx, q, args...)
	}

	if err != nil {
		return nil, lazyerrors.Error(err)
	}

	iter := newQueryIterator(ctx, rows, params.OnlyRecordIDs)
	if qi, ok := iter.(*queryIterator); ok {
		if params.DossierPaths != nil {
			// sqlite-read-2: only the paths the find can read are decoded (dossier_read_sjson.go).
			qi.dossierPaths = sjson.DossierNewPaths(params.DossierPaths)
		}
		// sqlite-read-5: the rows decoded a batch at a time on more than one goroutine (dossier_batch.go).
		qi.dossierBatch = dossierNewBatch(params.OnlyRecordIDs)
	}

	return &backends.QueryResult{
		Iter:           iter,
		DossierApplied: s.order != "",
	}, nil
}

// dossierExplain is Explain's query plan request for the same SQL Query would send, and what of
// the query it hands SQLite: the filter (exactly), and the sort and limit.
func dossierExplain(ctx context.Context, dbName string, db *fsql.DB, meta *metadata.Collection, selectQ string, params *backends.ExplainParams) (string, []any, bool, bool, bool) {
	s := dossierTranslate(ctx, dbName, db, meta, params.Filter, params.DossierSort, params.DossierSkip, params.DossierLimit)
	s.settled() // a plan, not an answer

	q, args := `EXPLAIN QUERY PLAN `+selectQ+s.from+s.where, s.args

	if s.order != "" {
		q += s.order
		args = append(args, s.oargs...)
	} else {
		q += prepareOrderByClause(params.Sort)

		if params.Limit != 0 {
			q += ` LIMIT ?`
			args = append(args, params.Limit)
		}
	}

	return q, args, s.exact && s.where != "", s.order != "" || prepareOrderByClause(params.Sort) != "", s.order != "" && params.DossierLimit > 0 || params.Limit != 0
}
