package analysis

import (
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
	"github.com/moby/buildkit/util/suggest"
)

// This file re-enacts, offline, the part of BuildKit's dockerfile2llb that
// fires the linter rules (convert.go, validations.go, convert_expose.go,
// instructions/parse.go, parser/parser.go), so that findings carry the same
// conditions and wording as `docker build --check` but point at the exact
// word instead of a whole line. It follows BuildKit's order: parse-time
// rules, stage-name and casing validation, base images with default ARGs,
// FROM arguments and platforms, then every stage's commands in file order
// with the environment each command sees.

// BuildKitCheck is one BuildKit check result, before Analyze filters it.
type BuildKitCheck struct {
	Rule    string
	Range   Range
	Message string
}

// buildkitChecks computes the BuildKit checks of a File once: every BuildKit
// rule reads its own findings from the shared result.
type buildkitChecks struct {
	once     sync.Once
	findings []BuildKitCheck
}

// BuildKitChecks returns the BuildKit check results of f.
func (f *File) BuildKitChecks() []BuildKitCheck {
	f.buildkit.once.Do(func() {
		l := &bkLinter{f: f, lex: shell.NewLex(rune(f.Escape))}
		l.run()
		f.buildkit.findings = l.out
	})
	return f.buildkit.findings
}

// Names BuildKit gives special meaning to.
const (
	emptyImageName = "scratch"
	defaultPathEnv = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
)

// nonEnvArgs are the ARGs BuildKit never puts into the environment.
var nonEnvArgs = map[string]bool{"BUILDKIT_SBOM_SCAN_CONTEXT": true, "BUILDKIT_SBOM_SCAN_STAGE": true}

var reservedStageNames = map[string]bool{"context": true, "scratch": true}

// The secret-name heuristics of BuildKit's getSecretsRegex.
var (
	secretKeyRe   = regexp.MustCompile(`(?i)(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)`)
	secretAllowRe = regexp.MustCompile(`(?i)(?:_|^)(?:public|file|version)(?:_|$)`)
)

// bkLinter holds the state of one run.
type bkLinter struct {
	f   *File
	lex *shell.Lex
	out []BuildKitCheck

	globalArgs *bkEnv              // predefined platform ARGs and meta ARGs with a value
	metaArgs   map[string]bool     // every meta ARG key, with a value or not
	stages     map[string]*bkStage // stage name (lower-case) -> its state after dispatch
}

// report records a finding. at is the instruction whose preceding comments
// may skip the rule (`# check=skip=Rule` just above it, as BuildKit merges
// them per instruction); nil for file-wide checks.
func (l *bkLinter) report(rule string, at *Instruction, r Range, msg string) *BuildKitCheck {
	if at != nil && skippedByComments(at.comments(), rule) {
		return nil
	}
	l.out = append(l.out, BuildKitCheck{Rule: rule, Range: r, Message: msg})
	return &l.out[len(l.out)-1]
}

// skippedByComments applies BuildKit's per-instruction check configuration.
func skippedByComments(comments []string, rule string) bool {
	if len(comments) == 0 {
		return false
	}
	lc := linter.New(&linter.Config{}).WithMergedConfigFromComments(comments)
	if lc.SkipAll {
		return true
	}
	_, skip := lc.SkippedRules[rule]
	return skip
}

func (l *bkLinter) run() {
	for _, r := range l.f.EmptyContinuations {
		l.report(linter.RuleNoEmptyContinuation.Name, nil, r, linter.RuleNoEmptyContinuation.Format())
	}
	for _, in := range l.f.Instructions {
		l.parseTimeChecks(in)
	}
	l.validateStageNames()
	l.validateCommandCasing()
	l.buildGlobalArgs()
	memo := l.f.cache.buildkitStageMemo(l.f)
	defer memo.done()
	l.validateBaseImagesWithDefaultArgs(memo)
	l.stages = map[string]*bkStage{}
	for _, st := range l.f.Stages {
		memo.dispatch(l, st)
	}
}

