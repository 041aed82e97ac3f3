package rules

import (
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

var scratchNoShell = &analysis.Rule{
	ID:       "scratch-no-shell",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategoryCorrectness,
	Severity: analysis.SeverityError,
	Summary:  "A FROM scratch stage has no /bin/sh: RUN and shell-form CMD/ENTRYPOINT/HEALTHCHECK fail",
	Doc: "`scratch` is an empty file system. RUN, and CMD, ENTRYPOINT and HEALTHCHECK in " +
		"shell form, run `/bin/sh -c ...`, which is not there: the build fails at the RUN " +
		"(`exec: \"/bin/sh\": stat /bin/sh: no such file or directory`), or the container " +
		"fails at start.\n\n" +
		"Bad:\n\n    FROM scratch\n    COPY app /app\n    CMD /app --port 8080\n\n" +
		"Good:\n\n    FROM scratch\n    COPY app /app\n    CMD [\"/app\", \"--port\", \"8080\"]\n\n" +
		"A stage that copies something into `/`, `/bin` or `/usr/bin` (a root file system " +
		"archive, busybox) may well bring a shell, and is not reported. Silence with " +
		"`# layerwise ignore=scratch-no-shell`.",
	Scope: analysis.ScopeStage,
	Run:   checkScratchNoShell,
}

func checkScratchNoShell(p *analysis.Pass) {
	st, f := p.Stage, p.File
	if !strings.EqualFold(f.RootImage(st), "scratch") {
		return
	}
	mayHaveShell := false
	check := func(in *analysis.Instruction) {
		if mayHaveShell {
			return
		}
		switch in.Name {
		case "copy", "add":
			if spec, ok := analysis.ReadCopy(f, in); ok && (spec.Dest == "" || spec.Dest == "/" ||
				strings.HasPrefix(spec.Dest, "/bin") || strings.HasPrefix(spec.Dest, "/usr/bin") || strings.HasPrefix(spec.Dest, "/usr/local/bin/sh")) {
				mayHaveShell = true // a root file system, a busybox: maybe a shell
			}
		case "shell":
			mayHaveShell = true // someone says which shell: trust it
		}
	}
	if len(st.Instructions) > 0 {
		f.Inherited(st.Instructions[0], check)
	}
	for _, in := range st.Instructions {
		check(in)
		if mayHaveShell {
			return
		}
		args := in.Args
		what := strings.ToUpper(in.Name)
		switch in.Name {
		case "run":
		case "cmd", "entrypoint":
		case "healthcheck":
			if len(args) == 0 || !strings.EqualFold(args[0].Text, "cmd") {
				continue
			}
			args, what = args[1:], "HEALTHCHECK CMD"
		default:
			continue
		}
		if len(args) == 0 || strings.HasPrefix(args[0].Text, "[") {
			continue // exec form: no shell
		}
		p.Report(analysis.Finding{Range: in.Keyword.Range, Message: what + " in shell form in a FROM scratch stage: there is no /bin/sh to run it" + scratchAdvice(in.Name)})
	}
}

func scratchAdvice(name string) string {
	if name == "run" {
		return "; run it in a build stage and COPY the result"
	}
	return "; use the exec form [\"/app\", \"arg\"]"
}
