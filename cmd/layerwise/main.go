// Command layerwise is a language server and linter for Dockerfiles that
// thinks in layers.
//
//	layerwise                      speak LSP on stdin/stdout
//	layerwise --listen ADDR        serve LSP over TCP, one client at a time
//	layerwise check [--context DIR] FILE...  print findings; exit 1 if any warning or error
//	layerwise rules                list the rules
//	layerwise version              print the version
package main

import (
	"fmt"
	"io"
	"os"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run dispatches on the subcommand and returns the process exit code:
// 0 success, 1 findings (check) or runtime failure, 2 usage error.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "check":
			return runCheck(args[1:], stdin, stdout, stderr)
		case "rules":
			return runRules(args[1:], stdout, stderr)
		case "version":
			fmt.Fprintf(stdout, "layerwise %s\n", version)
			return 0
		case "help":
			fmt.Fprint(stdout, usage)
			return 0
		}
	}
	return runServe(args, stdin, stdout, stderr)
}

const usage = `layerwise: a Dockerfile language server that thinks in layers.

Usage:
  layerwise [flags]            speak the Language Server Protocol on stdin/stdout
  layerwise check FILE...      lint Dockerfiles ("-" reads stdin); exit 1 on any warning or error
                               --context DIR: the build context (default: inferred)
  layerwise rules              list every rule with its ID and summary
  layerwise version            print the version

Flags (server):
  --listen ADDR       serve LSP over TCP at ADDR (e.g. 127.0.0.1:7997), one client at a time, until a client sends exit
  --log-file PATH     write logs to PATH instead of stderr
  --log-level LEVEL   debug, info, warn or error (default warn)
  --version           print the version
  -h, --help          show this help
`
