// Dossier patch sqlite-read-4 (issue 7): the schemas of a document's objects and arrays parsed once.
//
// A stored document is {"$s": schema, key: value, …}; the schema (each key's type, an object's
// keys in order, an array's type per element) is ~3.6 KB of a record's ~5.8 KB and parsing it —
// a map and a struct per object, a struct per value — was most of what the one-pass decoder
// (dossier_read_sjson.go) still spent on a projected find (benchmarks/README.md run 37: the whole
// $s alone 23 % of FerretDB's CPU in the export of the list's columns), even for the fields it
// steps over. Whole documents' schemas rarely repeat (a record's table lengths and empty fields
// vary), but their parts do: 20,000 seeded archive records have ~15,000 different schemas and
// 1–220 different ones per section (data.basic, data.policy, a table's rows …).
//
// elem answers the schema of an object or an array (of at least dossierSchemaMin bytes) from a
// cache keyed by its exact bytes: parsing is a function of the bytes it consumes, so bytes that
// once parsed whole, consuming exactly themselves, parse to the same schema again — the cached one
// is that (schemas are never changed once parsed). A schema enters the cache the second time its
// bytes are seen (a 64-bit hash remembers the first), so one-off schemas (a whole record's data)
// do not fill it; both are bounded and emptied when full. Anything the parse refuses, or a span
// the parse does not consume exactly, is never cached.
// DOSSIER_READ_SCHEMA=off parses every schema; DOSSIER_READ_BREAK=schema keys the cache on bytes
// with "long" read as "int" (a cached schema answers a different one) so the differential test can
// prove it would notice (tests/integration/database-read-schema.test.ts).
package sjson

import (
	"bytes"
	"hash/maphash"
	"os"
	"sync"
)

var (
	dossierSchemaOff   = os.Getenv("DOSSIER_READ_SCHEMA") == "off"
	dossierSchemaBreak = os.Getenv("DOSSIER_READ_BREAK") == "schema"
)

const (
	// dossierSchemaMin: a shorter schema parses about as fast as it is looked up.
	dossierSchemaMin = 48
	// dossierSchemaMaxBytes bounds the cached schemas' bytes, dossierSchemaMaxSeen the hashes of
	// those seen once; each is emptied when full.
	dossierSchemaMaxBytes = 8 << 20
	dossierSchemaMaxSeen  = 1 << 16
)

var dossierSchemas = struct {
	sync.RWMutex
	elems map[string]*elem
	bytes int
	seen  map[uint64]struct{}
	seed  maphash.Seed
}{elems: map[string]*elem{}, seen: map[uint64]struct{}{}, seed: maphash.MakeSeed()}

var (
	dossierObjectPrefix = []byte(`{"t":"object"`)
	dossierArrayPrefix  = []byte(`{"t":"array"`)
	dossierLong         = []byte(`"long"`)
	dossierInt          = []byte(`"int"`)
)

// elem is elemParse, answered from the cache for an object's or array's schema seen before.
func (p *dossierParser) elem() (*elem, bool) {
	if dossierSchemaOff || dossierReadOff {
		return p.elemParse()
	}
	p.ws()
	start := p.i
	rest := p.b[start:]
	if !bytes.HasPrefix(rest, dossierObjectPrefix) && !bytes.HasPrefix(rest, dossierArrayPrefix) {
		return p.elemParse()
	}
	end := dossierSpanEnd(p.b, start)
	if end < 0 || end-start < dossierSchemaMin {
		return p.elemParse()
	}
	key := p.b[start:end]
	if dossierSchemaBreak {
		key = bytes.ReplaceAll(key, dossierLong, dossierInt)
	}

	c := &dossierSchemas
	c.RLock()
	e := c.elems[string(key)]
	c.RUnlock()
	if e != nil {
		p.i = end
		return e, true
	}

	e, ok := p.elemParse()
	if !ok || p.i != end {
		return e, ok
	}
	h := maphash.Bytes(c.seed, key)
	c.Lock()
	if _, twice := c.seen[h]; twice {
		if c.bytes+len(key) > dossierSchemaMaxBytes {
			c.elems = map[string]*elem{}
			c.bytes = 0
		}
		if _, there := c.elems[string(key)]; !there {
			c.elems[string(key)] = e
			c.bytes += len(key)
		}
	} else {
		if len(c.seen) >= dossierSchemaMaxSeen {
			c.seen = map[uint64]struct{}{}
		}
		c.seen[h] = struct{}{}
	}
	c.Unlock()
	return e, true
}

// dossierSpanEnd is the index just past the object or array that opens at b[start] (brackets
// counted outside strings), or -1 when it does not close. Only a guess at what elemParse will
// consume: a hit needs the same bytes a parse once consumed exactly, a miss parses.
func dossierSpanEnd(b []byte, start int) int {
	depth := 0
	for i := start; i < len(b); i++ {
		switch b[i] {
		case '"':
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}
