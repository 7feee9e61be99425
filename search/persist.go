package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bolt "go.etcd.io/bbolt"

	"github.com/casebook/casebook/catalog"
)

// An index kept on disk (casebook serve --index DIR) holds, besides bleve's
// own files, these internal values:
//
//	casebook.schema    hash of the index format: formatVersion and the mapping
//	casebook.manifest  every case's slug and the hash of its indexed document
//	casebook.content   hash of the schema and the manifest
//	casebook.complete  "1", written in the last batch of a build or update
//
// Open reuses the index when the content hash matches, updates only the
// documents whose hash changed, and rebuilds from scratch when the index
// cannot be opened, has another schema, or lacks the complete marker (a
// process that died while building or updating).
var (
	keySchema   = []byte("casebook.schema")
	keyManifest = []byte("casebook.manifest")
	keyContent  = []byte("casebook.content")
	keyComplete = []byte("casebook.complete")
)

// formatVersion changes whenever what is indexed changes in a way the
// mapping and the documents' contents do not show (say, an analyzer's code),
// so that old indexes are rebuilt.
const formatVersion = "casebook-index-1"

// boltTimeout is how long Open waits for an index another process holds.
const boltTimeout = "1s"

// runtimeConfig is scorch's configuration for an index on disk: a bounded
// wait for the file lock. Batches stay safe (each returns once it is on
// disk), so an update is durable when it returns.
func runtimeConfig() map[string]any {
	return map[string]any{"bolt_timeout": boltTimeout}
}

// bleve's files in an index folder; Open deletes only these.
var bleveFiles = []string{"index_meta.json", "index_meta.json_temp", "store"}

// OpenStats says what Open found and did.
type OpenStats struct {
	Reused  bool   // the index on disk matched the catalogue: nothing indexed
	Rebuilt string // why the index was built from scratch, or ""
	Stats          // documents added, changed and removed
}

// diskState is what a persistent Index knows of its files.
type diskState struct {
	dir    string
	schema []byte
	hashes map[string][sha256.Size]byte // slug -> document hash
}

// Open returns an index of cat kept in dir, which is created if needed. An
// index already there is reused if it indexes exactly cat, updated if some
// cases changed, and rebuilt if it is unusable. An index that another
// process holds open is an error, after about a second.
func Open(cat *catalog.Catalog, dir string) (*Index, error) {
	m, err := indexMapping()
	if err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	mj, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	schema := sha256.Sum256(append([]byte(formatVersion+"\n"), mj...))
	hashes := (&Index{cat: cat}).documentHashes(cat.Cases)
	want := &diskState{dir: dir, schema: schema[:], hashes: hashes}

	idx, reason, err := openExisting(dir, want)
	if err != nil {
		return nil, err
	}
	if idx == nil {
		return build(cat, dir, want, reason)
	}
	ix, err := newIndex(cat, idx)
	if err != nil {
		idx.Close()
		return nil, err
	}
	ix.disk = want
	content, _ := idx.GetInternal(keyContent)
	if bytes.Equal(content, want.contentHash()) {
		if n, err := idx.DocCount(); err != nil || n != uint64(len(cat.Cases)) {
			ix.Close()
			return build(cat, dir, want, "document count does not match the manifest")
		}
		ix.opened = OpenStats{Reused: true}
		return ix, nil
	}
	stored, err := idx.GetInternal(keyManifest)
	old, perr := parseManifest(stored)
	if err != nil || perr != nil {
		ix.Close()
		return build(cat, dir, want, "unreadable manifest")
	}
	st, err := ix.applyChanges(old, want)
	if err != nil {
		ix.Close()
		return build(cat, dir, want, "update failed: "+err.Error())
	}
	ix.opened = OpenStats{Stats: st}
	return ix, nil
}

// openExisting opens the index in dir if it is there and complete, with
// the wanted schema. It returns a nil index and the reason when the index
// must be built; an error only when another process holds the index.
func openExisting(dir string, want *diskState) (bleve.Index, string, error) {
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err != nil {
		return nil, "new index", nil
	}
	idx, err := bleve.OpenUsing(dir, runtimeConfig())
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, "", fmt.Errorf("the index in %s is in use by another process", dir)
		}
		return nil, "cannot open: " + err.Error(), nil
	}
	reason := ""
	if v, err := idx.GetInternal(keyComplete); err != nil || string(v) != "1" {
		reason = "incomplete (a build or update was interrupted)"
	} else if v, err := idx.GetInternal(keySchema); err != nil || !bytes.Equal(v, want.schema) {
		reason = "index format changed"
	}
	if reason != "" {
		idx.Close()
		return nil, reason, nil
	}
	return idx, "", nil
}

// build indexes every case of cat into a new index in dir, replacing
// whatever index was there.
func build(cat *catalog.Catalog, dir string, want *diskState, reason string) (*Index, error) {
	for _, name := range bleveFiles {
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			return nil, fmt.Errorf("remove old index: %w", err)
		}
	}
	im, err := indexMapping()
	if err != nil {
		return nil, err
	}
	idx, err := bleve.NewUsing(dir, im, scorch.Name, scorch.Name, runtimeConfig())
	if err != nil {
		return nil, fmt.Errorf("create index in %s: %w", dir, err)
	}
	ix, err := newIndex(cat, idx)
	if err != nil {
		idx.Close()
		return nil, err
	}
	ix.disk = want
	st, err := ix.applyChanges(nil, want)
	if err != nil {
		ix.Close()
		return nil, err
	}
	ix.opened = OpenStats{Rebuilt: reason, Stats: st}
	return ix, nil
}

