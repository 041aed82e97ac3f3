package analysis

import (
	_ "crypto/sha256" // registers the digest algorithms go-digest validates against
	_ "crypto/sha512"
	"regexp"
	"runtime"
	"strings"

	"github.com/opencontainers/go-digest"
)

// This file holds the small pieces of BuildKit's dependencies that its checks
// use, rewritten so that the main module does not need them:
// github.com/distribution/reference (is a base image name valid?) and
// github.com/containerd/platforms (what does a --platform value mean?).

// Grammar of github.com/distribution/reference (regexp.go).
const (
	refAlphanumeric = `[a-z0-9]+`
	refSeparator    = `(?:[._]|__|[-]+)`
	refDomainComp   = `(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])`
	refDomainName   = refDomainComp + `(?:\.` + refDomainComp + `)*`
	refIPv6         = `\[(?:[a-fA-F0-9:]+)\]`
	refHost         = `(?:` + refDomainName + `|` + refIPv6 + `)`
	refDomainPort   = refHost + `(?::[0-9]+)?`
	refTag          = `[\w][\w.-]{0,127}`
	refDigest       = `[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][[:xdigit:]]{32,}`
	refPathComp     = refAlphanumeric + `(?:` + refSeparator + refAlphanumeric + `)*`
	refRemoteName   = refPathComp + `(?:/` + refPathComp + `)*`
	refName         = `(?:` + refDomainPort + `/)?` + refRemoteName
)

var (
	referenceRegexp  = regexp.MustCompile(`^(` + refName + `)(?::(` + refTag + `))?(?:@(` + refDigest + `))?$`)
	anchoredNameRe   = regexp.MustCompile(`^(?:(` + refDomainPort + `)/)?(` + refRemoteName + `)$`)
	anchoredIDRegexp = regexp.MustCompile(`^[a-f0-9]{64}$`)
)

// validImageReference reports whether reference.ParseNormalizedNamed
// accepts s, which is what BuildKit's InvalidDefaultArgInFrom asks.
func validImageReference(s string) bool {
	if anchoredIDRegexp.MatchString(s) {
		return false
	}
	domain, remainder := splitDockerDomain(s)
	remote := remainder
	if i := strings.IndexRune(remainder, ':'); i > -1 {
		remote = remainder[:i]
	}
	if strings.ToLower(remote) != remote {
		return false
	}
	m := referenceRegexp.FindStringSubmatch(domain + "/" + remainder)
	if m == nil {
		return false
	}
	path := m[1]
	if nm := anchoredNameRe.FindStringSubmatch(m[1]); len(nm) == 3 {
		path = nm[2]
	}
	if len(path) > 255 {
		return false
	}
	if m[3] != "" {
		if _, err := digest.Parse(m[3]); err != nil {
			return false
		}
	}
	return m[1] != ""
}

// splitDockerDomain is reference's: the registry part of a name, defaulting
// to Docker Hub and its library/ namespace.
func splitDockerDomain(name string) (domain, remote string) {
	maybeDomain, maybeRemote, ok := strings.Cut(name, "/")
	if !ok {
		return "docker.io", "library/" + name
	}
	switch {
	case maybeDomain == "localhost":
		domain, remote = maybeDomain, maybeRemote
	case maybeDomain == "index.docker.io":
		domain, remote = "docker.io", maybeRemote
	case strings.ContainsAny(maybeDomain, ".:"):
		domain, remote = maybeDomain, maybeRemote
	case strings.ToLower(maybeDomain) != maybeDomain:
		domain, remote = maybeDomain, maybeRemote
	default:
		domain, remote = "docker.io", name
	}
	if domain == "docker.io" && !strings.ContainsRune(remote, '/') {
		remote = "library/" + remote
	}
	return domain, remote
}

// platform is the part of an OCI platform the checks look at.
type platform struct{ OS, Architecture string }

var (
	platformPartRe = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)
	platformOSRe   = regexp.MustCompile(`^([A-Za-z0-9_-]+)(?:\(([A-Za-z0-9_.-]*)\))?$`)
)

// parsePlatform follows containerd's platforms.Parse: `os`, `arch`,
// `os/arch` or `os/arch/variant`, normalized; a lone OS or architecture is
// completed from the host, as BuildKit does.
func parsePlatform(spec string) (platform, bool) {
	if strings.Contains(spec, "*") {
		return platform{}, false
	}
	parts := strings.SplitN(spec, "/", 4)
	var p platform
	for i, part := range parts {
		if i == 0 {
			m := platformOSRe.FindStringSubmatch(part)
			if m == nil {
				return platform{}, false
			}
			p.OS = normalizeOS(m[1])
		} else if !platformPartRe.MatchString(part) {
			return platform{}, false
		}
	}
	switch len(parts) {
	case 1:
		if knownOS[p.OS] {
			p.Architecture = runtime.GOARCH
			return p, true
		}
		p.Architecture = normalizeArch(parts[0])
		if knownArch[p.Architecture] {
			p.OS = runtime.GOOS
			return p, true
		}
		return platform{}, false
	case 2, 3:
		p.Architecture = normalizeArch(parts[1])
		return p, true
	}
	return platform{}, false
}

func normalizeOS(os string) string {
	if os == "" {
		return runtime.GOOS
	}
	os = strings.ToLower(os)
	if os == "macos" {
		return "darwin"
	}
	return os
}

func normalizeArch(arch string) string {
	switch arch = strings.ToLower(arch); arch {
	case "i386":
		return "386"
	case "x86_64", "x86-64":
		return "amd64"
	case "aarch64":
		return "arm64"
	case "armhf", "armel":
		return "arm"
	}
	return arch
}

var knownOS = setOf("aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js",
	"linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "windows", "zos")

var knownArch = setOf("386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "ppc64", "ppc64le",
	"loong64", "mips", "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "riscv",
	"riscv64", "s390", "s390x", "sparc", "sparc64", "wasm")

func setOf(items ...string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, it := range items {
		m[it] = true
	}
	return m
}
