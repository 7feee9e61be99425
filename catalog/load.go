package catalog

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"go.yaml.in/yaml/v3"
)

// Load reads a whole catalogue from fsys (cases/, factors/ and an optional
// synonyms.yaml at its root), parsing files in parallel. It returns every
// case and factor that can be served, and all problems found; it fails only
// when fsys itself cannot be read.
func Load(fsys fs.FS) (*Catalog, error) {
	casePaths, err := markdownFiles(fsys, "cases")
	if err != nil {
		return nil, err
	}
	factorPaths, err := markdownFiles(fsys, "factors")
	if err != nil {
		return nil, err
	}
	var problems Problems
	if len(casePaths) == 0 {
		problems = append(problems, Problem{File: "cases", Severity: Warning, Message: "no case files (cases/*.md) found"})
	}
	if len(factorPaths) == 0 {
		problems = append(problems, Problem{File: "factors", Severity: Error, Message: "no factor files (factors/*.md) found"})
	}

	cases := make([]*Case, len(casePaths))
	factors := make([]*Factor, len(factorPaths))
	caseProblems := make([]Problems, len(casePaths))
	factorProblems := make([]Problems, len(factorPaths))
	parallel(len(casePaths)+len(factorPaths), func(i int) {
		if i < len(casePaths) {
			data, err := fs.ReadFile(fsys, casePaths[i])
			if err != nil {
				caseProblems[i] = Problems{{File: casePaths[i], Severity: Error, Message: "cannot read file: " + err.Error()}}
				return
			}
			cases[i], caseProblems[i] = ParseCase(casePaths[i], data)
			return
		}
		i -= len(casePaths)
		data, err := fs.ReadFile(fsys, factorPaths[i])
		if err != nil {
			factorProblems[i] = Problems{{File: factorPaths[i], Severity: Error, Message: "cannot read file: " + err.Error()}}
			return
		}
		factors[i], factorProblems[i] = ParseFactor(factorPaths[i], data)
	})
	for _, ps := range caseProblems {
		problems = append(problems, ps...)
	}
	for _, ps := range factorProblems {
		problems = append(problems, ps...)
	}
	synonyms, ps := LoadSynonyms(fsys)
	problems = append(problems, ps...)
	return Assemble(compact(cases), compact(factors), synonyms, problems), nil
}

// markdownFiles lists the .md files below dir, sorted. A missing dir is empty.
func markdownFiles(fsys fs.FS, dir string) ([]string, error) {
	var out []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != dir && strings.HasPrefix(name, ".") {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, ".md") && !strings.HasPrefix(name, ".") && !strings.EqualFold(name, "README.md") {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// IsContentPath reports whether a path relative to the catalogue root is a
// file Load reads: a case, a factor or synonyms.yaml.
func IsContentPath(p string) bool {
	if p == SynonymsFile {
		return true
	}
	name := path.Base(p)
	if !strings.HasSuffix(name, ".md") || strings.EqualFold(name, "README.md") {
		return false
	}
	for _, part := range strings.Split(p, "/") {
		if strings.HasPrefix(part, ".") {
			return false // Load skips hidden files and folders
		}
	}
	return strings.HasPrefix(p, "cases/") || strings.HasPrefix(p, "factors/")
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

// parallel calls fn(0) .. fn(n-1) on as many goroutines as there are CPUs.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}

func compact[T any](in []*T) []*T {
	out := in[:0]
	for _, v := range in {
		if v != nil {
			out = append(out, v)
		}
	}
	return out
}