// parseTimeChecks are the rules instructions.ParseInstructionWithLinter runs.
func (l *bkLinter) parseTimeChecks(in *Instruction) {
	switch in.Name {
	case "maintainer":
		l.report(linter.RuleMaintainerDeprecated.Name, in, in.Keyword.Range, linter.RuleMaintainerDeprecated.Format())
	case "from":
		args := nodeArgs(in)
		if len(args) == 3 && args[2] != strings.ToLower(args[2]) {
			l.report(linter.RuleStageNameCasing.Name, in, l.argRange(in, 2), linter.RuleStageNameCasing.Format(args[2]))
		}
		if len(args) >= 3 && !fromMatchesAsCase(in.Node().Value, args[1]) {
			l.report(linter.RuleFromAsCasing.Name, in, l.argRange(in, 1), linter.RuleFromAsCasing.Format(in.Node().Value, args[1]))
		}
	}
}

// nodeArgs are the arguments of an instruction as BuildKit's parser split them.
func nodeArgs(in *Instruction) []string {
	var out []string
	for n := in.Node().Next; n != nil; n = n.Next {
		out = append(out, n.Value)
	}
	return out
}

// argRange is the range of the i-th argument word, or of all arguments when
// the words do not line up with BuildKit's.
func (l *bkLinter) argRange(in *Instruction, i int) Range {
	if i < len(in.Args) {
		return in.Args[i].Range
	}
	return in.ArgsRange()
}

// fromMatchesAsCase is instructions.doesFromCaseMatchAsCase: a FROM of mixed
// case is ConsistentInstructionCasing's business, not this rule's.
func fromMatchesAsCase(from, as string) bool {
	lower := from == strings.ToLower(from)
	upper := from == strings.ToUpper(from)
	switch {
	case lower:
		return as == strings.ToLower(as)
	case upper:
		return as == strings.ToUpper(as)
	}
	return true
}

func (l *bkLinter) validateStageNames() {
	seen := map[string]bool{}
	for _, st := range l.f.Stages {
		if st.From.Command() == nil || st.NameWord == nil {
			continue
		}
		name := strings.ToLower(st.Name)
		if reservedStageNames[name] {
			l.report(linter.RuleReservedStageName.Name, nil, st.NameWord.Range, linter.RuleReservedStageName.Format(name))
		}
		if seen[name] {
			l.report(linter.RuleDuplicateStageName.Name, nil, st.NameWord.Range, linter.RuleDuplicateStageName.Format(name))
		}
		seen[name] = true
	}
}

// validateCommandCasing counts the casing of FROM and of every command in a
// stage (not the meta ARGs), then flags the words that differ from the
// majority; a tie counts as upper case.
func (l *bkLinter) validateCommandCasing() {
	// The FROMs BuildKit parsed and every command it parsed after them.
	commands := func(yield func(in *Instruction, name string)) {
		for _, st := range l.f.Stages {
			for _, in := range st.Instructions {
				if name, typed := in.buildkitKeyword(); typed {
					yield(in, name)
				}
			}
		}
	}
	lower, upper := 0, 0
	commands(func(_ *Instruction, name string) {
		switch {
		case isLowerCase(name):
			lower++
		case isUpperCase(name):
			upper++
		}
	})
	majorityLower := lower > upper
	commands(func(in *Instruction, name string) {
		casing := ""
		if majorityLower && !isLowerCase(name) {
			casing = "lowercase"
		} else if !majorityLower && !isUpperCase(name) {
			casing = "uppercase"
		}
		if casing != "" {
			l.report(linter.RuleConsistentInstructionCasing.Name, nil, in.Keyword.Range, linter.RuleConsistentInstructionCasing.Format(name, casing))
		}
	})
}

// isLowerCase is s == strings.ToLower(s), without building the lower-case
// copy for the usual ASCII keyword.
func isLowerCase(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return s == strings.ToLower(s)
		}
		if 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// isUpperCase is s == strings.ToUpper(s), likewise.
func isUpperCase(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return s == strings.ToUpper(s)
		}
		if 'a' <= c && c <= 'z' {
			return false
		}
	}
	return true
}

