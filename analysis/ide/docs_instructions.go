package ide

import (
	"sort"
	"strings"
)

// InstructionDoc is what layerwise knows about one Dockerfile instruction:
// the hover text is assembled from it, and completion inserts its snippet.
type InstructionDoc struct {
	Name    string // upper case, as usually written
	Summary string // one line: what it does
	Layer   string // whether it adds a filesystem layer to the image
	Cache   string // how the build cache decides whether to re-run it
	Size    string // the size advice that applies to it ("" when none)
	Example string // a short Dockerfile snippet
	Snippet string // LSP snippet inserted by completion, after the keyword
	md      string // Markdown, rendered once at init
}

// Markdown is the hover text of the instruction.
func (d *InstructionDoc) Markdown() string {
	if d.md != "" {
		return d.md
	}
	return d.render()
}

func (d *InstructionDoc) render() string {
	var b strings.Builder
	b.WriteString("**" + d.Name + "** — " + d.Summary)
	if d.Layer != "" {
		b.WriteString("\n\n**Layer:** " + d.Layer)
	}
	if d.Cache != "" {
		b.WriteString("\n\n**Build cache:** " + d.Cache)
	}
	if d.Size != "" {
		b.WriteString("\n\n**Size:** " + d.Size)
	}
	if d.Example != "" {
		b.WriteString("\n\n```dockerfile\n" + d.Example + "\n```")
	}
	return b.String()
}

// cacheChain is the sentence every cached step shares: the cache is a chain.
const cacheChain = "A step is only reused when every step before it was reused too: " +
	"once one step changes, it and every later step in the stage run again."

