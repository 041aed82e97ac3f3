package rules

import "github.com/moby/buildkit/frontend/dockerfile/linter"
import "github.com/layerwise/layerwise/analysis"

// BuildKit's Dockerfile checks (`docker build --check`), declared from
// BuildKit's own rule values so that names, descriptions, URLs and messages
// match it word for word. The checks themselves run in buildkit_lint.go.
// Not included: InvalidBaseImagePlatform (needs the registry),
// CopyIgnoredFile (needs the build context's .dockerignore) and the
// experimental InvalidDefinitionDescription.

// bkRule declares a BuildKit rule.
func bkRule[F any](lr linter.LinterRule[F], cat analysis.Category, doc string) *analysis.Rule {
	return &analysis.Rule{
		ID:       lr.Name,
		Source:   analysis.SourceBuildKit,
		Category: cat,
		Severity: analysis.SeverityWarning,
		Summary:  lr.Description,
		URL:      lr.URL,
		Doc:      doc + bkSkipDoc(lr.Name),
		Scope:    analysis.ScopeFile,
		Run:      runBuildKit,
	}
}

func bkSkipDoc(name string) string {
	return "\n\nTo silence it for the whole file, start the Dockerfile with\n`# check=skip=" + name +
		"`; for one instruction, put that comment right above it.\n"
}

