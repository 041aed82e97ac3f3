package rules

import (
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

var fileRemovedInLaterLayer = &analysis.Rule{
	ID:         "file-removed-in-later-layer",
	Source:     analysis.SourceLayerwise,
	Category:   analysis.CategorySize,
	LayerBound: true,
	Severity:   analysis.SeverityWarning,
	Summary:    "A file removed in a later layer still ships, and stays readable, in the layer that added it",
	Doc: "`rm` in a RUN cannot take a file out of an earlier layer: the COPY, ADD or RUN that " +
		"created it committed its bytes, and the later layer only hides the file. The image " +
		"is as big as before, and anyone who pulls it can read the file back with " +
		"`docker save` or by mounting the earlier layer — a removed secret is not removed.\n\n" +
		"Measured: in *Docker in Practice* (T43) a 14-byte secret written by one RUN and " +
		"deleted by a later one stays readable in its layer; on the osquery image, separate " +
		"cleanup RUNs made the image *larger* (2.186 GB -> 2.19 GB) while one RUN took it " +
		"to 1.05 GB.\n\n" +
		"Bad:\n\n" +
		"    COPY app.tar.gz /tmp/\n" +
		"    RUN tar -xzf /tmp/app.tar.gz -C /opt\n" +
		"    RUN rm /tmp/app.tar.gz\n\n" +
		"Good: never put the file in a layer. Mount it for the one RUN that needs it, or " +
		"delete it in the RUN that created it:\n\n" +
		"    RUN --mount=type=bind,source=app.tar.gz,target=/tmp/app.tar.gz \\\n" +
		"        tar -xzf /tmp/app.tar.gz -C /opt\n" +
		"    RUN --mount=type=secret,id=token cat /run/secrets/token\n" +
		"    RUN curl -fsSLo /tmp/x.tgz https://example.com/x.tgz && tar -xzf /tmp/x.tgz -C /opt && rm /tmp/x.tgz\n\n" +
		"Fixes: when the RUN that created the file is the instruction right before a " +
		"cleanup-only RUN, the quick fix moves the `rm` into it. When a COPY brings in a " +
		"single file that a later RUN only removes, \"Do not copy\" deletes both (a rewrite: " +
		"check that nothing needed the file). Paths created under a RUN's own " +
		"`--mount` never reach a layer and are not reported; a directory copy (`COPY . /app`) " +
		"counts only when the removed path is known to exist in the build context. A path " +
		"named through variables (`$APP_HOME/cache`) is followed when the Dockerfile gives " +
		"them values (ENV, ARG defaults) and the RUN does not set them itself. Only " +
		"stages that end up in the image are checked.\n\n" +
		"Silence with `# layerwise ignore=file-removed-in-later-layer`.",
	Scope: analysis.ScopeStageInPlace,
	Run:   checkFileRemovedInLaterLayer,
}

// RemovedLater is the Data of file-removed-in-later-layer: the instruction
// that created the removed Path; whether the finding's RUN only cleans up
// (it can then join the creator); and, when a plain COPY brought the one
// file the RUN only removes, that COPY's source as written (Uncopy: both can
// go).
type RemovedLater struct {
	Creator     analysis.Ref
	Path        string
	CleanupOnly bool
	Uncopy      string
}

func checkFileRemovedInLaterLayer(p *analysis.Pass) {
	f := p.File
	for _, in := range p.ShippedRuns() {
		for _, rm := range analysis.RemovedBy(f, in) {
			if analysis.CoveredByMount(in, strings.TrimRight(rm.Path, "*")) {
				continue // it removes from a mount, not from a layer
			}
			c, ok := analysis.CreatorOf(f, in, rm, p.Workspace)
			if !ok {
				continue // not created by this file: a base image's file
			}
			if isWordList(f, c, rm, in) {
				continue // a list of package names or paths, a few bytes
			}
			what := "written by the RUN"
			if c.What.Copy {
				what = "added by the " + strings.ToUpper(c.By.Name)
			}
			name := rm.Word.Text
			if !rm.Word.Literal {
				name += " (" + rm.Path + ")" // `$APP_HOME/cache`: say where that is
			}
			msg := name + " was " + what + " at line " + strconv.Itoa(int(c.By.Range.Start.Line)+1) +
				": removing it in a later layer leaves its bytes (and any secret in it) in the image"
			data := RemovedLater{Creator: p.Ref(c.By), Path: rm.Path, CleanupOnly: cleanupOnlyRun(f, in)}
			if file, ok := notCopyCandidate(f, in, rm, c); ok {
				data.Uncopy = file
			}
			p.Report(analysis.Finding{Range: rm.Word.Range, Message: msg,
				Related: []analysis.Related{{Range: c.By.LineRange(), Message: "the file is stored in this layer"}},
				Data:    data})
		}
	}
}

// notCopyCandidate reports whether the pair is a plain COPY of one file
// and a RUN that only removes exactly that file, with nothing in between
// naming the file: then the file need not be copied at all. It returns the
// source as written.
func notCopyCandidate(f *analysis.File, run *analysis.Instruction, rm analysis.Removal, c analysis.Creation) (string, bool) {
	if !c.What.Copy || !(c.What.File || !rm.Recurs) || c.What.Pattern || c.What.Path != rm.Path || len(run.Flags) > 0 {
		return "", false
	}
	cmds := run.Shell(f).Commands
	if len(cmds) != 1 || cmds[0] != rm.Cmd || len(rm.Cmd.Operands()) != 1 || len(run.Heredocs) > 0 {
		return "", false
	}
	spec, ok := analysis.ReadCopy(f, c.By)
	if !ok || len(spec.Sources) != 1 || spec.Heredocs > 0 {
		return "", false
	}
	base := path.Base(rm.Path)
	for _, between := range run.Stage.Instructions {
		if between.Index <= c.By.Index || between.Index >= run.Index {
			continue
		}
		if strings.Contains(between.Logical.Text, base) {
			return "", false // something may read the file before it goes
		}
	}
	return spec.Sources[0], true
}

// wordListInput matches the shell reading a file as words or lines: a
// redirection into a command or loop (`pacman -S - < list`, `done <list`),
// or a command substitution (`$(<list)`, `$(cat list)`).
var wordListInput = regexp.MustCompile(`(?:^|[^<0-9&])<\s*([^\s<>;&|()]+)|\$\(\s*(?:<|cat\s+)\s*([^\s;&|()]+)\s*\)`)

// isWordList reports whether the removed file is a list the build read as
// words or lines: one copied file without an extension, or a .txt or
// .list, that a RUN of the stage, from its COPY to its removal, reads with
// a redirection or a command substitution. Such a list (the packages to
// install, the files to check) is a few bytes and holds no secret: its
// removal in a later layer is not worth a word. A file that is not read
// that way (a key, a .env, an archive) is still reported.
func isWordList(f *analysis.File, c analysis.Creation, rm analysis.Removal, removal *analysis.Instruction) bool {
	if !c.What.Copy || !c.What.File {
		return false
	}
	if ext := path.Ext(rm.Path); ext != "" && ext != ".txt" && ext != ".list" {
		return false
	}
	for _, in := range c.By.Stage.Instructions {
		if in.Index > removal.Index {
			break
		}
		if in.Index <= c.By.Index || in.Name != "run" {
			continue
		}
		for _, m := range wordListInput.FindAllStringSubmatch(in.Logical.Text, -1) {
			word := m[1] + m[2]
			if analysis.ResolvePath(f.Workdir(in), strings.Trim(word, `"'`)) == rm.Path {
				return true
			}
		}
	}
	return false
}
