package cite

import (
	"encoding/json"
	"io"
	"strings"
)

// cslItem is one CSL-JSON item (the citeproc input format).
type cslItem struct {
	ID             string    `json:"id"`
	Type           string    `json:"type"`
	Title          string    `json:"title,omitempty"`
	Author         []cslName `json:"author,omitempty"`
	Issued         *cslDate  `json:"issued,omitempty"`
	Accessed       *cslDate  `json:"accessed,omitempty"`
	ContainerTitle string    `json:"container-title"`
	Publisher      string    `json:"publisher"`
	URL            string    `json:"URL,omitempty"`
	Version        string    `json:"version,omitempty"`
	Note           string    `json:"note,omitempty"`
	Abstract       string    `json:"abstract,omitempty"`
	Keyword        string    `json:"keyword,omitempty"`
}

// cslName is a CSL name: family and given parts, or a literal for
// organisations and names that cannot be split safely.
type cslName struct {
	Family  string `json:"family,omitempty"`
	Given   string `json:"given,omitempty"`
	Literal string `json:"literal,omitempty"`
}

// cslDate is a CSL date as date-parts: [[year]] or [[year, month, day]].
type cslDate struct {
	DateParts [][]int `json:"date-parts"`
}

// CSLJSON writes works as a CSL-JSON array of "webpage" items with id,
// title, author, issued (the year), accessed, container-title and publisher
// (the publisher), URL, version (the content version), note, abstract and
// keyword. Text goes through encoding/json, so any title survives.
func CSLJSON(w io.Writer, works []Work) error {
	items := make([]cslItem, len(works))
	for i, key := range keys(works) {
		items[i] = cslFor(key, works[i])
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(items)
}

// cslFor builds the CSL item of one work.
func cslFor(key string, w Work) cslItem {
	it := cslItem{
		ID:             key,
		Type:           "webpage",
		Title:          oneLine(w.Title),
		ContainerTitle: w.publisher(),
		Publisher:      w.publisher(),
		URL:            oneLine(w.URL),
		Version:        oneLine(w.Version),
		Note:           w.versionNote(),
		Abstract:       oneLine(w.Summary),
		Keyword:        strings.Join(nonEmpty(w.Keywords), ", "),
	}
	for _, a := range nonEmpty(w.Authors) {
		family, given, ok := strings.Cut(a, ",")
		if ok && strings.TrimSpace(family) != "" {
			it.Author = append(it.Author, cslName{Family: strings.TrimSpace(family), Given: strings.TrimSpace(given)})
		} else {
			it.Author = append(it.Author, cslName{Literal: a})
		}
	}
	for _, o := range nonEmpty(w.Organisations) {
		it.Author = append(it.Author, cslName{Literal: o})
	}
	if w.Year != 0 {
		it.Issued = &cslDate{DateParts: [][]int{{w.Year}}}
	}
	if !w.Accessed.IsZero() {
		y, m, d := w.Accessed.Date()
		it.Accessed = &cslDate{DateParts: [][]int{{y, int(m), d}}}
	}
	return it
}
