package search

import (
	"errors"
	"flag"
	"io"
	"reflect"
	"slices"
	"testing"
)

// newSearchFlags is a flag set like `casebook search`'s: the table's flags
// plus flags of the command's own.
func newSearchFlags() (*flag.FlagSet, *Flags, *bool, *string) {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "print JSON")
	dir := fs.String("content", "", "catalogue folder")
	return fs, AddFlags(fs, 10), asJSON, dir
}

func TestFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    Query
		words   []string
		json    bool
		dir     string
		wantErr string
	}{
		{name: "words only", args: []string{"community", "hubs"}, words: []string{"community", "hubs"},
			want: Query{Text: "community hubs", Sort: SortRelevance, Page: 1, PerPage: 10}},
		{name: "every filter", args: []string{"--factor", "Collaboration", "--factor=service-users", "--tag", "hubs", "--sector", "health",
			"--level", "local", "--level", "national", "--country", "Canada", "--status", "ongoing", "--year-from", "2010", "--year-to", "2020",
			"--evidence-min", "3", "--completeness", "complete", "--sort", "title", "--limit", "5", "budget"},
			words: []string{"budget"},
			want: Query{Text: "budget", Factors: []string{"collaboration", "service-users"}, Tags: []string{"hubs"}, Sectors: []string{"health"},
				Levels: []string{"local", "national"}, Countries: []string{"Canada"}, Statuses: []string{"ongoing"}, YearFrom: 2010, YearTo: 2020,
				EvidenceMin: 3, Completeness: []string{"complete"}, Sort: SortTitle, Page: 1, PerPage: 5}},
		{name: "exclusions stay in the query", args: []string{"library", "-oodi", "--json", "-x-road", "--content", "dir"},
			words: []string{"library", "-oodi", "-x-road"}, json: true, dir: "dir",
			want: Query{Text: "library -oodi -x-road", Sort: SortRelevance, Page: 1, PerPage: 10}},
		{name: "single dash flags and values that look like flags", args: []string{"-status", "pilot", "-content", "-dir-", "-json=false", "x"},
			words: []string{"x"}, dir: "-dir-", want: Query{Text: "x", Statuses: []string{"pilot"}, Sort: SortRelevance, Page: 1, PerPage: 10}},
		{name: "double dash ends flags", args: []string{"--level", "local", "--", "--json", "-a"}, words: []string{"--json", "-a"},
			want: Query{Text: "--json -a", Levels: []string{"local"}, Sort: SortRelevance, Page: 1, PerPage: 10}},
		{name: "lone dash is a word", args: []string{"a", "-", "b"}, words: []string{"a", "-", "b"},
			want: Query{Text: "a - b", Sort: SortRelevance, Page: 1, PerPage: 10}},
		{name: "no words browses newest", args: []string{"--completeness", "stub"},
			want: Query{Completeness: []string{"stub"}, Sort: SortNewest, Page: 1, PerPage: 10}},

		{name: "bad year", args: []string{"--year-from", "soon"}, wantErr: `--year-from must be a year such as 2015 (got "soon")`},
		{name: "bad evidence", args: []string{"--evidence-min", "9"}, wantErr: `--evidence-min must be an evidence level from 1 to 5 (got "9")`},
		{name: "bad limit", args: []string{"--limit", "1000", "x"}, wantErr: `--limit must be between 1 and 100 (got "1000")`},
		{name: "bad sort", args: []string{"--sort", "random"}, wantErr: "--sort must be one of relevance, newest, oldest, title"},
		{name: "number twice", args: []string{"--year-to", "2000", "--year-to", "2001"}, wantErr: "--year-to may be given only once"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, f, asJSON, dir := newSearchFlags()
			flagArgs, words := SplitArgs(fs, tt.args)
			if err := fs.Parse(flagArgs); err != nil {
				t.Fatalf("parse %q: %v", flagArgs, err)
			}
			if len(fs.Args()) != 0 {
				t.Fatalf("flags left arguments %q", fs.Args())
			}
			q, err := f.Query(words)
			if tt.wantErr != "" {
				var qe *QueryError
				if !errors.As(err, &qe) || qe.Message != tt.wantErr {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(words, tt.words) || *asJSON != tt.json || *dir != tt.dir {
				t.Errorf("words %q json %v dir %q, want %q %v %q", words, *asJSON, *dir, tt.words, tt.json, tt.dir)
			}
			if !reflect.DeepEqual(q, tt.want) {
				t.Errorf("query = %+v\n want %+v", q, tt.want)
			}
		})
	}
}

func TestSplitArgsHelp(t *testing.T) {
	for _, arg := range []string{"-h", "--help", "-help"} {
		fs, _, _, _ := newSearchFlags()
		flagArgs, words := SplitArgs(fs, []string{"x", arg})
		if len(words) != 1 || !errors.Is(fs.Parse(flagArgs), flag.ErrHelp) {
			t.Errorf("%s: flags %q words %q, want a request for help", arg, flagArgs, words)
		}
	}
}

// TestParamsHaveFlags: every API parameter of a search that a command line
// can set has a flag, and the flags AddFlags registers are exactly those.
func TestParamsHaveFlags(t *testing.T) {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	AddFlags(fs, 10)
	var registered, named []string
	fs.VisitAll(func(f *flag.Flag) { registered = append(registered, f.Name) })
	for _, p := range Params() {
		if p.Flag != "" {
			named = append(named, p.Flag)
		} else if p.Name != ParamText && p.Name != ParamPage && p.Name != ParamPrefix { // prefix is for typing
			t.Errorf("parameter %s has no flag", p.Name)
		}
	}
	slices.Sort(named)
	if !slices.Equal(registered, named) {
		t.Errorf("flags %v, parameters name %v", registered, named)
	}
	for _, f := range Filters() {
		if fs.Lookup(f.Flag) == nil {
			t.Errorf("filter %s has no flag %s", f.Param, f.Flag)
		}
	}
}
