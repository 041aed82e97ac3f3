package fixes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
)

// pkgRules are the package-manager rules whose fixes must combine.
var pkgRules = map[string]bool{
	"apt-get-missing-yes": true, "apt-no-install-recommends": true, "apt-lists-not-cleaned": true,
	"apt-update-alone": true, "use-apt-get": true, "apk-no-cache": true, "pip-no-cache-dir": true,
	"rpm-cache-not-cleaned": true, "js-cache-not-cleaned": true,
}

var combinedCases = []struct {
	name, before, want string
}{
	{
		name: "apt",
		// One RUN misses -y and --no-install-recommends and keeps the lists;
		// one uses apt; a lone update belongs to the install two lines down.
		before: `FROM debian:bookworm-slim
RUN apt-get update && apt-get install curl ca-certificates
USER root
RUN apt update \
 && apt install git \
 && git --version
WORKDIR /app
RUN apt-get update
ENV PYTHONDONTWRITEBYTECODE=1
RUN apt-get install -qq python3-pip
COPY requirements.txt .
RUN pip install -r requirements.txt
`,
		want: `FROM debian:bookworm-slim
RUN apt-get update && apt-get install --no-install-recommends -y curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
USER root
RUN apt-get update \
 && apt-get install --no-install-recommends -y git \
 && rm -rf /var/lib/apt/lists/* \
 && git --version
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1
RUN apt-get update && apt-get install --no-install-recommends -qq python3-pip \
 && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
`,
	},
	{
		name: "apk",
		// Two adds without --no-cache: the update goes once both have it.
		before: `FROM alpine:3.20
RUN apk update && apk add curl && apk add --virtual .deps gcc
COPY . /src
RUN pip3 install /src
`,
		want: `FROM alpine:3.20
RUN apk add --no-cache curl && apk add --no-cache --virtual .deps gcc
COPY . /src
RUN pip3 install --no-cache-dir /src
`,
	},
	{
		name: "rpm and js",
		before: `FROM fedora:40
RUN dnf install -y nginx
EXPOSE 80
RUN npm ci && yarn install
`,
		want: `FROM fedora:40
RUN dnf install -y nginx && dnf clean all
EXPOSE 80
RUN npm ci && npm cache clean --force && yarn install && yarn cache clean
`,
	},
	{
		name: "the fake cleanup of Docker High Performance",
		// apt-update-alone merges the update into the install; the cleanup
		// RUN then moves into it (apt-lists-not-cleaned and
		// cleanup-in-separate-layer agree on the edit).
		before: `FROM debian:bookworm-slim
RUN apt-get update
LABEL stage=runtime
RUN apt-get --no-install-recommends \
install -y openjdk-17-jre-headless
RUN rm -rfv /var/lib/apt/lists/*
`,
		want: `FROM debian:bookworm-slim
LABEL stage=runtime
RUN apt-get update && apt-get --no-install-recommends \
install -y openjdk-17-jre-headless \
    && rm -rfv /var/lib/apt/lists/*
`,
	},
}

// TestFixAllCombinesPackageManagerFixes: several findings on the same RUN
// (missing -y, missing --no-install-recommends, lists kept, apt instead
// of apt-get) all get fixed by fix-all, which converges to one text and
// leaves no finding of these rules behind.
func TestFixAllCombinesPackageManagerFixes(t *testing.T) {
	for _, tc := range combinedCases {
		t.Run(tc.name, func(t *testing.T) {
			got := All(tc.before, everyRule)
			if got != tc.want {
				t.Fatalf("fix-all gave:\n%s\nwant:\n%s", got, tc.want)
			}
			if again := All(got, everyRule); again != got {
				t.Errorf("fix-all is not idempotent:\n%s", again)
			}
			for _, fd := range analysis.AnalyzeWith(analysis.Parse(got), rules.All(), analysis.Options{StrictScope: true}) {
				if pkgRules[fd.Code] {
					t.Errorf("after fix-all, %s is still reported at line %d: %s", fd.Code, int(fd.Range.Start.Line)+1, fd.Message)
				}
			}
		})
	}
}

