package ide

import "strings"

// FlagDoc documents one `--flag` of an instruction.
type FlagDoc struct {
	Instruction string   // lower case
	Name        string   // without dashes
	Summary     string   // Markdown, what it is for
	Value       string   // placeholder of the value, "" for a boolean flag
	Values      []string // the values completion offers, when the set is known
	Example     string
}

// Markdown is the hover text of the flag.
func (d *FlagDoc) Markdown() string {
	var b strings.Builder
	b.WriteString("**" + strings.ToUpper(d.Instruction) + " --" + d.Name)
	if d.Value != "" {
		b.WriteString("=" + d.Value)
	}
	b.WriteString("** — " + d.Summary)
	if len(d.Values) > 0 {
		b.WriteString("\n\nValues: `" + strings.Join(d.Values, "`, `") + "`")
	}
	if d.Example != "" {
		b.WriteString("\n\n```dockerfile\n" + d.Example + "\n```")
	}
	return b.String()
}

const (
	chownDoc = "sets the owner (`user:group`, names or numeric IDs) of the files it creates. Setting the owner here is free; a later `RUN chown -R` copies every file into a new layer and doubles their size in the image."
	chmodDoc = "sets the permission bits (`0755`, or symbolic like `u+x`) of the files it creates, instead of a later `RUN chmod` that would copy every file into a new layer."
	linkDoc  = "puts the files in a layer of their own that does not depend on the layers below it. The layer is reused even when an earlier step or the base image changes, and it can be rebased without being copied again."
)

// flagDocs maps "instruction/flag" to its documentation.
var flagDocs = map[string]*FlagDoc{}

