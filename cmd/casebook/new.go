package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/casebook/casebook/catalog"
)

// maxTitleLen is the longest case title allowed, as in catalog.ParseCase.
const maxTitleLen = 200

func runNew(env *cliEnv, args []string) int {
	flags := newFlagSet(env, "new", `--title "..." [--content DIR]

Writes DIR/cases/<slug>.md, a new case file with every front-matter key and a
hint for each, and prints its path. The slug comes from the title, with accents
folded ("Medellín library parks" gives medellin-library-parks). An existing
file is never overwritten. Fill in the empty values, then run
'casebook validate DIR'.`)
	title := flags.String("title", "", "the case's title (required)")
	dir := flags.String("content", "content", "catalogue folder")
	rest, code, ok := parseArgs(flags, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return usageError(env, "new", "unexpected argument %q; put the whole title in quotes after --title", rest[0])
	}
	if !utf8.ValidString(*title) {
		return usageError(env, "new", "--title is not valid UTF-8 text")
	}
	t := strings.Join(strings.Fields(*title), " ")
	if t == "" {
		return usageError(env, "new", `missing --title, e.g. casebook new --title "Ontario Community Hubs"`)
	}
	if n := utf8.RuneCountInString(t); n > maxTitleLen {
		return usageError(env, "new", "--title is %d characters; the limit is %d", n, maxTitleLen)
	}
	slug := catalog.Slugify(t)
	if !catalog.ValidSlug(slug) {
		return usageError(env, "new", "--title %q gives no file name: it needs at least one letter a-z or digit (accents are folded, so é counts)", t)
	}

	st, err := os.Stat(*dir)
	if err != nil {
		fmt.Fprintf(env.stderr, "casebook new: content folder %q not found\n", *dir)
		return exitInvalid
	}
	if !st.IsDir() {
		fmt.Fprintf(env.stderr, "casebook new: %q is not a folder\n", *dir)
		return exitInvalid
	}
	fsys := os.DirFS(*dir)
	if other := findCase(fsys, slug); other != "" {
		fmt.Fprintf(env.stderr, "casebook new: %s already exists; not overwriting it. Edit that file, or choose another title.\n", filepath.Join(*dir, filepath.FromSlash(other)))
		return exitInvalid
	}
	casesDir := filepath.Join(*dir, "cases")
	if err := os.MkdirAll(casesDir, 0o755); err != nil {
		fmt.Fprintf(env.stderr, "casebook new: cannot create %s: %v\n", casesDir, err)
		return exitInvalid
	}
	file := filepath.Join(casesDir, slug+".md")
	text := caseTemplate(t, time.Now(), factorList(fsys), *dir)
	// O_EXCL: never overwrite, even if the file appeared since the check above.
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(env.stderr, "casebook new: %s already exists; not overwriting it. Edit that file, or choose another title.\n", file)
		return exitInvalid
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "casebook new: %v\n", err)
		return exitInvalid
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(file)
		fmt.Fprintf(env.stderr, "casebook new: cannot write %s: %v\n", file, err)
		return exitInvalid
	}
	fmt.Fprintln(env.stdout, file)
	fmt.Fprintf(env.stderr, "Next: fill in the empty values and the sections, then run: casebook validate %s\n", *dir)
	return exitOK
}

// findCase returns the path (relative to the catalogue root) of an existing
// case file with the given slug anywhere under cases/, or "".
func findCase(fsys fs.FS, slug string) string {
	var found string
	_ = fs.WalkDir(fsys, "cases", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // a missing or unreadable folder holds no duplicate
		}
		if d.IsDir() || !catalog.IsContentPath(p) {
			return nil
		}
		if strings.EqualFold(strings.TrimSuffix(path.Base(p), ".md"), slug) {
			found = p
			return fs.SkipAll
		}
		return nil
	})
	return found
}

// factorInfo is a factor's slug and, when its file parses, its title.
type factorInfo struct{ slug, title string }

// factorList lists the factors under factors/, sorted by slug.
func factorList(fsys fs.FS) []factorInfo {
	seen := map[string]bool{}
	var out []factorInfo
	_ = fs.WalkDir(fsys, "factors", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !catalog.IsContentPath(p) {
			return nil
		}
		slug := strings.TrimSuffix(path.Base(p), ".md")
		if !catalog.ValidSlug(slug) || seen[slug] {
			return nil
		}
		seen[slug] = true
		fi := factorInfo{slug: slug}
		if data, err := fs.ReadFile(fsys, p); err == nil {
			if f, _ := catalog.ParseFactor(p, data); f != nil {
				fi.title = f.Title
			}
		}
		out = append(out, fi)
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].slug < out[j].slug })
	return out
}

