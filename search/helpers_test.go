package search

import (
	"context"
	"io/fs"
	"testing"

	"github.com/casebook/casebook/catalog"
)

// mustSearch runs q on ix and stops the test on an error.
func (ix *Index) mustSearch(tb testing.TB, q Query) *Response {
	tb.Helper()
	resp, err := ix.Search(context.Background(), q)
	if err != nil {
		tb.Fatal(err)
	}
	return resp
}

// loadIndex loads the catalogue in fsys and builds its in-memory index.
func loadIndex(fsys fs.FS) (*Index, error) {
	cat, err := catalog.Load(fsys)
	if err != nil {
		return nil, err
	}
	return New(cat)
}