// instructionDocs holds every instruction BuildKit's Dockerfile frontend knows.
var instructionDocs = map[string]*InstructionDoc{
	"from": {
		Name:    "FROM",
		Summary: "starts a new build stage from a base image, from an earlier stage, or from `scratch` (an empty filesystem).",
		Layer:   "adds no layer of its own, but the stage inherits every layer of its base: the base image is usually the largest part of the final image.",
		Cache:   "keyed on the resolved image digest. A moving tag (`python:3`) is resolved once and then reused from the local cache until the base is pulled again; pin a digest (`@sha256:...`) for builds that never drift. " + cacheChain,
		Size:    "pick the smallest base that runs your program: `-slim` and `alpine` variants, `distroless`, or `scratch` for static binaries. Build in a fat stage and copy only the result into a small final stage (multi-stage build).",
		Example: "FROM golang:1.22 AS build\nRUN go build -o /out/app ./cmd/app\n\nFROM gcr.io/distroless/static\nCOPY --from=build /out/app /app",
		Snippet: "${1:image}:${2:tag}${3: AS ${4:name}}",
	},
	"run": {
		Name:    "RUN",
		Summary: "runs a command in a shell (shell form, `/bin/sh -c` by default) or directly (exec form, `[\"cmd\", \"arg\"]`) and records the files it changed.",
		Layer:   "creates a layer holding every file the command added, changed or deleted. Deleting a file in a later RUN does not make the image smaller: the earlier layer still carries it.",
		Cache:   "keyed on the text of the instruction (after variable expansion) and on the step before it, never on what the command does. An unchanged `RUN git clone ...` or `RUN apt-get update` line is never re-run, even when the remote has changed; a change to the line, or to any step before it, re-runs it. " + cacheChain,
		Size:    "install, use and clean up in the same RUN (`apt-get install --no-install-recommends ... && rm -rf /var/lib/apt/lists/*`, `apk add --no-cache`, `pip install --no-cache-dir`). Keep package caches out of the image with `--mount=type=cache`.",
		Example: "RUN --mount=type=cache,target=/var/cache/apt \\\n    apt-get update && apt-get install -y --no-install-recommends curl",
		Snippet: "${1:command}",
	},
	"cmd": {
		Name:    "CMD",
		Summary: "sets the default command of the container (or the default arguments of ENTRYPOINT). Only the last CMD of the final stage counts; `docker run image args` replaces it.",
		Layer:   "adds no layer: it only changes the image configuration.",
		Cache:   "keyed on its text; cheap to re-run. " + cacheChain,
		Example: "CMD [\"python\", \"-m\", \"app\"]",
		Snippet: "[\"${1:executable}\"${2:, \"${3:arg}\"}]",
	},
	"label": {
		Name:    "LABEL",
		Summary: "adds key=value metadata to the image (authors, source, version: the `org.opencontainers.image.*` keys are understood by registries).",
		Layer:   "adds no layer: labels live in the image configuration.",
		Cache:   "keyed on its text. A label that changes on every build (a timestamp, a commit) re-runs every later step; put it at the end of the stage. " + cacheChain,
		Example: "LABEL org.opencontainers.image.source=\"https://github.com/org/repo\"",
		Snippet: "${1:key}=\"${2:value}\"",
	},
	"maintainer": {
		Name:    "MAINTAINER",
		Summary: "deprecated: sets the author field of the image. Use `LABEL org.opencontainers.image.authors=...` instead.",
		Layer:   "adds no layer.",
		Cache:   "keyed on its text. " + cacheChain,
		Example: "LABEL org.opencontainers.image.authors=\"jane@example.com\"",
		Snippet: "${1:name}",
	},
	"expose": {
		Name:    "EXPOSE",
		Summary: "documents the ports the container listens on (`80`, `53/udp`). It publishes nothing: `docker run -p` does.",
		Layer:   "adds no layer: it only changes the image configuration.",
		Cache:   "keyed on its text. " + cacheChain,
		Example: "EXPOSE 8080/tcp",
		Snippet: "${1:port}",
	},
	"env": {
		Name:    "ENV",
		Summary: "sets environment variables for the following instructions, for the running container and for every stage built FROM this one.",
		Layer:   "adds no layer: the variables live in the image configuration. They are visible in `docker inspect`, so never put a secret in ENV; use `RUN --mount=type=secret`.",
		Cache:   "keyed on its text. Changing a value re-runs every later step of the stage. " + cacheChain,
		Example: "ENV PATH=\"/app/bin:$PATH\" PYTHONDONTWRITEBYTECODE=1",
		Snippet: "${1:NAME}=${2:value}",
	},
	"add": {
		Name:    "ADD",
		Summary: "copies files from the build context, a URL or a Git repository into the image, and unpacks local tar archives. Prefer COPY unless you need a URL, a Git checkout or unpacking.",
		Layer:   "creates a layer with the added files.",
		Cache:   "keyed on the contents (checksums) of the files it adds, not on their names or dates; for a URL the download is compared after fetching, so a remote file is fetched on every build. A change re-runs it and every later step. " + cacheChain,
		Size:    "a downloaded archive added with ADD stays in its layer; fetching, unpacking and deleting it in one RUN (or `ADD --checksum` plus a later multi-stage COPY) keeps it out of the final image.",
		Example: "ADD --checksum=sha256:24454f... https://example.com/tool.tar.gz /tmp/\nADD https://github.com/org/repo.git#v1.2.0 /src",
		Snippet: "${1:src} ${2:dest}",
	},
	"copy": {
		Name:    "COPY",
		Summary: "copies files from the build context, an earlier stage (`--from=stage`) or an image into the image.",
		Layer:   "creates a layer with the copied files.",
		Cache:   "keyed on the contents (checksums) of the copied files and their metadata, not on the instruction text alone: editing any copied file re-runs this COPY and every later step. Copy dependency manifests (`package.json`, `go.mod`, `requirements.txt`) and install them before copying the rest of the source, so that a code change does not reinstall every dependency. " + cacheChain,
		Size:    "copy only what the image needs: a `.dockerignore` keeps `.git`, `node_modules` and build output out of the context, and `COPY --from=build` takes only the result of a build stage.",
		Example: "COPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .",
		Snippet: "${1:src} ${2:dest}",
	},
	"entrypoint": {
		Name:    "ENTRYPOINT",
		Summary: "sets the executable the container runs; CMD (or `docker run` arguments) become its arguments. Use the exec form so the program is PID 1 and receives SIGTERM.",
		Layer:   "adds no layer: it only changes the image configuration.",
		Cache:   "keyed on its text. " + cacheChain,
		Example: "ENTRYPOINT [\"/app/server\"]\nCMD [\"--port\", \"8080\"]",
		Snippet: "[\"${1:executable}\"]",
	},
	"volume": {
		Name:    "VOLUME",
		Summary: "declares directories that hold data outside the container's writable layer; each `docker run` gets an anonymous volume there.",
		Layer:   "adds no layer. Changes later RUN steps make inside a declared volume are discarded by the classic builder, a common surprise.",
		Cache:   "keyed on its text. " + cacheChain,
		Example: "VOLUME [\"/var/lib/data\"]",
		Snippet: "${1:/data}",
	},
	"user": {
		Name:    "USER",
		Summary: "sets the user (and group) that later RUN, CMD and ENTRYPOINT run as. Running as a non-root user limits what a compromised process can do.",
		Layer:   "adds no layer: it only changes the image configuration.",
		Cache:   "keyed on its text. " + cacheChain,
		Example: "RUN useradd --system --uid 10001 app\nUSER app",
		Snippet: "${1:user}",
	},
	"workdir": {
		Name:    "WORKDIR",
		Summary: "sets the working directory for later RUN, CMD, ENTRYPOINT, COPY and ADD, creating it when missing. A relative path is relative to the previous WORKDIR.",
		Layer:   "creates a small layer when the directory does not exist yet; otherwise none.",
		Cache:   "keyed on its text. " + cacheChain,
		Example: "WORKDIR /app",
		Snippet: "${1:/app}",
	},
	"arg": {
		Name:    "ARG",
		Summary: "declares a build argument, set with `docker build --build-arg NAME=value`. It is build-time only: available to later instructions of the stage but not stored in the image's environment. An ARG before the first FROM can only be used in FROM lines, unless re-declared inside a stage.",
		Layer:   "adds no layer.",
		Cache:   "a RUN after the ARG sees the value as an environment variable, so a different value is a cache miss for every RUN that follows the declaration. Declare ARGs as late as possible. " + cacheChain,
		Example: "ARG NODE_VERSION=22\nFROM node:${NODE_VERSION}-slim",
		Snippet: "${1:NAME}${2:=${3:default}}",
	},
	"onbuild": {
		Name:    "ONBUILD",
		Summary: "records an instruction that runs later, when another Dockerfile uses this image as its base (`FROM this-image`).",
		Layer:   "adds no layer here; the triggered instruction adds its layer in the downstream build.",
		Cache:   "keyed on its text. " + cacheChain,
		Example: "ONBUILD COPY . /app/src",
		Snippet: "${1:INSTRUCTION}",
	},
	"stopsignal": {
		Name:    "STOPSIGNAL",
		Summary: "sets the signal `docker stop` sends to ask the container to exit (default `SIGTERM`).",
		Layer:   "adds no layer: it only changes the image configuration.",
		Cache:   "keyed on its text. " + cacheChain,
		Example: "STOPSIGNAL SIGQUIT",
		Snippet: "${1:SIGTERM}",
	},
	"healthcheck": {
		Name:    "HEALTHCHECK",
		Summary: "tells the container runtime how to test that the container still works (`CMD ...`), or disables an inherited check (`NONE`). The container is marked unhealthy after `--retries` failures in a row.",
		Layer:   "adds no layer: it only changes the image configuration.",
		Cache:   "keyed on its text. " + cacheChain,
		Example: "HEALTHCHECK --interval=30s --timeout=3s --retries=3 \\\n    CMD curl -fsS http://localhost:8080/health || exit 1",
		Snippet: "${1:--interval=30s }CMD ${2:command}",
	},
	"shell": {
		Name:    "SHELL",
		Summary: "sets the shell used by the shell form of later RUN, CMD and ENTRYPOINT (exec form JSON array). Add `-o pipefail` so that a failing command in a pipe fails the build.",
		Layer:   "adds no layer: it only changes the image configuration.",
		Cache:   "keyed on its text. " + cacheChain,
		Example: "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]",
		Snippet: "[\"${1:/bin/bash}\", \"-o\", \"pipefail\", \"-c\"]",
	},
}

// sortedInstructions is every instruction's documentation, sorted by name.
var sortedInstructions []*InstructionDoc

func init() {
	for _, d := range instructionDocs {
		d.md = d.render()
		sortedInstructions = append(sortedInstructions, d)
	}
	sort.Slice(sortedInstructions, func(i, j int) bool { return sortedInstructions[i].Name < sortedInstructions[j].Name })
}

// LookupInstruction returns the documentation of an instruction by name
// (any case).
func LookupInstruction(name string) (*InstructionDoc, bool) {
	d, ok := instructionDocs[strings.ToLower(name)]
	return d, ok
}

// Instructions lists the documentation of every instruction, sorted by name.
func Instructions() []*InstructionDoc {
	return append([]*InstructionDoc(nil), sortedInstructions...)
}
