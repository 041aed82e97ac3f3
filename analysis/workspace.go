package analysis

// Workspace answers the questions about the build context that some rules
// need (is there a .dockerignore? which lockfile sits next to package.json?).
// The server answers from disk; tests answer from a map. Analysis itself
// never touches the file system.
type Workspace interface {
	// Exists reports whether a path, relative to the build context root,
	// exists. A path ending in "/" exists only as a folder.
	Exists(rel string) bool
}

// MapWorkspace is a Workspace listing the paths that exist.
type MapWorkspace map[string]bool

// Exists implements Workspace.
func (m MapWorkspace) Exists(rel string) bool { return m[rel] }

// Options tune one analysis.
type Options struct {
	Config    *Config   // nil: defaults
	Workspace Workspace // nil: facts unknown, rules that need them stay quiet
	Filename  string    // base name of the Dockerfile (for <name>.dockerignore)
	// ConfigError is a configuration file that did not parse; it is
	// reported on the Dockerfile, never ignored.
	ConfigError error
	// DevImage says the Dockerfile builds a development image (a dev
	// container, a Dockerfile.dev): its size is paid once, on a developer's
	// machine, not on every pull, so the size and layer rules do not apply.
	DevImage bool
	// Squashed says the image is built into one layer (`squash:` in the
	// configuration, or rules.ReliesOnSquash): the rules about what one
	// layer keeps that a later one cannot take back (Rule.LayerBound) do
	// not apply.
	Squashed bool
	// Done, when closed, says the analysis is no longer wanted (a newer
	// version of the text arrived): AnalyzeWith stops at the next rule.
	Done <-chan struct{}
	// StrictScope makes a stage-scoped rule that reports outside its stage
	// (or names an instruction of another stage) panic, instead of going
	// unremembered: tests set it, so such a rule fails them.
	StrictScope bool
}

// askedOnce answers each question about the workspace once per analysis:
// the rules ask about the same manifests for every stage, and on disk each
// question is a system call.
type askedOnce struct {
	ws      Workspace
	answers map[string]bool
}

func rememberAnswers(ws Workspace) Workspace {
	if ws == nil {
		return nil
	}
	return &askedOnce{ws: ws, answers: map[string]bool{}}
}

// Exists implements Workspace. Rules run one after another, so no lock.
func (a *askedOnce) Exists(rel string) bool {
	ok, asked := a.answers[rel]
	if !asked {
		ok = a.ws.Exists(rel)
		a.answers[rel] = ok
	}
	return ok
}

// cancelled reports whether Done is closed.
func (o Options) cancelled() bool {
	select {
	case <-o.Done:
		return true
	default:
		return false
	}
}