// buildGlobalArgs is defaultArgs + buildMetaArgs without --build-arg: the
// predefined platform ARGs, then the meta ARGs that have a default.
func (l *bkLinter) buildGlobalArgs() {
	env := &bkEnv{}
	target := "default"
	if n := len(l.f.Stages); n > 0 && l.f.Stages[n-1].Name != "" {
		target = strings.ToLower(l.f.Stages[n-1].Name)
	}
	arch := runtime.GOARCH
	plat := "linux/" + arch
	for _, kv := range [][2]string{
		{"BUILDPLATFORM", plat}, {"BUILDOS", "linux"}, {"BUILDOSVERSION", ""}, {"BUILDARCH", arch}, {"BUILDVARIANT", ""},
		{"TARGETPLATFORM", plat}, {"TARGETOS", "linux"}, {"TARGETOSVERSION", ""}, {"TARGETARCH", arch}, {"TARGETVARIANT", ""},
		{"TARGETSTAGE", target},
	} {
		env.set(kv[0], kv[1])
	}
	l.metaArgs = map[string]bool{}
	for _, in := range l.f.MetaArgs {
		cmd, ok := in.Command().(*instructions.ArgCommand)
		if !ok {
			continue
		}
		for _, kv := range cmd.Args {
			l.metaArgs[kv.Key] = true
			if kv.Value == nil {
				continue
			}
			res, err := l.lex.ProcessWordWithMatches(*kv.Value, env)
			if err != nil {
				l.globalArgs = nil // BuildKit gives up on the checks that need them
				return
			}
			env.set(kv.Key, res.Result)
		}
	}
	l.globalArgs = env
}

// validateBaseImagesWithDefaultArgs: InvalidDefaultArgInFrom.
func (l *bkLinter) validateBaseImagesWithDefaultArgs(memo *buildkitStageMemo) {
	if l.globalArgs == nil {
		return
	}
	for _, st := range l.f.Stages {
		stage, ok := st.From.Command().(*instructions.Stage)
		if !ok {
			continue
		}
		check := memo.baseImage(stage.BaseName, func() baseImageCheck {
			res, err := l.lex.ProcessWordWithMatches(stage.BaseName, l.globalArgs)
			return baseImageCheck{failed: err != nil, invalid: err == nil && !validImageReference(res.Result)}
		})
		if check.failed {
			return
		}
		if check.invalid {
			l.report(linter.RuleInvalidDefaultArgInFrom.Name, nil, st.Base.Range, linter.RuleInvalidDefaultArgInFrom.Format(stage.BaseName))
		}
	}
}

// bkStage is what BuildKit's dispatchState knows that the checks need.
type bkStage struct {
	base       string   // the base name after expansion, by which parent was found
	parent     *bkStage // the state of the stage it builds on, or nil
	env        *bkEnv
	envKnown   bool     // the base image's environment is known (image_env.go)
	buildArgs  []string // keys of the stage's ARGs, inherited from a parent stage
	shell      bool     // a SHELL is set: CMD/ENTRYPOINT in shell form are fine
	workdirSet bool
	os         string
	// The last CMD, ENTRYPOINT and HEALTHCHECK of this stage.
	cmd, entrypoint, healthcheck *Instruction
}

// dispatchStage runs the FROM checks of buildDispatchStates and then the
// command checks of dispatch for one stage, and returns the stage's state.
func (l *bkLinter) dispatchStage(st *Stage) *bkStage {
	stage, ok := st.From.Command().(*instructions.Stage)
	if !ok || l.globalArgs == nil {
		return nil
	}
	ds := &bkStage{os: "linux"}
	base := stage.BaseName
	nameRes, err := l.lex.ProcessWordWithMatches(stage.BaseName, l.globalArgs)
	l.reportUndefinedFromArgs(st.From, nameRes.Unmatched, st.Base.Range, l.fromWordSpans(st.From, -1))
	if err == nil {
		base = nameRes.Result
	}
	ds.base = base
	if stage.Platform != "" {
		fl, _ := st.From.Flag("platform")
		platRes, err := l.lex.ProcessWordWithMatches(stage.Platform, l.globalArgs)
		l.reportUndefinedFromArgs(st.From, platRes.Unmatched, fl.ValueRange, l.fromWordSpans(st.From, 0))
		l.reportRedundantTargetPlatform(st.From, stage.Platform, platRes, fl.ValueRange)
		l.reportConstPlatform(st.From, stage.Name, platRes, fl.ValueRange)
		if err == nil {
			if p, ok := parsePlatform(platRes.Result); ok {
				ds.os = p.OS
			}
		}
	}

	if parent, ok := l.stages[base]; ok {
		ds.parent = parent
		ds.env = parent.env.clone()
		ds.envKnown = parent.envKnown
		ds.buildArgs = slices.Clone(parent.buildArgs)
		ds.shell = parent.shell
		ds.workdirSet = parent.workdirSet
		ds.os = parent.os
	} else {
		ds.env = &bkEnv{}
		var env [][2]string
		env, ds.envKnown = ImageEnv(base)
		for _, kv := range env {
			ds.env.set(kv[0], kv[1])
		}
	}
	if _, ok := ds.env.Get("PATH"); !ok && ds.os != "windows" {
		ds.env.set("PATH", defaultPathEnv)
	}
	if stage.Name != "" {
		l.stages[stage.Name] = ds
	}
	for _, in := range stageCommands(st) {
		l.dispatch(ds, in)
	}
	// The last CMD, ENTRYPOINT and HEALTHCHECK matter only while the
	// stage's own commands run; children do not inherit them, and the
	// state may outlive this File in the cache.
	ds.cmd, ds.entrypoint, ds.healthcheck = nil, nil, nil
	return ds
}

