package analysis

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/agext/levenshtein"
	"github.com/moby/buildkit/frontend/dockerfile/command"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// BuildKit's "(did you mean X?)" picks the first of the equally close names
// in the order of a Go map, so the same text can give a different message
// on the next keystroke. stableSuggestion picks again, from the same
// names, the closest and then the first in alphabetical order.

var didYouMean = regexp.MustCompile(` \(did you mean [^?]*\?\)`)

// stableSuggestion is BuildKit's parse error message for in with its
// suggestion chosen the same way every time: the unknown instruction and
// unknown flag errors, whose names come from maps.
func stableSuggestion(err error, in *Instruction) string {
	msg := cleanError(err)
	if !didYouMean.MatchString(msg) {
		return msg
	}
	val, options, caseSensitive := suggestionSource(err, msg, in)
	if options == nil {
		return msg
	}
	match := closest(val, options, caseSensitive)
	if match == "" {
		return didYouMean.ReplaceAllString(msg, "")
	}
	return didYouMean.ReplaceAllLiteralString(msg, " (did you mean "+match+"?)")
}

// suggestionSource is what BuildKit searched for the suggestion in msg:
// the value, the names (nil when the message is not one of those whose
// order varies) and whether case counts.
func suggestionSource(err error, msg string, in *Instruction) (string, []string, bool) {
	var unknown *instructions.UnknownInstructionError
	if errors.As(err, &unknown) {
		names := make([]string, 0, len(command.Commands))
		for name := range command.Commands {
			names = append(names, strings.ToUpper(name))
		}
		return unknown.Instruction, names, false
	}
	if m := unknownFlag.FindStringSubmatch(msg); m != nil {
		return m[1], buildkitFlags(in.Name), true
	}
	return "", nil, false
}

var unknownFlag = regexp.MustCompile(`unknown flag: --([^\s=]*)`)

// closest is suggest.Search's choice (a distance under 3, none for an
// exact match, the case of val kept when case does not count) with ties
// broken alphabetically.
func closest(val string, options []string, caseSensitive bool) string {
	options = slices.Clone(options)
	slices.Sort(options)
	key := val
	if !caseSensitive {
		key = strings.ToLower(val)
	}
	match, best := "", 3
	for _, opt := range options {
		if !caseSensitive {
			opt = strings.ToLower(opt)
		}
		if opt == key {
			return ""
		}
		if d := levenshtein.Distance(key, opt, nil); d < best {
			match, best = opt, d
		}
	}
	if match != "" && !caseSensitive && val != strings.ToLower(val) && val == strings.ToUpper(val) {
		match = strings.ToUpper(match) // as written in capitals; otherwise lower case, as BuildKit does
	}
	return match
}

// flagProbe lists every flag some instruction of BuildKit takes; which ones
// an instruction takes is asked of BuildKit itself (buildkitFlags).
var flagProbe = []string{
	"chmod", "checksum", "chown", "device", "exclude", "from", "interval", "keep-git-dir", "link",
	"mount", "network", "parents", "platform", "retries", "security", "start-interval",
	"start-period", "timeout", "unpack",
}

var flagsByInstruction sync.Map // instruction name -> []string

// buildkitFlags are the flags BuildKit's instruction parser accepts for the
// instruction name: each flag of flagProbe that it does not reject as
// unknown. Worked out once per name, on the first error that needs it.
func buildkitFlags(name string) []string {
	if v, ok := flagsByInstruction.Load(name); ok {
		return v.([]string)
	}
	var out []string
	for _, flag := range flagProbe {
		text := name + " --" + flag + "=1 a b\n"
		if name == "healthcheck" {
			text = name + " --" + flag + "=1s CMD a\n"
		}
		res, err := parser.Parse(strings.NewReader(text))
		if err != nil || len(res.AST.Children) == 0 {
			continue
		}
		_, err = parseInstruction(res.AST.Children[0])
		if err == nil || !strings.Contains(err.Error(), "unknown flag: --"+flag) {
			out = append(out, flag)
		}
	}
	flagsByInstruction.Store(name, out)
	return out
}

// Closest is the name of options nearest to val, as "did you mean" picks it
// (an edit distance under 3, ties alphabetical, case not counting), or "".
func Closest(val string, options []string) string { return closest(val, options, false) }
