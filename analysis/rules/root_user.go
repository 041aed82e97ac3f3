package rules

import (
	"path"
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

var rootUser = &analysis.Rule{
	ID:       "root-user",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategorySecurity,
	Severity: analysis.SeverityWarning,
	Summary:  "The image runs as root",
	Aliases:  []string{"DL3002"},
	Doc: "A process that runs as root in the container is root on the files it can reach: " +
		"a mounted volume, the Docker socket, and the host itself after a container escape. " +
		"An application rarely needs it once its packages are installed.\n\n" +
		"Bad:\n\n    FROM node:22-slim\n    COPY . /app\n    CMD [\"node\", \"/app/server.js\"]\n\n" +
		"Good:\n\n    FROM node:22-slim\n    COPY --chown=node:node . /app\n    USER node\n    CMD [\"node\", \"/app/server.js\"]\n\n" +
		"Reported: the image's last USER is `root` or `0`; or it sets none, is built on an " +
		"image known to run as root (the official language and distribution images), and " +
		"starts a program directly. Not reported: a base known to set a user (distroless " +
		"`:nonroot`, images that set USER themselves), an image that starts through an " +
		"entrypoint script, a server that drops privileges itself (nginx, httpd, php-fpm) " +
		"or one that installs or uses `gosu`, `su-exec`, `setpriv` or `runuser` — the way of " +
		"the official server images; a base image that sets no USER (no CMD or ENTRYPOINT " +
		"of its own: the image built FROM it chooses), a development image. Only the image " +
		"that ships is judged: hadolint's DL3002 also reports a builder stage whose last " +
		"USER is root, which runs nothing in production. " +
		"Silence with `# layerwise ignore=root-user` (or hadolint's DL3002).",
	Scope: analysis.ScopeFile,
	Run:   checkRootUser,
}

// rootBases are official images whose processes run as root unless a USER
// says otherwise.
var rootBases = map[string]bool{
	"node": true, "python": true, "golang": true, "ruby": true, "php": true, "perl": true, "openjdk": true,
	"eclipse-temurin": true, "amazoncorretto": true, "debian": true, "ubuntu": true, "alpine": true,
	"fedora": true, "centos": true, "rockylinux": true, "almalinux": true, "archlinux": true, "busybox": true,
	"rust": true, "elixir": true, "erlang": true, "haskell": true, "swift": true, "dart": true, "julia": true,
}

func checkRootUser(p *analysis.Pass) {
	f := p.File
	n := len(f.Stages)
	if n == 0 || p.DevImage {
		return // a development image runs as whoever its developer chose
	}
	final := f.Stages[n-1]
	var chain []*analysis.Stage // the final stage and those it is built FROM, oldest first
	for st := final; st != nil; st = f.Parent(st) {
		chain = append([]*analysis.Stage{st}, chain...)
	}
	var lastUser, entrypoint, cmd *analysis.Instruction
	dropsPrivileges := false
	for _, st := range chain {
		for _, in := range st.Instructions {
			switch in.Name {
			case "user":
				lastUser = in
			case "cmd":
				cmd = in
			case "entrypoint":
				entrypoint, cmd = in, nil // an ENTRYPOINT resets CMD
			}
			if in.Runs() || in.Name == "cmd" || in.Name == "entrypoint" {
				for _, c := range in.Shell(f).Commands {
					dropsPrivileges = dropsPrivileges || c.Is("gosu", "su-exec", "setpriv", "runuser", "chroot", "su") || installsPrivilegeDropper(c)
				}
			}
		}
	}
	start := entrypoint // what the container starts: the ENTRYPOINT, else the CMD
	if start == nil {
		start = cmd
	}
	if dropsPrivileges || start != nil && startsThroughScript(f, start) {
		return // it may well drop privileges itself
	}
	if lastUser != nil {
		if len(lastUser.Args) > 0 && isRootUser(lastUser.Args[0].Text) {
			p.Report(analysis.Finding{Range: lastUser.Args[0].Range, Message: "the image's last USER is root: every process of the container runs as root; switch to an unprivileged user after the steps that need root"})
		}
		return
	}
	if start == nil {
		return // a base image: the one built FROM it chooses its user
	}
	base := analysis.ParseImageRef(f.RootImage(final))
	if !rootBases[base.Official()] {
		return
	}
	advice := "create an unprivileged user and add a USER"
	if base.Official() == "node" {
		advice = "add USER node (the image has that user)"
	}
	p.Report(analysis.Finding{Range: final.From.Keyword.Range, Message: "no USER is set and " + base.Official() + " runs as root: the container's process runs as root; " + advice})
}

func isRootUser(spec string) bool {
	user, _, _ := strings.Cut(spec, ":")
	return user == "root" || user == "0"
}

// installsPrivilegeDropper reports whether c installs gosu or su-exec.
func installsPrivilegeDropper(c *analysis.Command) bool {
	for _, w := range c.Args {
		if w.Text == "gosu" || w.Text == "su-exec" || strings.HasSuffix(w.Text, "/gosu") {
			return true
		}
	}
	return false
}

// startsThroughScript reports whether CMD or ENTRYPOINT starts a shell
// script (`docker-entrypoint.sh`, `/entrypoint.sh`, `sh -c ...`): such a
// script often drops privileges itself.
func startsThroughScript(f *analysis.File, start *analysis.Instruction) bool {
	for _, c := range start.Shell(f).Commands {
		name := path.Base(c.Name.Text)
		if strings.HasSuffix(name, ".sh") || strings.Contains(name, "entrypoint") || isShellProgram(name) {
			return true
		}
	}
	return false
}

func isShellProgram(name string) bool {
	switch name {
	case "sh", "bash", "dash", "ash", "zsh", "tini", "dumb-init", "s6-svscan", "supervisord", "init", "/init",
		// servers that start as root to bind their port and drop privileges themselves
		"httpd", "httpd-foreground", "apache2", "apache2-foreground", "nginx", "php-fpm", "haproxy",
		"sshd", "cron", "crond", "squid", "named", "postfix", "dovecot":
		return true
	}
	return strings.HasPrefix(name, "php-fpm")
}