// stageCommands are the instructions of a stage after its FROM that BuildKit
// parsed.
func stageCommands(st *Stage) []*Instruction {
	var out []*Instruction
	for _, in := range st.Instructions {
		if in != st.From && in.Command() != nil {
			out = append(out, in)
		}
	}
	return out
}

// fromWordSpans returns the logical-text span of FROM's base name (flag < 0)
// or of its --platform value (flag >= 0), for locating `$NAME`.
func (l *bkLinter) fromWordSpans(in *Instruction, flag int) []span {
	w := splitWords(in)
	if flag < 0 {
		if len(w.args) > 0 {
			return []span{w.args[0]}
		}
		return nil
	}
	for i, fl := range in.Flags {
		if fl.Name == "platform" && i < len(w.flags) {
			s := w.flags[i]
			return []span{{s.start + 2 + len(fl.Name) + 1, s.end}}
		}
	}
	return nil
}

// reportUndefinedFromArgs is reportUnusedFromArgs: an ARG used in FROM that
// no meta ARG declares and BuildKit does not predefine.
func (l *bkLinter) reportUndefinedFromArgs(in *Instruction, unmatched map[string]struct{}, fallback Range, spans []span) {
	if len(unmatched) == 0 {
		return
	}
	known := map[string]bool{}
	for k := range l.metaArgs {
		known[k] = true
	}
	for _, k := range l.globalArgs.Keys() {
		known[k] = true
	}
	options := make([]string, 0, len(known))
	for k := range known {
		options = append(options, k)
	}
	sort.Strings(options)
	for _, name := range sortedKeys(unmatched) {
		if known[name] {
			continue
		}
		match, _ := suggest.Search(name, options, true)
		msg := linter.RuleUndefinedArgInFrom.Format(name, match)
		for _, r := range l.varRanges(in, spans, name, true, fallback) {
			l.report(linter.RuleUndefinedArgInFrom.Name, in, r, msg)
		}
	}
}

func (l *bkLinter) reportRedundantTargetPlatform(in *Instruction, value string, res shell.ProcessWordResult, r Range) {
	if len(res.Matched) != 1 || len(res.Unmatched) != 0 {
		return
	}
	if _, ok := res.Matched["TARGETPLATFORM"]; !ok {
		return
	}
	if v, _ := l.globalArgs.Get("TARGETPLATFORM"); res.Result == v {
		l.report(linter.RuleRedundantTargetPlatform.Name, in, r, linter.RuleRedundantTargetPlatform.Format(value))
	}
}

// reportConstPlatform: a constant --platform is fine when the stage name
// mentions its OS or architecture (FROM --platform=linux/arm64 AS build-arm64).
func (l *bkLinter) reportConstPlatform(in *Instruction, stageName string, res shell.ProcessWordResult, r Range) {
	if len(res.Matched) > 0 || len(res.Unmatched) > 0 {
		return
	}
	p, ok := parsePlatform(res.Result)
	if !ok {
		return
	}
	if strings.Contains(stageName, p.OS) || strings.Contains(stageName, p.Architecture) {
		return
	}
	l.report(linter.RuleFromPlatformFlagConstDisallowed.Name, in, r, linter.RuleFromPlatformFlagConstDisallowed.Format(res.Result))
}

