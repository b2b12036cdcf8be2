// Dossier patch sqlite-read-3 (issue 7): an inclusion projection without the copies.
//
// FerretDB's find projects each document by deep-copying it whole (projectDocumentWithoutID), then
// inserting every projected path with setBySourceOrder, which deep-copies the projected document
// again for each path to put the key back in the source's order: quadratic in the projection's
// paths. The export's read of every field names ~50 paths; a Go CPU profile of it spent half of
// FerretDB's CPU there (deepCopy and the copies of each document's key map), the list's columns a
// third. This builds the same document in one walk of the source in its own order, keeping the
// source's values instead of copies (the source document is decoded for this find and dropped
// after it: nothing else holds or changes it).
//
// Only what this walk gives exactly as FerretDB's projection does is taken: an inclusion projection
// whose every value is true or false (numbers are already booleans after ValidateProjection; false
// only for _id), of plain dotted paths (no `$`, no empty part, none starting with `_id`, none a
// prefix of another or repeated). On a document, the walk also gives up when a level it reads has a
// repeated key, when _id is missing, or when a path goes on through an array (FerretDB appends
// such a key after the keys already projected instead of in the source's order): FerretDB's own
// projection then answers, as for every other projection. DOSSIER_READ_PROJECT=off always uses
// FerretDB's; DOSSIER_READ_BREAK=project marks each document this walk answers with an extra field
// ("dossierProjected"), so the differential test can prove which answers came from it
// (tests/integration/database-read-skip.test.ts).
package types

import (
	"os"
	"strings"
)

var (
	dossierProjectOff   = os.Getenv("DOSSIER_READ_PROJECT") == "off"
	dossierProjectBreak = os.Getenv("DOSSIER_READ_BREAK") == "project"
)

// DossierProjection is an inclusion projection as a tree of paths; nil when the walk cannot take it.
type DossierProjection struct {
	root   *dossierProjNode
	keepID bool
}

// dossierProjNode is a part of a path: a leaf (no kids) keeps its value whole.
type dossierProjNode struct {
	kids map[string]*dossierProjNode
}

// DossierNewProjection takes a projection as ValidateProjection returns it, or returns nil.
func DossierNewProjection(projection *Document, inclusion bool) *DossierProjection {
	if dossierProjectOff || dossierReadOff || projection == nil || !inclusion || len(projection.keys) != len(projection.fields) {
		return nil
	}

	p := &DossierProjection{root: &dossierProjNode{kids: map[string]*dossierProjNode{}}, keepID: true}

	for _, f := range projection.fields {
		on, ok := f.value.(bool)
		if !ok {
			return nil
		}

		if f.key == "_id" {
			p.keepID = on
			continue
		}

		if !on || f.key == "" || strings.Contains(f.key, "$") {
			return nil
		}

		parts := strings.Split(f.key, ".")
		if parts[0] == "_id" {
			return nil
		}

		n := p.root
		for i, part := range parts {
			if part == "" || n.kids == nil {
				return nil // an empty part, or a path below another path's leaf
			}

			last := i == len(parts)-1
			kid := n.kids[part]

			switch {
			case kid == nil && last:
				kid = &dossierProjNode{}
			case kid == nil:
				kid = &dossierProjNode{kids: map[string]*dossierProjNode{}}
			case last:
				return nil // a repeated path, or one that another path goes on below
			}

			n.kids[part] = kid
			n = kid
		}
	}

	return p
}

// Project is FerretDB's ProjectDocument for p, or false when it must answer instead.
func (p *DossierProjection) Project(doc *Document) (*Document, bool) {
	if p == nil || doc == nil || len(doc.keys) != len(doc.fields) {
		return nil, false
	}

	out := &Document{keys: make(map[string]int, len(p.root.kids)+2), fields: make([]field, 0, len(p.root.kids)+2)}

	if p.keepID {
		var id any

		found := false

		for _, f := range doc.fields {
			if f.key == "_id" {
				id, found = f.value, true
				break
			}
		}

		if !found {
			return nil, false
		}

		out.dossierAppend("_id", id)
	}

	if !p.root.walk(doc, out) {
		return nil, false
	}

	out.recordID = doc.recordID

	if dossierProjectBreak {
		out.dossierAppend("dossierProjected", true)
	}

	return out, true
}

// walk appends to out, in src's order, the keys of src on n's paths: a leaf's value whole, a
// document's projected in turn (empty when nothing in it is on a path); a scalar on the way to a
// deeper path is left out. The _id key of the top level is not on any path (see DossierNewProjection).
func (n *dossierProjNode) walk(src, out *Document) bool {
	for _, f := range src.fields {
		kid := n.kids[f.key]
		if kid == nil {
			continue
		}

		if kid.kids == nil {
			out.dossierAppend(f.key, f.value)
			continue
		}

		switch v := f.value.(type) {
		case *Document:
			if len(v.keys) != len(v.fields) {
				return false
			}

			sub := &Document{keys: make(map[string]int, len(kid.kids)), fields: make([]field, 0, len(kid.kids))}
			if !kid.walk(v, sub) {
				return false
			}

			out.dossierAppend(f.key, sub)
		case *Array:
			return false
		}
	}

	return true
}

// dossierAppend adds a key the document does not have yet.
func (d *Document) dossierAppend(key string, value any) {
	d.keys[key]++
	d.fields = append(d.fields, field{key: key, value: value})
}
