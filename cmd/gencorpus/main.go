// Command gencorpus writes a synthetic Casebook catalogue for benchmarks and
// load tests: N valid cases with realistic front matter and ~2 KB bodies,
// the default factor files and synonyms.yaml. The output depends only on
// -n and -seed.
//
// Usage:
//
//	go run ./cmd/gencorpus -n 10000 -out DIR [-seed 1]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/casebook/casebook/internal/corpus"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	fs := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	n := fs.Int("n", 1000, "number of cases")
	out := fs.String("out", "", "folder to write (cases/, factors/, synonyms.yaml); must not hold cases already")
	seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same corpus")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || *n < 0 || fs.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus -n N -out DIR [-seed S]")
		return 2
	}
	if entries, err := os.ReadDir(filepath.Join(*out, "cases")); err == nil && len(entries) > 0 {
		fmt.Fprintf(os.Stderr, "gencorpus: %s already holds cases; choose an empty folder\n", *out)
		return 1
	}
	start := time.Now()
	c := corpus.Generate(*n, *seed)
	if err := c.WriteDir(*out); err != nil {
		fmt.Fprintf(os.Stderr, "gencorpus: %v\n", err)
		return 1
	}
	var bytes int
	for _, cs := range c.Cases {
		bytes += len(cs.Data)
	}
	fmt.Fprintf(os.Stderr, "gencorpus: wrote %d cases (%.1f MB) and %d factors to %s in %v\n",
		len(c.Cases), float64(bytes)/1e6, len(c.Factors), *out, time.Since(start).Round(time.Millisecond))
	return 0
}
