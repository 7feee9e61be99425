package catalog

import (
	"bytes"
	"errors"
	"io/fs"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Load reads a whole catalogue from fsys (cases/, factors/ and an optional
// synonyms.yaml at its root), parsing files in parallel: it is a new Tree's
// first Apply. It returns every case and factor that can be served, and all
// problems found; it fails only when fsys itself cannot be read.
func Load(fsys fs.FS) (*Catalog, error) {
	if _, err := fs.Stat(fsys, "."); err != nil {
		return nil, err
	}
	t := NewTree()
	t.Apply(fsys, Everything)
	return t.Catalog(), nil
}

// SynonymsFile is the name of the synonyms file at the catalogue root.
const SynonymsFile = "synonyms.yaml"

// LoadSynonyms reads synonyms.yaml, if there is one: a list of groups, each
// a list of equivalent terms. Terms are lower-cased.
func LoadSynonyms(fsys fs.FS) ([][]string, Problems) {
	data, err := fs.ReadFile(fsys, SynonymsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, Problems{{File: SynonymsFile, Severity: Error, Message: "cannot read file: " + err.Error()}}
	}
	return ParseSynonyms(SynonymsFile, data)
}

// ParseSynonyms parses the contents of a synonyms file; path names it in problems.
func ParseSynonyms(path string, data []byte) ([][]string, Problems) {
	pl := &problemList{file: path}
	if len(data) > MaxFileSize {
		pl.errorf(0, "file is %d bytes; the limit is %d (1 MiB)", len(data), MaxFileSize)
		return nil, pl.list
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		line, msg := yamlErrorLine(err)
		pl.errorf(min(line, max(1, bytes.Count(bytes.TrimRight(data, "\n"), []byte("\n"))+1)), "not valid YAML: %s", msg)
		return nil, pl.list
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, pl.list
	}
	top := root.Content[0]
	if top.Kind != yaml.SequenceNode {
		pl.errorf(top.Line, "synonyms must be a list of groups, like: - [participatory budgeting, pb]")
		return nil, pl.list
	}
	var groups [][]string
	seen := map[string]int{}
	for _, g := range top.Content {
		if g.Kind != yaml.SequenceNode {
			pl.errorf(g.Line, "each synonym group must be a list of two or more terms, like [deputy minister, dm]")
			continue
		}
		var group []string
		for _, t := range g.Content {
			term := strings.Join(strings.Fields(strings.ToLower(t.Value)), " ")
			if t.Kind != yaml.ScalarNode || term == "" {
				pl.errorf(t.Line, "synonym terms must be non-empty text")
				continue
			}
			if prev, dup := seen[term]; dup {
				pl.errorf(t.Line, "term %q is already in the group on line %d", term, prev)
				continue
			}
			seen[term] = g.Line
			group = append(group, term)
		}
		if len(group) < 2 {
			pl.warnf(g.Line, "a synonym group needs at least two terms")
			continue
		}
		groups = append(groups, group)
	}
	return groups, pl.list
}
