package cite

import (
	"bufio"
	"io"
	"strconv"
)

// RIS writes works as RIS records of type ELEC (web page): ID (the key), TI,
// AU (people, then organisations), PY, PB (the publisher), UR, Y2 (the date
// accessed, YYYY/MM/DD), ET (the content version) and N1 (a note naming it),
// AB and KW. Lines end in CR LF as the RIS specification asks; every value is
// one line, so no field can start a new tag.
func RIS(w io.Writer, works []Work) error {
	return writeEach(w, works, "", writeRISRecord)
}

// writeRISRecord writes one record from TY to ER.
func writeRISRecord(bw *bufio.Writer, key string, w Work) {
	tag := func(t, value string) {
		bw.WriteString(t + "  - " + oneLine(value) + "\r\n")
	}
	opt := func(t, value string) {
		if oneLine(value) != "" {
			tag(t, value)
		}
	}
	tag("TY", "ELEC")
	tag("ID", key)
	opt("TI", w.Title)
	for _, a := range nonEmpty(w.Authors) {
		tag("AU", a)
	}
	for _, o := range nonEmpty(w.Organisations) {
		tag("AU", o)
	}
	if w.Year != 0 {
		tag("PY", strconv.Itoa(w.Year))
	}
	tag("PB", w.publisher())
	opt("UR", w.URL)
	if !w.Accessed.IsZero() {
		tag("Y2", w.Accessed.Format("2006/01/02"))
	}
	opt("ET", w.Version)
	opt("N1", w.versionNote())
	opt("AB", w.Summary)
	for _, k := range nonEmpty(w.Keywords) {
		tag("KW", k)
	}
	bw.WriteString("ER  - \r\n")
}
