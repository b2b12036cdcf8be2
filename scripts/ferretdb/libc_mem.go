//go:build linux && (amd64 || arm64)

// Dossier patch libc-mem (issue 7): memcmp and memcpy of modernc.org/libc, the C library the
// SQLite that FerretDB embeds (modernc.org/sqlite, C translated to Go) calls, are musl's C loops
// translated byte by byte (memcmp) and word by word (memcpy). Inserting a record with 28 indexes
// (~130 `_ferretdb_sjson ->> '$.…'` expressions) spends ~30 % of FerretDB's CPU in them: SQLite's
// JSON parse cache compares the ~4 KB document with each cached one (memcmp), and NUL-terminates
// a copy of it for every expression (memcpy). Here they are Go's own: bytes.Equal and copy(), which
// use the processor's vector instructions.
//
// Exact: memcmp returns what musl's returns — the difference of the first differing bytes as
// unsigned chars, or 0 — found by comparing 64-byte blocks with bytes.Equal and then the bytes of
// the first differing block one by one; memcpy copies the same n bytes (copy() also allows the
// overlap C leaves undefined). DOSSIER_LIBC_MEM=off uses musl's loops (kept, renamed);
// tests/integration/database-libc-mem.test.ts compares stored documents, index reads and sorts
// both ways, and catches a memcmp broken on purpose (DOSSIER_LIBC_MEM_BREAK=memcmp: blocks after
// the first compared as equal).

package libc

import (
	"bytes"
	"os"
	"unsafe"
)

var (
	dossierMemOn    = os.Getenv("DOSSIER_LIBC_MEM") != "off"
	dossierMemBreak = os.Getenv("DOSSIER_LIBC_MEM_BREAK") == "memcmp"
)

const dossierBlock = 64

// dossierMemcmp is memcmp(vl, vr, n) with musl's result.
func dossierMemcmp(vl, vr uintptr, n Tsize_t) int32 {
	if n == 0 {
		return 0
	}
	l := unsafe.Slice((*byte)(unsafe.Pointer(vl)), n)
	r := unsafe.Slice((*byte)(unsafe.Pointer(vr)), n)
	i := 0
	for len(l)-i > dossierBlock && bytes.Equal(l[i:i+dossierBlock], r[i:i+dossierBlock]) {
		if dossierMemBreak {
			return 0
		}
		i += dossierBlock
	}
	for ; i < len(l); i++ {
		if l[i] != r[i] {
			return int32(l[i]) - int32(r[i])
		}
	}
	return 0
}

// dossierMemcpy is memcpy(dest, src, n).
func dossierMemcpy(dest, src uintptr, n Tsize_t) uintptr {
	if n != 0 {
		copy(unsafe.Slice((*byte)(unsafe.Pointer(dest)), n), unsafe.Slice((*byte)(unsafe.Pointer(src)), n))
	}
	return dest
}

// The differential test reads this line in FerretDB's log: the switch took effect.
func init() {
	if dossierMemOn {
		os.Stderr.WriteString("dossier libc-mem: memcmp and memcpy as Go's own\n")
	}
}
