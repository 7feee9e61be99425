package search

import (
	"fmt"

	"github.com/casebook/casebook/catalog"
)

// Update returns an index for cat that shares ix's bleve index, changing
// only the documents whose case or factors changed since ix's catalogue
// (cases are compared by identity, as a reload re-parses only changed
// files). The changes land in one batch, so a reader sees all of them or
// none; ix stays usable for requests already running but must not be
// closed separately from the result.
func (ix *Index) Update(cat *catalog.Catalog) (*Index, Stats, error) {
	old := ix.cat
	next, err := newIndex(cat, ix.idx)
	if err != nil {
		return nil, Stats{}, err
	}
	var st Stats
	var changed []*catalog.Case
	var removed []string
	b := ix.idx.NewBatch()
	for _, c := range cat.Cases {
		prev, ok := old.Case(c.Slug)
		if ok && prev == c && !factorsChanged(old, cat, c) {
			continue
		}
		if err := b.Index(c.Slug, next.document(c)); err != nil {
			return nil, Stats{}, fmt.Errorf("index %s: %w", c.Path, err)
		}
		changed = append(changed, c)
		if ok {
			st.Changed++
		} else {
			st.Added++
		}
	}
	for _, c := range old.Cases {
		if _, ok := cat.Case(c.Slug); !ok {
			b.Delete(c.Slug)
			removed = append(removed, c.Slug)
			st.Removed++
		}
	}
	// An index on disk records the new document hashes in the same batch.
	next.disk = ix.disk.updated(b, next, changed, removed)
	if b.Size() > 0 {
		if err := ix.idx.Batch(b); err != nil {
			return nil, Stats{}, fmt.Errorf("index batch: %w", err)
		}
	}
	return next, st, nil
}

// Stats counts what an update changed.
type Stats struct {
	Added, Changed, Removed int
}

// factorsChanged reports whether any factor of c differs between catalogues,
// which changes the factor names indexed with c.
func factorsChanged(old, cat *catalog.Catalog, c *catalog.Case) bool {
	for _, slug := range c.Factors {
		a, _ := old.Factor(slug)
		b, _ := cat.Factor(slug)
		if a != b {
			return true
		}
	}
	return false
}
