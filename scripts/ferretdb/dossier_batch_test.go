// Patch sqlite-read-5 (dossier_batch.go): the batched query iterator against FerretDB's own Next
// and iterator.Interface's contract — order and completeness, a document that cannot be decoded,
// the statement failing part way, Close while a batch is half handed out, a cancelled context.
// Not copied by PATCHES (not in the build): tests/integration/database-go.test.ts copies it into a
// patched source tree and runs it (testFerretDBPatches in scripts/lib/ferretdb.mjs). With the race
// detector, in such a tree: go test -race -run DossierBatch ./internal/backends/sqlite/
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/fsql"
	"github.com/FerretDB/FerretDB/internal/util/iterator"
)

// dossierBatchRows is a query over n stored documents {_id: i, v: "…"}; the row at badDecode (if
// >= 0) cannot be decoded, and the statement fails (rows.Err) when it reaches row failAt (if >= 0).
func dossierBatchRows(t *testing.T, ctx context.Context, n, badDecode, failAt int) *fsql.Rows {
	t.Helper()

	sdb, err := sql.Open("sqlite", "file:"+t.TempDir()+"/t.db")
	if err != nil {
		t.Fatal(err)
	}
	sdb.SetMaxOpenConns(1)

	db := fsql.WrapDB(sdb, "test", slog.Default())
	t.Cleanup(func() { db.Close() })
	if _, err = db.ExecContext(ctx, `CREATE TABLE t (n INTEGER PRIMARY KEY, _ferretdb_sjson TEXT)`); err != nil {
		t.Fatal(err)
	}

	for i := 0; i < n; i++ {
		doc := fmt.Sprintf(`{"$s":{"p":{"_id":{"t":"int"},"v":{"t":"string"}},"$k":["_id","v"]},"_id":%d,"v":"%s"}`, i, strings.Repeat("x", i))
		if i == badDecode {
			doc = `{"$s":{"p":{"_id":{"t":"nonsense"}},"$k":["_id"]},"_id":1}`
		}
		if _, err = db.ExecContext(ctx, `INSERT INTO t VALUES (?, ?)`, i, doc); err != nil {
			t.Fatal(err)
		}
	}

	// json('{') fails at the step that reaches row failAt: rows.Next false, rows.Err the error.
	rows, err := db.QueryContext(ctx, `SELECT CASE WHEN n = ? THEN json('{') ELSE _ferretdb_sjson END AS _ferretdb_sjson FROM t ORDER BY n`, failAt)
	if err != nil {
		t.Fatal(err)
	}

	return rows
}

type dossierStep struct {
	id  any
	err string
}

// dossierDrain is every Next until ErrIteratorDone (or 1000 calls), with closeAfter Next calls
// followed by Close (closeAfter < 0: never).
func dossierDrain(it types.DocumentsIterator, closeAfter int) []dossierStep {
	return dossierSteps(it, closeAfter, it.Close)
}

// dossierSteps is every Next until ErrIteratorDone (or 1000 calls), calling at after that many
// Next calls (after < 0: never); the iterator is closed at the end.
func dossierSteps(it types.DocumentsIterator, after int, at func()) []dossierStep {
	var steps []dossierStep
	for i := 0; i < 1000; i++ {
		if i == after {
			at()
		}
		_, doc, err := it.Next()
		if errors.Is(err, iterator.ErrIteratorDone) {
			steps = append(steps, dossierStep{err: "done"})
			break
		}
		if err != nil {
			steps = append(steps, dossierStep{err: "error"})
			continue
		}
		v, _ := doc.Get("_id")
		steps = append(steps, dossierStep{id: v})
	}
	it.Close()
	return steps
}

// dossierBoth is the steps with FerretDB's own Next and with the batch.
func dossierBoth(t *testing.T, n, badDecode, failAt, closeAfter int) (own, batched []dossierStep) {
	ctx := context.Background()

	it := newQueryIterator(ctx, dossierBatchRows(t, ctx, n, badDecode, failAt), false)
	own = dossierDrain(it, closeAfter)

	it = newQueryIterator(ctx, dossierBatchRows(t, ctx, n, badDecode, failAt), false)
	it.(*queryIterator).dossierBatch = &dossierBatch{size: 1}
	batched = dossierDrain(it, closeAfter)

	return own, batched
}

func dossierSame(t *testing.T, own, batched []dossierStep) {
	t.Helper()
	if fmt.Sprint(own) != fmt.Sprint(batched) {
		t.Errorf("FerretDB's own Next:\n%v\nbatched:\n%v", own, batched)
	}
}

// Order, completeness and the end, over batches decoded on more than one goroutine (run with -race).
func TestDossierBatchSameAsOwn(t *testing.T) {
	for _, n := range []int{0, 1, 3, 7, 8, 63, 64, 200} {
		own, batched := dossierBoth(t, n, -1, -1, -1)
		dossierSame(t, own, batched)
	}
}

// A document that cannot be decoded: the ones before it, its error, then done.
func TestDossierBatchDecodeError(t *testing.T) {
	for _, bad := range []int{0, 5, 20, 100} {
		own, batched := dossierBoth(t, 200, bad, -1, -1)
		dossierSame(t, own, batched)
	}
}

// The statement failing part way: the documents before it, its error, then done.
func TestDossierBatchRowsError(t *testing.T) {
	for _, at := range []int{1, 2, 4, 20, 100} { // at 0 QueryContext itself fails (the first step)
		own, batched := dossierBoth(t, 200, -1, at, -1)
		dossierSame(t, own, batched)
	}
}

// iterator.Interface: "After Close is called, future calls to Next must return ErrIteratorDone".
// Closed while a batch is half handed out (the 2nd Next reads rows 1 and 2 and hands out 1).
func TestDossierBatchCloseThenNext(t *testing.T) {
	own, batched := dossierBoth(t, 20, -1, -1, 2)
	dossierSame(t, own, batched)
}

// The same after the statement failed with documents still to hand out (row 4 fails: the 3rd
// batch is row 3 and the error); closed after row 3 is handed out.
func TestDossierBatchCloseAfterRowsError(t *testing.T) {
	own, batched := dossierBoth(t, 20, -1, 4, 4)
	dossierSame(t, own, batched)
}

// A cancelled context: the next Next is the context's error, then done.
func TestDossierBatchCancel(t *testing.T) {
	for _, after := range []int{1, 2, 10} {
		run := func(batch bool) []dossierStep {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			it := newQueryIterator(ctx, dossierBatchRows(t, ctx, 50, -1, -1), false)
			if batch {
				it.(*queryIterator).dossierBatch = &dossierBatch{size: 1}
			}
			return dossierSteps(it, after, cancel)
		}
		dossierSame(t, run(false), run(true))
	}
}
