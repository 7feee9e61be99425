package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDecodeArcs(t *testing.T) {
	topo := topology{
		Arcs:      [][][2]float64{{{10, 20}, {1, 0}, {0, 2}}},
		Transform: &transform{Scale: [2]float64{0.5, 0.25}, Translate: [2]float64{-180, -90}},
	}
	got := decodeArcs(topo)[0]
	want := []point{{-175, -85}, {-174.5, -85}, {-174.5, -84.5}}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("point %d = %v, want %v", i, got[i], want[i])
		}
	}
	topo.Transform = nil
	if got := decodeArcs(topo)[0][1]; got != (point{1, 0}) {
		t.Errorf("without a transform, point 1 = %v, want it as given", got)
	}
}

func TestRing(t *testing.T) {
	arcs := [][]point{
		{{0, 0}, {1, 0}},         // 0
		{{1, 0}, {1, 1}, {0, 0}}, // 1
	}
	tests := []struct {
		name    string
		indexes []int
		want    []point
	}{
		{"forward", []int{0, 1}, []point{{0, 0}, {1, 0}, {1, 1}, {0, 0}}},
		{"reversed", []int{^1, ^0}, []point{{0, 0}, {1, 1}, {1, 0}, {0, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ring(arcs, tt.indexes)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("ring = %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("ring = %v, want %v", got, tt.want)
				}
			}
		})
	}
	if _, err := ring(arcs, []int{5}); err == nil {
		t.Error("arc 5 of 2 gave no error")
	}
}

func TestSimplify(t *testing.T) {
	line := []point{{0, 0}, {1, 0.01}, {2, -0.01}, {3, 0}, {4, 2}, {5, 0}}
	got := simplify(line, 0.1)
	want := []point{{0, 0}, {3, 0}, {4, 2}, {5, 0}}
	if len(got) != len(want) {
		t.Fatalf("simplify = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("simplify = %v, want %v", got, want)
		}
	}
	closed := []point{{0, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}}
	if got := simplify(closed, 0.1); len(got) != len(closed) {
		t.Errorf("a closed square lost corners: %v", got)
	}
}

func TestCutAtAntimeridian(t *testing.T) {
	// A square from 170°E across the antimeridian to 170°W, as the TopoJSON has it:
	// longitudes jump from 180 to -180.
	square := []point{{170, 0}, {-170, 0}, {-170, 10}, {170, 10}}
	pieces := cutAtAntimeridian(unwrap(square))
	if len(pieces) != 2 {
		t.Fatalf("got %d pieces, want 2: %v", len(pieces), pieces)
	}
	total := 0.0
	for _, p := range pieces {
		for _, q := range p {
			if q.X < -180 || q.X > 180 {
				t.Errorf("piece %v leaves -180..180", p)
			}
		}
		total += math.Abs(area(p))
	}
	if total != 200 { // 20 degrees by 10
		t.Errorf("pieces cover %v square degrees, want 200", total)
	}
	whole := []point{{10, 0}, {20, 0}, {20, 10}}
	if got := cutAtAntimeridian(unwrap(whole)); len(got) != 1 || len(got[0]) != 3 {
		t.Errorf("a ring away from the antimeridian came back as %v", got)
	}
}

func TestDecimal(t *testing.T) {
	tests := map[int]string{0: "0", 5: ".5", -5: "-.5", 10: "1", 15: "1.5", -123: "-12.3", 1000: "100"}
	for in, want := range tests {
		if got := decimal(in); got != want {
			t.Errorf("decimal(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteRing(t *testing.T) {
	var b strings.Builder
	writeRing(&b, []tenths{{1234, 567}, {1239, 567}, {1229, 560}, {1234, 582}})
	if got, want := b.String(), "M123.4 56.7l.5 0-1-.7.5 2.2z"; got != want {
		t.Errorf("writeRing = %q, want %q", got, want)
	}
}

func TestRoundDropsRepeats(t *testing.T) {
	got := round([]point{{1, 1}, {1.01, 1.02}, {2, 1}, {2, 2}, {1, 1}})
	if len(got) != 3 {
		t.Errorf("round = %v, want 3 points (repeat and closing point dropped)", got)
	}
}

// TestGeneratedFileIsCurrent regenerates the shapes from the pinned world-atlas and
// compares them with shapes_gen.go. It needs the npm package (npm ci in this directory);
// set CASEBOOK_WORLDMAP_REQUIRED=1 to make its absence a failure.
func TestGeneratedFileIsCurrent(t *testing.T) {
	o := defaults()
	o.in = filepath.Join("node_modules", "world-atlas", "countries-110m.json")
	if _, err := os.Stat(o.in); err != nil {
		if os.Getenv("CASEBOOK_WORLDMAP_REQUIRED") != "" {
			t.Fatalf("%v (run npm ci in internal/worldmap/gen)", err)
		}
		t.Skipf("world-atlas is not installed (npm ci in internal/worldmap/gen): %v", err)
	}
	got, err := generate(o)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "shapes_gen.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("shapes_gen.go is not what the generator makes: run go generate ./internal/worldmap")
	}
}