// applyChanges brings the index from the documents in old (slug -> hash;
// nil for an empty index) to want: it removes the complete marker, indexes
// what is new or changed, deletes what is gone, and in the last batch
// writes the schema, manifest, content hash and the marker.
func (ix *Index) applyChanges(old map[string][sha256.Size]byte, want *diskState) (Stats, error) {
	var st Stats
	var changed []*catalog.Case
	for _, c := range ix.cat.Cases {
		prev, ok := old[c.Slug]
		switch {
		case !ok:
			st.Added++
		case prev != want.hashes[c.Slug]:
			st.Changed++
		default:
			continue
		}
		changed = append(changed, c)
	}
	var removed []string
	for slug := range old {
		if _, ok := want.hashes[slug]; !ok {
			removed = append(removed, slug)
		}
	}
	sort.Strings(removed)
	st.Removed = len(removed)

	if old != nil {
		// Anything from here on may be cut short: without the marker the
		// next start rebuilds.
		b := ix.idx.NewBatch()
		b.DeleteInternal(keyComplete)
		if err := ix.idx.Batch(b); err != nil {
			return st, fmt.Errorf("index batch: %w", err)
		}
	}
	if err := ix.addCases(changed); err != nil {
		return st, err
	}
	b := ix.idx.NewBatch()
	for _, slug := range removed {
		b.Delete(slug)
	}
	want.writeTo(b)
	if err := ix.idx.Batch(b); err != nil {
		return st, fmt.Errorf("index batch: %w", err)
	}
	return st, nil
}

// writeTo adds the schema, manifest, content hash and complete marker to b.
func (d *diskState) writeTo(b *bleve.Batch) {
	b.SetInternal(keySchema, d.schema)
	b.SetInternal(keyManifest, d.manifest())
	b.SetInternal(keyContent, d.contentHash())
	b.SetInternal(keyComplete, []byte("1"))
}

// updated returns the state after an Update that indexed changed cases and
// deleted removed slugs, and adds its internal values to the update's batch,
// so that the files always describe the documents they hold.
func (d *diskState) updated(b *bleve.Batch, ix *Index, changed []*catalog.Case, removed []string) *diskState {
	if d == nil {
		return nil
	}
	next := &diskState{dir: d.dir, schema: d.schema, hashes: make(map[string][sha256.Size]byte, len(d.hashes))}
	for slug, h := range d.hashes {
		next.hashes[slug] = h
	}
	for _, slug := range removed {
		delete(next.hashes, slug)
	}
	for slug, h := range ix.documentHashes(changed) {
		next.hashes[slug] = h
	}
	next.writeTo(b)
	return next
}

// manifest encodes the slugs and document hashes, sorted by slug.
func (d *diskState) manifest() []byte {
	slugs := make([]string, 0, len(d.hashes))
	for s := range d.hashes {
		slugs = append(slugs, s)
	}
	sort.Strings(slugs)
	out := make([]byte, 0, len(slugs)*(40+sha256.Size))
	for _, s := range slugs {
		out = binary.AppendUvarint(out, uint64(len(s)))
		out = append(out, s...)
		h := d.hashes[s]
		out = append(out, h[:]...)
	}
	return out
}

func parseManifest(data []byte) (map[string][sha256.Size]byte, error) {
	out := map[string][sha256.Size]byte{}
	for len(data) > 0 {
		n, k := binary.Uvarint(data)
		if k <= 0 || n > uint64(len(data)) || uint64(len(data)-k) < n+sha256.Size {
			return nil, errors.New("corrupt manifest")
		}
		data = data[k:]
		slug := string(data[:n])
		var h [sha256.Size]byte
		copy(h[:], data[n:n+sha256.Size])
		out[slug] = h
		data = data[n+sha256.Size:]
	}
	return out, nil
}

// contentHash identifies the whole index: its schema and every document.
func (d *diskState) contentHash() []byte {
	h := sha256.New()
	h.Write(d.schema)
	h.Write(d.manifest())
	return h.Sum(nil)
}

// documentHashes hashes the indexed document of each case, on all CPUs.
// The hash covers exactly what is indexed, so a change to a factor's name
// changes the hash of every case that shows it.
func (ix *Index) documentHashes(cases []*catalog.Case) map[string][sha256.Size]byte {
	sums := make([][sha256.Size]byte, len(cases))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(cases)))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := sha256.New()
			enc := json.NewEncoder(h)
			for i := w; i < len(cases); i += workers {
				h.Reset()
				if err := enc.Encode(ix.document(cases[i])); err != nil {
					panic(err) // a document is strings and numbers
				}
				h.Sum(sums[i][:0])
			}
		}()
	}
	wg.Wait()
	out := make(map[string][sha256.Size]byte, len(cases))
	for i, c := range cases {
		out[c.Slug] = sums[i]
	}
	return out
}

// OpenStats says what Open did: reused, updated or rebuilt the index. It is
// zero for an index from New.
func (ix *Index) OpenStats() OpenStats { return ix.opened }
