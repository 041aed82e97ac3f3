package rules

import (
	"slices"

	"github.com/layerwise/layerwise/analysis"
)

var rpmCacheNotCleaned = &analysis.Rule{
	ID:         "rpm-cache-not-cleaned",
	Source:     analysis.SourceLayerwise,
	Category:   analysis.CategorySize,
	LayerBound: true,
	Severity:   analysis.SeverityWarning,
	Summary:    "yum/dnf/microdnf/zypper install without cleaning the package cache in the same RUN",
	Aliases:    []string{"DL3032", "DL3040", "DL3036"},
	Doc: "yum, dnf, microdnf and zypper download repository metadata and packages into " +
		"`/var/cache/yum`, `/var/cache/dnf` or `/var/cache/zypp` and keep them there after " +
		"the install. Unless the same RUN cleans the cache, it is committed with the layer: " +
		"tens of megabytes of metadata for a full distribution repository. A cleanup in a " +
		"later RUN cannot take it back: the *Docker in Practice* osquery image grew from " +
		"2.186 GB to 2.19 GB with separate cleanup RUNs, and shrank to 1.05 GB when the same " +
		"work ran in one RUN.\n\n" +
		"Bad:\n\n" +
		"    RUN dnf install -y nginx\n\n" +
		"Good:\n\n" +
		"    RUN dnf install -y nginx && dnf clean all\n\n" +
		"Accepted as cleanup: `yum clean all`, `dnf clean all`, `microdnf clean all`, " +
		"`tdnf clean all` (with options anywhere: `dnf clean --disableplugin=subscription-manager all`), " +
		"`rm -rf /var/cache/yum` (or `/var/cache/dnf`, or dnf5's `/var/cache/libdnf5`) for the rpm tools; " +
		"`zypper clean` (`zypper cc`) or `rm -rf /var/cache/zypp` for zypper. A RUN whose " +
		"`--mount=type=cache` (or `type=tmpfs`) holds the cache directory is not reported. " +
		"dnf's short spellings (`dnf in`, `dnf up`, `dnf up-min`, `dnf rei`) are installs too. " +
		"microdnf keeps its cache in `/var/cache/yum`, so that directory counts for it. " +
		"A clean counts for the tools that share its cache: yum, dnf and dnf5 are one " +
		"(on current distributions yum is dnf), microdnf and tdnf each keep their own, so " +
		"`dnf install ... && microdnf clean all` is reported. " +
		"`ONBUILD RUN` is checked like RUN: its layer lands in every image built FROM this one. " +
		"Only stages that end up in the image are checked. The quick fix appends the " +
		"matching clean command after the last command of that package manager. Silence " +
		"with `# layerwise ignore=rpm-cache-not-cleaned` (or hadolint's DL3032, DL3040, DL3036).",
	Scope: analysis.ScopeStage,
	Run:   checkRpmCacheNotCleaned,
}

// cacheFamily is one package manager family whose cache a rule checks.
type cacheFamily struct {
	tools    []string
	installs func(c *analysis.Command) bool // fills the cache
	cleans   func(c *analysis.Command) bool // empties it
	// sharesCache reports whether a clean by cleaner empties the cache an
	// install by installer filled; nil: any tool of the family does.
	sharesCache func(installer, cleaner *analysis.Command) bool
	dirs        []string // where the cache lives (also for rm)
	mounts      []string // mount targets that keep it out of the layer
	clean       func(c *analysis.Command) string
	what        string // for the message: what stays where
}

