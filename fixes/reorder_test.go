package fixes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
)

// TestRewritesRemoveTheirFinding applies each rewrite of copy-all-before-deps,
// install-after-copy-all and sdk-image-in-final-stage offered on the goldens
// and fixtures, and checks that the finding it was offered for is gone: the
// rule has nothing left to say about that instruction.
func TestRewritesRemoveTheirFinding(t *testing.T) {
	ids := []string{"copy-all-before-deps", "install-after-copy-all", "sdk-image-in-final-stage"}
	applied := 0
	for _, id := range ids {
		var files []string
		for _, pattern := range []string{"rules/" + id + "/*.Dockerfile", "fixes/" + id + "/*.before.Dockerfile"} {
			m, _ := filepath.Glob(filepath.Join("..", "testdata", pattern))
			files = append(files, m...)
		}
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			f := analysis.Parse(text)
			for _, fd := range analysis.AnalyzeWith(f, rules.All(), analysis.Options{StrictScope: true}) {
				if fd.Code != id {
					continue
				}
				for _, fx := range For(f, fd) {
					if fx.Kind != RefactorRewrite {
						t.Errorf("%s: %s is a %s, want a rewrite", file, fx.Title, fx.Kind)
					}
					after, err := Apply(text, fx.Edits)
					if err != nil {
						t.Fatalf("%s: %v", file, err)
					}
					applied++
					fa := analysis.Parse(after)
					if len(fa.Errors) > 0 {
						t.Errorf("%s: %s: does not parse: %v\n%s", file, fx.Title, fa.Errors, after)
					}
					for _, later := range analysis.AnalyzeWith(fa, rules.All(), analysis.Options{StrictScope: true}) {
						if later.Code == id && sameSubject(text, fd, after, later) {
							t.Errorf("%s: %s: still reported (%s):\n%s", file, fx.Title, later.Message, after)
						}
					}
				}
			}
		}
	}
	if applied < 10 {
		t.Errorf("only %d rewrites exercised", applied)
	}
}

// sameSubject reports whether a finding after the rewrite is about the
// instruction the original finding was about: same instruction text.
func sameSubject(before string, a analysis.Finding, after string, b analysis.Finding) bool {
	fa, fb := analysis.Parse(before), analysis.Parse(after)
	ia, ib := fa.InstructionAt(int(a.Range.Start.Offset)), fb.InstructionAt(int(b.Range.Start.Offset))
	if ia == nil || ib == nil {
		return false
	}
	return before[ia.Range.Start.Offset:int(ia.Range.End.Offset)] == after[ib.Range.Start.Offset:int(ib.Range.End.Offset)] &&
		ia.Stage.Index == ib.Stage.Index
}

// TestManifestsFromTheBuildContext checks that the manifests copied first
// are the ones that exist in the build context, and the ones the command
// implies when the context is unknown.
func TestManifestsFromTheBuildContext(t *testing.T) {
	tests := []struct {
		name     string
		docker   string
		ws       analysis.Workspace
		wantCopy string
	}{
		{"npm ci, unknown context", "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n", nil, "COPY package.json package-lock.json ./"},
		{"npm install, unknown context", "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm install\n", nil, "COPY package*.json ./"},
		{"yarn, unknown context", "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN yarn install --frozen-lockfile\n", nil, "COPY package.json yarn.lock ./"},
		{"pnpm, unknown context", "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN pnpm install --frozen-lockfile\n", nil, "COPY package.json pnpm-lock.yaml ./"},
		{"npm install, shrinkwrap on disk", "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm install\n",
			analysis.MapWorkspace{"package.json": true, "npm-shrinkwrap.json": true}, "COPY package.json npm-shrinkwrap.json ./"},
		{"npm ci, no lockfile on disk", "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
			analysis.MapWorkspace{"package.json": true}, "COPY package.json ./"},
		{"subdirectory app", "FROM node:20\nWORKDIR /opt\nCOPY . /opt/\nRUN cd app && npm ci\n",
			analysis.MapWorkspace{"app/package.json": true, "app/yarn.lock": true}, "COPY app/package.json app/yarn.lock /opt/app/"},
		{"bundler without lockfile", "FROM ruby:3\nCOPY . /app\nWORKDIR /app\nRUN bundle install\n",
			analysis.MapWorkspace{"Gemfile": true}, "COPY Gemfile /app/"},
		{"pipenv", "FROM python:3\nWORKDIR /app\nCOPY . .\nRUN pipenv install --system --deploy\n", nil, "COPY Pipfile Pipfile.lock ./"},
		{"poetry", "FROM python:3\nWORKDIR /app\nCOPY . .\nRUN poetry install --no-root\n", nil, "COPY pyproject.toml poetry.lock ./"},
		{"pip -r", "FROM python:3\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements/base.txt\n", nil, "COPY requirements/base.txt requirements/"},
		{"gradle kts", "FROM gradle:8-jdk21\nWORKDIR /app\nCOPY . .\nRUN gradle build --no-daemon\n",
			analysis.MapWorkspace{"build.gradle.kts": true, "settings.gradle.kts": true}, "COPY build.gradle.kts settings.gradle.kts ./"},
		{"cargo, no rewrite", "FROM rust:1\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n", nil, ""},
		{"dotnet restore by name", "FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet restore Api.csproj\n", nil, "COPY Api.csproj ./"},
		{"dotnet restore", "FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet restore\n", nil, "COPY *.csproj ./"},
		{"composer", "FROM composer:2\nWORKDIR /app\nCOPY . .\nRUN composer install --no-dev\n", nil, "COPY composer.json composer.lock ./"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := analysis.Parse(tt.docker)
			var got []string
			for _, fd := range analysis.AnalyzeWith(f, rules.All(), analysis.Options{Workspace: tt.ws}) {
				if fd.Code != "copy-all-before-deps" {
					continue
				}
				for _, fx := range For(f, fd) {
					after, err := Apply(tt.docker, fx.Edits)
					if err != nil {
						t.Fatal(err)
					}
					for _, line := range strings.Split(after, "\n") {
						if strings.HasPrefix(line, "COPY ") && !strings.Contains(line, " . ") {
							got = append(got, line)
						}
					}
				}
			}
			want := []string{}
			if tt.wantCopy != "" {
				want = []string{tt.wantCopy}
			}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("manifest COPY = %q, want %q", got, want)
			}
		})
	}
}
