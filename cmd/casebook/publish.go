package main

import (
	"flag"
	"fmt"

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

// parse checks the flags' values.
func (p publicationFlags) parse() (string, catalog.Licence, error) {
	if err := catalog.CheckVersionName(*p.version); err != nil {
		return "", catalog.Licence{}, fmt.Errorf("--content-version %w", err)
	}
	l, err := catalog.ParseLicence(*p.licence)
	if err != nil {
		return "", catalog.Licence{}, fmt.Errorf("--licence: %w", err)
	}
	return *p.version, l, nil
}