// TestEachPackageManagerFixAlone applies every fix of these rules on its
// own, on files where several findings share a RUN: each result parses,
// loses that finding and keeps the others' fixes applicable.
func TestEachPackageManagerFixAlone(t *testing.T) {
	for _, tc := range combinedCases {
		f := analysis.Parse(tc.before)
		findings := analysis.AnalyzeWith(f, rules.All(), analysis.Options{StrictScope: true})
		count := func(fs []analysis.Finding, code string) int {
			n := 0
			for _, fd := range fs {
				if fd.Code == code {
					n++
				}
			}
			return n
		}
		for _, fd := range findings {
			if !pkgRules[fd.Code] {
				continue
			}
			fx := preferred(For(f, fd))
			if fx == nil {
				t.Errorf("%s: %s at line %d has no fix", tc.name, fd.Code, int(fd.Range.Start.Line)+1)
				continue
			}
			fixed, err := Apply(tc.before, fx.Edits)
			if err != nil {
				t.Fatalf("%s: %s: %v", tc.name, fx.Title, err)
			}
			after := analysis.Parse(fixed)
			if len(after.Errors) > 0 {
				t.Errorf("%s: %s breaks the file: %v\n%s", tc.name, fx.Title, after.Errors, fixed)
			}
			left := analysis.AnalyzeWith(after, rules.All(), analysis.Options{StrictScope: true})
			if count(left, fd.Code) >= count(findings, fd.Code) {
				t.Errorf("%s: %q did not remove its %s finding:\n%s", tc.name, fx.Title, fd.Code, fixed)
			}
			// The other findings of the RUN are still fixable on the result.
			for _, other := range left {
				if pkgRules[other.Code] && other.Code != "apt-lists-not-cleaned" && preferred(For(after, other)) == nil {
					t.Errorf("%s: after %q, %s at line %d lost its fix:\n%s", tc.name, fx.Title, other.Code, int(other.Range.Start.Line)+1, fixed)
				}
			}
		}
	}
}

// TestAppendAfterStepStaysOutOfLoopsAndPipes: the cleanup follows the
// whole top-level step holding the last command of the package manager.
func TestAppendAfterStepStaysOutOfLoopsAndPipes(t *testing.T) {
	cases := []struct{ run, want string }{
		{"apt-get update && apt-get install -y --no-install-recommends x | tee /log",
			"apt-get update && apt-get install -y --no-install-recommends x | tee /log && rm -rf /var/lib/apt/lists/*"},
		{"apt-get update && while read p; do apt-get install -y --no-install-recommends $p; done < /pkgs",
			"apt-get update && while read p; do apt-get install -y --no-install-recommends $p; done < /pkgs && rm -rf /var/lib/apt/lists/*"},
		{"apt-get update && (apt-get install -y --no-install-recommends x) ; make",
			"apt-get update && (apt-get install -y --no-install-recommends x) && rm -rf /var/lib/apt/lists/* ; make"},
		{"apt-get update && apt-get install -y --no-install-recommends x && ./post-install.sh",
			"apt-get update && apt-get install -y --no-install-recommends x && ./post-install.sh && rm -rf /var/lib/apt/lists/*"},
	}
	for _, tc := range cases {
		text := "FROM debian:bookworm-slim\nRUN " + tc.run + "\n"
		got := fixRule(t, text, "apt-lists-not-cleaned")
		// Long lines wrap; compare the shell text.
		got = strings.ReplaceAll(strings.TrimPrefix(got, "FROM debian:bookworm-slim\nRUN "), " \\\n    &&", " &&")
		if strings.TrimSpace(got) != tc.want {
			t.Errorf("RUN %s\ngot:  %s\nwant: %s", tc.run, strings.TrimSpace(got), tc.want)
		}
	}
	// A statement run in the background gets no fix: the cleanup would race it.
	f := analysis.Parse("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends x & wait\n")
	for _, fd := range analysis.AnalyzeWith(f, rules.All(), analysis.Options{StrictScope: true}) {
		if fd.Code == "apt-lists-not-cleaned" && len(For(f, fd)) > 0 {
			t.Errorf("a fix was offered for a background install: %+v", For(f, fd))
		}
	}
}

// TestFixAllOnTheCombinedGolden runs fix-all on the combined golden, whose
// .after file only has the folder's rule applied: every rule's fix lands,
// and consecutive-run leaves the RUNs apart, each a self-contained step of
// more than two commands once the cleanups are in.
func TestFixAllOnTheCombinedGolden(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "fixes", "apt-lists-not-cleaned", "combined.before.Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	want := `FROM debian:bookworm-slim
# three findings on one RUN: missing -y, missing --no-install-recommends, lists kept
RUN apt-get update && apt-get install --no-install-recommends -y curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
RUN useradd -m app
# the same with apt, on several lines
RUN apt-get update \
 && apt-get install --no-install-recommends -y git \
 && rm -rf /var/lib/apt/lists/* \
 && git --version
USER app
`
	got := All(string(data), everyRule)
	if got != want {
		t.Errorf("fix-all gave:\n%s\nwant:\n%s", got, want)
	}
	if again := All(got, everyRule); again != got {
		t.Errorf("fix-all is not idempotent:\n%s", again)
	}
}
