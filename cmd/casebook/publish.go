package main

import (
	"flag"
	"fmt"
	"net/url"
	"regexp"

	"github.com/casebook/casebook/catalog"
)

// publicationFlags are the flags serve and export share to say what is
// published: the content version and the licence.
type publicationFlags struct {
	version, licence *string
}

func addPublicationFlags(fs *flag.FlagSet) publicationFlags {
	return publicationFlags{
		version: fs.String("content-version", "", "name of the content version shown on pages and in citations and the data package, such as the content repository's commit (default: a hash of the content files)"),
		licence: fs.String("licence", catalog.DefaultLicence.ID, "licence of the content: CC-BY-4.0, CC-BY-SA-4.0, CC-BY-NC-4.0, CC0-1.0, ODC-BY-1.0, ODbL-1.0, OGL-Canada-2.0, or ID=URL"),
	}
}

// validVersion is what --content-version accepts: a commit, tag or date.
var validVersion = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$`)

// parse checks the flags' values.
func (p publicationFlags) parse() (string, catalog.Licence, error) {
	if *p.version != "" && !validVersion.MatchString(*p.version) {
		return "", catalog.Licence{}, fmt.Errorf("--content-version %q: use up to 64 letters, digits and . _ + -, such as a commit", *p.version)
	}
	l, err := catalog.ParseLicence(*p.licence)
	if err != nil {
		return "", catalog.Licence{}, fmt.Errorf("--licence: %w", err)
	}
	return *p.version, l, nil
}

// checkBaseURL accepts "" or an http(s) address without query or fragment.
func checkBaseURL(s string) error {
	if s == "" {
		return nil
	}
	if u, err := url.Parse(s); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("--base-url %q must be an http or https address such as https://casebook.example.org", s)
	}
	return nil
}