// dispatch runs the checks BuildKit's dispatch runs for one command, then
// applies the command's effect on the stage.
func (l *bkLinter) dispatch(ds *bkStage, in *Instruction) {
	fresh := in.Command()
	if expands(in) && needsExpansion(in) {
		// Expansion mutates the command: work on a fresh copy, the File is shared.
		cmd, err := parseInstruction(in.Node())
		if err != nil {
			return
		}
		fresh = cmd
		if ex, ok := fresh.(instructions.SupportsSingleWordExpansion); ok {
			unmatched := map[string]struct{}{}
			_ = ex.Expand(func(word string) (string, error) {
				res, err := l.lex.ProcessWordWithMatches(word, ds.env)
				for k := range res.Unmatched {
					unmatched[k] = struct{}{}
				}
				return res.Result, err
			})
			for _, name := range selfAppended(in, l.f.Escape) {
				delete(unmatched, name)
			}
			l.reportUndefinedVars(ds, in, unmatched, l.expandedSpans(in), true)
		}
		if ex, ok := fresh.(instructions.SupportsSingleWordExpansionRaw); ok {
			unmatched := map[string]struct{}{}
			raw := shell.NewLex('\\')
			raw.SkipProcessQuotes = true
			_ = ex.ExpandRaw(func(word string) (string, error) {
				res, err := raw.ProcessWordWithMatches(word, ds.env)
				for k := range res.Unmatched {
					unmatched[k] = struct{}{}
				}
				return res.Result, err
			})
			l.reportUndefinedHeredocVars(ds, in, unmatched)
		}
	}

	switch c := fresh.(type) {
	case *instructions.EnvCommand:
		keys := l.keyRanges(in)
		for i, kv := range c.Env {
			if kv.NoDelim {
				l.report(linter.RuleLegacyKeyValueFormat.Name, in, in.ArgsRange(), linter.RuleLegacyKeyValueFormat.Format(c.Name()))
			}
			l.checkSecretKey(in, "ENV", kv.Key, keyRange(keys, i, in))
			ds.env.set(kv.Key, kv.Value)
		}
	case *instructions.LabelCommand:
		for _, kv := range c.Labels {
			if kv.NoDelim {
				l.report(linter.RuleLegacyKeyValueFormat.Name, in, in.ArgsRange(), linter.RuleLegacyKeyValueFormat.Format(c.Name()))
			}
		}
	case *instructions.CmdCommand:
		l.usedOnce(in, &ds.cmd, c.Name())
		l.jsonArgs(ds, in, c.PrependShell, c.Name())
	case *instructions.EntrypointCommand:
		l.usedOnce(in, &ds.entrypoint, c.Name())
		l.jsonArgs(ds, in, c.PrependShell, c.Name())
	case *instructions.HealthCheckCommand:
		l.usedOnce(in, &ds.healthcheck, c.Name())
	case *instructions.ShellCommand:
		ds.shell = len(c.Shell) > 0
	case *instructions.WorkdirCommand:
		if !ds.workdirSet && !isAbsPath(c.Path, ds.os) {
			l.report(linter.RuleWorkdirRelativePath.Name, in, in.ArgsRange(), linter.RuleWorkdirRelativePath.Format(c.Path))
		}
		ds.workdirSet = true
	case *instructions.ExposeCommand:
		l.checkExpose(ds, in)
	case *instructions.ArgCommand:
		l.dispatchArg(ds, in, c)
	}
}

// selfAppended lists the variables an ENV uses in its own new value
// (`ENV JAVA_OPTS="$JAVA_OPTS -Xmx1g"`, `ENV PATH=$PATH:/opt/bin`): the
// idiom that keeps whatever the base image set, which works as meant when
// it set nothing. BuildKit reports them as undefined all the same;
// layerwise does not (the UndefinedVar doc says so).
func selfAppended(in *Instruction, escape byte) []string {
	env, ok := in.Command().(*instructions.EnvCommand)
	if !ok {
		return nil
	}
	var out []string
	for _, kv := range env.Env {
		if len(findVarRefs(kv.Value, kv.Key, escape, true)) > 0 {
			out = append(out, kv.Key)
		}
	}
	return out
}

