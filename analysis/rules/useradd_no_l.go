package rules

import (
	"strconv"
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

var useraddNoL = &analysis.Rule{
	ID:       "useradd-no-l",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategorySize,
	Severity: analysis.SeverityWarning,
	Summary:  "useradd with a large UID and without -l writes a huge sparse /var/log/lastlog",
	Aliases:  []string{"DL3046"},
	Doc: "`useradd` records the new user in `/var/log/lastlog` and `/var/log/faillog`, " +
		"files indexed by UID. For UID 1000 that is a few kilobytes; for UID 100000 or more " +
		"the file is sparse on disk but the layer stores it whole: a UID of 1,000,000,000 " +
		"adds gigabytes to the image (moby/moby#5419).\n\n" +
		"Bad:\n\n    RUN useradd -u 1000000 app\n\n" +
		"Good:\n\n    RUN useradd -l -u 1000000 app\n\n" +
		"`-l` (`--no-log-init`) leaves the user out of those files. Reported for a UID of " +
		"six digits or more (100000 and up); `adduser` (Debian's and BusyBox's) does not " +
		"write them. The quick fix inserts `-l`. Silence with `# layerwise ignore=useradd-no-l` " +
		"(or hadolint's DL3046).",
	Scope: analysis.ScopeStage,
	Run:   checkUseraddNoL,
}

func checkUseraddNoL(p *analysis.Pass) {
	for _, in := range p.Stage.Instructions {
		if !in.Runs() {
			continue
		}
		for _, c := range in.Shell(p.File).Commands {
			if !c.Is("useradd") || c.HasFlag("l", "no-log-init") {
				continue
			}
			uid, ok := c.FlagValue("u", "uid")
			if !ok {
				continue
			}
			if n, err := strconv.Atoi(strings.TrimSpace(uid)); err != nil || n < 100000 {
				continue
			}
			p.Report(analysis.Finding{Range: c.Name.Range, Message: "useradd -u " + uid + " without -l: /var/log/lastlog and faillog, indexed by UID, are stored whole in the layer; add -l (--no-log-init)"})
		}
	}
}
