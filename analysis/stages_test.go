package analysis

import (
	"sort"
	"strings"
	"testing"
)

const multiStage = `ARG GO=1.22
ARG RUNTIME=alpine:3.19
FROM golang:${GO} AS build
WORKDIR /src
ENV CGO_ENABLED=0
RUN go build -o /app .
FROM build AS test
WORKDIR sub
RUN go test ./...
FROM ${RUNTIME} AS base
FROM base AS final
COPY --from=build /app /app
`

func TestStagesResolveBasesAndShipping(t *testing.T) {
	f := Parse(multiStage)
	if got := f.BaseImage(f.Stages[0]); got != "golang:1.22" {
		t.Errorf("BaseImage = %q", got)
	}
	if got := f.BaseImage(f.Stages[2]); got != "alpine:3.19" {
		t.Errorf("BaseImage via ARG = %q", got)
	}
	if p := f.Parent(f.Stages[1]); p != f.Stages[0] {
		t.Errorf("parent of test = %v", p)
	}
	names := func(m map[*Stage]bool) string {
		var out []string
		for st := range m {
			out = append(out, st.Name)
		}
		sort.Strings(out)
		return strings.Join(out, ",")
	}
	if got := names(f.Shipped(nil)); got != "base,final" {
		t.Errorf("Shipped = %s, want base,final (build only feeds COPY --from)", got)
	}
	if got := names(f.Shipped(&Config{Targets: []string{"test"}})); got != "base,build,final,test" {
		t.Errorf("Shipped with target test = %s", got)
	}
}

func TestWorkdirAndEnvFollowStageInheritance(t *testing.T) {
	f := Parse(multiStage)
	runTest := f.Instructions[8]
	if runTest.Name != "run" {
		t.Fatalf("instruction 8 is %s", runTest.Name)
	}
	if got := f.Workdir(runTest); got != "/src/sub" {
		t.Errorf("Workdir = %q, want /src/sub (inherited /src + relative sub)", got)
	}
	if v, ok := f.EnvAt(runTest, "CGO_ENABLED"); !ok || v != "0" {
		t.Errorf("EnvAt = %q,%v", v, ok)
	}
	if _, ok := f.EnvAt(f.Instructions[11], "CGO_ENABLED"); ok {
		t.Error("ENV leaked into an unrelated stage")
	}
	if got := f.Workdir(f.Instructions[11]); got != "/" {
		t.Errorf("Workdir in final = %q", got)
	}
}

// TestEnvWinsOverArgAndArgsStayInTheirStage: as Docker reads them, an ENV
// wins over an ARG of the same name, and a stage built FROM another
// inherits its ENVs, not its ARGs.
func TestEnvWinsOverArgAndArgsStayInTheirStage(t *testing.T) {
	f := Parse("FROM a\nENV D=/env\nARG D=/arg\nWORKDIR $D\nRUN true\n")
	if got := f.Workdir(f.Instructions[4]); got != "/env" {
		t.Errorf("ENV then ARG: WORKDIR %s, want /env", got)
	}
	f = Parse("FROM a AS p\nARG D=/arg\nENV E=/e\nFROM p\nWORKDIR ${E}${D}\nRUN true\n")
	if got := f.Workdir(f.Instructions[5]); got == "/e/arg" || !strings.HasPrefix(got, "/e") {
		t.Errorf("child stage: WORKDIR %s, want /e and D unknown", got)
	}
}
