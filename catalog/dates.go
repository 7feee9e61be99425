package catalog

import (
	"cmp"
	"strings"
	"time"
)

// AddedAt is when the case entered the catalogue: its added date, else
// 1 January of the year it started. Feeds publish a case at this time.
func (c *Case) AddedAt() time.Time {
	if t, err := time.Parse(DateLayout, c.Added); err == nil {
		return t
	}
	return time.Date(c.Year, time.January, 1, 0, 0, 0, 0, time.UTC)
}

// UpdatedAt is the newer of AddedAt and the reviewed date.
func (c *Case) UpdatedAt() time.Time {
	added := c.AddedAt()
	if t, err := time.Parse(DateLayout, c.Reviewed); err == nil && t.After(added) {
		return t
	}
	return added
}

// CompareRecentlyAdded orders cases by AddedAt, the most recently added
// first, then by title and slug, so that equal dates keep a fixed order.
func CompareRecentlyAdded(a, b *Case) int {
	return cmp.Or(b.AddedAt().Compare(a.AddedAt()), strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)), strings.Compare(a.Slug, b.Slug))
}
