package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bolt "go.etcd.io/bbolt"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/parallel"
)

// An index folder (casebook index --out DIR, casebook serve --index DIR) is
// shared by every process on the host that serves from it. It holds one
// bleve index per content version, each in a folder named after the hash of
// what it indexes:
//
//	DIR/v-<hash>/   a complete index, never written again once in place
//	DIR/.tmp-*/     a build in progress (holds casebook.lock while it runs)
//	DIR/.trash-*/   a version being deleted
//
// A version folder holds, besides bleve's own files, these internal values:
//
//	casebook.schema    hash of the index format: formatVersion and the mapping
//	casebook.manifest  every case's slug and the hash of its indexed document
//	casebook.content   hash of the schema and the manifest
//	casebook.complete  "1", written in the last batch of a build
//
// Open opens the version of its catalogue read-only, so any number of
// processes share it. When the version is missing it is built in a .tmp
// folder beside it, starting from a copy of the newest other version (so
// only changed cases are indexed), and renamed into place in one step: a
// process never sees a half-built index, and an index being read is never
// written. Versions no process holds open are deleted, except the newest
// keepVersions.
var (
	keySchema   = []byte("casebook.schema")
	keyManifest = []byte("casebook.manifest")
	keyContent  = []byte("casebook.content")
	keyComplete = []byte("casebook.complete")
)

// formatVersion changes whenever what is indexed changes in a way the
// mapping and the documents' contents do not show (say, an analyzer's code),
// so that old indexes are rebuilt.
const formatVersion = "casebook-index-2"

// boltTimeout is how long opening an index waits for a lock another
// process holds (bleve waits forever without it).
const boltTimeout = "1s"

// openAttempts bounds how often Open starts over when the version it
// looked at was deleted or replaced under it.
const openAttempts = 4

// runtimeConfig is scorch's configuration for building an index on disk: a
// bounded wait for the file lock. Batches are safe (each returns once it is
// on disk).
func runtimeConfig() map[string]any {
	return map[string]any{"bolt_timeout": boltTimeout}
}

// readOnlyConfig opens a built version for reading, sharing it with other
// processes. Nothing is ever written to it: an Update (a live reload) keeps
// its changes in memory, which is why batches must not wait to be persisted.
func readOnlyConfig() map[string]any {
	return map[string]any{"bolt_timeout": boltTimeout, "read_only": true, "unsafe_batch": true}
}

// OpenStats says what Open or Build found and did.
type OpenStats struct {
	Reused  bool   // the index on disk matched the catalogue: nothing indexed
	Rebuilt string // why the index was built from scratch, or ""
	Dir     string // the version folder served
	Stats          // documents added, changed and removed
}

// diskState is what a persistent Index knows of its files.
type diskState struct {
	dir    string // the version folder
	schema []byte
	hashes map[string][sha256.Size]byte // slug -> document hash
}

// errRetry marks a failure to open a version that starting over may cure:
// the version was deleted, replaced or locked while Open looked at it.
var errRetry = errors.New("the index changed while it was being opened")

