// Dossier patch sqlite-read-5 (issue 7): a find's stored documents decoded a batch at a time on
// more than one core, in order.
//
// FerretDB reads a query's rows one at a time and decodes each row's JSON in the goroutine that
// answers the client: at 100,000 records an export of the list's columns was bound by that one
// core (the decode ~half of FerretDB's CPU) while the other sat idle. Here the query iterator reads
// up to a batch of rows itself (SQLite and the rows' bytes are touched by this goroutine only),
// then decodes the batch on up to dossierBatchWorkers goroutines, each into its own place, and hands
// the documents out one per Next, in the rows' order. The batch starts at one row and doubles up to
// dossierBatchMax: a find that stops early (a limit FerretDB applies itself, a findOne) decodes at
// most as many rows again as it took, not a whole batch.
//
// What stays as FerretDB's own Next: the context checked on every call; the rows closed as soon
// as they end or fail (the connection released early), that error returned once, where it
// happened — after the documents read before it — and then iterator.ErrIteratorDone; a document
// that cannot be decoded is an error in its place (the documents before it are returned first,
// none after it); after Close, ErrIteratorDone and nothing read ahead (iterator.Interface's
// contract). A panic while decoding (a decoder bug) ends the iterator — its next Next is an error,
// not a shortened answer — and is raised again in the caller's goroutine, with the decoding
// goroutine's stack. Go tests against FerretDB's own Next: dossier_batch_test.go (run by
// tests/integration/database-go.test.ts).
//
// DOSSIER_READ=off or DOSSIER_READ_BATCH=off: one row at a time, as FerretDB does.
// DOSSIER_READ_BREAK=batch hands out the first two documents of every batch decoded on more than
// one goroutine the wrong way round, on purpose: tests/integration/database-read-differential.test.ts
// must notice, which also proves those batches were decoded in parallel.
package sqlite

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"

	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/handler/sjson"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/iterator"
	"github.com/FerretDB/FerretDB/internal/util/lazyerrors"
)

const (
	// dossierBatchMax is the most rows read ahead: ~64 × a few KB of JSON.
	dossierBatchMax = 64
	// dossierBatchSplit is the fewest rows a goroutine decodes: a batch of fewer than twice as many is decoded by one.
	dossierBatchSplit = 4
)

var (
	dossierBatchOff     = os.Getenv("DOSSIER_READ") == "off" || os.Getenv("DOSSIER_READ_BATCH") == "off"
	dossierBatchBreak   = os.Getenv("DOSSIER_READ_BREAK") == "batch"
	dossierBatchWorkers = min(runtime.GOMAXPROCS(0), 4)
)

func init() {
	if !dossierBatchOff {
		// One line in FerretDB's log: the differential test checks that the switch took effect.
		fmt.Fprintf(os.Stderr, "dossier sqlite-read-5: a find's rows decoded in batches on up to %d goroutines\n", dossierBatchWorkers)
	}
}

// dossierRow is one row as read: its record id and its JSON (a copy owned by the batch).
type dossierRow struct {
	id int64
	b  []byte
}

// dossierDecoded is one row decoded, or the error decoding it gave.
type dossierDecoded struct {
	doc *types.Document
	err error
}

// dossierBatch is the rows of a query iterator read ahead and decoded.
type dossierBatch struct {
	rows []dossierRow
	out  []dossierDecoded
	pos  int
	size int
	// end is the rows' end (iterator.ErrIteratorDone) or failure, returned once out is handed out.
	end error
}

// dossierNewBatch is the batch of a query iterator that decodes documents, or nil (FerretDB's own Next).
func dossierNewBatch(onlyRecordIDs bool) *dossierBatch {
	if dossierBatchOff || onlyRecordIDs {
		return nil
	}
	return &dossierBatch{size: 1}
}

// dossierNext is Next with the batch; the caller holds iter.m.
func (iter *queryIterator) dossierNext() (struct{}, *types.Document, error) {
	var unused struct{}
	b := iter.dossierBatch

	if b.pos == len(b.out) {
		if iter.rows == nil {
			err := b.end
			b.end = nil
			if err == nil {
				err = iterator.ErrIteratorDone
			}
			return unused, nil, err
		}
		if err := context.Cause(iter.ctx); err != nil {
			iter.close()
			return unused, nil, lazyerrors.Error(err)
		}
		iter.dossierFill()
		if len(b.out) == 0 {
			err := b.end
			b.end = nil
			return unused, nil, err
		}
	} else if err := context.Cause(iter.ctx); err != nil {
		iter.dossierDrop()
		return unused, nil, lazyerrors.Error(err)
	}

	d := b.out[b.pos]
	b.out[b.pos] = dossierDecoded{}
	b.pos++

	if d.err != nil {
		iter.dossierDrop()
		return unused, nil, d.err
	}

	return unused, d.doc, nil
}

