// Dossier patch sqlite-read-1, second part (issue 7): the stored JSON of a document decoded in one pass.
//
// sjson.Unmarshal spent half of FerretDB's CPU when an export read every record: encoding/json
// decodes each nesting level into a map[string]json.RawMessage, then each value again with a
// json.Decoder of its own, so a record's 5.8 KB were scanned once per level and a leaf cost a
// decoder. DossierUnmarshal walks the bytes once, driven by the document's $s schema, and builds
// the same *types.Document. It takes only the shapes FerretDB itself writes (objects, arrays,
// strings, doubles, ints, longs, dates, booleans, nulls, ObjectIds; keys in schema order, no
// escapes in keys): on anything else — another type, an escape in a key, a number encoding/json
// would reject, a duplicate key, trailing bytes — it hands the whole document to sjson.Unmarshal,
// whose answer (or error) is then the answer. A string with escapes is decoded by stringType as
// before. DOSSIER_READ=off uses sjson.Unmarshal only; DOSSIER_READ_BREAK=double breaks the fast
// path on purpose (the last bit of every double) so the differential test can prove it would
// notice (tests/integration/database-read-differential.test.ts).
package sjson

import (
	"encoding/hex"
	"math"
	"os"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/FerretDB/FerretDB/internal/types"
)

var (
	dossierReadOff   = os.Getenv("DOSSIER_READ") == "off"
	dossierReadBreak = os.Getenv("DOSSIER_READ_BREAK") == "double"
)

// DossierUnmarshal is sjson.Unmarshal, faster on the documents FerretDB writes.
func DossierUnmarshal(data []byte) (*types.Document, error) {
	if dossierReadOff {
		return Unmarshal(data)
	}
	p := dossierParser{b: data}
	if d, ok := p.top(); ok {
		return d, nil
	}
	return Unmarshal(data)
}

type dossierParser struct {
	b []byte
	i int
}

func (p *dossierParser) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *dossierParser) eat(c byte) bool {
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// str reads a string; plain is true when it has no escape (then s is its text).
func (p *dossierParser) str() (raw []byte, s string, plain bool, ok bool) {
	p.ws()
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return nil, "", false, false
	}
	start := p.i
	plain = true
	for j := p.i + 1; j < len(p.b); j++ {
		c := p.b[j]
		switch {
		case c == '\\':
			plain = false
			j++
		case c < 0x20:
			return nil, "", false, false
		case c == '"':
			p.i = j + 1
			raw = p.b[start:p.i]
			if plain {
				body := raw[1 : len(raw)-1]
				if !utf8.Valid(body) {
					return nil, "", false, false
				}
				s = string(body)
			}
			return raw, s, plain, true
		}
	}
	return nil, "", false, false
}

// key reads an object key without escapes.
func (p *dossierParser) key() (string, bool) {
	_, s, plain, ok := p.str()
	if !ok || !plain || !p.eat(':') {
		return "", false
	}
	return s, true
}

// keyIs reads an object key that is exactly k (k without escapes), without making a string of it:
// key() and a comparison, for the keys the schema already names.
func (p *dossierParser) keyIs(k string) bool {
	p.ws()
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return false
	}
	for j := p.i + 1; j < len(p.b); j++ {
		c := p.b[j]
		switch {
		case c == '\\' || c < 0x20:
			// An escape: key() refuses it; a control character: str() does.
			return false
		case c == '"':
			// Bytes equal to k are as valid UTF-8 as k (the schema's keys passed str()'s check).
			if string(p.b[p.i+1:j]) != k {
				return false
			}
			p.i = j + 1
			return p.eat(':')
		}
	}
	return false
}

// literal reads a number or true/false/null token.
func (p *dossierParser) literal() []byte {
	p.ws()
	start := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		if c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			break
		}
		p.i++
	}
	return p.b[start:p.i]
}

