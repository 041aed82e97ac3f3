package rules

import (
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/layerwise/layerwise/analysis"
)

var addInsteadOfCopy = &analysis.Rule{
	ID:       "add-instead-of-copy",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategoryCorrectness,
	Severity: analysis.SeverityWarning,
	Summary:  "ADD of local files that are not archives: use COPY",
	Aliases:  []string{"DL3020"},
	Doc: "ADD does everything COPY does plus two surprises: it downloads URLs and it unpacks " +
		"local tar archives (plain, gzip, bzip2, xz, zstd — recognised by content, not by " +
		"name). For ordinary files and directories the result is the same as COPY, but a " +
		"reader cannot tell which behaviour was meant, and a file that happens to be a tar " +
		"gets unpacked. COPY says exactly what happens.\n\n" +
		"Bad:\n\n    ADD requirements.txt /app/\n    ADD . /app\n\n" +
		"Good:\n\n    COPY requirements.txt /app/\n    COPY . /app\n" +
		"    ADD rootfs.tar.xz /          # unpacking is what ADD is for\n\n" +
		"Not reported: URLs and git sources, sources named like a tarball or compressed file " +
		"(`.tar`, `.tgz`, `.tar.gz`, `.xz`, ...), wildcards that could match one, sources " +
		"built from variables, and ADD with `--checksum`, `--keep-git-dir` or `--unpack`. " +
		"A `.zip` is reported: ADD never unpacks zip files. The quick fix replaces ADD with " +
		"COPY.\n\n" +
		"Silence with `# layerwise ignore=add-instead-of-copy` or hadolint's `# hadolint ignore=DL3020`.",
	Scope: analysis.ScopeStage,
	Run:   checkAddInsteadOfCopy,
}

func checkAddInsteadOfCopy(p *analysis.Pass) {
	st := p.Stage
	for _, in := range st.Instructions {
		add, ok := in.Command().(*instructions.AddCommand)
		if !ok {
			continue
		}
		if add.Checksum != "" || add.KeepGitDir != nil || add.Unpack != nil {
			continue // ADD-only options: ADD is meant
		}
		zip, local := false, true
		for _, src := range analysis.UnquotedPaths(p.File, add.SourcePaths) {
			if strings.Contains(src, "$") || analysis.IsRemoteSource(src) || analysis.MayBeTarArchive(src) || globMayMatchArchive(src) {
				local = false
				break
			}
			if strings.HasSuffix(strings.ToLower(src), ".zip") {
				zip = true
			}
		}
		if !local || len(add.SourcePaths)+len(add.SourceContents) == 0 {
			continue
		}
		msg := "ADD of local files that are not archives: use COPY, which does only what it says"
		if zip {
			msg = "ADD does not unpack .zip files: use COPY, or unzip in a RUN"
		}
		p.Report(analysis.Finding{Range: in.Keyword.Range, Message: msg})
	}
}

// globMayMatchArchive reports whether a wildcard source could match a tar
// archive, which ADD would unpack: only a literal, non-archive extension
// (`*.py`) rules that out.
func globMayMatchArchive(src string) bool {
	if !analysis.HasGlob(src) {
		return false
	}
	ext := path.Ext(path.Base(src))
	return ext == "" || analysis.HasGlob(ext) || analysis.MayBeTarArchive(ext)
}
