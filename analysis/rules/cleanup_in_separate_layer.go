package rules

import (
	"path"
	"strconv"
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

var cleanupInSeparateLayer = &analysis.Rule{
	ID:         "cleanup-in-separate-layer",
	Source:     analysis.SourceLayerwise,
	Category:   analysis.CategorySize,
	LayerBound: true,
	Severity:   analysis.SeverityWarning,
	Summary:    "A RUN that only cleans up cannot shrink the layers before it",
	Doc: "An image is a stack of layers, and a layer can only add to what is below it. A RUN " +
		"that only deletes files or cleans a package cache (`rm -rf /var/lib/apt/lists/*`, " +
		"`apt-get clean`, `apt-get purge`, `yum clean all`, `apk del`, `npm cache clean`) " +
		"records the deletions as whiteouts in a new layer: the bytes stay in the earlier " +
		"layer that wrote them, every pull still downloads them, and the image grows by the " +
		"whiteouts.\n\n" +
		"Measured: on the osquery image of *Docker in Practice*, separate cleanup RUNs made " +
		"the image *larger* (2.186 GB -> 2.19 GB); doing the same work in one RUN took it " +
		"to 1.05 GB.\n\n" +
		"Bad:\n\n" +
		"    RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless\n" +
		"    RUN rm -rf /var/lib/apt/lists/*\n\n" +
		"Good: clean up in the RUN that created the files.\n\n" +
		"    RUN apt-get update \\\n" +
		"     && apt-get install -y --no-install-recommends openjdk-17-jre-headless \\\n" +
		"     && rm -rf /var/lib/apt/lists/*\n\n" +
		"The quick fix moves the cleanup into the RUN right before it when that RUN is one of " +
		"the layers that wrote the files; otherwise merge the RUNs from the one that wrote " +
		"them (`consecutive-run`'s fix). Only stages that end up in the image are checked; a RUN whose mounts " +
		"(`--mount=type=cache`, `type=tmpfs`) hold the cleaned directory, and the removal of " +
		"files that no earlier instruction of the stage created (a base image's default " +
		"config), are not reported. A path that an earlier COPY or RUN created is reported " +
		"as `file-removed-in-later-layer` instead.\n\n" +
		"Silence with `# layerwise ignore=cleanup-in-separate-layer`.",
	Scope: analysis.ScopeStageInPlace,
	Run:   checkCleanupInSeparateLayer,
}

// CleanupMove is the Data of cleanup-in-separate-layer: the directories the
// cleanup empties (the fix must not move it onto a mount of them) and the
// earlier RUNs that wrote what it removes (the only ones it may move into).
type CleanupMove struct {
	Paths    []string
	Creators []analysis.Ref
}

// cleanupCmd is one command of a RUN read as cleanup.
type cleanupCmd struct {
	cmd     *analysis.Command
	manager string   // package manager whose earlier work it undoes; "" for rm
	update  bool     // it removes apt's package lists (written by apt-get update)
	paths   []string // directories it empties (for mounts and the fixer)
}

// neutralCommand does nothing to the file system.
func neutralCommand(c *analysis.Command) bool {
	return c.Is("cd", "true", ":", "set", "echo", "[", "test", "yes")
}

// cleanupOnlyRun reports whether every command of a RUN only removes files
// or cleans caches (or is neutral, like cd).
func cleanupOnlyRun(f *analysis.File, in *analysis.Instruction) bool {
	rp := analysis.NewRunPaths(f, in)
	found := false
	for _, c := range in.Shell(f).Commands {
		if neutralCommand(c) {
			continue
		}
		if _, ok := cleanupCommand(f, in, rp, c); !ok {
			return false
		}
		found = true
	}
	return found && len(analysis.RunRedirectTargets(f, in)) == 0
}

// cleanupCommand reads c as a cleanup command: it only removes files,
// packages or caches.
func cleanupCommand(f *analysis.File, in *analysis.Instruction, rp analysis.RunPaths, c *analysis.Command) (cleanupCmd, bool) {
	cc := cleanupCmd{cmd: c}
	sub, i := c.Subcommand()
	next := ""
	if i >= 0 {
		for _, w := range (&analysis.Command{Name: c.Name, Args: c.Args[i+1:]}).Operands() {
			next = w.Text
			break
		}
	}
	switch {
	case c.Is("rm", "rmdir", "unlink"):
		for _, w := range c.Operands() {
			if p, ok := rp.Resolve(w); ok {
				cc.paths = append(cc.paths, p)
			}
		}
		return cc, true
	case c.Is("find"):
		for j, a := range c.Args {
			if a.Text == "-delete" || (a.Text == "-exec" || a.Text == "-execdir") && j+1 < len(c.Args) && path.Base(c.Args[j+1].Text) == "rm" {
				return cc, true
			}
		}
	case c.Is("apt-get", "apt", "aptitude"):
		cc.manager = "apt"
		switch sub.Text {
		case "clean", "autoclean", "distclean":
			cc.paths = []string{"/var/cache/apt"}
			return cc, true
		case "autoremove", "purge", "remove":
			return cc, true
		}
	case c.Is("dpkg"):
		cc.manager = "apt"
		if c.HasFlag("P", "purge") || c.HasFlag("r", "remove") {
			return cc, true
		}
	case c.Is(analysis.RPMTools...):
		cc.manager = "rpm"
		switch sub.Text {
		case "clean":
			cc.paths = []string{"/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"}
			return cc, true
		case "remove", "erase", "autoremove":
			return cc, true
		}
	case c.Is("zypper"):
		cc.manager = "zypper"
		switch sub.Text {
		case "clean", "cc":
			cc.paths = []string{"/var/cache/zypp"}
			return cc, true
		case "remove", "rm":
			return cc, true
		}
	case c.Is("apk"):
		cc.manager = "apk"
		switch {
		case sub.Text == "del":
			return cc, true
		case sub.Text == "cache" && (next == "clean" || next == "purge"):
			cc.paths = []string{"/var/cache/apk"}
			return cc, true
		}
	case c.Is("npm"):
		cc.manager = "npm"
		if sub.Text == "cache" && next == "clean" {
			cc.paths = []string{"/root/.npm"}
			return cc, true
		}
	case c.Is("yarn"):
		cc.manager = "yarn"
		if sub.Text == "cache" && next == "clean" {
			cc.paths = []string{"/usr/local/share/.cache/yarn"}
			return cc, true
		}
	case c.Is("pip", "pip3"):
		cc.manager = "pip"
		if sub.Text == "cache" && (next == "purge" || next == "remove") {
			cc.paths = []string{"/root/.cache/pip"}
			return cc, true
		}
	case c.Is("conda", "mamba", "micromamba"):
		cc.manager = "conda"
		if sub.Text == "clean" {
			return cc, true
		}
	case c.Is("gem"):
		cc.manager = "gem"
		if sub.Text == "cleanup" {
			return cc, true
		}
	case c.Is("pacman"):
		cc.manager = "pacman"
		if analysis.PacmanCleans(c) {
			cc.paths = []string{"/var/cache/pacman/pkg"}
			return cc, true
		}
		if analysis.PacmanRemoves(c) {
			return cc, true
		}
	case c.Is("composer"):
		cc.manager = "composer"
		if sub.Text == "clear-cache" || sub.Text == "clearcache" {
			return cc, true
		}
	}
	return cleanupCmd{}, false
}

// managerOf names the package manager a command belongs to, "" for none.
func managerOf(c *analysis.Command) string {
	switch {
	case c.Is("apt-get", "apt", "aptitude", "dpkg"):
		return "apt"
	case c.Is(analysis.RPMTools...) || c.Is("rpm"):
		return "rpm"
	case c.Is("zypper"):
		return "zypper"
	case c.Is("apk"):
		return "apk"
	case c.Is("npm"):
		return "npm"
	case c.Is("yarn"):
		return "yarn"
	case c.Is("pip", "pip3"):
		return "pip"
	case c.Is("conda", "mamba", "micromamba"):
		return "conda"
	case c.Is("gem", "bundle"):
		return "gem"
	case c.Is("composer"):
		return "composer"
	case c.Is("pacman"):
		return "pacman"
	}
	if c.Is("python", "python3") {
		if v, ok := c.FlagValue("m", ""); ok && (v == "pip" || v == "pip3") {
			return "pip"
		}
	}
	return ""
}

// cacheOwners maps well-known cache directories to the manager that fills
// them; apt's lists are written by `apt-get update`.
var cacheOwners = []struct{ dir, manager string }{
	{"/var/lib/apt/lists", "apt-update"},
	{"/var/cache/apt", "apt"},
	{"/var/cache/yum", "rpm"},
	{"/var/cache/dnf", "rpm"},
	{"/var/cache/libdnf5", "rpm"},
	{"/var/cache/zypp", "zypper"},
	{"/var/cache/apk", "apk"},
	{"/root/.npm", "npm"},
	{"/usr/local/share/.cache/yarn", "yarn"},
	{"/root/.cache/pip", "pip"},
	{"/root/.cache", "pip"},
	{"/root/.gem", "gem"},
	{"/root/.composer", "composer"},
	{"/opt/conda/pkgs", "conda"},
	{"/var/cache/pacman/pkg", "pacman"},
}

// tempDirs hold what builds leave behind; their contents come from the
// RUNs before.
var tempDirs = []string{"/tmp", "/var/tmp", "/root/.cache", "/var/cache", "/var/log", "/usr/share/doc", "/usr/share/man"}

func under(p, dir string) bool {
	p = strings.TrimRight(p, "*")
	p = strings.TrimSuffix(p, "/")
	return p == dir || strings.HasPrefix(p, dir+"/")
}

// managerRuns lists the earlier RUNs of in's stage that used a package
// manager (for "apt-update": that ran `apt-get update`).
func managerRuns(f *analysis.File, in *analysis.Instruction, manager string) []*analysis.Instruction {
	var out []*analysis.Instruction
	for _, prev := range in.Stage.Instructions {
		if prev.Index >= in.Index {
			break
		}
		if prev.Name != "run" {
			continue
		}
		rp := analysis.NewRunPaths(f, prev)
		for _, c := range prev.Shell(f).Commands {
			m := managerOf(c)
			if manager == "apt-update" {
				if sub, _ := c.Subcommand(); m == "apt" && sub.Text == "update" {
					out = append(out, prev)
					break
				}
				continue
			}
			if m == manager {
				if _, cleanup := cleanupCommand(f, prev, rp, c); !cleanup {
					out = append(out, prev)
					break
				}
			}
		}
	}
	return out
}

// lastRunBefore is the nearest earlier RUN of in's stage.
func lastRunBefore(in *analysis.Instruction) *analysis.Instruction {
	var last *analysis.Instruction
	for _, prev := range in.Stage.Instructions {
		if prev.Index >= in.Index {
			break
		}
		if prev.Name == "run" {
			last = prev
		}
	}
	return last
}

func checkCleanupInSeparateLayer(p *analysis.Pass) {
	for _, in := range p.ShippedRuns() {
		checkCleanupRun(p, in)
	}
}

func checkCleanupRun(p *analysis.Pass, in *analysis.Instruction) {
	f := p.File
	script := in.Shell(f)
	rp := analysis.NewRunPaths(f, in)
	var cleanups []cleanupCmd
	for _, c := range script.Commands {
		if neutralCommand(c) {
			continue
		}
		cc, ok := cleanupCommand(f, in, rp, c)
		if !ok {
			return // the RUN does real work too
		}
		cleanups = append(cleanups, cc)
	}
	if len(cleanups) == 0 || len(analysis.RunRedirectTargets(f, in)) > 0 {
		return // nothing to clean, or it writes files too
	}
	// Which earlier layers hold what the cleanup removes?
	var creators []*analysis.Instruction
	seen := map[*analysis.Instruction]bool{}
	addCreator := func(c *analysis.Instruction) {
		if c != nil && !seen[c] {
			seen[c] = true
			creators = append(creators, c)
		}
	}
	var paths []string
	relevant := false
	for _, cc := range cleanups {
		if allCoveredByMounts(in, cc.paths) {
			continue // it empties a mount, not a layer
		}
		paths = append(paths, cc.paths...)
		if cc.manager != "" {
			runs := installersOf(f, in, cc)
			if len(runs) == 0 {
				runs = managerRuns(f, in, cc.manager)
			}
			for _, c := range runs {
				if allCoveredByMounts(c, cc.paths) {
					continue // that RUN kept its cache on a mount
				}
				addCreator(c)
				relevant = true
			}
			continue
		}
		for _, rm := range removalsOf(f, in, cc.cmd) {
			if _, traced := analysis.CreatorOf(f, in, rm, p.Workspace); traced {
				continue // file-removed-in-later-layer reports it
			}
			if owner := cacheOwner(rm.Path); owner != "" {
				for _, c := range managerRuns(f, in, owner) {
					if allCoveredByMounts(c, []string{rm.Path}) {
						continue
					}
					addCreator(c)
					relevant = true
				}
				continue
			}
			if isTempPath(rm.Path) {
				if c := lastRunBefore(in); c != nil && !allCoveredByMounts(c, []string{rm.Path}) && !alreadyRemoves(f, c, rm.Path) {
					addCreator(c)
					relevant = true
				}
			}
		}
	}
	if !relevant {
		return
	}
	first, last := cleanups[0].cmd, cleanups[len(cleanups)-1].cmd
	rng := analysis.Range{Start: first.Range.Start, End: last.Range.End}
	msg := "this RUN only cleans up: the files stay in " + layersAt(creators) + ", so the image does not shrink; clean up in the RUN that created them"
	data := CleanupMove{Paths: paths}
	fd := analysis.Finding{Range: rng, Message: msg}
	for _, c := range creators {
		fd.Related = append(fd.Related, analysis.Related{Range: c.Keyword.Range, Message: "the files were written to this layer, which the cleanup cannot shrink"})
		data.Creators = append(data.Creators, p.Ref(c))
	}
	fd.Data = data
	p.Report(fd)
}

// removalsOf are the removals of one rm command.
func removalsOf(f *analysis.File, in *analysis.Instruction, c *analysis.Command) []analysis.Removal {
	var out []analysis.Removal
	for _, rm := range analysis.RemovedBy(f, in) {
		if rm.Cmd == c {
			out = append(out, rm)
		}
	}
	return out
}

func cacheOwner(p string) string {
	for _, co := range cacheOwners {
		if under(p, co.dir) {
			return co.manager
		}
	}
	return ""
}

func isTempPath(p string) bool {
	for _, d := range tempDirs {
		if strings.HasPrefix(p, d+"/") {
			return true
		}
	}
	return false
}

// allCoveredByMounts reports whether every path lies on a mount of in (and
// there is at least one path).
func allCoveredByMounts(in *analysis.Instruction, paths []string) bool {
	if len(paths) == 0 {
		return false
	}
	for _, p := range paths {
		if !analysis.CoveredByMount(in, strings.TrimRight(p, "*")) {
			return false
		}
	}
	return true
}

// layersAt names the layers of instructions: "the earlier layer at line 3",
// "the earlier layers at lines 2 and 3".
func layersAt(ins []*analysis.Instruction) string {
	lines := make([]string, len(ins))
	for i, in := range ins {
		lines[i] = strconv.Itoa(int(in.Range.Start.Line) + 1)
	}
	switch len(lines) {
	case 0:
		return "an earlier layer"
	case 1:
		return "the earlier layer at line " + lines[0]
	}
	return "the earlier layers at lines " + strings.Join(lines[:len(lines)-1], ", ") + " and " + lines[len(lines)-1]
}

// alreadyRemoves reports whether RUN in itself removes p (or the same
// pattern): then it left nothing there for a later cleanup.
func alreadyRemoves(f *analysis.File, in *analysis.Instruction, p string) bool {
	for _, rm := range analysis.RemovedBy(f, in) {
		if rm.Path == p || analysis.Removes(rm.Path, p, rm.Recurs) {
			return true
		}
	}
	return false
}

// installersOf finds, for a command that removes named packages (apt-get
// purge git, apk del gcc), the earlier RUNs of the stage that installed
// any of them.
func installersOf(f *analysis.File, in *analysis.Instruction, cc cleanupCmd) []*analysis.Instruction {
	sub, i := cc.cmd.Subcommand()
	if i < 0 || sub.Text == "clean" || sub.Text == "autoclean" || sub.Text == "autoremove" || sub.Text == "cache" {
		return nil
	}
	names := map[string]bool{}
	for _, w := range (&analysis.Command{Name: cc.cmd.Name, Args: cc.cmd.Args[i+1:]}).Operands() {
		names[w.Text] = true
	}
	var out []*analysis.Instruction
	for _, prev := range in.Stage.Instructions {
		if prev.Index >= in.Index || prev.Name != "run" {
			continue
		}
	cmds:
		for _, c := range prev.Shell(f).Commands {
			pi, ok := readInstall(c)
			if !ok {
				continue
			}
			for _, w := range pi.packages {
				if names[w.Text] || pi.virtual != "" && names[pi.virtual] {
					out = append(out, prev)
					break cmds
				}
			}
		}
	}
	return out
}
