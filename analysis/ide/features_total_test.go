package ide

import "testing"
import "github.com/layerwise/layerwise/analysis"

// TestFeaturesAreTotal runs every editor feature at every offset of files
// that are odd in every way we know of: none may panic.
func TestFeaturesAreTotal(t *testing.T) {
	for _, src := range totalSeeds {
		runAllFeatures(src)
	}
}

// FuzzFeatures checks the same on generated files.
func FuzzFeatures(f *testing.F) {
	for _, src := range totalSeeds {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return
		}
		runAllFeatures(src)
	})
}

var totalSeeds = []string{
	"",
	"\n\n",
	"# escape=`\nFROM mcr.microsoft.com/windows AS w\nRUN dir `\n  C:\\ `\n\n  && echo $X\nCOPY --from=w C:\\a C:\\b\n",
	"FROM alpine\r\nRUN --mount=type=cache,target=/x,\\\r\n    id=a echo ${A:-b}\r\nENV A=1 \\\r\n  B=\"two words\"\r\n",
	"FROM alpine AS a\nRUN <<EOF cat\n$X ${Y}\nEOF\nCOPY <<-'E1' <<E2 /x\n\tbody $Z\n\tE1\nbody2\nE2\nRUN <<NOEND\nno terminator\n",
	"FROM\nRUN\nCOPY --from= \nRUN --mount=\nRUN --mount=,,,=\nARG\nENV\nFROM $ ${ ${} AS\n--x\n$\n${\n日本語 🐳 $日本\n",
	"ARG A=${B:-c}\nFROM ${A} AS ${A}\nFROM a\nFROM b AS a\nCOPY --from=0 / /\nONBUILD RUN x\nONBUILD\nHEALTHCHECK --interval=1s\n",
	"# check=skip=\n# syntax=\n# layerwise ignore=,\nFROM a\n# hadolint ignore=DL3008\nRUN a \\\n# comment inside\n  b\n",
}

func runAllFeatures(src string) {
	{
		f := analysis.Parse(src)
		DocumentSymbols(f)
		FoldingRanges(f)
		DocumentLinks(f)
		for off := -1; off <= len(src)+1; off++ {
			Hover(f, off, all)
			Complete(f, off, all)
			Definition(f, off)
			References(f, off, true)
			Highlights(f, off)
			PrepareRename(f, off)
			_, _ = Rename(f, off, "renamed")
		}
	}
}