// jsonInt is true for a JSON integer literal: -?(0|[1-9][0-9]*).
func jsonInt(t []byte) bool {
	if len(t) > 0 && t[0] == '-' {
		t = t[1:]
	}
	if len(t) == 0 || (t[0] == '0' && len(t) > 1) {
		return false
	}
	for _, c := range t {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// jsonNumber is true for a JSON number literal.
func jsonNumber(t []byte) bool {
	i := 0
	if i < len(t) && t[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(t) && t[i] >= '0' && t[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(t) && t[i] == '0' {
		i++
	} else if digits() == 0 {
		return false
	}
	if i < len(t) && t[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(t) && (t[i] == 'e' || t[i] == 'E') {
		i++
		if i < len(t) && (t[i] == '+' || t[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(t)
}

// top reads {"$s": schema, key: value, …} with the keys in the schema's order.
func (p *dossierParser) top() (*types.Document, bool) {
	if !p.eat('{') {
		return nil, false
	}
	if !p.keyIs("$s") {
		return nil, false
	}
	sch, ok := p.schema()
	if !ok {
		return nil, false
	}
	d := types.MakeDocument(len(sch.Keys))
	for _, k := range sch.Keys {
		if !p.eat(',') {
			return nil, false
		}
		if !p.keyIs(k) {
			return nil, false
		}
		v, ok := p.value(sch.Properties[k])
		if !ok {
			return nil, false
		}
		d.Set(k, v)
	}
	if !p.eat('}') {
		return nil, false
	}
	p.ws()
	return d, p.i == len(p.b)
}

// schema reads {"p": {key: elem, …}, "$k": [key, …]} (both, in this order, each key once).
func (p *dossierParser) schema() (*schema, bool) {
	if !p.eat('{') {
		return nil, false
	}
	if p.eat('}') {
		// An empty document's schema: no properties, no keys (as encoding/json leaves them).
		return &schema{}, true
	}
	if !p.keyIs("p") || !p.eat('{') {
		return nil, false
	}
	sch := &schema{Properties: map[string]*elem{}}
	if !p.eat('}') {
		for {
			k, ok := p.key()
			if !ok {
				return nil, false
			}
			if _, dup := sch.Properties[k]; dup {
				return nil, false
			}
			e, ok := p.elem()
			if !ok {
				return nil, false
			}
			sch.Properties[k] = e
			if p.eat('}') {
				break
			}
			if !p.eat(',') {
				return nil, false
			}
		}
	}
	if !p.eat(',') {
		return nil, false
	}
	if !p.keyIs("$k") || !p.eat('[') {
		return nil, false
	}
	sch.Keys = make([]string, 0, len(sch.Properties))
	if !p.eat(']') {
		for {
			_, s, plain, ok := p.str()
			if !ok || !plain {
				return nil, false
			}
			sch.Keys = append(sch.Keys, s)
			if p.eat(']') {
				break
			}
			if !p.eat(',') {
				return nil, false
			}
		}
	}
	// Every key once, each with its schema: what FerretDB writes (anything else goes to Unmarshal).
	if len(sch.Keys) != len(sch.Properties) {
		return nil, false
	}
	seen := make(map[string]struct{}, len(sch.Keys))
	for _, k := range sch.Keys {
		if _, dup := seen[k]; dup || sch.Properties[k] == nil {
			return nil, false
		}
		seen[k] = struct{}{}
	}
	return sch, p.eat('}')
}

// elemParse reads {"t": type, "$s": schema (objects only), "i": [elem, …] (arrays only)}, in this
// order, for the types taken here (no regex options, no binary subtype). Called through elem, which
// answers an object's or array's schema seen before from a cache (dossier_read_schema.go).
func (p *dossierParser) elemParse() (*elem, bool) {
	if !p.eat('{') {
		return nil, false
	}
	if !p.keyIs("t") {
		return nil, false
	}
	_, t, plain, ok := p.str()
	if !ok || !plain {
		return nil, false
	}
	e := &elem{Type: elemType(t)}
	switch e.Type {
	case elemTypeObject:
		if !p.eat(',') {
			return nil, false
		}
		if !p.keyIs("$s") {
			return nil, false
		}
		if e.Schema, ok = p.schema(); !ok {
			return nil, false
		}
	case elemTypeArray:
		if !p.eat(',') {
			return nil, false
		}
		if !p.keyIs("i") || !p.eat('[') {
			return nil, false
		}
		e.Items = []*elem{}
		if !p.eat(']') {
			for {
				item, ok := p.elem()
				if !ok {
					return nil, false
				}
				e.Items = append(e.Items, item)
				if p.eat(']') {
					break
				}
				if !p.eat(',') {
					return nil, false
				}
			}
		}
	case elemTypeDouble, elemTypeString, elemTypeObjectID, elemTypeBool, elemTypeDate, elemTypeNull, elemTypeInt, elemTypeLong:
	default:
		return nil, false
	}
	return e, p.eat('}')
}

// value reads one value of the schema e, as unmarshalSingleValue does.
func (p *dossierParser) value(e *elem) (any, bool) {
	p.ws()
	if p.i >= len(p.b) {
		return nil, false
	}
	if c := p.b[p.i]; c == 'n' {
		if t := p.literal(); string(t) == "null" {
			return types.Null, true
		}
		return nil, false
	}
	if e == nil {
		return nil, false
	}
	switch e.Type {
	case elemTypeObject:
		return p.object(e.Schema)
	case elemTypeArray:
		return p.array(e.Items)
	case elemTypeString:
		raw, s, plain, ok := p.str()
		if !ok {
			return nil, false
		}
		if plain {
			return s, true
		}
		var st stringType
		if err := st.UnmarshalJSON(raw); err != nil {
			return nil, false
		}
		return string(st), true
	case elemTypeObjectID:
		_, s, plain, ok := p.str()
		if !ok || !plain || len(s) != 2*types.ObjectIDLen {
			return nil, false
		}
		var id types.ObjectID
		if _, err := hex.Decode(id[:], []byte(s)); err != nil {
			return nil, false
		}
		return id, true
	case elemTypeBool:
		switch string(p.literal()) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
		return nil, false
	case elemTypeDouble:
		t := p.literal()
		if !jsonNumber(t) {
			return nil, false
		}
		f, err := strconv.ParseFloat(string(t), 64)
		if err != nil {
			return nil, false
		}
		if dossierReadBreak {
			f = math.Float64frombits(math.Float64bits(f) ^ 1)
		}
		return f, true
	case elemTypeInt, elemTypeLong, elemTypeDate:
		t := p.literal()
		if !jsonInt(t) {
			return nil, false
		}
		n, err := strconv.ParseInt(string(t), 10, 64)
		if err != nil {
			return nil, false
		}
		switch e.Type {
		case elemTypeInt:
			if n != int64(int32(n)) {
				return nil, false
			}
			return int32(n), true
		case elemTypeLong:
			return n, true
		}
		return time.UnixMilli(n), true
	}
	return nil, false
}

// object reads a nested document: its keys in the schema's order (none for an empty one).
func (p *dossierParser) object(sch *schema) (any, bool) {
	if sch == nil || !p.eat('{') {
		return nil, false
	}
	if p.eat('}') {
		// sjson decodes any empty object as an empty document, whatever its schema says.
		return new(types.Document), true
	}
	d := types.MakeDocument(len(sch.Keys))
	for n, k := range sch.Keys {
		if n > 0 && !p.eat(',') {
			return nil, false
		}
		if !p.keyIs(k) {
			return nil, false
		}
		v, ok := p.value(sch.Properties[k])
		if !ok {
			return nil, false
		}
		d.Set(k, v)
	}
	if len(sch.Keys) == 0 || !p.eat('}') {
		return nil, false
	}
	return d, true
}

// array reads an array with one schema per element.
func (p *dossierParser) array(items []*elem) (any, bool) {
	if items == nil || !p.eat('[') {
		return nil, false
	}
	a := types.MakeArray(len(items))
	for n, item := range items {
		if n > 0 && !p.eat(',') {
			return nil, false
		}
		v, ok := p.value(item)
		if !ok {
			return nil, false
		}
		a.Append(v)
	}
	return a, p.eat(']')
}

// Dossier patch sqlite-read-2 (issue 7): a projected find decodes only what it can need.
//
// A find with an inclusion projection (the list's page, the export) still had every stored
// document decoded whole (~5.8 KB of JSON, most of it fields the projection drops). The handler
// (internal/handler/dossier_skip.go) now names the paths the query can read — the projection's,
// the filter's, the sort's, and _id — or none when it cannot tell (then the whole document is
// decoded, as before). DossierUnmarshalPaths decodes those subtrees and steps over the rest of the
// bytes with the same checks the decoder makes (dossierParser.skip), so a document the one-pass
// decoder would refuse is refused here too and goes whole to sjson.Unmarshal. What is left out
// are only keys of objects that lie on no named path: every object and array on a named path
// keeps its type, its order and its other named keys, so the filter, the sort and the projection
// see the same values. An array on a path is pruned element by element (the path goes through
// each element that is an object), unless the next part of a path is a number (an index: then
// the array is decoded whole), and an array inside an array is decoded whole.
// DOSSIER_READ_SKIP=off decodes whole documents; DOSSIER_READ_BREAK=skip makes the handler
// forget the filter's and the sort's paths, so the differential test can prove it would notice
// (tests/integration/database-read-skip.test.ts).

var dossierSkipOff = os.Getenv("DOSSIER_READ_SKIP") == "off"

// DossierPaths is a set of paths as a tree: a leaf is decoded whole, other nodes only in part.
type DossierPaths struct {
	leaf    bool
	numeric bool // some child's name is a number (an array index)
	kids    map[string]*DossierPaths
}

// DossierNewPaths builds the tree of paths (each "a.b.c"); nil (decode whole documents) for none,
// or when the patch is switched off, or for a path with an empty part.
func DossierNewPaths(paths []string) *DossierPaths {
	if len(paths) == 0 || dossierSkipOff || dossierReadOff {
		return nil
	}
	root := &DossierPaths{kids: map[string]*DossierPaths{}}
	for _, path := range paths {
		n := root
		start := 0
		for i := 0; i <= len(path); i++ {
			if i < len(path) && path[i] != '.' {
				continue
			}
			part := path[start:i]
			start = i + 1
			if part == "" {
				return nil
			}
			if n.kids == nil {
				n.kids = map[string]*DossierPaths{}
			}
			kid := n.kids[part]
			if kid == nil {
				kid = &DossierPaths{}
				n.kids[part] = kid
				if dossierDigits(part) {
					n.numeric = true
				}
			}
			n = kid
		}
		n.leaf = true
	}
	if root.leaf {
		return nil
	}
	return root
}

func dossierDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// DossierUnmarshalPaths is DossierUnmarshal that may leave out what lies on none of the paths.
func DossierUnmarshalPaths(data []byte, need *DossierPaths) (*types.Document, error) {
	if need == nil || dossierReadOff || dossierSkipOff {
		return DossierUnmarshal(data)
	}
	p := dossierParser{b: data}
	if d, ok := p.topNeed(need); ok {
		return d, nil
	}
	// Whatever the one-pass decoder does not take: FerretDB's own, whole.
	return Unmarshal(data)
}

// topNeed is top, leaving out the keys on no path.
func (p *dossierParser) topNeed(need *DossierPaths) (*types.Document, bool) {
	if !p.eat('{') {
		return nil, false
	}
	if !p.keyIs("$s") {
		return nil, false
	}
	sch, ok := p.schema()
	if !ok {
		return nil, false
	}
	d := types.MakeDocument(len(need.kids))
	for _, k := range sch.Keys {
		if !p.eat(',') {
			return nil, false
		}
		if !p.keyIs(k) {
			return nil, false
		}
		kid := need.kids[k]
		if kid == nil {
			if !p.skip(sch.Properties[k]) {
				return nil, false
			}
			continue
		}
		v, ok := p.valueNeed(sch.Properties[k], kid)
		if !ok {
			return nil, false
		}
		d.Set(k, v)
	}
	if !p.eat('}') {
		return nil, false
	}
	p.ws()
	return d, p.i == len(p.b)
}

// valueNeed is value, leaving out what lies on none of the paths below n.
func (p *dossierParser) valueNeed(e *elem, n *DossierPaths) (any, bool) {
	if n.leaf || e == nil {
		return p.value(e)
	}
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == 'n' {
		return p.value(e)
	}
	switch e.Type {
	case elemTypeObject:
		return p.objectNeed(e.Schema, n)
	case elemTypeArray:
		if n.numeric {
			return p.value(e)
		}
		return p.arrayNeed(e.Items, n)
	}
	return p.value(e)
}

// objectNeed is object, leaving out the keys on no path.
func (p *dossierParser) objectNeed(sch *schema, n *DossierPaths) (any, bool) {
	if sch == nil || !p.eat('{') {
		return nil, false
	}
	if p.eat('}') {
		return new(types.Document), true
	}
	d := types.MakeDocument(len(n.kids))
	for i, k := range sch.Keys {
		if i > 0 && !p.eat(',') {
			return nil, false
		}
		if !p.keyIs(k) {
			return nil, false
		}
		kid := n.kids[k]
		if kid == nil {
			if !p.skip(sch.Properties[k]) {
				return nil, false
			}
			continue
		}
		v, ok := p.valueNeed(sch.Properties[k], kid)
		if !ok {
			return nil, false
		}
		d.Set(k, v)
	}
	if len(sch.Keys) == 0 || !p.eat('}') {
		return nil, false
	}
	return d, true
}

// arrayNeed is array, each object in it pruned by the same paths (an array in it whole).
func (p *dossierParser) arrayNeed(items []*elem, n *DossierPaths) (any, bool) {
	if items == nil || !p.eat('[') {
		return nil, false
	}
	a := types.MakeArray(len(items))
	for i, item := range items {
		if i > 0 && !p.eat(',') {
			return nil, false
		}
		var v any
		var ok bool
		if item != nil && item.Type == elemTypeArray {
			v, ok = p.value(item)
		} else {
			v, ok = p.valueNeed(item, n)
		}
		if !ok {
			return nil, false
		}
		a.Append(v)
	}
	return a, p.eat(']')
}

// skip steps over one value of the schema e, accepting exactly what value accepts.
func (p *dossierParser) skip(e *elem) bool {
	p.ws()
	if p.i >= len(p.b) {
		return false
	}
	if p.b[p.i] == 'n' {
		return string(p.literal()) == "null"
	}
	if e == nil {
		return false
	}
	switch e.Type {
	case elemTypeObject:
		sch := e.Schema
		if sch == nil || !p.eat('{') {
			return false
		}
		if p.eat('}') {
			return true
		}
		for i, k := range sch.Keys {
			if i > 0 && !p.eat(',') {
				return false
			}
			if !p.keyIs(k) {
				return false
			}
			if !p.skip(sch.Properties[k]) {
				return false
			}
		}
		return len(sch.Keys) != 0 && p.eat('}')
	case elemTypeArray:
		if e.Items == nil || !p.eat('[') {
			return false
		}
		for i, item := range e.Items {
			if i > 0 && !p.eat(',') {
				return false
			}
			if !p.skip(item) {
				return false
			}
		}
		return p.eat(']')
	case elemTypeString:
		return p.skipStr()
	case elemTypeObjectID:
		_, s, plain, ok := p.str()
		if !ok || !plain || len(s) != 2*types.ObjectIDLen {
			return false
		}
		var id types.ObjectID
		_, err := hex.Decode(id[:], []byte(s))
		return err == nil
	case elemTypeBool:
		t := p.literal()
		return string(t) == "true" || string(t) == "false"
	case elemTypeDouble:
		t := p.literal()
		if !jsonNumber(t) {
			return false
		}
		_, err := strconv.ParseFloat(string(t), 64)
		return err == nil
	case elemTypeInt, elemTypeLong, elemTypeDate:
		t := p.literal()
		if !jsonInt(t) {
			return false
		}
		n, err := strconv.ParseInt(string(t), 10, 64)
		if err != nil {
			return false
		}
		return e.Type != elemTypeInt || n == int64(int32(n))
	}
	return false
}

// skipStr steps over a string as str and stringType would take it: no control characters; without
// escapes valid UTF-8 (str's check); with escapes, only JSON's (what encoding/json accepts: \" \\ \/
// \b \f \n \r \t and \u with four hex digits; it replaces invalid UTF-8 rather than refusing it).
func (p *dossierParser) skipStr() bool {
	p.ws()
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return false
	}
	start := p.i + 1
	plain := true
	for j := start; j < len(p.b); j++ {
		c := p.b[j]
		switch {
		case c == '\\':
			plain = false
			j++
			if j >= len(p.b) {
				return false
			}
			switch p.b[j] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if j+4 >= len(p.b) {
					return false
				}
				for _, h := range p.b[j+1 : j+5] {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						return false
					}
				}
				j += 4
			default:
				return false
			}
		case c < 0x20:
			return false
		case c == '"':
			p.i = j + 1
			return !plain || utf8.Valid(p.b[start:j])
		}
	}
	return false
}
