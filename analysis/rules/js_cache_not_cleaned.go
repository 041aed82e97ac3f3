package rules

import "github.com/layerwise/layerwise/analysis"

var jsCacheNotCleaned = &analysis.Rule{
	ID:         "js-cache-not-cleaned",
	Source:     analysis.SourceLayerwise,
	Category:   analysis.CategorySize,
	LayerBound: true,
	Severity:   analysis.SeverityWarning,
	Summary:    "npm/yarn install without cleaning its download cache in the same RUN",
	Aliases:    []string{"DL3060"},
	Doc: "`npm install` and `npm ci` keep a copy of every tarball they download in `~/.npm`; " +
		"yarn keeps one in its global cache (`/usr/local/share/.cache/yarn` in the node " +
		"images). The packages are already unpacked in `node_modules`, so the copies only " +
		"add to the layer, often as much again as the dependencies themselves. A cleanup in " +
		"a later RUN cannot take them back.\n\n" +
		"Bad:\n\n" +
		"    RUN npm ci --omit=dev\n\n" +
		"Good:\n\n" +
		"    RUN npm ci --omit=dev && npm cache clean --force\n\n" +
		"or keep the cache between builds and out of the image:\n\n" +
		"    RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev\n\n" +
		"Accepted as cleanup: `npm cache clean --force` or removing `~/.npm`; `yarn cache " +
		"clean` or removing yarn's cache directory. Only stages that end up in the image are " +
		"checked: a builder stage's cache costs nothing in the final image. `yarn --version`, " +
		"`npm -v` and `--help` install nothing and are not reported. `yarn workspaces focus` " +
		"(Yarn 2+, often with `--production`) installs like `yarn install`. " +
		"`ONBUILD RUN` is checked like RUN: its layer lands in every image built FROM this one. The quick fix " +
		"appends the clean command after the last npm (or yarn) command of the RUN. Silence " +
		"with `# layerwise ignore=js-cache-not-cleaned` (or hadolint's DL3060).",
	Scope: analysis.ScopeStage,
	Run:   checkJSCacheNotCleaned,
}

var jsFamilies = []cacheFamily{
	{
		tools: []string{"npm"},
		installs: func(c *analysis.Command) bool {
			switch c.SubcommandText() {
			case "install", "i", "add", "ci", "clean-install", "ic", "install-clean", "update", "up", "upgrade", "install-test", "it", "install-ci-test", "cit":
				return true
			}
			return false
		},
		cleans: func(c *analysis.Command) bool {
			sub, i := c.Subcommand()
			return sub.Text == "cache" && i+1 < len(c.Args) && (c.Args[i+1].Text == "clean" || c.Args[i+1].Text == "rm" || c.Args[i+1].Text == "clear")
		},
		dirs:   []string{"~/.npm", "~/.npm/_cacache"},
		mounts: []string{"/root/.npm", "*/.npm"},
		clean:  func(*analysis.Command) string { return "npm cache clean --force" },
		what:   "the downloaded tarballs stay in ~/.npm in this layer",
	},
	{
		tools: []string{"yarn"},
		installs: func(c *analysis.Command) bool {
			sub, i := c.Subcommand()
			switch sub.Text {
			case "", "install", "add":
				return true
			case "global":
				return i+1 < len(c.Args) && c.Args[i+1].Text == "add"
			case "workspaces": // Yarn 2+: install only some workspaces' dependencies
				return i+1 < len(c.Args) && c.Args[i+1].Text == "focus"
			}
			return false
		},
		cleans: func(c *analysis.Command) bool {
			sub, i := c.Subcommand()
			return sub.Text == "cache" && i+1 < len(c.Args) && c.Args[i+1].Text == "clean"
		},
		dirs:   []string{"/usr/local/share/.cache/yarn", "~/.cache/yarn", "~/.yarn/berry/cache"},
		mounts: []string{"/usr/local/share/.cache/yarn", "*/.cache/yarn", "*/.yarn/berry/cache"},
		clean:  func(*analysis.Command) string { return "yarn cache clean" },
		what:   "the downloaded packages stay in yarn's cache in this layer",
	},
}

func checkJSCacheNotCleaned(p *analysis.Pass) { checkCacheFamilies(p, p.Stage, jsFamilies) }
