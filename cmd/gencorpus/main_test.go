package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/casebook/casebook/catalog"
)

func TestGencorpus(t *testing.T) {
	dir := t.TempDir()
	if code := run([]string{"-n", "50", "-out", dir, "-seed", "3"}); code != 0 {
		t.Fatalf("exit %d", code)
	}
	cat, err := catalog.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range cat.Problems {
		t.Errorf("problem: %s", p)
	}
	if len(cat.Cases) != 50 || len(cat.Factors) == 0 || len(cat.Synonyms) == 0 {
		t.Fatalf("loaded %d cases, %d factors, %d synonym groups", len(cat.Cases), len(cat.Factors), len(cat.Synonyms))
	}
	if code := run([]string{"-n", "5", "-out", dir}); code != 1 {
		t.Errorf("writing over existing cases: exit %d, want 1", code)
	}
	if code := run([]string{"-n", "5"}); code != 2 {
		t.Errorf("no -out: exit %d, want 2", code)
	}
	if _, err := os.Stat(filepath.Join(dir, "synonyms.yaml")); err != nil {
		t.Error(err)
	}
}