var rpmFamilies = []cacheFamily{
	{
		tools: analysis.RPMTools,
		installs: func(c *analysis.Command) bool {
			ops := c.Operands()
			if len(ops) == 0 {
				return false
			}
			switch ops[0].Text {
			// dnf's own short spellings too: in, up, up-min, rei.
			case "install", "in", "groupinstall", "localinstall", "reinstall", "rei", "upgrade", "up", "update",
				"update-minimal", "upgrade-minimal", "up-min", "distro-sync", "builddep", "downgrade", "makecache", "swap":
				return true
			case "group", "module":
				return len(ops) > 1 && (ops[1].Text == "install" || ops[1].Text == "update" || ops[1].Text == "upgrade")
			}
			return false
		},
		// `dnf clean all`, options anywhere: `dnf clean --disableplugin=x all`.
		cleans: func(c *analysis.Command) bool {
			ops := c.Operands()
			return len(ops) > 1 && ops[0].Text == "clean" && slices.ContainsFunc(ops[1:], func(w analysis.ShellWord) bool { return w.Text == "all" })
		},
		// dnf5 keeps its cache in /var/cache/libdnf5 (~/.cache/libdnf5 for
		// a user); microdnf keeps it in /var/cache/yum.
		sharesCache: func(installer, cleaner *analysis.Command) bool {
			return rpmCacheOwner(installer) == rpmCacheOwner(cleaner)
		},
		dirs:   []string{"/var/cache/yum", "/var/cache/dnf", "/var/cache/tdnf", "/var/cache/libdnf5"},
		mounts: []string{"/var/cache/yum", "/var/cache/dnf", "/var/cache/tdnf", "/var/cache/libdnf5", "*/.cache/libdnf5"},
		clean:  func(c *analysis.Command) string { return c.Base() + " clean all" },
		what:   "the package metadata and downloads stay in /var/cache in this layer",
	},
	{
		tools: []string{"zypper"},
		installs: func(c *analysis.Command) bool {
			switch c.SubcommandText() {
			case "install", "in", "update", "up", "dist-upgrade", "dup", "patch", "source-install", "si":
				return true
			}
			return false
		},
		cleans: func(c *analysis.Command) bool { return c.SubcommandText() == "clean" || c.SubcommandText() == "cc" },
		dirs:   []string{"/var/cache/zypp"},
		mounts: []string{"/var/cache/zypp"},
		clean:  func(*analysis.Command) string { return "zypper clean -a" },
		what:   "the repository metadata and packages stay in /var/cache/zypp in this layer",
	},
}

func checkRpmCacheNotCleaned(p *analysis.Pass) { checkCacheFamilies(p, p.Stage, rpmFamilies) }

// CacheClean is the Data of rpm-cache-not-cleaned and js-cache-not-cleaned:
// the fix appends Command after the top-level step of the RUN that holds
// the offset After, counted from the RUN's start (the last command of the
// package manager, or a later script that may use its cache).
type CacheClean struct {
	Command string
	After   int
}

// checkCacheFamilies reports, per RUN of a shipped stage and family, the
// last install that no cleanup follows.
func checkCacheFamilies(p *analysis.Pass, st *analysis.Stage, families []cacheFamily) {
	f := p.File
	for _, in := range p.ShippedCommands() {
		cmds := in.Shell(f).Commands
		for _, fam := range families {
			if analysis.CacheMounted(in, fam.mounts...) {
				continue
			}
			last := analysis.LastOf(cmds, func(c *analysis.Command) bool { return c.Is(fam.tools...) && !c.IsQuery() && fam.installs(c) })
			if last == nil || analysis.RemovesAfter(f, in, last, fam.dirs...) {
				continue
			}
			cleaned := false
			for _, c := range cmds {
				if c.Range.Start.Offset > last.Range.Start.Offset && c.Is(fam.tools...) && fam.cleans(c) && (fam.sharesCache == nil || fam.sharesCache(last, c)) {
					cleaned = true
				}
			}
			if cleaned {
				continue
			}
			clean := fam.clean(last)
			sub, _ := last.Subcommand()
			name := last.Base()
			if sub.Text != "" {
				name += " " + sub.Text
			}
			after := analysis.LastOf(cmds, func(c *analysis.Command) bool { return c.Is(fam.tools...) || analysis.RunsScript(c) })
			p.Report(analysis.Finding{Range: analysis.CommandSpan(last), Message: "`" + name + "` without `" + clean + "` in the same RUN: " + fam.what,
				Data: CacheClean{Command: clean, After: afterOffset(in, after)}})
		}
	}
}

// rpmCacheOwner names the cache an rpm tool uses: yum is dnf on every
// distribution that still ships it with dnf, and dnf5 replaced dnf under the
// same names; microdnf and tdnf keep their own.
func rpmCacheOwner(c *analysis.Command) string {
	if c.Is("microdnf", "tdnf") {
		return c.Base()
	}
	return "dnf"
}

// afterOffset is where command c starts, counted from the start of its RUN:
// relative, so the finding's Data stays true when the RUN moves.
func afterOffset(in *analysis.Instruction, c *analysis.Command) int {
	return int(c.Range.Start.Offset - in.Range.Start.Offset)
}