// dossierDrop ends the iterator at once: the rows closed, nothing read ahead handed out.
func (iter *queryIterator) dossierDrop() {
	iter.close()
	b := iter.dossierBatch
	clear(b.out)
	b.out, b.pos, b.end = b.out[:0], 0, nil
}

// dossierFill reads the next batch of rows and decodes them; the caller holds iter.m and iter.rows is open.
func (iter *queryIterator) dossierFill() {
	b := iter.dossierBatch
	b.rows, b.out, b.pos = b.rows[:0], b.out[:0], 0

	for len(b.rows) < b.size {
		if !iter.rows.Next() {
			err := iter.rows.Err()
			iter.close()
			if err == nil {
				err = iterator.ErrIteratorDone
			}
			b.end = lazyerrors.Error(err)
			break
		}

		columns, err := iter.rows.Columns()
		if err != nil {
			iter.close()
			b.end = lazyerrors.Error(err)
			break
		}

		var r dossierRow
		var dest []any

		switch {
		case slices.Equal(columns, []string{metadata.RecordIDColumn, metadata.DefaultColumn}):
			dest = []any{&r.id, &r.b}
		case slices.Equal(columns, []string{metadata.DefaultColumn}):
			dest = []any{&r.b}
		default:
			panic(fmt.Sprintf("cannot scan unknown columns: %v", columns))
		}

		// Scan into *[]byte copies the row's bytes: they outlive the next rows.Next.
		if err = iter.rows.Scan(dest...); err != nil {
			iter.close()
			b.end = lazyerrors.Error(err)
			break
		}

		b.rows = append(b.rows, r)
	}

	n := len(b.rows)
	b.out = slices.Grow(b.out, n)[:n]
	iter.dossierDecode()

	for i := range b.out {
		if b.out[i].err != nil {
			// A document that cannot be decoded ends the answer in its place.
			clear(b.out[i+1:])
			b.out = b.out[:i+1]
			b.end = nil
			break
		}
	}

	for i := range b.rows {
		b.rows[i].b = nil
	}

	b.size = min(b.size*2, dossierBatchMax)
}

// dossierDecode decodes b.rows into b.out, on more than one goroutine when the batch is large enough.
func (iter *queryIterator) dossierDecode() {
	b := iter.dossierBatch
	n := len(b.rows)

	defer func() {
		if p := recover(); p != nil {
			iter.dossierDrop()
			b.end = lazyerrors.Errorf("decoding a stored document panicked: %v", p)
			panic(p)
		}
	}()

	decode := func(i int) {
		r := b.rows[i]
		doc, err := sjson.DossierUnmarshalPaths(r.b, iter.dossierPaths)
		if err != nil {
			b.out[i] = dossierDecoded{err: lazyerrors.Error(err)}
			return
		}
		doc.SetRecordID(r.id)
		b.out[i] = dossierDecoded{doc: doc}
	}

	workers := min(dossierBatchWorkers, n/dossierBatchSplit)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			decode(i)
		}
		return
	}

	var wg sync.WaitGroup
	var m sync.Mutex
	var panicked any

	for w := 1; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			defer func() {
				if p := recover(); p != nil {
					m.Lock()
					panicked = fmt.Sprintf("%v\n\n(in a goroutine decoding a batch of rows:)\n%s", p, debug.Stack())
					m.Unlock()
				}
			}()
			for i := w; i < n; i += workers {
				decode(i)
			}
		}(w)
	}

	func() {
		// Waited for even when this goroutine's own part panics: nothing writes b.out after return.
		defer wg.Wait()
		for i := 0; i < n; i += workers {
			decode(i)
		}
	}()

	if panicked != nil {
		panic(panicked)
	}

	if dossierBatchBreak && b.out[0].err == nil && b.out[1].err == nil {
		b.out[0], b.out[1] = b.out[1], b.out[0]
	}
}
