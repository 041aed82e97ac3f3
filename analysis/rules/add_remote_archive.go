package rules

import (
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

var addRemoteArchive = &analysis.Rule{
	ID:       "add-remote-archive",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategoryCorrectness,
	Severity: analysis.SeverityWarning,
	Summary:  "ADD of a remote archive downloads it but does not unpack it",
	Doc: "ADD unpacks a *local* tar archive into the destination; a URL it only downloads. " +
		"`ADD https://example.com/app.tar.gz /opt/` leaves `/opt/app.tar.gz`, still packed — " +
		"and a later RUN that unpacks it stores the archive in one layer and its contents " +
		"in another.\n\n" +
		"Bad:\n\n    ADD https://example.com/app.tar.gz /opt/\n\n" +
		"Good:\n\n    ADD --unpack=true https://example.com/app.tar.gz /opt/\n\n" +
		"(Dockerfile syntax 1.17 and later), or `RUN curl -fsSL … | tar -xz -C /opt`. " +
		"Reported for a URL whose path ends in .tar, .tar.gz, .tgz, .tar.xz, .txz, .tar.bz2, " +
		".tbz2, .tar.zst; not with `--unpack` set either way (the choice is made), nor for " +
		".zip, which ADD never unpacks. Silence with `# layerwise ignore=add-remote-archive`.",
	Scope: analysis.ScopeStage,
	Run:   checkAddRemoteArchive,
}

var tarSuffixes = []string{".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2", ".tbz", ".tar.zst", ".tzst"}

func checkAddRemoteArchive(p *analysis.Pass) {
	for _, in := range p.Stage.Instructions {
		if in.Name != "add" || len(in.Args) < 2 {
			continue
		}
		if _, set := in.Flag("unpack"); set {
			continue
		}
		for _, a := range in.Args[:len(in.Args)-1] {
			src := strings.Trim(a.Text, `"'`)
			if !strings.HasPrefix(src, "http://") && !strings.HasPrefix(src, "https://") {
				continue
			}
			u, _, _ := strings.Cut(src, "?")
			u, _, _ = strings.Cut(u, "#")
			for _, suf := range tarSuffixes {
				if strings.HasSuffix(strings.ToLower(u), suf) {
					p.Report(analysis.Finding{Range: a.Range, Message: "ADD of a remote archive downloads it without unpacking it (only local archives are unpacked); use ADD --unpack=true, or RUN curl | tar"})
					break
				}
			}
		}
	}
}
