// Dossier patch sqlite-read-1 (issue 7): the read of every record (an export) spent a tenth of
// FerretDB's CPU on leak tracking of in-memory iterators and a sixth on garbage collection.
//
// Every document FerretDB encodes for the wire (and every nested document and array of it) is
// walked with an iterator that resource.Track registered: a stack trace captured into a pprof
// profile and a finalizer, per iterator — ~10 % of the CPU of reading 20,000 records (5.8 KB of
// JSON each; go tool pprof against --debug-addr). These iterators hold nothing but a pointer
// to a document already in memory; the tracking only finds iterators nobody closed (and panics
// the server when it does). The iterators of the SQL rows, cursors and connections keep theirs.
//
// The garbage collector ran at Go's default pace (GOGC=100) while each record allocates ~100 small
// objects that die at once: collection at 400 % of the live heap (FerretDB's is tens of MB), with a
// soft limit of 1 GiB that makes it collect sooner when memory is short. GOGC and GOMEMLIMIT, when
// set, are left as they are.
//
// DOSSIER_READ=off restores FerretDB's own behaviour (tests/integration/database-read-differential.test.ts).
package types

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/FerretDB/FerretDB/internal/util/resource"
)

// dossierReadOff is true when DOSSIER_READ=off: FerretDB as released.
var dossierReadOff = os.Getenv("DOSSIER_READ") == "off"

func init() {
	if dossierReadOff {
		return
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1 << 30)
	}
	// One line in FerretDB's log: the differential test checks that the switch took effect.
	fmt.Fprintln(os.Stderr, "dossier sqlite-read-1: in-memory iterators untracked, GC at 400 % unless GOGC is set")
}

// dossierTrack tracks an in-memory document or array iterator only when the patch is off.
func dossierTrack(obj any, token *resource.Token) {
	if dossierReadOff {
		resource.Track(obj, token)
	}
}

// dossierUntrack is dossierTrack's counterpart in Close.
func dossierUntrack(obj any, token *resource.Token) {
	if dossierReadOff {
		resource.Untrack(obj, token)
	}
}
