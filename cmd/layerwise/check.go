package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
	"github.com/layerwise/layerwise/project"
)

const checkUsage = "Usage: layerwise check [--context DIR] FILE... (\"-\" reads stdin)\n" +
	"  --context DIR  the build context (default: inferred from each Dockerfile's COPY sources)\n"

// runCheck lints files and prints one line per finding:
// FILE:LINE:COL: SEVERITY CODE: MESSAGE (line and column 1-based, column in
// bytes). It exits 1 when any finding is a warning or an error.
func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	contextDir := fs.String("context", "", "")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprint(stdout, checkUsage)
			return 0
		}
		fmt.Fprintf(stderr, "layerwise check: %v\n%s", err, checkUsage)
		return 2
	}
	var override *analysis.Config
	if *contextDir != "" {
		abs, err := filepath.Abs(*contextDir)
		if err == nil {
			if info, statErr := os.Stat(abs); statErr != nil || !info.IsDir() {
				err = fmt.Errorf("not a folder")
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "layerwise check: --context %s: %v\n", *contextDir, err)
			return 2
		}
		override = &analysis.Config{Context: abs}
	}
	if fs.NArg() == 0 {
		fmt.Fprint(stderr, "layerwise check: no files given\n"+checkUsage)
		return 2
	}
	code := 0
	for _, name := range fs.Args() {
		text, err := readInput(name, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "layerwise check: %v\n", err)
			code = 1
			continue
		}
		file := analysis.Parse(text)
		opts := analysis.Options{Config: override}
		if override != nil {
			opts.Workspace = project.Context(override.Context)
		}
		if name != "-" {
			opts = project.Options(name, file, override)
		}
		for _, f := range analysis.AnalyzeWith(file, rules.All(), opts) {
			fmt.Fprintf(stdout, "%s:%d:%d: %s %s: %s\n", name, f.Range.Start.Line+1, f.Range.Start.Col+1, f.Severity, f.Code, f.Message)
			if f.Severity <= analysis.SeverityWarning {
				code = 1
			}
		}
	}
	return code
}

func readInput(name string, stdin io.Reader) (string, error) {
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(io.LimitReader(stdin, maxInput+1))
	} else {
		data, err = readNamed(name)
	}
	if err != nil {
		return "", fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > maxInput {
		return "", fmt.Errorf("read %s: over %d MiB; not a Dockerfile", name, maxInput>>20)
	}
	return string(data), nil
}

// maxInput is the largest Dockerfile check reads: far above any real one.
const maxInput = 256 << 20

// readNamed reads a file the user named, up to maxInput+1 bytes: a FIFO
// or a device is what they asked for (`check <(gen)`, `/dev/stdin`), and
// is read; a folder is refused.
func readNamed(name string) ([]byte, error) {
	fh, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	if info, err := fh.Stat(); err == nil && info.IsDir() {
		return nil, fmt.Errorf("is a folder")
	}
	return io.ReadAll(io.LimitReader(fh, maxInput+1))
}
