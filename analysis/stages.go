package analysis

import (
	"maps"
	"math"
	"os"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// BaseImage is the stage's base as BuildKit would resolve it: `${VAR}`
// expanded through the defaults of the ARGs before the first FROM, the
// `AS` part dropped. It is "" when the base cannot be resolved.
func (f *File) BaseImage(st *Stage) string {
	base := st.Base.Text
	if !strings.ContainsAny(base, "$") {
		return base
	}
	lex := shell.NewLex(rune(f.Escape))
	res, err := lex.ProcessWordWithMatches(base, shell.EnvsFromSlice(f.metaArgEnv()))
	if err != nil {
		return ""
	}
	return res.Result
}

// BaseImageKnown is BaseImage, and whether every variable in the FROM has a
// value here: `golang:${GO_VERSION}` without a default, or
// `binary-$TARGETOS` (set by the builder), is only known at build time.
func (f *File) BaseImageKnown(st *Stage) (string, bool) {
	base := st.Base.Text
	if !strings.ContainsAny(base, "$") {
		return base, true
	}
	lex := shell.NewLex(rune(f.Escape))
	res, err := lex.ProcessWordWithMatches(base, shell.EnvsFromSlice(f.metaArgEnv()))
	if err != nil || len(res.Unmatched) > 0 {
		return "", false
	}
	return res.Result, true
}

// metaArgEnv lists the global ARGs that have defaults, as KEY=value, each
// value read as BuildKit reads it: through the shell lexer, with the ARGs
// before it (`ARG V="8.1"` is 8.1, `ARG TAG=${V}-fpm` is 8.1-fpm).
func (f *File) metaArgEnv() []string {
	var env []string
	lex := shell.NewLex(rune(f.Escape))
	for _, in := range f.MetaArgs {
		arg, ok := in.Command().(*instructions.ArgCommand)
		if !ok {
			continue
		}
		for _, kv := range arg.Args {
			if kv.Value == nil {
				continue
			}
			value := *kv.Value
			if res, err := lex.ProcessWordWithMatches(value, shell.EnvsFromSlice(env)); err == nil {
				value = res.Result
			}
			env = append(env, kv.Key+"="+value)
		}
	}
	return env
}

// StageNamed finds a stage by its name, case-insensitively as BuildKit
// does, among the stages before index `before` (-1 for all).
func (f *File) StageNamed(name string, before int) *Stage {
	if name == "" {
		return nil
	}
	for _, st := range f.Stages {
		if before >= 0 && st.Index >= before {
			break
		}
		if strings.EqualFold(st.Name, name) {
			return st
		}
	}
	return nil
}

// Parent is the earlier stage this stage is built FROM, or nil when it
// starts from an image. Rules ask for it once per instruction, so the
// parents of all stages are resolved once per file.
func (f *File) Parent(st *Stage) *Stage {
	f.parents.once.Do(func() {
		// StageNamed for every stage, in one pass: the first stage of
		// each name so far.
		f.parents.of = make([]*Stage, len(f.Stages))
		first := make(map[string]*Stage, len(f.Stages))
		for i, s := range f.Stages {
			if base := f.BaseImage(s); base != "" {
				f.parents.of[i] = first[strings.ToLower(base)]
			}
			if name := strings.ToLower(s.Name); name != "" && first[name] == nil {
				first[name] = s
			}
		}
	})
	if st.Index < 0 || st.Index >= len(f.parents.of) || f.Stages[st.Index] != st {
		return f.StageNamed(f.BaseImage(st), st.Index) // a stage of another file
	}
	return f.parents.of[st.Index]
}

// parentsMemo holds Parent's answers for every stage of a file.
type parentsMemo struct {
	once sync.Once
	of   []*Stage
}

// Shipped reports, for each stage, whether its layers end up in the image
// being built: the final stage (and any stage named in cfg.Targets) and,
// transitively, the stages they are built FROM. A builder stage whose output
// is only picked by COPY --from is not shipped: what it leaves behind costs
// nothing in the final image.
func (f *File) Shipped(cfg *Config) map[*Stage]bool {
	shipped := map[*Stage]bool{}
	var roots []*Stage
	if n := len(f.Stages); n > 0 {
		roots = append(roots, f.Stages[n-1])
	}
	if cfg != nil {
		for _, name := range cfg.Targets {
			if st := f.StageNamed(name, -1); st != nil {
				roots = append(roots, st)
			}
		}
	}
	for _, st := range roots {
		for ; st != nil && !shipped[st]; st = f.Parent(st) {
			shipped[st] = true
		}
	}
	return shipped
}

// BuildOnly reports whether the image the file builds is a build
// environment rather than something anyone runs: it starts from a
// toolchain image (node, golang, maven, the .NET SDK, ...: a server image
// such as tomcat or nginx runs its own command), no shipped stage says how
// it runs (CMD, ENTRYPOINT, USER, EXPOSE, HEALTHCHECK, VOLUME, STOPSIGNAL),
// and one copies in the whole build context and then compiles it or runs
// its build script. Another Dockerfile, or CI, copies the result out of it
// (a `Dockerfile.base` whose output the real Dockerfile takes with COPY
// --from); what its layers weigh is paid on the build machine.
func (f *File) BuildOnly(shipped map[*Stage]bool) bool {
	if n := len(f.Stages); n == 0 || !toolchainImage(f.RootImage(f.Stages[n-1])) {
		return false
	}
	copied, builds := false, false
	for _, st := range f.Stages {
		if !shipped[st] {
			continue
		}
		for _, in := range st.Instructions {
			switch {
			case runtimeInstructions[in.Name]:
				return false
			case in.Name == "copy" || in.Name == "add":
				copied = copied || copiesWholeContext(in)
			case in.Name == "run" && copied && !builds:
				for _, c := range in.Shell(f).Commands {
					builds = builds || Compiles(c) || RunsBuildScript(c)
				}
			}
		}
	}
	return builds
}

// toolchainImage reports whether an image is a language toolchain, whose
// own command (a REPL, a shell) is not what anyone ships.
func toolchainImage(ref string) bool {
	r := ParseImageRef(ref)
	if r.Registry == "mcr.microsoft.com" {
		return r.Repository == "dotnet/sdk"
	}
	switch r.Official() {
	case "node", "golang", "rust", "maven", "gradle", "eclipse-temurin", "openjdk", "amazoncorretto",
		"buildpack-deps", "gcc", "swift", "haskell", "clojure", "sbt":
		return true
	}
	return false
}

// ServerImage reports whether an image is a server whose own CMD is what
// an image built FROM it runs (tomcat, nginx, php-fpm, ...), so that a
// Dockerfile on it need not set one to be run.
func ServerImage(ref string) bool {
	switch ParseImageRef(ref).Official() {
	case "nginx", "httpd", "tomcat", "jetty", "php", "wordpress", "caddy", "traefik", "haproxy",
		"postgres", "mysql", "mariadb", "redis", "mongo", "rabbitmq", "memcached", "elasticsearch",
		"solr", "ghost", "nextcloud", "odoo", "drupal", "joomla", "mediawiki", "varnish", "kong":
		return true
	}
	return false
}

// runtimeInstructions say how an image runs.
var runtimeInstructions = map[string]bool{
	"cmd": true, "entrypoint": true, "user": true, "expose": true, "healthcheck": true, "volume": true, "stopsignal": true,
}

// copiesWholeContext reports whether a COPY or ADD copies the whole build
// context (a `.` source, not --from another stage or image).
func copiesWholeContext(in *Instruction) bool {
	if _, from := in.Flag("from"); from || len(in.Args) < 2 {
		return false
	}
	for _, a := range in.Args[:len(in.Args)-1] {
		if path.Clean(a.Text) == "." {
			return true
		}
	}
	return false
}

// Inherited calls visit, in build order, every instruction that comes
// before in: those of the stages in is built FROM (oldest first), then the
// earlier ones of its own stage. A parent cycle (FROM names a later stage)
// cannot occur: Parent only looks at earlier stages.
func (f *File) Inherited(in *Instruction, visit func(*Instruction)) {
	var walk func(st *Stage, upto int)
	walk = func(st *Stage, upto int) {
		if p := f.Parent(st); p != nil {
			walk(p, math.MaxInt)
		}
		for _, i := range st.Instructions {
			if i.Index >= upto {
				break
			}
			visit(i)
		}
	}
	if in.Stage != nil {
		walk(in.Stage, in.Index)
	}
}

// Workdir is the working directory in effect at instruction in: the last
// WORKDIR before it in its stage or the stages it is built FROM, "/" when
// none is set (the base image's own WORKDIR is unknown offline).
func (f *File) Workdir(in *Instruction) string {
	if in.Stage == nil {
		return "/"
	}
	st := in.Stage
	if dir := f.stageDirs(st).at[stagePos(st, in)]; dir != "" {
		return dir
	}
	return "/"
}

// envAt looks up the variables with values known at one instruction (ENV,
// ARG defaults, the base image's paths), for reading paths.
type envAt struct {
	d   *dirsMemo // nil outside a stage
	pos int
}

func (f *File) pathEnv(in *Instruction) envAt {
	if in.Stage == nil {
		return envAt{}
	}
	return envAt{d: f.stageDirs(in.Stage), pos: stagePos(in.Stage, in)}
}

// get is the value of name at the instruction: the last one set before it
// in the stage, else the inherited one.
func (e envAt) get(name string) (string, bool) {
	if e.d == nil {
		return "", false
	}
	sets := e.d.sets[name]
	if i := sort.Search(len(sets), func(i int) bool { return sets[i].pos > e.pos }); i > 0 {
		return sets[i-1].value, true
	}
	v, ok := e.d.startEnv[name]
	return v, ok
}

// envSet is a value an ENV or ARG of the stage gives a variable: from the
// pos-th instruction on.
type envSet struct {
	pos   int
	value string
}

// dirsMemo holds the WORKDIR in effect at each instruction of a stage ("" for
// none) and after its last, and the SHELL in effect at each, worked out in
// one pass: rules ask for them at every instruction. Like Shell, they depend
// only on the stage and the stages before it, so a shared Stage keeps them.
type dirsMemo struct {
	once   sync.Once
	at     []string
	end    string
	endEnv map[string]string // ENV values known after the last instruction: the children's
	// startEnv are the values known before the first instruction (the
	// parent's endEnv, or the base image's paths); sets, by name, what the
	// stage's ENVs and ARG defaults set, in order: what pathEnv looks up,
	// without a map per instruction.
	startEnv map[string]string
	sets     map[string][]envSet
	shells   [][]string
}

func (f *File) stageDirs(st *Stage) *dirsMemo {
	st.dirs.once.Do(func() {
		dir := ""
		var env map[string]string // read-only until owned
		owned := false
		if p := f.Parent(st); p != nil {
			parent := f.stageDirs(p)
			dir = parent.end
			env = parent.endEnv
		} else {
			env = map[string]string{}
			base, _ := ImageEnv(f.BaseImage(st))
			for _, kv := range base {
				if strings.HasPrefix(kv[1], "/") { // the table's versions are placeholders
					env[kv[0]] = kv[1]
				}
			}
		}
		st.dirs.at = make([]string, len(st.Instructions))
		st.dirs.shells = make([][]string, len(st.Instructions))
		st.dirs.startEnv = env
		// envOnly are the values ENV set (and the inherited ones, all from
		// ENV): what a stage built FROM this one inherits, and what an ARG
		// of the same name cannot override. ARG values stay in this stage.
		envOnly, envOwned := env, false
		set := func(pos int, key, value string, fromENV bool) {
			if !fromENV {
				if _, isEnv := envOnly[key]; isEnv {
					return // Docker: an ENV wins over an ARG of the same name
				}
			}
			if !owned { // the parent's, or startEnv: copied once, on the first set
				env, owned = maps.Clone(env), true
			}
			env[key] = value
			if fromENV {
				if !envOwned {
					envOnly, envOwned = maps.Clone(envOnly), true
				}
				envOnly[key] = value
			}
			if st.dirs.sets == nil {
				st.dirs.sets = map[string][]envSet{}
			}
			st.dirs.sets[key] = append(st.dirs.sets[key], envSet{pos: pos + 1, value: value})
		}
		var sh []string // the SHELL is not inherited from the parent stage here
		for i, in := range st.Instructions {
			st.dirs.at[i], st.dirs.shells[i] = dir, sh
			switch c := in.Command().(type) {
			case *instructions.WorkdirCommand:
				dir = joinWorkdir(dir, expandKnown(c.Path, env))
			case *instructions.ShellCommand:
				sh = c.Shell
			case *instructions.EnvCommand:
				for _, kv := range c.Env {
					set(i, kv.Key, expandKnown(kv.Value, env), true)
				}
			case *instructions.ArgCommand:
				for _, kv := range c.Args {
					if kv.Value != nil {
						set(i, kv.Key, expandKnown(*kv.Value, env), false)
					}
				}
			}
		}
		st.dirs.end, st.dirs.endEnv = dir, envOnly
	})
	return &st.dirs
}

// expandKnown replaces the variables of s whose values env holds; the
// others are left as written, so that a path that depends on them still
// reads as unknown.
func expandKnown(s string, env map[string]string) string {
	if !strings.Contains(s, "$") {
		return s
	}
	return os.Expand(s, func(name string) string {
		if v, ok := env[name]; ok {
			return v
		}
		return "${" + name + "}"
	})
}

func joinWorkdir(cur, next string) string {
	if strings.HasPrefix(next, "/") || cur == "" {
		if !strings.HasPrefix(next, "/") {
			return "/" + next
		}
		return next
	}
	return strings.TrimSuffix(cur, "/") + "/" + next
}

// EnvAt reports the value of an ENV variable set before instruction in, in
// its stage or the stages it is built FROM.
func (f *File) EnvAt(in *Instruction, name string) (string, bool) {
	value, found := "", false
	f.Inherited(in, func(i *Instruction) {
		if env, ok := i.Command().(*instructions.EnvCommand); ok {
			for _, kv := range env.Env {
				if kv.Key == name {
					value, found = kv.Value, true
				}
			}
		}
	})
	return value, found
}

// ShellAt is the SHELL in effect at instruction in (exec form, as written),
// or nil for the default `/bin/sh -c`.
func (f *File) ShellAt(in *Instruction) []string {
	if in.Stage == nil {
		return nil
	}
	st := in.Stage
	return f.stageDirs(st).shells[stagePos(st, in)]
}

// stagePos is the place of in among its stage's instructions.
func stagePos(st *Stage, in *Instruction) int {
	return sort.Search(len(st.Instructions), func(i int) bool { return st.Instructions[i].Index >= in.Index })
}