// caseTemplate is the text of a new case file: every front-matter key with a
// hint, the title filled in, the year and the added date taken from today, and the four recommended
// sections. The other required keys (summary, country, level, factors) are
// left empty, so validation names each one still to fill in, with its line.
// factors is left null rather than [], because the catalogue reports an empty
// [] list only when the file has no other error.
func caseTemplate(title string, today time.Time, factors []factorInfo, dir string) string {
	year := today.Year()
	var b strings.Builder
	line := func(kv, hint string) {
		fmt.Fprintf(&b, "%-18s  # %s\n", kv, hint)
	}
	b.WriteString("---\n")
	b.WriteString("# New case. Fill in every empty value, replace the hints under the headings,\n")
	fmt.Fprintf(&b, "# then run: casebook validate %s\n", dir)
	b.WriteString("# Write only facts you are sure of, from well-known public sources, and name\n")
	b.WriteString("# them under sources. Never invent figures, quotes or URLs.\n")
	line("title: "+yamlQuote(title), "required, at most 200 characters")
	line("summary:", "required: one or two plain sentences, at most 400 characters")
	line("country:", "required: e.g. Canada")
	line("jurisdiction:", "optional: the province, state, city or region, e.g. Ontario")
	line("level:", "required: local (city, municipality), regional (region, metro area, county),")
	b.WriteString("#                   provincial (province or state), national, or international (multilateral body)\n")
	line(fmt.Sprintf("year: %d", year), fmt.Sprintf("required: the year it started, 1800 to %d", year+1))
	line("status:", "optional: pilot, ongoing, completed or discontinued")
	line("organisations: []", "optional: who led or delivered it, e.g. [Ontario Cabinet Office]")
	line("sectors: []", "optional: policy areas, e.g. [social services, health]")
	line("tags: []", "optional: free-text tags, e.g. [community hubs, service integration]")
	line("factors:", "required: at least one factor slug, e.g. [service-users, collaboration]")
	if len(factors) == 0 {
		fmt.Fprintf(&b, "#   no factors found in %s; add factors/<slug>.md first\n", filepath.Join(dir, "factors"))
	} else {
		b.WriteString("#   the factors you can use:\n")
		width := 0
		for _, f := range factors {
			width = max(width, len(f.slug))
		}
		for _, f := range factors {
			if f.title == "" {
				fmt.Fprintf(&b, "#   %s\n", f.slug)
			} else {
				fmt.Fprintf(&b, "#   %-*s  %s\n", width, f.slug, oneLine(f.title))
			}
		}
	}
	line("sources:", "optional: the public documents the case draws on; a url must start")
	b.WriteString("#                   with http:// or https:// and be one you are sure of. For example:\n")
	b.WriteString("#  - title: Name of the report or web page\n")
	b.WriteString("#    url: https://www.example.org/report\n")
	line("evidence:", "optional: the Nesta Standards of Evidence level (1 to 5) the sources")
	b.WriteString("#                   support: 1 describes what was done and why; 2 data show a change;\n")
	b.WriteString("#                   3 a comparison group shows it caused the change; 4 an independent\n")
	b.WriteString("#                   evaluation confirms it; 5 others replicate it. When unsure, the lower level.\n")
	line("reviewed:", "optional: the date you last checked the case against its sources, e.g. "+today.Format(catalog.DateLayout))
	line("added: "+today.Format(catalog.DateLayout), "optional: the date the case entered the catalogue")
	line("outcomes:", "optional: results, each backed by one source listed above. For example:")
	b.WriteString("#  - text: Waiting times fell by half.   # required, at most 300 characters\n")
	b.WriteString("#    source: https://www.example.org/report   # the url of a listed source (its title if it has none)\n")
	b.WriteString("#    year: 2018             # optional: the year the result refers to\n")
	b.WriteString("#    independent: true      # optional: the source is not the implementer (auditor, evaluator)\n")
	b.WriteString("---\n")
	b.WriteString("## Challenge\n\nWhat problem or need did the public service face, and for whom?\n\n")
	b.WriteString("## What they did\n\nWho did what, when and how: the innovation itself, in plain words.\n\n")
	b.WriteString("## Results\n\nWhat changed, as reported by a public source you name; no invented figures.\n\n")
	b.WriteString("## Lessons\n\nWhich success factors the case shows, and how; a short paragraph for each factor listed above.\n")
	return b.String()
}

// oneLine collapses runs of white space, so text is safe in a YAML comment.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// yamlQuote returns s as a YAML double-quoted scalar, escaping backslashes,
// double quotes and characters that are not printable.
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == ' ' || unicode.IsPrint(r) && r != '\ufeff':
			b.WriteRune(r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			fmt.Fprintf(&b, `\U%08X`, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
