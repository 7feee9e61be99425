package catalog

import (
	"fmt"
	"net/url"
	"strings"
)

// Licence is the licence the catalogue's content is published under.
type Licence struct {
	ID    string // Open Definition / SPDX identifier, such as "CC-BY-4.0"
	Title string // as shown to people
	URL   string // the licence text
}

// DefaultLicence is the licence of the content unless a deployment names
// another: Creative Commons Attribution 4.0.
var DefaultLicence = Licence{ID: "CC-BY-4.0", Title: "Creative Commons Attribution 4.0 International", URL: "https://creativecommons.org/licenses/by/4.0/"}

// Licences are the licences ParseLicence knows by identifier.
var Licences = []Licence{
	DefaultLicence,
	{ID: "CC-BY-SA-4.0", Title: "Creative Commons Attribution-ShareAlike 4.0 International", URL: "https://creativecommons.org/licenses/by-sa/4.0/"},
	{ID: "CC-BY-NC-4.0", Title: "Creative Commons Attribution-NonCommercial 4.0 International", URL: "https://creativecommons.org/licenses/by-nc/4.0/"},
	{ID: "CC0-1.0", Title: "Creative Commons Zero 1.0 Universal (public domain)", URL: "https://creativecommons.org/publicdomain/zero/1.0/"},
	{ID: "ODC-BY-1.0", Title: "Open Data Commons Attribution License 1.0", URL: "https://opendatacommons.org/licenses/by/1-0/"},
	{ID: "ODbL-1.0", Title: "Open Data Commons Open Database License 1.0", URL: "https://opendatacommons.org/licenses/odbl/1-0/"},
	{ID: "OGL-Canada-2.0", Title: "Open Government Licence – Canada 2.0", URL: "https://open.canada.ca/en/open-government-licence-canada"},
}

// ParseLicence reads a licence as a deployment names it (serve and export
// --licence): a known identifier from Licences, compared ignoring case, or
// "ID=URL" for any other licence.
func ParseLicence(s string) (Licence, error) {
	s = strings.TrimSpace(s)
	if id, link, ok := strings.Cut(s, "="); ok {
		id, link = strings.TrimSpace(id), strings.TrimSpace(link)
		u, err := url.Parse(link)
		if id == "" || strings.ContainsAny(id, " \t<>\"") || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return Licence{}, fmt.Errorf("licence %q: write ID=URL, such as MIT=https://opensource.org/license/mit", s)
		}
		return Licence{ID: id, Title: id, URL: link}, nil
	}
	for _, l := range Licences {
		if strings.EqualFold(l.ID, s) {
			return l, nil
		}
	}
	known := make([]string, len(Licences))
	for i, l := range Licences {
		known[i] = l.ID
	}
	return Licence{}, fmt.Errorf("unknown licence %q: use one of %s, or ID=URL", s, strings.Join(known, ", "))
}
