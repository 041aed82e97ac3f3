package rules

import "github.com/layerwise/layerwise/analysis"

var apkNoCache = &analysis.Rule{
	ID:         "apk-no-cache",
	Source:     analysis.SourceLayerwise,
	Category:   analysis.CategorySize,
	LayerBound: true,
	Severity:   analysis.SeverityWarning,
	Summary:    "apk add without --no-cache leaves the package index in the layer",
	Aliases:    []string{"DL3019"},
	Doc: "`apk add` (and `apk update`, `apk upgrade`) store the package index of every " +
		"repository under `/var/cache/apk`. An image never needs it after the install, but " +
		"unless the same RUN removes it, it is committed with the layer. `apk add --no-cache` " +
		"fetches the index into memory and writes nothing, which also makes a separate " +
		"`apk update` unnecessary.\n\n" +
		"It matters most where the base is small: the alpine base layer is about 4 MB, so a " +
		"cached index is a large share of it (*image slimming article*: alpine instead of " +
		"python slim, 135 MB, \"caches still kept\").\n\n" +
		"Bad:\n\n" +
		"    RUN apk update && apk add python3\n\n" +
		"Good:\n\n" +
		"    RUN apk add --no-cache python3\n\n" +
		"Not reported when the same RUN later removes `/var/cache/apk/*` (or runs " +
		"`apk cache clean`), or when a `--mount=type=cache` (or `type=tmpfs`) holds " +
		"`/var/cache/apk`. An `apk update` whose index only serves `apk add --no-cache` " +
		"commands is reported too. Only stages that end up in the image are checked.\n\n" +
		"The quick fix inserts `--no-cache` after `add` and drops an `apk update &&` of the " +
		"same RUN that becomes redundant. An `apk add --no-network` (which reads only the local cache and the files it names) or `--simulate` fetches no index and is not reported. `ONBUILD RUN` is checked like RUN: its layer lands in every image built FROM this one. Silence with `# layerwise ignore=apk-no-cache` (or " +
		"hadolint's DL3019).",
	Scope: analysis.ScopeStage,
	Run:   checkApkNoCache,
}

// apkCacheDirs hold what apk caches: the index, and the packages when the
// cache is enabled.
var apkCacheDirs = []string{"/var/cache/apk", "/etc/apk/cache"}

// DropApkUpdate is the Data of an apk-no-cache finding on an `apk update`
// that only serves `apk add --no-cache`: the fix removes it.
type DropApkUpdate struct{}

func checkApkNoCache(p *analysis.Pass) {
	f := p.File
	for _, in := range p.ShippedCommands() {
		if analysis.CacheMounted(in, apkCacheDirs...) {
			continue
		}
		for _, c := range in.Shell(f).Commands {
			if !c.Is("apk") || apkCacheCleanedAfter(f, in, c) {
				continue
			}
			switch sub := c.SubcommandText(); {
			case (sub == "add" || sub == "upgrade") && !c.HasFlag("", "no-cache") && !apkWritesNoIndex(c):
				p.Report(analysis.Finding{Range: analysis.CommandSpan(c), Message: "`apk " + sub + "` without --no-cache: the package index stays in /var/cache/apk in this layer"})
			case sub == "update" && apkUpdateRedundant(f, in, c, nil):
				p.Report(analysis.Finding{Range: analysis.CommandSpan(c), Message: "`apk update` before `apk add --no-cache`: its index stays in /var/cache/apk in this layer, and --no-cache fetches a fresh one anyway",
					Data: DropApkUpdate{}})
			}
		}
	}
}

// apkCacheCleanedAfter reports whether the RUN removes apk's cache after c.
func apkCacheCleanedAfter(f *analysis.File, in *analysis.Instruction, c *analysis.Command) bool {
	if analysis.RemovesAfter(f, in, c, apkCacheDirs...) {
		return true
	}
	for _, x := range in.Shell(f).Commands {
		if x.Range.Start.Offset < c.Range.End.Offset || !x.Is("apk") {
			continue
		}
		if sub, i := x.Subcommand(); sub.Text == "cache" && i+1 < len(x.Args) && (x.Args[i+1].Text == "clean" || x.Args[i+1].Text == "purge") {
			return true
		}
	}
	return false
}

// apkUpdateRedundant reports whether `apk update` (update) serves nothing
// once every `apk add` / `apk upgrade` after it in the RUN has --no-cache,
// counting fixing as having it: each of them is one of those, and at least
// one follows. An `apk add` fetches a missing index itself, so dropping the
// update never breaks the install.
func apkUpdateRedundant(f *analysis.File, in *analysis.Instruction, update, fixing *analysis.Command) bool {
	users := 0
	for _, x := range in.Shell(f).Commands {
		if x.Range.Start.Offset <= update.Range.Start.Offset || !x.Is("apk") {
			continue
		}
		switch x.SubcommandText() {
		case "add", "upgrade":
			if x != fixing && !x.HasFlag("", "no-cache") {
				return false
			}
			users++
		case "del":
		default:
			return false
		}
	}
	return users > 0
}

// apkWritesNoIndex reports whether an `apk add` fetches no index at all:
// a simulation, or --no-network (only the local cache and files named on
// the command line are read), so it leaves nothing in /var/cache/apk.
func apkWritesNoIndex(c *analysis.Command) bool {
	return c.IsQuery() || c.HasFlag("", "no-network")
}
