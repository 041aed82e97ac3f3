package fixes

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
)

// Fixers for the package-manager rules: a missing option is inserted after
// the subcommand (`install -y`), a missing cleanup is appended after the
// last command of that package manager (`&& rm -rf /var/lib/apt/lists/*`),
// a lone `apt-get update` moves into the RUN that installs. Each edit
// touches only its own words, so the fixes of several findings on one RUN
// apply together, or one after the other in any order.

// findingCommand is the RUN of a finding and the command the finding's
// range starts at (its name).
func findingCommand(f *analysis.File, fd analysis.Finding) (*analysis.Instruction, *analysis.Command) {
	in := f.InstructionAt(int(fd.Range.Start.Offset))
	if in == nil || !in.Runs() {
		return nil, nil
	}
	for _, c := range in.Shell(f).Commands {
		if int(c.Name.Range.Start.Offset) == int(fd.Range.Start.Offset) {
			return in, c
		}
	}
	return nil, nil
}

// insertOption inserts an option right after word w of command c: ` -y`,
// or `, "-y"` in an exec-form array.
func insertOption(f *analysis.File, in *analysis.Instruction, c *analysis.Command, w analysis.ShellWord, option string) Edit {
	text := " " + option
	if inExecArray(f, in, c) {
		text = `, "` + option + `"`
	}
	return Edit{Start: int(w.Range.End.Offset), End: int(w.Range.End.Offset), NewText: text}
}

// inExecArray reports whether c is the command of an exec-form RUN, whose
// words are JSON strings.
func inExecArray(f *analysis.File, in *analysis.Instruction, c *analysis.Command) bool {
	return in.Shell(f).Exec && strings.HasPrefix(c.Name.Raw, `"`)
}