// Open returns a read-only index of cat from the index folder root, which
// is created if needed. The version of cat's content is reused when it is
// there, and otherwise built first (see Build). Any number of processes may
// open the same folder at the same time.
func Open(cat *catalog.Catalog, root string) (*Index, error) {
	want, err := wantedState(cat, root)
	if err != nil {
		return nil, err
	}
	var last error
	for range openAttempts {
		st, built, err := ensure(cat, root, want)
		if err != nil {
			return nil, err
		}
		ix, err := openVersion(cat, want)
		if err == nil {
			ix.opened = st
			if built {
				prune(root, want.dir)
			}
			return ix, nil
		}
		last = err
		if !errors.Is(err, errRetry) {
			// A damaged version: set it aside (unless someone serves it) and build it again.
			removeIfUnused(root, want.dir)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return nil, fmt.Errorf("cannot open the index in %s: %w", root, last)
}

// Build makes sure the index folder root holds a complete version of cat's
// content, building it if it is missing, and deletes old versions no process
// holds open (keeping the newest two). It is casebook index's work; a server
// then opens the version with Open.
func Build(cat *catalog.Catalog, root string) (OpenStats, error) {
	want, err := wantedState(cat, root)
	if err != nil {
		return OpenStats{}, err
	}
	st, _, err := ensure(cat, root, want)
	if err != nil {
		return st, err
	}
	prune(root, want.dir)
	return st, nil
}

// wantedState hashes the schema and every document of cat, which names the
// version folder of cat's content in root.
func wantedState(cat *catalog.Catalog, root string) (*diskState, error) {
	m, err := indexMapping()
	if err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	mj, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	schema := sha256.Sum256(append([]byte(formatVersion+"\n"), mj...))
	want := &diskState{schema: schema[:], hashes: (&Index{cat: cat}).documentHashes(cat.Cases)}
	want.dir = filepath.Join(root, versionPrefix+hex.EncodeToString(want.contentHash()[:12]))
	return want, nil
}

// buildInto builds want's index in the empty folder tmp: from a copy of the
// version folder seed when it has the same schema (indexing only what
// changed), else from scratch.
func buildInto(cat *catalog.Catalog, tmp, seed string, want *diskState) (OpenStats, error) {
	var idx bleve.Index
	var old map[string][sha256.Size]byte
	reason := "new index"
	if seed != "" {
		idx, old, reason = openSeed(seed, tmp, want)
	}
	if idx == nil {
		im, err := indexMapping()
		if err != nil {
			return OpenStats{}, err
		}
		if idx, err = bleve.NewUsing(tmp, im, scorch.Name, scorch.Name, runtimeConfig()); err != nil {
			return OpenStats{}, fmt.Errorf("create index in %s: %w", tmp, err)
		}
	}
	ix, err := newIndex(cat, idx)
	if err != nil {
		idx.Close()
		return OpenStats{}, err
	}
	st, err := ix.applyChanges(old, want)
	if cerr := ix.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close the new index: %w", cerr)
	}
	if err != nil {
		return OpenStats{}, err
	}
	if old != nil {
		return OpenStats{Stats: st}, nil
	}
	return OpenStats{Rebuilt: reason, Stats: st}, nil
}

// openVersion opens want's version folder read-only and checks that it is
// complete and indexes exactly want's documents.
func openVersion(cat *catalog.Catalog, want *diskState) (*Index, error) {
	idx, err := bleve.OpenUsing(want.dir, readOnlyConfig())
	if err != nil {
		if _, serr := os.Stat(want.dir); serr != nil || errors.Is(err, bolt.ErrTimeout) {
			return nil, fmt.Errorf("%w: %v", errRetry, err)
		}
		return nil, err
	}
	problem := ""
	if v, err := idx.GetInternal(keyComplete); err != nil || string(v) != "1" {
		problem = "incomplete"
	} else if v, err := idx.GetInternal(keyContent); err != nil || !bytes.Equal(v, want.contentHash()) {
		problem = "holds other content"
	} else if n, err := idx.DocCount(); err != nil || n != uint64(len(want.hashes)) {
		problem = "document count does not match the manifest"
	}
	if problem != "" {
		idx.Close()
		return nil, fmt.Errorf("the index in %s is damaged: %s", want.dir, problem)
	}
	ix, err := newIndex(cat, idx)
	if err != nil {
		idx.Close()
		return nil, err
	}
	ix.disk = want
	return ix, nil
}

// applyChanges brings the index from the documents in old (slug -> hash;
// nil for an empty index) to want: it indexes what is new or changed,
// deletes what is gone, and in the last batch writes the schema, manifest,
// content hash and the complete marker.
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
	parallel.For(len(cases), 0, func(i int) {
		h := sha256.New()
		d := ix.document(cases[i])
		hashDocument(h, &d)
		h.Sum(sums[i][:0])
	})
	out := make(map[string][sha256.Size]byte, len(cases))
	for i, c := range cases {
		out[c.Slug] = sums[i]
	}
	return out
}

// OpenStats says what Open did: reused or built the index. It is zero for an
// index from New.
func (ix *Index) OpenStats() OpenStats { return ix.opened }