// buildkit lists the BuildKit checks.
var buildkit = []*analysis.Rule{
	bkRule(linter.RuleStageNameCasing, analysis.CategoryStyle, "Stage names are case-insensitive and BuildKit lower-cases them; "+
		"writing them in lower case avoids confusion between the name you read and the name that is used.\n\n"+
		"Bad:\n\n```dockerfile\nFROM alpine AS Builder\n```\n\nGood:\n\n```dockerfile\nFROM alpine AS builder\n```"),
	bkRule(linter.RuleFromAsCasing, analysis.CategoryStyle, "The `AS` of a FROM should be written in the same case as `FROM`.\n\n"+
		"Bad:\n\n```dockerfile\nFROM alpine as build\n```\n\nGood:\n\n```dockerfile\nFROM alpine AS build\n```"),
	bkRule(linter.RuleNoEmptyContinuation, analysis.CategoryCorrectness, "An empty line inside a continued instruction is "+
		"silently skipped today and will be an error in a future release.\n\n"+
		"Bad:\n\n```dockerfile\nRUN apk add \\\n\n    curl\n```\n\nGood:\n\n```dockerfile\nRUN apk add \\\n    curl\n```"),
	bkRule(linter.RuleConsistentInstructionCasing, analysis.CategoryStyle, "Instructions should all be upper case or all lower case; "+
		"the one that differs from the majority of the file is reported.\n\n"+
		"Bad:\n\n```dockerfile\nFROM alpine\nrun echo hi\n```\n\nGood:\n\n```dockerfile\nFROM alpine\nRUN echo hi\n```"),
	bkRule(linter.RuleDuplicateStageName, analysis.CategoryCorrectness, "Two stages with the same name make `--target` and "+
		"`COPY --from` ambiguous.\n\n"+
		"Bad:\n\n```dockerfile\nFROM alpine AS build\nFROM golang AS build\n```\n\nGood:\n\n```dockerfile\nFROM alpine AS build-base\nFROM golang AS build\n```"),
	bkRule(linter.RuleReservedStageName, analysis.CategoryCorrectness, "`scratch` and `context` have a special meaning in FROM and "+
		"`COPY --from`; a stage with that name cannot be referred to.\n\n"+
		"Bad:\n\n```dockerfile\nFROM alpine AS scratch\n```\n\nGood:\n\n```dockerfile\nFROM alpine AS base\n```"),
	bkRule(linter.RuleJSONArgsRecommended, analysis.CategoryCorrectness, "CMD and ENTRYPOINT in shell form run under `/bin/sh -c`, "+
		"which becomes PID 1 and does not pass SIGTERM on: the container takes the full stop timeout to die. "+
		"Not reported when the stage sets a SHELL.\n\n"+
		"Bad:\n\n```dockerfile\nCMD node server.js\n```\n\nGood:\n\n```dockerfile\nCMD [\"node\", \"server.js\"]\n```"),
	bkRule(linter.RuleMaintainerDeprecated, analysis.CategoryStyle, "MAINTAINER is deprecated; the author is an image label.\n\n"+
		"Bad:\n\n```dockerfile\nMAINTAINER Jane <jane@example.com>\n```\n\nGood:\n\n```dockerfile\nLABEL org.opencontainers.image.authors=\"jane@example.com\"\n```"),
	bkRule(linter.RuleUndefinedArgInFrom, analysis.CategoryCorrectness, "FROM can only use ARGs declared before the first FROM "+
		"and the predefined platform ARGs (BUILDPLATFORM, TARGETPLATFORM, TARGETARCH, ...). Anything else expands to "+
		"an empty string.\n\n"+
		"Bad:\n\n```dockerfile\nFROM node:${NODE_VERSION}\n```\n\nGood:\n\n```dockerfile\nARG NODE_VERSION=22\nFROM node:${NODE_VERSION}\n```"),
	bkRule(linter.RuleWorkdirRelativePath, analysis.CategoryCorrectness, "The first WORKDIR of a stage (and its parent stages) "+
		"should be absolute: a relative one is resolved against the base image's working directory, which can change "+
		"with the base image.\n\n"+
		"Bad:\n\n```dockerfile\nFROM alpine\nWORKDIR app\n```\n\nGood:\n\n```dockerfile\nFROM alpine\nWORKDIR /app\n```"),
	bkRule(linter.RuleUndefinedVar, analysis.CategoryCorrectness, "A variable used in an instruction that BuildKit expands "+
		"(ENV, ARG, LABEL, WORKDIR, USER, VOLUME, STOPSIGNAL, COPY, ADD, RUN --mount) is neither an ENV, an ARG of the "+
		"stage, nor set by the base image: it expands to an empty string. layerwise works offline: it knows the "+
		"environment of the common official images and distribution bases (golang's GOPATH, maven's MAVEN_HOME, "+
		"python's PYTHON_VERSION, ...), and reports nothing for a stage built on an image it knows nothing about, "+
		"or on one it cannot resolve (`FROM ${IMAGE}` without a default): that image may set the variable. Hover on "+
		"the variable says which of these it is. Where BuildKit, which reads the real image, may report more, this "+
		"is on purpose. It also leaves alone a variable used in its own new value, the idiom that keeps what the "+
		"base image set (`ENV JAVA_OPTS=\"$JAVA_OPTS -Xmx1g\"`, `ENV PATH=$PATH:/opt/bin`).\n\n"+
		"Bad:\n\n```dockerfile\nFROM alpine\nENV PATH=$HOME/bin:$PATH\n```\n\nGood:\n\n```dockerfile\nFROM alpine\nENV HOME=/root\nENV PATH=$HOME/bin:$PATH\n```"),
	bkRule(linter.RuleMultipleInstructionsDisallowed, analysis.CategoryCorrectness, "Only the last CMD, ENTRYPOINT or "+
		"HEALTHCHECK of a stage takes effect; the earlier one is reported.\n\n"+
		"Bad:\n\n```dockerfile\nCMD [\"a\"]\nCMD [\"b\"]\n```\n\nGood:\n\n```dockerfile\nCMD [\"b\"]\n```"),
	bkRule(linter.RuleLegacyKeyValueFormat, analysis.CategoryStyle, "`ENV key value` and `LABEL key value` are legacy forms "+
		"that set a single variable whose value is the rest of the line.\n\n"+
		"Bad:\n\n```dockerfile\nENV APP_HOME /app\n```\n\nGood:\n\n```dockerfile\nENV APP_HOME=/app\n```"),
	bkRule(linter.RuleRedundantTargetPlatform, analysis.CategoryStyle, "FROM uses the target platform by default; "+
		"`--platform=$TARGETPLATFORM` says nothing.\n\n"+
		"Bad:\n\n```dockerfile\nFROM --platform=$TARGETPLATFORM alpine\n```\n\nGood:\n\n```dockerfile\nFROM alpine\n```"),
	bkRule(linter.RuleSecretsUsedInArgOrEnv, analysis.CategorySecurity, "ARG and ENV values are kept in the image "+
		"history and metadata; a name such as PASSWORD, TOKEN, API_KEY or SECRET suggests a secret. Use a secret mount.\n\n"+
		"Bad:\n\n```dockerfile\nARG GITHUB_TOKEN\nRUN git clone https://$GITHUB_TOKEN@github.com/org/repo\n```\n\n"+
		"Good:\n\n```dockerfile\nRUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN \\\n    git clone https://$GITHUB_TOKEN@github.com/org/repo\n```"),
	bkRule(linter.RuleInvalidDefaultArgInFrom, analysis.CategoryCorrectness, "With the default values of the ARGs, the "+
		"image name of a FROM is empty or invalid, so the build fails unless every build passes --build-arg.\n\n"+
		"Bad:\n\n```dockerfile\nARG TAG\nFROM alpine:$TAG\n```\n\nGood:\n\n```dockerfile\nARG TAG=3.20\nFROM alpine:$TAG\n```"),
	bkRule(linter.RuleFromPlatformFlagConstDisallowed, analysis.CategoryCorrectness, "A constant --platform pins the stage to "+
		"one platform and defeats multi-platform builds; use $BUILDPLATFORM or $TARGETPLATFORM, or name the stage after "+
		"the platform when pinning is intended.\n\n"+
		"Bad:\n\n```dockerfile\nFROM --platform=linux/amd64 golang AS build\n```\n\nGood:\n\n```dockerfile\nFROM --platform=$BUILDPLATFORM golang AS build\n```"),
	bkRule(linter.RuleExposeProtoCasing, analysis.CategoryStyle, "The protocol of an EXPOSE port should be lower case.\n\n"+
		"Bad:\n\n```dockerfile\nEXPOSE 53/UDP\n```\n\nGood:\n\n```dockerfile\nEXPOSE 53/udp\n```"),
	bkRule(linter.RuleExposeInvalidFormat, analysis.CategoryCorrectness, "EXPOSE documents a container port; an IP address "+
		"or a host port in it is ignored and will become an error in a future release.\n\n"+
		"Bad:\n\n```dockerfile\nEXPOSE 0.0.0.0:8080:80\n```\n\nGood:\n\n```dockerfile\nEXPOSE 80\n```"),
}

// runBuildKit is the Run of every BuildKit rule.
func runBuildKit(p *analysis.Pass) {
	for _, fd := range p.File.BuildKitChecks() {
		if fd.Rule != p.Rule.ID {
			continue
		}
		p.Report(analysis.Finding{Range: fd.Range, Message: fd.Message})
	}
}