// optionAfterSubcommand is the fix of the rules that miss an option of a
// subcommand: insert it right after the subcommand.
func optionAfterSubcommand(f *analysis.File, fd analysis.Finding, option, title string, subs ...string) []Fix {
	in, c := findingCommand(f, fd)
	if c == nil {
		return nil
	}
	sub, i := c.Subcommand()
	if i < 0 || !sub.Literal {
		return nil
	}
	if len(subs) > 0 && !contains(subs, sub.Text) {
		return nil
	}
	return []Fix{{
		Title:     title,
		Kind:      QuickFix,
		Preferred: true,
		Edits:     []Edit{insertOption(f, in, c, sub, option)},
	}}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func addAptYes(f *analysis.File, fd analysis.Finding) []Fix {
	return optionAfterSubcommand(f, fd, "-y", "Add -y (answer the prompt)")
}

// addNoInstallRecommends turns recommends off for every install of the
// finding's stage: fixing one alone would make the others look chosen.
func addRpmYes(f *analysis.File, fd analysis.Finding) []Fix {
	return optionAfterSubcommand(f, fd, "-y", "Add -y (answer the prompt)")
}

func addNoInstallRecommends(f *analysis.File, fd analysis.Finding) []Fix {
	in, _ := findingCommand(f, fd)
	if in == nil {
		return nil
	}
	var edits []Edit
	for x, cmds := range rules.RecommendsInstalls(f, in) {
		for _, c := range cmds {
			sub, i := c.Subcommand()
			if i < 0 || !sub.Literal || sub.Text != "install" {
				return nil
			}
			edits = append(edits, insertOption(f, x, c, sub, "--no-install-recommends"))
		}
	}
	if len(edits) == 0 {
		return nil
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	title := "Add --no-install-recommends"
	if len(edits) > 1 {
		title = fmt.Sprintf("Add --no-install-recommends to the %d installs of this stage", len(edits))
	}
	return []Fix{{Title: title, Kind: QuickFix, Preferred: true, Edits: edits}}
}

func addPipNoCacheDir(f *analysis.File, fd analysis.Finding) []Fix {
	return optionAfterSubcommand(f, fd, "--no-cache-dir", "Add --no-cache-dir", "install")
}

// addUseraddNoLogInit inserts -l right after useradd.
func addUseraddNoLogInit(f *analysis.File, fd analysis.Finding) []Fix {
	in, c := findingCommand(f, fd)
	if c == nil || !c.Is("useradd") {
		return nil
	}
	return []Fix{{
		Title:     "Add -l (no lastlog entry)",
		Kind:      QuickFix,
		Preferred: true,
		Edits:     []Edit{insertOption(f, in, c, c.Name, "-l")},
	}}
}

// aptToAptGet says what `apt <sub>` becomes: the tool and, when it is
// spelled differently there, the subcommand.
var aptToAptGet = map[string][2]string{
	"update": {"apt-get", ""}, "upgrade": {"apt-get", ""}, "install": {"apt-get", ""},
	"remove": {"apt-get", ""}, "purge": {"apt-get", ""}, "autoremove": {"apt-get", ""},
	"dist-upgrade": {"apt-get", ""}, "clean": {"apt-get", ""}, "autoclean": {"apt-get", ""},
	"source": {"apt-get", ""}, "build-dep": {"apt-get", ""}, "download": {"apt-get", ""},
	"changelog": {"apt-get", ""}, "check": {"apt-get", ""}, "satisfy": {"apt-get", ""},
	"full-upgrade": {"apt-get", "dist-upgrade"},
	"reinstall":    {"apt-get", "install --reinstall"},
	"autopurge":    {"apt-get", "autoremove --purge"},
	"show":         {"apt-cache", ""}, "search": {"apt-cache", ""}, "policy": {"apt-cache", ""},
	"depends": {"apt-cache", ""}, "rdepends": {"apt-cache", ""}, "showsrc": {"apt-cache", ""},
}

// useAptGet replaces `apt` with apt-get (or apt-cache), renaming the
// subcommands apt-get spells differently.
func useAptGet(f *analysis.File, fd analysis.Finding) []Fix {
	in, c := findingCommand(f, fd)
	if c == nil {
		return nil
	}
	sub, i := c.Subcommand()
	to, ok := aptToAptGet[sub.Text]
	if i < 0 || !ok || !sub.Literal {
		return nil
	}
	exec := inExecArray(f, in, c)
	raw := c.Name.Raw
	var name string
	switch {
	case exec && raw == `"apt"` || exec && strings.HasSuffix(raw, `/apt"`):
		name = strings.TrimSuffix(raw, `apt"`) + to[0] + `"`
	case !exec && (raw == "apt" || strings.HasSuffix(raw, "/apt")) && c.Name.Literal:
		name = strings.TrimSuffix(raw, "apt") + to[0]
	default:
		return nil
	}
	edits := []Edit{{Start: int(c.Name.Range.Start.Offset), End: int(c.Name.Range.End.Offset), NewText: name}}
	if to[1] != "" {
		if exec {
			return nil
		}
		edits = append(edits, Edit{Start: int(sub.Range.Start.Offset), End: int(sub.Range.End.Offset), NewText: to[1]})
	}
	title := "Use " + to[0]
	if to[1] != "" {
		title += " " + to[1]
	}
	return []Fix{{Title: title, Kind: QuickFix, Preferred: true, Edits: edits}}
}

// cleanAptLists removes the package lists in the RUN that fetched them:
// by moving the cleanup RUN right after it into it, or by appending
// `rm -rf /var/lib/apt/lists/*` after its last apt command.
func cleanAptLists(f *analysis.File, fd analysis.Finding) []Fix {
	data, ok := fd.Data.(rules.AptListsCleanup)
	in := f.InstructionAt(int(fd.Range.Start.Offset))
	if !ok || in == nil || in.Name != "run" {
		return nil
	}
	if cleanup := f.Resolve(fd, data.Move); cleanup != nil {
		edits, ok := moveIntoPrevious(f, in, cleanup, []string{"/var/lib/apt/lists"})
		if !ok {
			return nil
		}
		return []Fix{{Title: "Move the cleanup RUN into this RUN", Kind: QuickFix, Preferred: true, Edits: edits}}
	}
	edit, ok := appendAfterStep(f, in, data.After, "rm -rf /var/lib/apt/lists/*")
	if !ok {
		return nil
	}
	return []Fix{{Title: "Remove the package lists in this RUN", Kind: QuickFix, Preferred: true, Edits: []Edit{edit}}}
}

// appendCacheClean appends the clean command a finding names after the
// command it names (rpm-cache-not-cleaned, js-cache-not-cleaned).
func appendCacheClean(f *analysis.File, fd analysis.Finding) []Fix {
	data, ok := fd.Data.(rules.CacheClean)
	in := f.InstructionAt(int(fd.Range.Start.Offset))
	if !ok || in == nil || in.Name != "run" || data.Command == "" {
		return nil
	}
	clean := data.Command
	edit, ok := appendAfterStep(f, in, data.After, clean)
	if !ok {
		return nil
	}
	return []Fix{{Title: "Add " + clean, Kind: QuickFix, Preferred: true, Edits: []Edit{edit}}}
}

// appendAfterStep inserts `&& cmd` right after the top-level step of the
// RUN that holds the offset after, counted from the RUN's start (see
// analysis.Instruction.Steps):
// the cleanup runs once that step succeeded, before anything that
// followed it, and never inside a loop, a pipeline or a background job.
// When the step ends its line, a RUN written over several lines gets a
// line of its own in the RUN's style (`&&` leading the line or ending the
// one before); a one-line RUN grows on its line up to 80 columns.
func appendAfterStep(f *analysis.File, in *analysis.Instruction, after int, cmd string) (Edit, bool) {
	offset := int(in.Range.Start.Offset) + after // counted from the RUN's start
	steps := in.Steps(f)
	i, ok := analysis.StepOf(steps, offset)
	if !ok {
		return Edit{}, false
	}
	pos := int(steps[i].End.Offset)
	inline := Edit{Start: pos, End: pos, NewText: " && " + cmd}
	if len(in.Heredocs) > 0 {
		return inline, true
	}
	line := int(f.Lines.Pos(pos).Line)
	esc := string(f.Escape)
	rest := strings.TrimSpace(strings.TrimRight(f.Text[pos:f.Lines.End(line)], "\r"))
	nl := newline(f)
	indent, leading := continuationStyle(f, in)
	switch rest {
	case "":
		if in.Logical.EndLine == int(in.Range.Start.Line) && pos-f.Lines.Start(line)+4+len(cmd) <= 80 {
			return inline, true
		}
	case esc:
		if !leading {
			return inline, true
		}
	case "&&" + esc, "&& " + esc:
		leading = false
	default:
		return inline, true
	}
	if leading {
		return Edit{Start: pos, End: pos, NewText: " " + esc + nl + indent + "&& " + cmd}, true
	}
	return Edit{Start: pos, End: pos, NewText: " && " + esc + nl + indent + cmd}, true
}

// moveAptUpdate moves a lone `apt-get update` into the next RUN of the
// stage that reads the package lists, or removes it when nothing needs
// it (the rule decides which, in the finding's "action").
func moveAptUpdate(f *analysis.File, fd analysis.Finding) []Fix {
	data, ok := fd.Data.(rules.AptUpdateFix)
	lone := f.InstructionAt(int(fd.Range.Start.Offset))
	if !ok || lone == nil || lone.Name != "run" {
		return nil
	}
	target := f.Resolve(fd, data.Into)
	if data.Into == (analysis.Ref{}) {
		return []Fix{{
			Title:     "Remove the separate apt-get update",
			Kind:      QuickFix,
			Preferred: true,
			Edits:     []Edit{deleteInstruction(f, lone)},
		}}
	}
	if target == nil || target.Index <= lone.Index || !plainShellRun(target) || !plainShellRun(lone) || flagsText(lone) != "" && flagsText(lone) != flagsText(target) {
		return nil
	}
	update, ok := updateText(f, lone)
	if !ok {
		return nil
	}
	start := int(target.Args[0].Range.Start.Offset)
	edit := Edit{Start: start, End: start, NewText: update + " && "}
	if needsGroup(target.Logical.Text) {
		body := f.Text[start:target.Logical.End]
		if strings.Contains(body, "#") {
			return nil
		}
		edit = Edit{Start: start, End: target.Logical.End, NewText: update + " && { " + strings.TrimSuffix(strings.TrimRight(body, " \t"), ";") + "; }"}
	}
	return []Fix{{
		Title:     "Run apt-get update in the RUN that installs (line " + strconv.Itoa(int(target.Range.Start.Line)+1) + ")",
		Kind:      QuickFix,
		Preferred: true,
		Edits:     []Edit{deleteInstruction(f, lone), edit},
	}}
}

// updateText is the shell text of a RUN made only of `apt-get update`
// commands, on one line: as written when it is one line with nothing but
// && between commands, else rebuilt from the commands' words.
func updateText(f *analysis.File, in *analysis.Instruction) (string, bool) {
	body := strings.TrimSpace(f.Text[in.Args[0].Range.Start.Offset:in.Logical.End])
	body = strings.TrimSpace(strings.TrimSuffix(body, ";"))
	if !strings.ContainsAny(body, "\n#") && !needsGroup(body) {
		return body, true
	}
	var parts []string
	for _, c := range in.Shell(f).Commands {
		var words []string
		for _, group := range [][]analysis.ShellWord{c.Env, c.Prefix, {c.Name}, c.Args} {
			for _, w := range group {
				if strings.ContainsAny(w.Raw, "\n#") {
					return "", false
				}
				words = append(words, w.Raw)
			}
		}
		parts = append(parts, strings.Join(words, " "))
	}
	if len(parts) == 0 {
		return "", false
	}
	return strings.Join(parts, " && "), true
}

// flagsText is a RUN's flags as written, for comparing two RUNs.
func flagsText(in *analysis.Instruction) string {
	parts := make([]string, len(in.Flags))
	for i, fl := range in.Flags {
		parts[i] = fl.Name + "=" + fl.Value
	}
	return strings.Join(parts, " ")
}

// addApkNoCache inserts --no-cache after `apk add` (or `apk upgrade`) and
// drops an `apk update &&` of the same RUN that nothing needs any more; a
// finding on a redundant `apk update` itself drops it.
func addApkNoCache(f *analysis.File, fd analysis.Finding) []Fix {
	in, c := findingCommand(f, fd)
	if c == nil {
		return nil
	}
	if _, drop := fd.Data.(rules.DropApkUpdate); drop {
		edit, ok := dropCommand(f, in, c)
		if !ok {
			return nil
		}
		return []Fix{{Title: "Remove the redundant apk update", Kind: QuickFix, Preferred: true, Edits: []Edit{edit}}}
	}
	fixes := optionAfterSubcommand(f, fd, "--no-cache", "Add --no-cache", "add", "upgrade")
	if len(fixes) == 0 {
		return nil
	}
	if u := rules.ApkRedundantUpdate(f, in, c); u != nil {
		if edit, ok := dropCommand(f, in, u); ok {
			fixes[0].Title = "Add --no-cache and drop the apk update"
			fixes[0].Edits = append(fixes[0].Edits, edit)
		}
	}
	return fixes
}

// dropCommand removes a command that is a step of its own, followed by
// `&&` or `;` and another step: `apk update && apk add x` -> `apk add x`.
func dropCommand(f *analysis.File, in *analysis.Instruction, c *analysis.Command) (Edit, bool) {
	steps := in.Steps(f)
	i, ok := analysis.StepOf(steps, int(c.Range.Start.Offset))
	if !ok || i+1 >= len(steps) || int(steps[i].Start.Offset) != int(c.Range.Start.Offset) {
		return Edit{}, false
	}
	for _, x := range in.Shell(f).Commands {
		if x != c && steps[i].Contains(int(x.Range.Start.Offset)) {
			return Edit{}, false // the step runs more than c
		}
	}
	between := f.Text[steps[i].End.Offset:int(steps[i+1].Start.Offset)]
	between = strings.ReplaceAll(between, string(f.Escape)+"\r\n", "")
	between = strings.ReplaceAll(between, string(f.Escape)+"\n", "")
	between = strings.Trim(between, " \t")
	if between != "&&" && between != ";" && !(len(in.Heredocs) > 0 && strings.Trim(between, "\r\n \t") == "") {
		return Edit{}, false
	}
	return Edit{Start: int(steps[i].Start.Offset), End: int(steps[i+1].Start.Offset)}, true
}
