// Package cite writes citations of case studies in BibTeX, RIS and CSL-JSON.
// It imports none of Casebook's packages: callers fill a Work per case.
//
// Every entry names the title, the publisher ("Casebook" unless set), the
// URL, the year, the content version and the date accessed, so a citation
// leads back to the exact files that were read.
package cite

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// DefaultPublisher is the publisher named when a Work leaves Publisher empty.
const DefaultPublisher = "Casebook"

// Work is one cited case study.
type Work struct {
	Key           string    // citation key wish, such as the case slug; made safe and unique per output
	Title         string    // the case study's title
	URL           string    // absolute URL of the case page
	Summary       string    // abstract; optional
	Year          int       // year of the work; 0 leaves it out
	Authors       []string  // people, "Family, Given" or "Given Family"; optional
	Organisations []string  // corporate authors, each kept whole; optional
	Keywords      []string  // optional
	Publisher     string    // DefaultPublisher when empty
	Version       string    // content version, such as "3f2a9c1"; optional
	Accessed      time.Time // when the work was read; zero leaves it out
}

// Format is one citation format as served over HTTP.
type Format struct {
	Name      string // the ?format= value: "bibtex", "ris" or "csljson"
	MediaType string // the Content-Type to serve it with
	Extension string // file name extension, with the dot
	Write     func(w io.Writer, works []Work) error
}

// Formats lists the citation formats in the order pages offer them.
var Formats = []Format{
	{Name: "bibtex", MediaType: "application/x-bibtex; charset=utf-8", Extension: ".bib", Write: BibTeX},
	{Name: "ris", MediaType: "application/x-research-info-systems; charset=utf-8", Extension: ".ris", Write: RIS},
	{Name: "csljson", MediaType: "application/vnd.citationstyles.csl+json; charset=utf-8", Extension: ".json", Write: CSLJSON},
}

// Lookup returns the format named name (as in ?format=), and whether there is one.
func Lookup(name string) (Format, bool) {
	for _, f := range Formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// publisher returns w's publisher, DefaultPublisher when unset.
func (w Work) publisher() string {
	if p := oneLine(w.Publisher); p != "" {
		return p
	}
	return DefaultPublisher
}

// versionNote is the human-readable note naming the content version.
func (w Work) versionNote() string {
	if v := oneLine(w.Version); v != "" {
		return "Content version " + v
	}
	return ""
}

// writeEach writes one entry per work through a buffer, each under its
// unique key, with sep between entries.
func writeEach(w io.Writer, works []Work, sep string, entry func(bw *bufio.Writer, key string, w Work)) error {
	bw := bufio.NewWriter(w)
	for i, key := range keys(works) {
		if i > 0 {
			bw.WriteString(sep)
		}
		entry(bw, key, works[i])
	}
	return bw.Flush()
}

// keys returns one citation key per work: the work's Key reduced to
// letters, digits and "-_:.", "case" when nothing is left, with a numeric
// suffix ("-2", "-3", ...) where it would repeat an earlier key.
func keys(works []Work) []string {
	out := make([]string, len(works))
	seen := make(map[string]bool, len(works))
	for i, w := range works {
		base := safeKey(w.Key)
		k := base
		for n := 2; seen[k]; n++ {
			k = base + "-" + strconv.Itoa(n)
		}
		seen[k] = true
		out[i] = k
	}
	return out
}

// safeKey keeps the ASCII letters, digits and "-_:." of s.
func safeKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_:.", r)) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "case"
	}
	return b.String()
}

// oneLine collapses every run of white space in s (line breaks, tabs,
// Unicode separators) into one space and trims the ends, so no field of any
// format can break a line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// nonEmpty returns the one-line forms of the non-blank values in list.
func nonEmpty(list []string) []string {
	var out []string
	for _, s := range list {
		if s = oneLine(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