func init() {
	for _, d := range []*FlagDoc{
		{Instruction: "from", Name: "platform", Value: "os/arch[/variant]",
			Summary: "picks the platform of the base image from a multi-platform image, for example `$BUILDPLATFORM` for a build stage that cross-compiles for `$TARGETPLATFORM`.",
			Values:  []string{"$BUILDPLATFORM", "$TARGETPLATFORM", "linux/amd64", "linux/arm64", "linux/arm/v7"},
			Example: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build"},

		{Instruction: "run", Name: "mount", Value: "type=TYPE,option=value,...",
			Summary: "mounts something into the container while this RUN runs, without putting it into the layer: a cache directory that survives between builds (`type=cache`), files from the context or another stage (`type=bind`), scratch space (`type=tmpfs`), a secret (`type=secret`) or the SSH agent (`type=ssh`).",
			Example: "RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt"},
		{Instruction: "run", Name: "network", Value: "default|none|host",
			Summary: "sets the network of the command: `default` (the build's normal network), `none` (no network access: the step is reproducible and cannot download anything), `host` (the host's network; needs the `network.host` entitlement).",
			Values:  []string{"default", "none", "host"},
			Example: "RUN --network=none make test"},
		{Instruction: "run", Name: "security", Value: "sandbox|insecure",
			Summary: "sets the security mode of the command: `sandbox` (the default) or `insecure`, which runs it with full privileges, like `docker run --privileged`; needs the `security.insecure` entitlement.",
			Values:  []string{"sandbox", "insecure"},
			Example: "RUN --security=insecure mount -t tmpfs none /mnt"},

		{Instruction: "copy", Name: "from", Value: "stage|image|context",
			Summary: "copies from an earlier build stage (by name or index), an image, or a named build context instead of the build context. This is how a multi-stage build keeps compilers and sources out of the final image.",
			Example: "COPY --from=build /out/app /usr/local/bin/app"},
		{Instruction: "copy", Name: "chown", Value: "user:group", Summary: chownDoc,
			Example: "COPY --chown=app:app . /app"},
		{Instruction: "copy", Name: "chmod", Value: "mode", Summary: chmodDoc,
			Example: "COPY --chmod=0755 entrypoint.sh /usr/local/bin/"},
		{Instruction: "copy", Name: "link", Summary: linkDoc,
			Example: "COPY --link --from=build /out/app /app"},
		{Instruction: "copy", Name: "parents", Summary: "keeps the directory structure of the source paths under the destination (`COPY --parents a/b/file /dst` creates `/dst/a/b/file`), instead of flattening every file into it.",
			Example: "COPY --parents ./services/*/package.json /app/"},
		{Instruction: "copy", Name: "exclude", Value: "pattern",
			Summary: "leaves out the files matching a pattern (repeatable), so a broad COPY does not bring in tests or docs and does not miss the cache when they change.",
			Example: "COPY --exclude=*.md --exclude=tests/ . /app"},

		{Instruction: "add", Name: "checksum", Value: "sha256:HEX",
			Summary: "verifies the checksum of a remote URL (or the commit of a Git source) before using it: the build fails instead of silently adding a different file.",
			Example: "ADD --checksum=sha256:24454f830c... https://example.com/tool.tar.gz /tmp/"},
		{Instruction: "add", Name: "keep-git-dir", Value: "true|false",
			Summary: "keeps the `.git` directory when adding a Git repository (it is left out by default). It makes the layer bigger; only ask for it when the build needs the history.",
			Values:  []string{"true", "false"},
			Example: "ADD --keep-git-dir=true https://github.com/org/repo.git /src"},
		{Instruction: "add", Name: "chown", Value: "user:group", Summary: chownDoc,
			Example: "ADD --chown=app:app app.tar.gz /app"},
		{Instruction: "add", Name: "chmod", Value: "mode", Summary: chmodDoc,
			Example: "ADD --chmod=0755 https://example.com/tool /usr/local/bin/tool"},
		{Instruction: "add", Name: "link", Summary: linkDoc,
			Example: "ADD --link app.tar.gz /app"},
		{Instruction: "add", Name: "exclude", Value: "pattern",
			Summary: "leaves out the files matching a pattern (repeatable) from what is added.",
			Example: "ADD --exclude=*.txt src/ /app"},

		{Instruction: "healthcheck", Name: "interval", Value: "duration",
			Summary: "time between two health checks (default `30s`).", Example: "HEALTHCHECK --interval=30s CMD curl -f http://localhost/"},
		{Instruction: "healthcheck", Name: "timeout", Value: "duration",
			Summary: "time after which a single check counts as failed (default `30s`).", Example: "HEALTHCHECK --timeout=3s CMD curl -f http://localhost/"},
		{Instruction: "healthcheck", Name: "start-period", Value: "duration",
			Summary: "grace period after start during which failed checks are not counted towards `--retries` (default `0s`): time for the program to start up.", Example: "HEALTHCHECK --start-period=1m CMD curl -f http://localhost/"},
		{Instruction: "healthcheck", Name: "start-interval", Value: "duration",
			Summary: "time between checks during the start period (default `5s`), so that a container is known healthy soon after it starts.", Example: "HEALTHCHECK --start-period=1m --start-interval=2s CMD curl -f http://localhost/"},
		{Instruction: "healthcheck", Name: "retries", Value: "N",
			Summary: "number of consecutive failed checks after which the container is marked unhealthy (default `3`).", Example: "HEALTHCHECK --retries=5 CMD curl -f http://localhost/"},
	} {
		flagDocs[d.Instruction+"/"+d.Name] = d
	}
}

// LookupFlag returns the documentation of an instruction's flag.
func LookupFlag(instruction, flag string) (*FlagDoc, bool) {
	d, ok := flagDocs[strings.ToLower(instruction)+"/"+strings.ToLower(flag)]
	return d, ok
}

// FlagsOf lists the documented flags of an instruction, in declaration order.
func FlagsOf(instruction string) []*FlagDoc {
	var out []*FlagDoc
	for _, name := range flagOrder[strings.ToLower(instruction)] {
		out = append(out, flagDocs[strings.ToLower(instruction)+"/"+name])
	}
	return out
}

var flagOrder = map[string][]string{
	"from":        {"platform"},
	"run":         {"mount", "network", "security"},
	"copy":        {"from", "chown", "chmod", "link", "parents", "exclude"},
	"add":         {"checksum", "keep-git-dir", "chown", "chmod", "link", "exclude"},
	"healthcheck": {"interval", "timeout", "start-period", "start-interval", "retries"},
}

// MountType documents one `RUN --mount=type=...`.
type MountType struct {
	Name    string
	Summary string
	Options []string // the options this type accepts, most useful first
	Example string
}

// Markdown is the hover text of the mount type.
func (m *MountType) Markdown() string {
	return "**RUN --mount=type=" + m.Name + "** — " + m.Summary +
		"\n\nOptions: `" + strings.Join(m.Options, "`, `") + "`" +
		"\n\n```dockerfile\n" + m.Example + "\n```"
}

// mountTypes are the types of RUN --mount, in the order completion offers them.
var mountTypes = []*MountType{
	{Name: "cache", Options: []string{"target", "id", "sharing", "from", "source", "mode", "uid", "gid", "readonly"},
		Summary: "a cache directory kept by the builder between builds and never stored in the image. Point package managers and compilers at it (`/var/cache/apt`, `/root/.cache/pip`, `/root/.npm`, `/root/.cache/go-build`): rebuilds download and compile only what changed, and the layer stays small.",
		Example: "RUN --mount=type=cache,target=/root/.cache/go-build go build ./..."},
	{Name: "bind", Options: []string{"target", "source", "from", "readonly"},
		Summary: "the default type: mounts files from the build context, a stage or an image read-only for this RUN, without copying them into a layer. Good for a file only needed while building, like a lockfile or a script.",
		Example: "RUN --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt \\\n    pip install -r /tmp/requirements.txt"},
	{Name: "tmpfs", Options: []string{"target", "size"},
		Summary: "an empty in-memory filesystem for this RUN: scratch files written there never reach the layer.",
		Example: "RUN --mount=type=tmpfs,target=/tmp make"},
	{Name: "secret", Options: []string{"id", "target", "env", "required", "mode", "uid", "gid"},
		Summary: "a secret passed with `docker build --secret id=...`, visible only while this RUN runs (as a file under `/run/secrets/<id>` or as an environment variable) and never stored in the image or its history. Use it for tokens instead of ARG or ENV.",
		Example: "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci"},
	{Name: "ssh", Options: []string{"id", "target", "required", "mode", "uid", "gid"},
		Summary: "forwards the SSH agent given with `docker build --ssh default` for this RUN, so private Git repositories can be cloned without copying a key into the image.",
		Example: "RUN --mount=type=ssh git clone git@github.com:org/private.git"},
}

// LookupMountType returns a mount type by name.
func LookupMountType(name string) (*MountType, bool) {
	for _, m := range mountTypes {
		if m.Name == strings.ToLower(name) {
			return m, true
		}
	}
	return nil, false
}

// MountOption documents one option of RUN --mount.
type MountOption struct {
	Name    string
	Aliases []string
	Summary string
	Values  []string // known values, for completion
}

// Markdown is the hover text of the option.
func (o *MountOption) Markdown() string {
	s := "**--mount " + o.Name + "** — " + o.Summary
	if len(o.Aliases) > 0 {
		s += "\n\nAlso written: `" + strings.Join(o.Aliases, "`, `") + "`"
	}
	var types []string
	for _, m := range mountTypes {
		for _, opt := range m.Options {
			if opt == o.Name {
				types = append(types, m.Name)
			}
		}
	}
	if len(types) > 0 {
		s += "\n\nFor mount types: `" + strings.Join(types, "`, `") + "`"
	}
	return s
}

var mountOptions = []*MountOption{
	{Name: "type", Summary: "what to mount: `bind` (default), `cache`, `tmpfs`, `secret` or `ssh`.",
		Values: []string{"bind", "cache", "tmpfs", "secret", "ssh"}},
	{Name: "target", Aliases: []string{"dst", "destination"},
		Summary: "the path inside the container where the mount appears while the RUN runs. For `secret` it defaults to `/run/secrets/<id>`, for `ssh` to `/run/buildkit/ssh_agent.N`."},
	{Name: "source", Aliases: []string{"src"},
		Summary: "the path to mount from the source (`from=`, or the build context): a file or directory for `bind`, a subpath of the cache for `cache`."},
	{Name: "from", Summary: "the stage, image or named build context to mount from, instead of the build context (for `bind`), or whose files seed an empty cache (for `cache`)."},
	{Name: "id", Summary: "the identity of the mount: for `cache`, which cache to use (defaults to the target path; RUNs with the same id share it); for `secret` and `ssh`, which `--secret id=`/`--ssh` value of `docker build` to mount."},
	{Name: "sharing", Summary: "how concurrent builds share a cache: `shared` (default, all writers at once), `private` (each writer gets its own copy), `locked` (writers wait for each other; safe for package managers like apt that lock their cache).",
		Values: []string{"shared", "private", "locked"}},
	{Name: "mode", Summary: "the permission bits of the mounted file or directory, in octal (`0400` for a secret, `0755` for a cache)."},
	{Name: "uid", Summary: "the user ID that owns the mounted file or directory (default `0`), for a RUN that runs as a non-root USER."},
	{Name: "gid", Summary: "the group ID that owns the mounted file or directory (default `0`)."},
	{Name: "required", Summary: "fail the build when the secret or SSH agent was not provided (`required=true`), instead of running the command without it (the default for secrets).",
		Values: []string{"true", "false"}},
	{Name: "readonly", Aliases: []string{"ro", "rw", "readwrite"},
		Summary: "mount read-only (`readonly`, `ro`) or read-write (`rw`, `readwrite`). A bind mount is read-only by default; writes to a read-write bind mount are discarded after the RUN.",
		Values:  []string{"true", "false"}},
	{Name: "size", Summary: "the maximum size of a `tmpfs` mount, in bytes or with a unit (`100m`)."},
	{Name: "env", Summary: "exposes a secret as the named environment variable of the command instead of (or as well as) a file."},
}

// LookupMountOption returns a --mount option by name or alias.
func LookupMountOption(name string) (*MountOption, bool) {
	name = strings.ToLower(name)
	for _, o := range mountOptions {
		if o.Name == name {
			return o, true
		}
		for _, a := range o.Aliases {
			if a == name {
				return o, true
			}
		}
	}
	return nil, false
}
