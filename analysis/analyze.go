package analysis

import (
	"fmt"
	"sort"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/linter"
)

// AnalyzeWith runs every enabled rule of rules over f and returns the
// syntax errors and the findings that no pragma or setting silences, sorted
// by position. The rules layerwise ships are rules.All(). Once opts.Done is
// closed it stops between rules (and stages) and returns what it has, which
// the caller, who no longer wants it, throws away.
func AnalyzeWith(f *File, rules []*Rule, opts Options) []Finding {
	// The memo keys on the caller's configuration, nil included: a default
	// made here would be a new one each time.
	memo := f.cache.ruleStageMemo(f, rules, opts)
	defer func() {
		if !opts.cancelled() { // a cut-short run did not visit every stage it keeps
			memo.done()
		}
	}()
	if opts.Config == nil {
		opts.Config = &Config{}
	}
	opts.Workspace = rememberAnswers(opts.Workspace)
	findings := append([]Finding(nil), f.Errors...)
	if opts.ConfigError != nil {
		findings = append(findings, Finding{
			Code:     "config",
			Source:   SourceLayerwise,
			Severity: SeverityError,
			Message:  "invalid configuration: " + opts.ConfigError.Error(),
			Range:    f.Lines.LineRange(0),
		})
	}
	check, checkErr := f.checkConfig()
	if checkErr != nil {
		findings = append(findings, *checkErr)
	}
	ignores := f.parseSuppressions()
	shipped := f.Shipped(opts.Config)
	// Whose layers no one pulls to run: their size is the build machine's.
	noImageSize := opts.DevImage || f.BuildOnly(shipped)
	for slot, rule := range rules {
		if opts.cancelled() {
			break
		}
		setting := opts.Config.Rules[rule.ID]
		if setting.Off || rule.DefaultOff && !setting.On || (rule.Source == SourceBuildKit && check.skips(rule.ID)) {
			continue
		}
		if noImageSize && (rule.Category == CategorySize || rule.Category == CategoryLayers) || opts.Squashed && rule.LayerBound {
			continue
		}
		var found []Finding
		pass := &Pass{File: f, Rule: rule, Config: opts.Config, Workspace: opts.Workspace, Filename: opts.Filename, DevImage: opts.DevImage,
			shipped: shipped, findings: &found, strict: opts.StrictScope}
		if rule.Scope.PerStage() {
			for _, st := range f.Stages {
				if opts.cancelled() {
					break
				}
				memo.run(pass, slot, st)
			}
		} else {
			rule.Run(pass)
		}
		for _, fd := range found {
			if ignores.ignores(rule, f.InstructionAt(int(fd.Range.Start.Offset))) {
				continue
			}
			if rule.Source == SourceBuildKit && check.Config != nil && check.ReturnAsError {
				fd.Severity = SeverityError
			}
			if setting.Severity != 0 {
				fd.Severity = setting.Severity
			}
			findings = append(findings, fd)
		}
	}
	sort.SliceStable(findings, func(i, j int) bool {
		a, b := findings[i].Range.Start, findings[j].Range.Start
		if a.Offset != b.Offset {
			return a.Offset < b.Offset
		}
		return findings[i].Code < findings[j].Code
	})
	return findings
}

// checkOptions is the `# check=` directive: which BuildKit checks to skip and
// whether their findings are errors.
type checkOptions struct{ *linter.Config }

func (c checkOptions) skips(rule string) bool {
	if c.Config == nil {
		return false
	}
	if c.SkipAll {
		return true
	}
	for _, s := range c.SkipRules {
		if s == rule {
			return true
		}
	}
	return false
}

// checkConfig parses the `# check=` directive with BuildKit's own parser. A
// malformed directive is itself reported.
func (f *File) checkConfig() (checkOptions, *Finding) {
	d, ok := f.Directive("check")
	if !ok {
		return checkOptions{}, nil
	}
	value, _, _ := strings.Cut(d.Value, " ")
	cfg, err := linter.ParseLintOptions(value)
	if err != nil {
		return checkOptions{}, &Finding{
			Code:     "check-directive",
			Source:   SourceLayerwise,
			Severity: SeverityError,
			Message:  fmt.Sprintf("invalid check directive: %v", err),
			Range:    d.ValueRange,
		}
	}
	return checkOptions{cfg}, nil
}
