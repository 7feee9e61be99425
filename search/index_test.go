package search

import (
	"context"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/corpus"
)

// TestAddBatches: a catalogue of several index batches, built two at a
// time, is indexed whole.
func TestAddBatches(t *testing.T) {
	cat, err := catalog.Load(corpus.Generate(95, 3).FS())
	if err != nil {
		t.Fatal(err)
	}
	m, err := indexMapping()
	if err != nil {
		t.Fatal(err)
	}
	idx, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := newIndex(cat, idx)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.addBatches(cat.Cases, 10); err != nil {
		t.Fatal(err)
	}
	n, err := ix.Count(context.Background(), Query{})
	if err != nil || n != len(cat.Cases) || n != 95 {
		t.Errorf("indexed %d of %d cases (%v)", n, len(cat.Cases), err)
	}
}
