package ide

import "strings"

// DirectiveDoc documents a parser directive (`# name=value` at the very top).
type DirectiveDoc struct {
	Name    string
	Summary string
	Example string
	Snippet string // inserted after `# `
}

// Markdown is the hover text of the directive.
func (d *DirectiveDoc) Markdown() string {
	return "**# " + d.Name + "=** (parser directive) — " + d.Summary +
		"\n\nParser directives must come before any other line, comment or instruction; after that the same text is an ordinary comment." +
		"\n\n```dockerfile\n" + d.Example + "\n```"
}

var directiveDocs = []*DirectiveDoc{
	{Name: "syntax", Summary: "selects the Dockerfile frontend image the builder uses to read this file, for example `docker/dockerfile:1` for the latest stable syntax (heredocs, `RUN --mount`, `COPY --link`). Without it the builder's built-in frontend is used.",
		Example: "# syntax=docker/dockerfile:1", Snippet: "syntax=${1:docker/dockerfile:1}"},
	{Name: "escape", Summary: "sets the escape and line-continuation character: `\\` (the default) or `` ` ``, which suits Windows paths like `C:\\app`.",
		Example: "# escape=`", Snippet: "escape=${1:`}"},
	{Name: "check", Summary: "configures BuildKit's build checks (`docker build --check`): `skip=Rule1,Rule2` (or `skip=all`) turns rules off, `error=true` makes a violation fail the build. layerwise honours it for the BuildKit rules.",
		Example: "# check=skip=JSONArgsRecommended;error=true", Snippet: "check=${1|skip=,error=true|}"},
}

// LookupDirective returns a parser directive's documentation.
func LookupDirective(name string) (*DirectiveDoc, bool) {
	for _, d := range directiveDocs {
		if d.Name == strings.ToLower(name) {
			return d, true
		}
	}
	return nil, false
}

// heredocDoc explains here-documents, shown on their markers.
const heredocDoc = "**Here-document** `<<NAME` … `NAME` — the lines up to the terminator `NAME` are the input of the instruction: " +
	"for RUN a script run by the shell (so a multi-line script is one RUN and one layer, without `&& \\` chains), " +
	"for COPY and ADD the content of a file created inline.\n\n" +
	"`<<-NAME` strips leading tabs; quoting the marker (`<<'NAME'` or `<<\"NAME\"`) turns off variable expansion in the body.\n\n" +
	"**Build cache:** keyed on the text of the instruction including the body, like any RUN.\n\n" +
	"```dockerfile\nRUN <<EOF\nset -e\napt-get update\napt-get install -y --no-install-recommends curl\nrm -rf /var/lib/apt/lists/*\nEOF\n```"

// predefinedArgs are the ARGs BuildKit defines for every build. The platform
// ones are in scope of FROM without a declaration; inside a stage they must be
// declared with a bare `ARG NAME` to be used.
var predefinedArgs = map[string]string{
	"TARGETPLATFORM": "platform of the build result, e.g. `linux/arm64`",
	"TARGETOS":       "OS component of TARGETPLATFORM, e.g. `linux`",
	"TARGETARCH":     "architecture component of TARGETPLATFORM, e.g. `arm64`",
	"TARGETVARIANT":  "variant component of TARGETPLATFORM, e.g. `v7`",
	"BUILDPLATFORM":  "platform of the machine running the build, e.g. `linux/amd64`",
	"BUILDOS":        "OS component of BUILDPLATFORM",
	"BUILDARCH":      "architecture component of BUILDPLATFORM",
	"BUILDVARIANT":   "variant component of BUILDPLATFORM",
	"TARGETSTAGE":    "name of the stage being built (`--target`, or the last stage)",
	"HTTP_PROXY":     "proxy for HTTP requests; not stored in the image and not part of the cache key",
	"HTTPS_PROXY":    "proxy for HTTPS requests; not stored in the image and not part of the cache key",
	"FTP_PROXY":      "proxy for FTP requests; not stored in the image and not part of the cache key",
	"NO_PROXY":       "hosts that bypass the proxy; not stored in the image and not part of the cache key",
	"ALL_PROXY":      "proxy for every protocol; not stored in the image and not part of the cache key",
}

// pragmaDoc explains layerwise's ignore comment.
const pragmaDoc = "**# layerwise ignore=rule-id[,rule-id] [reason]** — silences the named rules for the instruction right below the comment. " +
	"`# layerwise global ignore=...` silences them for the whole file. hadolint's `# hadolint ignore=DL3008` works too, through each rule's alias."