// needsExpansion reports whether expanding the instruction can matter to a
// check: only a `$` can leave a variable undefined, and the instructions
// whose expanded values later checks read (ENV, WORKDIR) always go through
// it. Skipping the rest saves a re-parse per COPY on every keystroke.
func needsExpansion(in *Instruction) bool {
	switch in.Name {
	case "env", "workdir":
		return true
	}
	return len(in.Heredocs) > 0 || strings.ContainsRune(in.Logical.Text, '$')
}

// expands reports whether BuildKit expands variables in the instruction
// (ARG defaults are handled by dispatchArg).
func expands(in *Instruction) bool {
	switch in.Name {
	case "env", "label", "workdir", "user", "volume", "stopsignal", "copy", "add":
		return true
	case "run":
		_, mount := in.Flag("mount")
		return mount
	}
	return false
}

func (l *bkLinter) usedOnce(in *Instruction, last **Instruction, name string) {
	if *last != nil {
		// BuildKit points at the earlier instruction: it is the one ignored.
		l.report(linter.RuleMultipleInstructionsDisallowed.Name, in, (*last).Keyword.Range, linter.RuleMultipleInstructionsDisallowed.Format(name))
	}
	*last = in
}

func (l *bkLinter) jsonArgs(ds *bkStage, in *Instruction, shellForm bool, name string) {
	if shellForm && !ds.shell {
		l.report(linter.RuleJSONArgsRecommended.Name, in, in.ArgsRange(), linter.RuleJSONArgsRecommended.Format(name))
	}
}

// dispatchArg is dispatchArg: an ARG's default is expanded in the stage's
// environment; an ARG without one takes the global value, if any.
func (l *bkLinter) dispatchArg(ds *bkStage, in *Instruction, c *instructions.ArgCommand) {
	keys := l.keyRanges(in)
	w := splitWords(in)
	for i, kv := range c.Args {
		l.checkSecretKey(in, "ARG", kv.Key, keyRange(keys, i, in))
		value := kv.Value
		if value == nil {
			if v, ok := l.globalArgs.Get(kv.Key); ok {
				value = &v
			}
		} else {
			res, _ := l.lex.ProcessWordWithMatches(*value, ds.env)
			var spans []span
			if i < len(w.args) {
				s := w.args[i]
				if eq := strings.IndexByte(w.text[s.start:s.end], '='); eq >= 0 {
					spans = []span{{s.start + eq + 1, s.end}}
				}
			}
			l.reportUndefinedVars(ds, in, res.Unmatched, spans, true)
			value = &res.Result
		}
		if value != nil && !nonEnvArgs[kv.Key] {
			ds.env.set(kv.Key, *value)
		}
		ds.buildArgs = append(ds.buildArgs, kv.Key)
	}
}

// reportUndefinedVars is reportUnmatchedVariables: names that are neither in
// the environment nor declared by an ARG of the stage.
func (l *bkLinter) reportUndefinedVars(ds *bkStage, in *Instruction, unmatched map[string]struct{}, spans []span, quotes bool) {
	for _, name := range l.undefined(ds, unmatched) {
		msg := l.undefinedVarMessage(ds, name)
		for _, r := range l.varRanges(in, spans, name, quotes, in.LineRange()) {
			l.report(linter.RuleUndefinedVar.Name, in, r, msg)
		}
	}
}

// reportUndefinedHeredocVars reports names used in the expanded heredocs of
// COPY and ADD.
func (l *bkLinter) reportUndefinedHeredocVars(ds *bkStage, in *Instruction, unmatched map[string]struct{}) {
	for _, name := range l.undefined(ds, unmatched) {
		msg := l.undefinedVarMessage(ds, name)
		var ranges []Range
		for _, h := range in.Heredocs {
			if !h.Expand {
				continue
			}
			body := l.f.Text[h.Body.Start.Offset:h.Body.End.Offset]
			for _, s := range findVarRefs(body, name, '\\', false) {
				ranges = append(ranges, l.f.Lines.Range(int(h.Body.Start.Offset)+s.start, int(h.Body.Start.Offset)+s.end))
			}
		}
		if len(ranges) == 0 {
			ranges = []Range{in.LineRange()}
		}
		for _, r := range ranges {
			l.report(linter.RuleUndefinedVar.Name, in, r, msg)
		}
	}
}

