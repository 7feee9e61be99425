package archtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/casebook/casebook"

// pkg is what the rules need of one package, as go list reports it, with
// import paths of the module shortened to their folder (catalog,
// internal/web, ...).
type pkg struct {
	Path        string
	Imports     []string // of the package itself
	TestImports []string // of its tests, both in-package and external
}

// rule limits what one package may import of ours, besides leaves.
type rule struct {
	pkg     string
	allowed []string
}

// rules are the import rules of the architecture; packages not listed may
// import anything of ours but a command.
var rules = []rule{
	{"catalog", nil},
	{"content", nil},
	{"templates", nil},
	{"search", []string{"catalog"}},
	{"internal/web", []string{"catalog", "search", "templates"}},
}

// confined are outside libraries that only one package of ours (and its
// tests) may import.
var confined = []struct{ prefix, only string }{
	{"github.com/gin-gonic/", "internal/web"},
	{"github.com/blevesearch/", "search"},
}

// violations lists every import of pkgs that breaks the rules.
func violations(pkgs []pkg) []string {
	ours := map[string]pkg{}
	for _, p := range pkgs {
		ours[p.Path] = p
	}
	isOurs := func(path string) bool { _, ok := ours[path]; return ok }
	// A leaf is a helper under internal/ whose imports of ours are all
	// leaves: it depends on no catalogue, index, templates or command.
	var isLeaf func(path string) bool
	isLeaf = func(path string) bool {
		p, ok := ours[path]
		return ok && strings.HasPrefix(path, "internal/") &&
			!slices.ContainsFunc(p.Imports, func(imp string) bool { return isOurs(imp) && !isLeaf(imp) })
	}
	var out []string
	for _, p := range pkgs {
		for _, r := range rules {
			if p.Path != r.pkg {
				continue
			}
			for _, imp := range p.Imports {
				if isOurs(imp) && !isLeaf(imp) && !slices.Contains(r.allowed, imp) {
					may := "only leaf helpers of ours"
					if len(r.allowed) > 0 {
						may = strings.Join(r.allowed, ", ") + " and leaf helpers"
					}
					out = append(out, fmt.Sprintf("%s imports %s; it may import %s", p.Path, imp, may))
				}
			}
		}
		for _, imp := range slices.Concat(p.Imports, p.TestImports) {
			if strings.HasPrefix(imp, "cmd/") && isOurs(imp) {
				out = append(out, fmt.Sprintf("%s imports the command %s", p.Path, imp))
			}
			for _, c := range confined {
				if strings.HasPrefix(imp, c.prefix) && p.Path != c.only {
					out = append(out, fmt.Sprintf("%s imports %s, which only %s may", p.Path, imp, c.only))
				}
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// listPackages runs go list on the whole module.
func listPackages(t *testing.T) []pkg {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		goBin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	cmd := exec.Command(goBin, "list", "-json", module+"/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	short := func(list []string) []string {
		var s []string
		for _, p := range list {
			s = append(s, strings.TrimPrefix(p, module+"/"))
		}
		return s
	}
	var pkgs []pkg
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct {
			ImportPath                         string
			Imports, TestImports, XTestImports []string
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, pkg{Path: strings.TrimPrefix(p.ImportPath, module+"/"), Imports: short(p.Imports),
			TestImports: short(slices.Concat(p.TestImports, p.XTestImports))})
	}
	return pkgs
}

// TestImportRules checks the module's real import graph.
func TestImportRules(t *testing.T) {
	pkgs := listPackages(t)
	for _, want := range []string{"catalog", "search", "internal/web", "templates", "cmd/casebook"} {
		if !slices.ContainsFunc(pkgs, func(p pkg) bool { return p.Path == want }) {
			t.Fatalf("go list does not report %s, so the rules check nothing", want)
		}
	}
	for _, v := range violations(pkgs) {
		t.Error(v)
	}
}

// TestViolations checks that each rule catches what it forbids.
func TestViolations(t *testing.T) {
	good := []pkg{
		{Path: "internal/text"},
		{Path: "internal/chart"},
		{Path: "internal/worldmap", Imports: []string{"internal/chart"}},
		{Path: "internal/corpus", Imports: []string{"catalog", "content"}},
		{Path: "catalog", Imports: []string{"internal/text", "github.com/yuin/goldmark"}},
		{Path: "content"},
		{Path: "templates", Imports: []string{"internal/text"}},
		{Path: "search", Imports: []string{"catalog", "github.com/blevesearch/bleve/v2"}, TestImports: []string{"internal/corpus"}},
		{Path: "internal/web", Imports: []string{"catalog", "search", "templates", "internal/worldmap", "github.com/gin-gonic/gin"}},
		{Path: "cmd/casebook", Imports: []string{"internal/web", "search", "catalog", "content"}},
	}
	if v := violations(good); len(v) > 0 {
		t.Fatalf("the allowed graph breaks rules: %v", v)
	}
	tests := []struct {
		name string
		pkg  pkg
		want string
	}{
		{"catalog imports search", pkg{Path: "catalog", Imports: []string{"search"}}, "catalog imports search"},
		{"catalog imports a helper that is not a leaf", pkg{Path: "catalog", Imports: []string{"internal/corpus"}}, "catalog imports internal/corpus"},
		{"search imports templates", pkg{Path: "search", Imports: []string{"catalog", "templates"}}, "search imports templates"},
		{"web imports content", pkg{Path: "internal/web", Imports: []string{"content"}}, "internal/web imports content"},
		{"web imports a helper that imports the catalogue", pkg{Path: "internal/web", Imports: []string{"internal/corpus"}}, "internal/web imports internal/corpus"},
		{"templates imports catalog", pkg{Path: "templates", Imports: []string{"catalog"}}, "templates imports catalog"},
		{"a library imports a command", pkg{Path: "internal/text", Imports: []string{"cmd/casebook"}}, "internal/text imports the command cmd/casebook"},
		{"a test imports a command", pkg{Path: "internal/corpus", TestImports: []string{"cmd/casebook"}}, "internal/corpus imports the command cmd/casebook"},
		{"gin outside web", pkg{Path: "cmd/casebook", Imports: []string{"github.com/gin-gonic/gin"}}, "cmd/casebook imports github.com/gin-gonic/gin, which only internal/web may"},
		{"gin in another package's tests", pkg{Path: "search", TestImports: []string{"github.com/gin-gonic/gin"}}, "only internal/web may"},
		{"bleve outside search", pkg{Path: "internal/web", Imports: []string{"github.com/blevesearch/bleve/v2/search"}}, "only search may"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			graph := slices.Clone(good)
			i := slices.IndexFunc(graph, func(p pkg) bool { return p.Path == tt.pkg.Path })
			graph[i] = tt.pkg
			v := violations(graph)
			if !slices.ContainsFunc(v, func(s string) bool { return strings.Contains(s, tt.want) }) {
				t.Errorf("violations = %q, want one with %q", v, tt.want)
			}
		})
	}
}
