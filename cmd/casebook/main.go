// Command casebook serves, validates, searches, exports and imports a
// catalogue of public-sector innovation case studies. `casebook --help`
// lists the commands and `casebook COMMAND --help` each one's flags; the
// README's "Command line" section describes them all.
//
// Exit codes: 0 ok, 1 invalid content or no such thing, 2 bad usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/content"
)

// Exit codes.
const (
	exitOK      = 0
	exitInvalid = 1 // invalid content or no such thing
	exitUsage   = 2
)

// command is one subcommand of the CLI.
type command struct {
	name    string
	summary string
	run     func(env *cliEnv, args []string) int
}

// cliEnv carries what a command reads and writes, so tests can drive it.
type cliEnv struct {
	stdout, stderr io.Writer
	stdin          io.Reader
	// environ, if set, replaces the process's environment (for tests).
	environ func() []string
}

func commands() []command {
	return []command{
		{"serve", "serve the catalogue over HTTP (the default)", runServe},
		{"validate", "check content files and list every problem", runValidate},
		{"new", "write a new case file from a title", runNew},
		{"search", "search the catalogue from the terminal", runSearch},
		{"export", "write the whole catalogue as CSV or JSON", runExport},
		{"import", "write case files from the rows of a CSV file", runImport},
		{"index", "build the search index once, for servers sharing it", runIndex},
	}
}

func main() {
	os.Exit(run(os.Args[1:], &cliEnv{stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin}))
}

// run executes the command line args and returns the exit code.
func run(args []string, env *cliEnv) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") && args[0] != "-h" && args[0] != "--help" && args[0] != "-help" {
		return runServe(env, args)
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		if len(args) > 1 {
			return run([]string{args[1], "--help"}, env)
		}
		usage(env.stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(env, args[1:])
		}
	}
	fmt.Fprintf(env.stderr, "casebook: unknown command %q\nRun 'casebook --help' for the list of commands.\n", name)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Casebook: a searchable catalogue of public-sector innovation case studies.")
	fmt.Fprintln(w, "\nUsage: casebook [command] [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'casebook COMMAND --help' for a command's flags.")
}

// newFlagSet makes a flag set that reports errors and help to env.stderr.
func newFlagSet(env *cliEnv, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.stderr, "Usage: casebook %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseArgs parses flags that may come before or after the positional
// arguments, and returns the positional ones. ok is false when the command
// should stop with code.
func parseArgs(fs *flag.FlagSet, args []string) (rest []string, code int, ok bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitOK, false
			}
			fmt.Fprintf(fs.Output(), "Run 'casebook %s --help' for usage.\n", fs.Name())
			return nil, exitUsage, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, 0, true
		}
		if args[0] == "--" {
			return append(rest, args[1:]...), 0, true
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// usageError prints a one-line hint and returns the usage exit code.
func usageError(env *cliEnv, cmd, format string, args ...any) int {
	fmt.Fprintf(env.stderr, "casebook %s: %s\nRun 'casebook %s --help' for usage.\n", cmd, fmt.Sprintf(format, args...), cmd)
	return exitUsage
}

// contentFS returns the catalogue folder dir, or the embedded catalogue when
// dir is empty.
func contentFS(dir string) (fs.FS, error) {
	if dir == "" {
		return content.FS, nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("content folder %q not found", dir)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%q is not a folder", dir)
	}
	return os.DirFS(dir), nil
}

// loadCatalog loads the catalogue in dir (or the embedded one). It fails
// only when the folder cannot be read; content problems are in the
// catalogue's Problems.
func loadCatalog(dir string) (*catalog.Catalog, error) {
	fsys, err := contentFS(dir)
	if err != nil {
		return nil, err
	}
	return catalog.Load(fsys)
}
