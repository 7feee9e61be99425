package cite

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
)

// BibTeX writes works as @misc entries that both BibTeX and biblatex read:
// title (braced so styles keep its capitals), author (organisations braced
// whole, so "Health and Long-Term Care" is one name), year, publisher and
// howpublished (the publisher), url, urldate (the date accessed), version
// and a note naming the content version, abstract and keywords. Text is
// UTF-8 with the characters TeX treats specially escaped.
func BibTeX(w io.Writer, works []Work) error {
	return writeEach(w, works, "\n", writeBibEntry)
}

// writeBibEntry writes one @misc entry.
func writeBibEntry(bw *bufio.Writer, key string, w Work) {
	fmt.Fprintf(bw, "@misc{%s,\n", key)
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(bw, "  %s = {%s},\n", name, value)
		}
	}
	if t := oneLine(w.Title); t != "" {
		field("title", "{"+texEscape(t)+"}")
	}
	field("author", bibNames(w))
	if w.Year != 0 {
		field("year", strconv.Itoa(w.Year))
	}
	field("publisher", texEscape(w.publisher()))
	field("howpublished", texEscape(w.publisher()))
	field("url", bibURL(w.URL))
	if !w.Accessed.IsZero() {
		field("urldate", w.Accessed.Format("2006-01-02"))
	}
	field("version", texEscape(oneLine(w.Version)))
	field("note", texEscape(w.versionNote()))
	field("abstract", texEscape(oneLine(w.Summary)))
	field("keywords", texEscape(strings.Join(nonEmpty(w.Keywords), ", ")))
	bw.WriteString("}\n")
}

// bibNames joins the work's people and organisations with " and ", each
// organisation in braces so BibTeX takes it as one name, not as parts.
func bibNames(w Work) string {
	var names []string
	for _, p := range nonEmpty(w.Authors) {
		names = append(names, texEscape(p))
	}
	for _, o := range nonEmpty(w.Organisations) {
		names = append(names, "{"+texEscape(o)+"}")
	}
	return strings.Join(names, " and ")
}

// texReplacer escapes the characters TeX gives a meaning. Braces become
// commands, not \{ and \}, because BibTeX counts every brace, escaped or not,
// when it looks for the end of a field.
var texReplacer = strings.NewReplacer(
	`\`, `{\textbackslash}`,
	`{`, `{\textbraceleft}`,
	`}`, `{\textbraceright}`,
	`%`, `\%`,
	`&`, `\&`,
	`$`, `\$`,
	`#`, `\#`,
	`_`, `\_`,
	`^`, `{\textasciicircum}`,
	`~`, `{\textasciitilde}`,
)

// texEscape escapes s for a braced BibTeX field; s is already one line.
func texEscape(s string) string {
	return texReplacer.Replace(s)
}

// bibURL makes u safe for the verbatim url field: one line, and the
// characters that would unbalance or end the field percent-encoded.
func bibURL(u string) string {
	u = oneLine(u)
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch c {
		case '{', '}', '\\', ' ', '"':
			b.WriteString(url.PathEscape(string(c)))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