func (l *bkLinter) undefined(ds *bkStage, unmatched map[string]struct{}) []string {
	if !ds.envKnown {
		return nil // the base image may set anything: claim nothing (image_env.go)
	}
	var out []string
	for _, name := range sortedKeys(unmatched) {
		if nonEnvArgs[name] || slices.Contains(ds.buildArgs, name) {
			continue
		}
		out = append(out, name)
	}
	return out
}

func (l *bkLinter) undefinedVarMessage(ds *bkStage, name string) string {
	match, _ := suggest.Search(name, ds.env.Keys(), runtime.GOOS != "windows")
	return linter.RuleUndefinedVar.Format(name, match)
}

// varRanges locates the references to name inside the given spans of the
// instruction's logical text; fallback when none is found.
func (l *bkLinter) varRanges(in *Instruction, spans []span, name string, quotes bool, fallback Range) []Range {
	var out []Range
	text := in.Logical.Text
	for _, s := range spans {
		for _, ref := range findVarRefs(text[s.start:s.end], name, l.f.Escape, quotes) {
			a, b := s.start+ref.start, s.start+ref.end
			out = append(out, l.f.Lines.Range(in.Logical.Source(a), in.Logical.SourceEnd(b)))
		}
	}
	if len(out) == 0 {
		out = []Range{fallback}
	}
	return out
}

// expandedSpans are the parts of an instruction BuildKit expands variables
// in: the arguments, and for RUN, COPY and ADD only some flags.
func (l *bkLinter) expandedSpans(in *Instruction) []span {
	w := splitWords(in)
	var flags []string
	args := true
	switch in.Name {
	case "run":
		flags, args = []string{"mount"}, false
	case "copy":
		flags = []string{"chown", "chmod"}
	case "add":
		flags = []string{"chown", "chmod", "checksum"}
	}
	var out []span
	for i, fl := range in.Flags {
		if i < len(w.flags) && slices.Contains(flags, fl.Name) {
			out = append(out, w.flags[i])
		}
	}
	if args {
		out = append(out, w.args...)
	}
	return out
}

// keyRanges finds the key of each KEY=value (or legacy `KEY value`) word of
// ENV and ARG.
func (l *bkLinter) keyRanges(in *Instruction) []Range {
	var out []Range
	for _, a := range in.Args {
		key, _, _ := strings.Cut(a.Text, "=")
		r := a.Range
		if len(key) < len(a.Text) {
			end := int(a.Range.Start.Offset) + len(key)
			if end <= int(a.Range.End.Offset) {
				r = l.f.Lines.Range(int(a.Range.Start.Offset), end)
			}
		}
		out = append(out, r)
		if !strings.Contains(a.Text, "=") && in.Name == "env" {
			break // legacy `ENV KEY value with spaces`: one key
		}
	}
	return out
}

func keyRange(keys []Range, i int, in *Instruction) Range {
	if i < len(keys) {
		return keys[i]
	}
	return in.ArgsRange()
}

// checkSecretKey is validateNoSecretKey: a key with a secret-like word
// (password, token, key, ...) as its whole name, or as its first or last
// underscore-separated part, unless it also says public, file or version.
func (l *bkLinter) checkSecretKey(in *Instruction, instruction, key string, r Range) {
	if secretKeyRe.MatchString(key) && !secretAllowRe.MatchString(key) {
		l.report(linter.RuleSecretsUsedInArgOrEnv.Name, in, r, linter.RuleSecretsUsedInArgOrEnv.Format(instruction, key))
	}
}

// checkExpose is dispatchExpose and portSpecs.parsePort: every port after
// expansion; a port BuildKit cannot parse ends the checks of the instruction.
func (l *bkLinter) checkExpose(ds *bkStage, in *Instruction) {
	for _, arg := range in.Args {
		ports, err := l.lex.ProcessWords(arg.Text, ds.env)
		if err != nil {
			return
		}
		for _, raw := range ports {
			ip, hostPort, containerPort := splitPortParts(raw)
			port, proto, _ := strings.Cut(containerPort, "/")
			if port == "" {
				return
			}
			switch strings.ToLower(proto) {
			case "":
				proto = "tcp"
			case "tcp", "udp", "sctp":
			default:
				return
			}
			if proto != strings.ToLower(proto) {
				l.report(linter.RuleExposeProtoCasing.Name, in, arg.Range, linter.RuleExposeProtoCasing.Format(raw))
			}
			if ip != "" || hostPort != "" {
				l.report(linter.RuleExposeInvalidFormat.Name, in, arg.Range, linter.RuleExposeInvalidFormat.Format(raw))
			}
		}
	}
}

