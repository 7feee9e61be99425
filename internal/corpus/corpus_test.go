package corpus

import (
	"bytes"
	"os"
	"testing"

	"github.com/casebook/casebook/catalog"
)

func TestGenerateLoads(t *testing.T) {
	c := Generate(50, 1)
	cat, err := catalog.Load(c.FS())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range cat.Problems {
		t.Errorf("problem: %s", p)
	}
	if len(cat.Cases) != 50 {
		t.Fatalf("loaded %d cases, want 50", len(cat.Cases))
	}
	var body int
	for _, cs := range c.Cases {
		body += len(cs.Body)
	}
	if avg := body / len(c.Cases); avg < 1500 || avg > 2600 {
		t.Errorf("average body is %d bytes, want about 2 KB", avg)
	}
	t.Logf("average body %d bytes", body/len(c.Cases))
}

func TestGenerateWriteDir(t *testing.T) {
	dir := t.TempDir()
	if err := Generate(50, 1).WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if len(cat.Problems) > 0 || len(cat.Cases) != 50 {
		t.Fatalf("cases %d, problems %v", len(cat.Cases), cat.Problems)
	}
}

func TestGenerateDeterministic(t *testing.T) {
	a, b := Generate(30, 7), Generate(60, 7)
	for i := range a.Cases {
		if a.Cases[i].Path != b.Cases[i].Path || !bytes.Equal(a.Cases[i].Data, b.Cases[i].Data) {
			t.Fatalf("case %d differs between runs", i)
		}
	}
	if c := Generate(30, 8); bytes.Equal(c.Cases[0].Data, a.Cases[0].Data) {
		t.Error("another seed gave the same case")
	}
}
