// Package corpus holds the Dockerfiles the tests of several packages run
// over: every fixture and example, a generated file, and inputs that are
// odd in every way we know of. It imports nothing of layerwise's but
// benchgen, so that package analysis's own tests can use it.
package corpus

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/layerwise/layerwise/internal/benchgen"
)

// Files reads every rule and fix fixture, every BuildKit fixture and every
// example of ../shared/examples, from root (the repository's root, relative
// to the test's package), and adds a generated file and a few that are
// hard to parse.
func Files(tb testing.TB, root string) map[string]string {
	files := map[string]string{}
	for _, pattern := range []string{"testdata/*/*/*.Dockerfile", "testdata/*/*.Dockerfile", "../shared/examples/*.Dockerfile"} {
		m, _ := filepath.Glob(filepath.Join(root, pattern))
		for _, p := range m {
			data, err := os.ReadFile(p)
			if err != nil {
				tb.Fatal(err)
			}
			files[p] = string(data)
		}
	}
	files["generated"] = benchgen.Dockerfile(300)
	files["errors"] = "FROM a\nFOO x\n# c\nENV\nRUN <<EOF\nx\nEOF\nBAR\nCOPY --bogus=1 a b\nRUN <<X\nunterminated\n"
	files["directives"] = "\uFEFF# syntax=x\n# escape=`\n# check=skip=all\nFROM a\n# check=skip=StageNameCasing\nRUN echo `\n  b\n"
	files["crlf"] = "FROM a\r\nRUN a \\\r\n  b\r\n# c\r\n\r\nCOPY <<EOF /x\r\nhi\r\nEOF\r\n"
	files["onbuild"] = "FROM a\nONBUILD RUN <<EOF\necho\nEOF\nRUN [\"a\", \"<<EOF\"]\nRUN x <<-EOT\n\tbody\n\tEOT\n"
	return files
}

// Odd are small files that are odd in every way we know of: empty, a
// backtick escape with Windows paths, CRLF line ends, heredocs without a
// terminator, instructions without arguments, stray $ and ${, names that
// are also stage names, empty pragmas. Features and parsers must take them
// without a panic.
var Odd = []string{
	"",
	"\n\n",
	"# escape=`\nFROM mcr.microsoft.com/windows AS w\nRUN dir `\n  C:\\ `\n\n  && echo $X\nCOPY --from=w C:\\a C:\\b\n",
	"FROM alpine\r\nRUN --mount=type=cache,target=/x,\\\r\n    id=a echo ${A:-b}\r\nENV A=1 \\\r\n  B=\"two words\"\r\n",
	"FROM alpine AS a\nRUN <<EOF cat\n$X ${Y}\nEOF\nCOPY <<-'E1' <<E2 /x\n\tbody $Z\n\tE1\nbody2\nE2\nRUN <<NOEND\nno terminator\n",
	"FROM\nRUN\nCOPY --from= \nRUN --mount=\nRUN --mount=,,,=\nARG\nENV\nFROM $ ${ ${} AS\n--x\n$\n${\n日本語 🐳 $日本\n",
	"ARG A=${B:-c}\nFROM ${A} AS ${A}\nFROM a\nFROM b AS a\nCOPY --from=0 / /\nONBUILD RUN x\nONBUILD\nHEALTHCHECK --interval=1s\n",
	"# check=skip=\n# syntax=\n# layerwise ignore=,\nFROM a\n# hadolint ignore=DL3008\nRUN a \\\n# comment inside\n  b\n",
}
