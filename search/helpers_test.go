package search

import (
	"context"
	"testing"
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
