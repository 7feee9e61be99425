package catalog

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// VersionLen is the number of hex digits of a content version.
const VersionLen = 7

// Version is the content version of the catalogue in fsys: a short hash
// (VersionLen hex digits) over the path and bytes of every file Load reads
// (cases, factors and synonyms.yaml), in path order. It changes when any of
// those files changes, appears or goes, and only then; other files (such as
// a README) do not count.
func Version(fsys fs.FS) (string, error) {
	sums := map[string][sha256.Size]byte{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil && p != "." && errors.Is(err, fs.ErrNotExist):
			return nil // gone while walking: it no longer counts
		case err != nil:
			return err
		case d.IsDir():
			if p != "." && (strings.HasPrefix(d.Name(), ".") || !strings.HasPrefix(p+"/", "cases/") && !strings.HasPrefix(p+"/", "factors/")) {
				return fs.SkipDir
			}
			return nil
		case !IsContentPath(p):
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sums[p] = sha256.Sum256(data)
		return nil
	})
	if err != nil {
		return "", err
	}
	return VersionOfSums(sums), nil
}

// VersionOfSums is the content version of files given by the SHA-256 sum of
// each one's bytes, keyed by its path relative to the catalogue root: the
// same value Version computes, for callers that already hold the sums (such
// as an incremental loader).
func VersionOfSums(sums map[string][sha256.Size]byte) string {
	h := sha256.New()
	var n [8]byte
	for _, p := range slices.Sorted(maps.Keys(sums)) {
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write([]byte(p))
		sum := sums[p]
		h.Write(sum[:])
	}
	return hex.EncodeToString(h.Sum(nil))[:VersionLen]
}

// Version is the content version of the files as the tree last read them
// (see Version): the same files give the same version as Version(fsys).
func (t *Tree) Version() string {
	sums := make(map[string][sha256.Size]byte, len(t.files))
	for p, f := range t.files {
		if f.sum != ([sha256.Size]byte{}) {
			sums[p] = f.sum
		}
	}
	return VersionOfSums(sums)
}

// validVersionName is what a named content version may be: a commit, tag or date.
var validVersionName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$`)

// CheckVersionName checks a content version that a deployment names
// itself (such as the content repository's commit); "" is fine.
func CheckVersionName(v string) error {
	if v != "" && !validVersionName.MatchString(v) {
		return fmt.Errorf("%q: use up to 64 letters, digits and . _ + -, such as a commit", v)
	}
	return nil
}