func splitPortParts(raw string) (ip, hostPort, containerPort string) {
	parts := strings.Split(raw, ":")
	switch n := len(parts); n {
	case 1:
		return "", "", parts[0]
	case 2:
		return "", parts[0], parts[1]
	case 3:
		return parts[0], parts[1], parts[2]
	default:
		return strings.Join(parts[:n-2], ":"), parts[n-2], parts[n-1]
	}
}

// isAbsPath is system.IsAbs: on Windows a drive letter is dropped and
// backslashes count as separators.
func isAbsPath(p, os string) bool {
	if os == "windows" {
		if len(p) >= 2 && p[1] == ':' {
			p = p[2:]
		}
		p = strings.ReplaceAll(p, `\`, "/")
	}
	return strings.HasPrefix(p, "/")
}

func sortedKeys(m map[string]struct{}) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// bkEnv is an ordered environment, implementing shell.EnvGetter. Keys are
// listed in the order they were last set, as llb.EnvList does, because
// BuildKit's "did you mean" picks the first of equally close names.
type bkEnv struct {
	keys []string
	vals map[string]string
}

// Get implements shell.EnvGetter.
func (e *bkEnv) Get(k string) (string, bool) {
	v, ok := e.vals[k]
	return v, ok
}

// Keys implements shell.EnvGetter.
func (e *bkEnv) Keys() []string { return e.keys }

func (e *bkEnv) set(k, v string) {
	if e.vals == nil {
		e.vals = map[string]string{}
	}
	if _, ok := e.vals[k]; ok {
		e.keys = slices.DeleteFunc(e.keys, func(s string) bool { return s == k })
	}
	e.keys = append(e.keys, k)
	e.vals[k] = v
}

func (e *bkEnv) clone() *bkEnv {
	c := &bkEnv{keys: slices.Clone(e.keys), vals: make(map[string]string, len(e.vals))}
	for k, v := range e.vals {
		c.vals[k] = v
	}
	return c
}

// span is a [start, end) range of an instruction's logical text.
type span struct{ start, end int }

// words is an instruction's logical text split as newInstruction splits it.
type words struct {
	text  string
	flags []span
	args  []span
}

func splitWords(in *Instruction) words {
	w := words{text: in.Logical.Text}
	spans := tokenize(w.text)
	if len(spans) > 0 {
		spans = spans[1:] // the keyword
	}
	for i, s := range spans {
		if i < len(in.Flags) {
			w.flags = append(w.flags, span{s[0], s[1]})
		} else {
			w.args = append(w.args, span{s[0], s[1]})
		}
	}
	return w
}

// findVarRefs finds `$name` and `${name...}` in s as BuildKit's shell lexer
// would expand them: not after the escape character and, when quotes is
// set, not inside single quotes. A `${...}` reference spans to its closing
// brace.
func findVarRefs(s, name string, escape byte, quotes bool) []span {
	var out []span
	inSingle, inDouble := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == escape && !inSingle:
			i++
			continue
		case quotes && c == '\'' && !inDouble:
			inSingle = !inSingle
			continue
		case quotes && c == '"' && !inSingle:
			inDouble = !inDouble
			continue
		case c != '$' || inSingle:
			continue
		}
		if i+1 < len(s) && s[i+1] == '{' {
			j := i + 2
			k := j
			for k < len(s) && isNameByte(s[k]) {
				k++
			}
			if s[j:k] != name {
				continue
			}
			end, depth := k, 1
			for ; end < len(s) && depth > 0; end++ {
				switch s[end] {
				case '{':
					depth++
				case '}':
					depth--
				}
			}
			out = append(out, span{i, end})
			i = end - 1
			continue
		}
		j := i + 1
		k := j
		for k < len(s) && isNameByte(s[k]) {
			k++
		}
		if s[j:k] == name {
			out = append(out, span{i, k})
			i = k - 1
		}
	}
	return out
}

func isNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
