// Package content holds Casebook's default catalogue, embedded in the binary:
// cases/*.md, factors/*.md and synonyms.yaml. See content/README.md for the
// editor guide.
package content

import "embed"

// FS is the embedded default catalogue.
//
//go:embed cases factors synonyms.yaml
var FS embed.FS

// Guide is the editor guide, README.md, in Markdown.
//
//go:embed README.md
var Guide []byte
