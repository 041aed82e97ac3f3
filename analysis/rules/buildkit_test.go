package rules

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/linter"

	"github.com/layerwise/layerwise/analysis"
)

// bkFindings renders the findings of one rule as "line:col-line:col message"
// (1-based lines, 0-based byte columns, as an editor shows them).
func bkFindings(src, rule string) []string {
	var out []string
	for _, fd := range analyze(analysis.Parse(src)) {
		if fd.Code != rule {
			continue
		}
		r := fd.Range
		out = append(out, fmt.Sprintf("%d:%d-%d:%d %s", int(r.Start.Line)+1, int(r.Start.Col), int(r.End.Line)+1, int(r.End.Col), fd.Message))
	}
	return out
}

func TestBuildKitRules(t *testing.T) {
	tests := []struct {
		name string
		rule string
		src  string
		want []string // nil: the rule stays quiet
	}{
		// StageNameCasing
		{"stage name upper", "StageNameCasing", "FROM alpine AS Builder\n",
			[]string{"1:15-1:22 Stage name 'Builder' should be lowercase"}},
		{"stage name lower", "StageNameCasing", "FROM alpine AS builder\n", nil},

		// FromAsCasing
		{"as lower after FROM", "FromAsCasing", "FROM alpine as build\n",
			[]string{"1:12-1:14 'as' and 'FROM' keywords' casing do not match"}},
		{"AS upper after from", "FromAsCasing", "from alpine AS build\n",
			[]string{"1:12-1:14 'AS' and 'from' keywords' casing do not match"}},
		{"mixed-case From is another rule's", "FromAsCasing", "From alpine as build\n", nil},
		{"matching casing", "FromAsCasing", "FROM alpine AS build\nfrom alpine as b2\n", nil},

		// NoEmptyContinuation
		{"empty continuation", "NoEmptyContinuation", "FROM alpine\nRUN apk add \\\n\n    curl\n",
			[]string{"3:0-3:0 Empty continuation line"}},
		{"blank-only continuation", "NoEmptyContinuation", "FROM alpine\nRUN apk add \\\n   \n    curl\n",
			[]string{"3:0-3:3 Empty continuation line"}},
		{"comment in continuation", "NoEmptyContinuation", "FROM alpine\nRUN apk add \\\n# curl\n    git\n", nil},
		{"continuation at end of file", "NoEmptyContinuation", "FROM alpine\nRUN apk add \\\n", nil},

		// ConsistentInstructionCasing
		{"minority lower", "ConsistentInstructionCasing", "FROM alpine\nrun echo\nRUN echo\n",
			[]string{"2:0-2:3 Command 'run' should match the case of the command majority (uppercase)"}},
		{"mixed case against lower majority", "ConsistentInstructionCasing", "from alpine\nrun echo\nRun echo\n",
			[]string{"3:0-3:3 Command 'Run' should match the case of the command majority (lowercase)"}},
		{"meta ARG not counted", "ConsistentInstructionCasing", "arg V=1\nFROM alpine\nRUN echo\n", nil},
		{"tie goes to upper case", "ConsistentInstructionCasing", "from alpine\nRUN echo\n",
			[]string{"1:0-1:4 Command 'from' should match the case of the command majority (uppercase)"}},

		// DuplicateStageName
		{"duplicate", "DuplicateStageName", "FROM alpine AS build\nFROM alpine AS Build\n",
			[]string{`2:15-2:20 Duplicate stage name "build", stage names should be unique`}},
		{"unique", "DuplicateStageName", "FROM alpine AS build\nFROM alpine AS test\n", nil},

		// ReservedStageName
		{"scratch", "ReservedStageName", "FROM alpine AS scratch\n",
			[]string{`1:15-1:22 Stage name should not use the same name as reserved stage "scratch"`}},
		{"context", "ReservedStageName", "FROM alpine AS Context\n",
			[]string{`1:15-1:22 Stage name should not use the same name as reserved stage "context"`}},
		{"not reserved", "ReservedStageName", "FROM scratch AS base\n", nil},

		// JSONArgsRecommended
		{"shell-form CMD", "JSONArgsRecommended", "FROM alpine\nCMD node  server.js\n",
			[]string{"2:4-2:19 JSON arguments recommended for CMD to prevent unintended behavior related to OS signals"}},
		{"shell-form entrypoint keeps its casing", "JSONArgsRecommended", "FROM alpine\nentrypoint app --serve\n",
			[]string{"2:11-2:22 JSON arguments recommended for entrypoint to prevent unintended behavior related to OS signals"}},
		{"exec form", "JSONArgsRecommended", "FROM alpine\nCMD [\"node\", \"server.js\"]\n", nil},
		{"SHELL set in parent stage", "JSONArgsRecommended", "FROM alpine AS a\nSHELL [\"/bin/bash\", \"-c\"]\nFROM a\nCMD echo hi\n", nil},
		{"ONBUILD CMD", "JSONArgsRecommended", "FROM alpine\nONBUILD CMD echo hi\n", nil},

		// MaintainerDeprecated
		{"maintainer", "MaintainerDeprecated", "FROM alpine\nMAINTAINER Jane <j@example.com>\n",
			[]string{"2:0-2:10 Maintainer instruction is deprecated in favor of using label"}},
		{"label", "MaintainerDeprecated", "FROM alpine\nLABEL org.opencontainers.image.authors=j@example.com\n", nil},

		// UndefinedArgInFrom
		{"undeclared with suggestion", "UndefinedArgInFrom", "ARG VERSION=3\nFROM alpine:${VERSON}\n",
			[]string{"2:12-2:21 FROM argument 'VERSON' is not declared (did you mean VERSION?)"}},
		{"undeclared platform arg", "UndefinedArgInFrom", "FROM --platform=$PLAT alpine\n",
			[]string{"1:16-1:21 FROM argument 'PLAT' is not declared"}},
		{"declared without value", "UndefinedArgInFrom", "ARG TAG\nFROM alpine:${TAG:-3}\n", nil},
		{"predefined platform args", "UndefinedArgInFrom", "FROM --platform=$BUILDPLATFORM alpine:$TARGETARCH\n", nil},
		{"stage ARG is not global", "UndefinedArgInFrom", "FROM alpine\nARG V=1\nFROM alpine:$V\n",
			[]string{"3:12-3:14 FROM argument 'V' is not declared"}},

		// WorkdirRelativePath
		{"relative first workdir", "WorkdirRelativePath", "FROM alpine\nWORKDIR app\nWORKDIR sub\n",
			[]string{`2:8-2:11 Relative workdir "app" can have unexpected results if the base image changes`}},
		{"absolute first workdir", "WorkdirRelativePath", "FROM alpine\nWORKDIR /app\nWORKDIR sub\n", nil},
		{"absolute after expansion", "WorkdirRelativePath", "FROM alpine\nENV D=/srv\nWORKDIR $D/app\n", nil},
		{"inherited from parent stage", "WorkdirRelativePath", "FROM alpine AS a\nWORKDIR /a\nFROM a\nWORKDIR b\n", nil},
		{"message shows the expanded path", "WorkdirRelativePath", "FROM alpine\nARG D=x\nWORKDIR $D/app\n",
			[]string{`3:8-3:14 Relative workdir "x/app" can have unexpected results if the base image changes`}},

		// UndefinedVar
		{"typo with suggestion", "UndefinedVar", "FROM alpine\nENV PATH=/opt/bin:$PAHT\n",
			[]string{"2:18-2:23 Usage of undefined variable '$PAHT' (did you mean $PATH?)"}},
		{"braces and modifier", "UndefinedVar", "FROM alpine\nUSER ${APP_USER:-app}\n",
			[]string{"2:5-2:21 Usage of undefined variable '$APP_USER'"}},
		{"on a continuation line", "UndefinedVar", "FROM alpine\nENV A=1 \\\n    B=$NOPE\n",
			[]string{"3:6-3:11 Usage of undefined variable '$NOPE'"}},
		{"COPY flags and heredoc", "UndefinedVar", "FROM alpine\nCOPY --chown=$OWNER <<EOF /x\nuser=$U\nEOF\n",
			[]string{"2:13-2:19 Usage of undefined variable '$OWNER'", "3:5-3:7 Usage of undefined variable '$U'"}},
		{"RUN mount flag, not the command", "UndefinedVar", "FROM alpine\nRUN --mount=type=cache,target=/c/$C echo $X\n",
			[]string{"2:33-2:35 Usage of undefined variable '$C'"}},
		{"ENV sees the environment before it", "UndefinedVar", "FROM alpine\nENV A=1 B=$A\n",
			[]string{"2:10-2:12 Usage of undefined variable '$A'"}},
		{"ARG default", "UndefinedVar", "FROM alpine\nARG A=$B\n",
			[]string{"2:6-2:8 Usage of undefined variable '$B'"}},
		{"declared ARG, global value, ENV", "UndefinedVar",
			"ARG G=1\nFROM alpine\nARG G\nARG D\nENV E=1\nLABEL x=$G/$D/$E/$PATH\n", nil},
		{"single quotes and escapes", "UndefinedVar", "FROM alpine\nLABEL a='$X' b=\"\\$Y\"\n", nil},
		{"CMD and RUN are left to the shell", "UndefinedVar", "FROM alpine\nRUN echo $X\nCMD echo $Y\n", nil},
		{"quoted heredoc", "UndefinedVar", "FROM alpine\nCOPY <<'EOF' /x\n$X\nEOF\n", nil},
		{"inherited from parent stage", "UndefinedVar", "FROM alpine AS a\nARG A\nENV B=1\nFROM a\nENV C=$A$B\n", nil},
		// Where layerwise differs from BuildKit, on purpose (the rule's doc).
		{"set by a known base image", "UndefinedVar", "FROM golang:1.22\nENV PATH=$GOPATH/bin:$PATH\n", nil},
		{"a base whose environment is unknown", "UndefinedVar", "FROM registry.example.com/base:1\nENV X=$FROM_BASE\n", nil},
		{"a stage of an unknown base", "UndefinedVar", "FROM ghcr.io/org/base AS b\nFROM b\nENV X=$FROM_BASE\n", nil},
		{"an unresolved base", "UndefinedVar", "ARG IMAGE\nFROM ${IMAGE}\nENV X=$FROM_BASE\n", nil},
		{"known base, variable not set", "UndefinedVar", "FROM golang:1.22\nENV X=$GOPTAH\n",
			[]string{"2:6-2:13 Usage of undefined variable '$GOPTAH' (did you mean $GOPATH?)"}},
		{"the append idiom", "UndefinedVar", "FROM alpine\nENV JAVA_OPTS=\"$JAVA_OPTS -Xmx1g\" B=$NOPE\n",
			[]string{"2:36-2:41 Usage of undefined variable '$NOPE'"}},
		{"predefined ARG must be declared", "UndefinedVar", "FROM alpine\nENV A=$TARGETARCH\n",
			[]string{"2:6-2:17 Usage of undefined variable '$TARGETARCH'"}},
		{"known official image env", "UndefinedVar", "FROM golang:1.22\nWORKDIR $GOPATH/src\n", nil},

		// MultipleInstructionsDisallowed
		{"two CMDs", "MultipleInstructionsDisallowed", "FROM alpine\nCMD [\"a\"]\nHEALTHCHECK NONE\ncmd [\"b\"]\nHEALTHCHECK NONE\n",
			[]string{
				"2:0-2:3 Multiple cmd instructions should not be used in the same stage because only the last one will be used",
				"3:0-3:11 Multiple HEALTHCHECK instructions should not be used in the same stage because only the last one will be used",
			}},
		{"one per stage", "MultipleInstructionsDisallowed", "FROM alpine AS a\nENTRYPOINT [\"a\"]\nFROM a\nENTRYPOINT [\"b\"]\n", nil},

		// LegacyKeyValueFormat
		{"legacy ENV", "LegacyKeyValueFormat", "FROM alpine\nENV APP_HOME /app\n",
			[]string{`2:4-2:17 "ENV key=value" should be used instead of legacy "ENV key value" format`}},
		{"legacy label", "LegacyKeyValueFormat", "FROM alpine\nlabel author Jane Doe\n",
			[]string{`2:6-2:21 "label key=value" should be used instead of legacy "label key value" format`}},
		{"key=value", "LegacyKeyValueFormat", "FROM alpine\nENV A=1 B=2\nLABEL a=b\n", nil},

		// RedundantTargetPlatform
		{"$TARGETPLATFORM", "RedundantTargetPlatform", "FROM --platform=${TARGETPLATFORM} alpine\n",
			[]string{"1:16-1:33 Setting platform to predefined ${TARGETPLATFORM} in FROM is redundant as this is the default behavior"}},
		{"$BUILDPLATFORM", "RedundantTargetPlatform", "FROM --platform=$BUILDPLATFORM alpine\n", nil},
		{"composed", "RedundantTargetPlatform", "FROM --platform=$TARGETOS/$TARGETARCH alpine\n", nil},

		// SecretsUsedInArgOrEnv
		{"ARG token", "SecretsUsedInArgOrEnv", "FROM alpine\nARG GITHUB_TOKEN\n",
			[]string{`2:4-2:16 Do not use ARG or ENV instructions for sensitive data (ARG "GITHUB_TOKEN")`}},
		{"ENV password among others", "SecretsUsedInArgOrEnv", "FROM alpine\nENV A=1 DB_PASSWORD=x\n",
			[]string{`2:8-2:19 Do not use ARG or ENV instructions for sensitive data (ENV "DB_PASSWORD")`}},
		{"allowed words", "SecretsUsedInArgOrEnv", "FROM alpine\nENV PUBLIC_KEY=1 PASSWORD_FILE=/x TOKEN_VERSION=2 KEYBOARD=us\n", nil},
		{"meta ARG is not checked", "SecretsUsedInArgOrEnv", "ARG API_TOKEN\nFROM alpine\n", nil},

		// InvalidDefaultArgInFrom
		{"empty default", "InvalidDefaultArgInFrom", "ARG TAG\nFROM alpine:$TAG\n",
			[]string{"2:5-2:16 Default value for ARG alpine:$TAG results in empty or invalid base image name"}},
		{"upper-case default", "InvalidDefaultArgInFrom", "ARG IMG=Alpine\nFROM $IMG\n",
			[]string{"2:5-2:9 Default value for ARG $IMG results in empty or invalid base image name"}},
		{"valid default", "InvalidDefaultArgInFrom", "ARG TAG=3.20\nFROM alpine:$TAG\nFROM alpine:${X:-3}\n", nil},

		// FromPlatformFlagConstDisallowed
		{"constant platform", "FromPlatformFlagConstDisallowed", "FROM --platform=linux/amd64 alpine AS build\n",
			[]string{`1:16-1:27 FROM --platform flag should not use constant value "linux/amd64"`}},
		{"named after the platform", "FromPlatformFlagConstDisallowed", "FROM --platform=linux/arm64 alpine AS build-arm64\n", nil},
		{"variable platform", "FromPlatformFlagConstDisallowed", "FROM --platform=$BUILDPLATFORM alpine\n", nil},

		// ExposeProtoCasing
		{"upper-case protocol", "ExposeProtoCasing", "FROM alpine\nEXPOSE 80 53/UDP\n",
			[]string{"2:10-2:16 Defined protocol '53/UDP' in EXPOSE instruction should be lowercase"}},
		{"lower-case protocol", "ExposeProtoCasing", "FROM alpine\nEXPOSE 80/tcp 53/udp\n", nil},

		// ExposeInvalidFormat
		{"host mapping", "ExposeInvalidFormat", "FROM alpine\nEXPOSE 80 0.0.0.0:8080:80\n",
			[]string{"2:10-2:25 EXPOSE instruction should not define an IP address or host-port mapping, found '0.0.0.0:8080:80'"}},
		{"after a bad protocol BuildKit stops", "ExposeInvalidFormat", "FROM alpine\nEXPOSE 80/foo 8080:80\n", nil},
		{"container port only", "ExposeInvalidFormat", "FROM alpine\nEXPOSE 80 8000-8010/udp\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.rule+"/"+tt.name, func(t *testing.T) {
			got := bkFindings(tt.src, tt.rule)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}

func TestBuildKitCheckDirective(t *testing.T) {
	const body = "FROM alpine AS Build\nCMD echo hi\n"
	codes := func(src string) map[string]analysis.Severity {
		out := map[string]analysis.Severity{}
		for _, fd := range analyze(analysis.Parse(src)) {
			if fd.Source == analysis.SourceBuildKit {
				out[fd.Code] = fd.Severity
			}
		}
		return out
	}

	all := codes(body)
	if all["StageNameCasing"] != analysis.SeverityWarning || all["JSONArgsRecommended"] != analysis.SeverityWarning {
		t.Fatalf("without a directive: %v", all)
	}
	skipOne := codes("# check=skip=StageNameCasing\n" + body)
	if _, ok := skipOne["StageNameCasing"]; ok {
		t.Errorf("skip=StageNameCasing still reports it: %v", skipOne)
	}
	if _, ok := skipOne["JSONArgsRecommended"]; !ok {
		t.Errorf("skip=StageNameCasing silenced another rule: %v", skipOne)
	}
	if got := codes("# check=skip=all\n" + body); len(got) != 0 {
		t.Errorf("skip=all: %v", got)
	}
	for code, sev := range codes("# check=error=true\n" + body) {
		if sev != analysis.SeverityError {
			t.Errorf("error=true: %s has severity %v", code, sev)
		}
	}

	// A check comment right above an instruction applies to that instruction.
	local := codes("FROM alpine AS Build\n# check=skip=JSONArgsRecommended\nCMD echo hi\nENTRYPOINT echo hi\n")
	if _, ok := local["JSONArgsRecommended"]; !ok {
		t.Errorf("a comment above CMD silenced ENTRYPOINT too: %v", local)
	}
	only := codes("FROM alpine AS Build\n# check=skip=all\nCMD echo hi\n")
	if _, ok := only["JSONArgsRecommended"]; ok {
		t.Errorf("# check=skip=all above CMD: %v", only)
	}
	if _, ok := only["StageNameCasing"]; !ok {
		t.Errorf("# check=skip=all above CMD silenced FROM: %v", only)
	}
}

// TestBuildKitRulesRegistered checks that every non-experimental BuildKit
// rule that works offline is registered with BuildKit's own wording.
func TestBuildKitRulesRegistered(t *testing.T) {
	want := map[string]string{
		linter.RuleStageNameCasing.Name:                 linter.RuleStageNameCasing.Description,
		linter.RuleFromAsCasing.Name:                    linter.RuleFromAsCasing.Description,
		linter.RuleNoEmptyContinuation.Name:             linter.RuleNoEmptyContinuation.Description,
		linter.RuleConsistentInstructionCasing.Name:     linter.RuleConsistentInstructionCasing.Description,
		linter.RuleDuplicateStageName.Name:              linter.RuleDuplicateStageName.Description,
		linter.RuleReservedStageName.Name:               linter.RuleReservedStageName.Description,
		linter.RuleJSONArgsRecommended.Name:             linter.RuleJSONArgsRecommended.Description,
		linter.RuleMaintainerDeprecated.Name:            linter.RuleMaintainerDeprecated.Description,
		linter.RuleUndefinedArgInFrom.Name:              linter.RuleUndefinedArgInFrom.Description,
		linter.RuleWorkdirRelativePath.Name:             linter.RuleWorkdirRelativePath.Description,
		linter.RuleUndefinedVar.Name:                    linter.RuleUndefinedVar.Description,
		linter.RuleMultipleInstructionsDisallowed.Name:  linter.RuleMultipleInstructionsDisallowed.Description,
		linter.RuleLegacyKeyValueFormat.Name:            linter.RuleLegacyKeyValueFormat.Description,
		linter.RuleRedundantTargetPlatform.Name:         linter.RuleRedundantTargetPlatform.Description,
		linter.RuleSecretsUsedInArgOrEnv.Name:           linter.RuleSecretsUsedInArgOrEnv.Description,
		linter.RuleInvalidDefaultArgInFrom.Name:         linter.RuleInvalidDefaultArgInFrom.Description,
		linter.RuleFromPlatformFlagConstDisallowed.Name: linter.RuleFromPlatformFlagConstDisallowed.Description,
		linter.RuleExposeProtoCasing.Name:               linter.RuleExposeProtoCasing.Description,
		linter.RuleExposeInvalidFormat.Name:             linter.RuleExposeInvalidFormat.Description,
	}
	for id, desc := range want {
		r, ok := analysis.FindRule(all, id)
		if !ok {
			t.Errorf("%s is not registered", id)
			continue
		}
		if r.Source != analysis.SourceBuildKit || r.Summary != desc || r.URL == "" || r.Doc == "" || r.Severity != analysis.SeverityWarning {
			t.Errorf("%s: %+v", id, r)
		}
		if !strings.Contains(r.Doc, "check=skip="+id) {
			t.Errorf("%s: the doc does not say how to skip it", id)
		}
	}
}

// TestBuildKitFixturesParse keeps the fixtures shared with internal/bkcompare
// free of panics and of findings on the clean one.
func TestBuildKitFixtureClean(t *testing.T) {
	for _, fd := range analyze(analysis.Parse("FROM alpine\nRUN echo hi\n")) {
		if fd.Source == analysis.SourceBuildKit {
			t.Errorf("clean file: %s %s", fd.Code, fd.Message)
		}
	}
}
