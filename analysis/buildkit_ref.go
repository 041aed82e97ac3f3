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

// imageEnv lists the environment that widely used official images declare.
// BuildKit reads the real image configuration from the registry before it
// checks UndefinedVar; layerwise works offline, so without this table every
// `$GOPATH` in a golang stage would be reported. Images not listed are
// assumed to set nothing but PATH.
var imageEnv = map[string][][2]string{
	"golang":          {{"GOLANG_VERSION", "1"}, {"GOTOOLCHAIN", "local"}, {"GOPATH", "/go"}},
	"node":            {{"NODE_VERSION", "1"}, {"YARN_VERSION", "1"}},
	"python":          {{"LANG", "C.UTF-8"}, {"GPG_KEY", "x"}, {"PYTHON_VERSION", "3"}, {"PYTHON_SHA256", "x"}},
	"pypy":            {{"LANG", "C.UTF-8"}, {"PYPY_VERSION", "7"}},
	"ruby":            {{"LANG", "C.UTF-8"}, {"RUBY_VERSION", "3"}, {"RUBY_DOWNLOAD_SHA256", "x"}, {"GEM_HOME", "/usr/local/bundle"}, {"BUNDLE_SILENCE_ROOT_WARNING", "1"}, {"BUNDLE_APP_CONFIG", "/usr/local/bundle"}},
	"rust":            {{"RUSTUP_HOME", "/usr/local/rustup"}, {"CARGO_HOME", "/usr/local/cargo"}, {"RUST_VERSION", "1"}},
	"php":             {{"PHPIZE_DEPS", "x"}, {"PHP_INI_DIR", "/usr/local/etc/php"}, {"PHP_CFLAGS", "x"}, {"PHP_CPPFLAGS", "x"}, {"PHP_LDFLAGS", "x"}, {"GPG_KEYS", "x"}, {"PHP_VERSION", "8"}, {"PHP_URL", "x"}, {"PHP_ASC_URL", "x"}, {"PHP_SHA256", "x"}},
	"eclipse-temurin": {{"JAVA_HOME", "/opt/java/openjdk"}, {"LANG", "en_US.UTF-8"}, {"LANGUAGE", "en_US:en"}, {"LC_ALL", "en_US.UTF-8"}, {"JAVA_VERSION", "21"}},
	"openjdk":         {{"JAVA_HOME", "/usr/local/openjdk"}, {"LANG", "C.UTF-8"}, {"JAVA_VERSION", "21"}},
	"maven":           {{"JAVA_HOME", "/opt/java/openjdk"}, {"MAVEN_HOME", "/usr/share/maven"}, {"MAVEN_CONFIG", "/root/.m2"}, {"JAVA_VERSION", "21"}, {"LANG", "en_US.UTF-8"}},
	"gradle":          {{"JAVA_HOME", "/opt/java/openjdk"}, {"GRADLE_HOME", "/opt/gradle"}, {"GRADLE_VERSION", "8"}, {"JAVA_VERSION", "21"}, {"LANG", "en_US.UTF-8"}},
	"nginx":           {{"NGINX_VERSION", "1"}, {"NJS_VERSION", "0"}, {"NJS_RELEASE", "1"}, {"PKG_RELEASE", "1"}, {"DYNPKG_RELEASE", "1"}},
	"httpd":           {{"HTTPD_PREFIX", "/usr/local/apache2"}, {"HTTPD_VERSION", "2"}, {"HTTPD_SHA256", "x"}, {"HTTPD_PATCHES", ""}},
	"postgres":        {{"GOSU_VERSION", "1"}, {"LANG", "en_US.utf8"}, {"PG_MAJOR", "17"}, {"PG_VERSION", "17"}, {"PGDATA", "/var/lib/postgresql/data"}},
	"redis":           {{"REDIS_DOWNLOAD_URL", "x"}, {"REDIS_DOWNLOAD_SHA", "x"}},
	"erlang":          {{"OTP_VERSION", "27"}, {"REBAR3_VERSION", "3"}, {"LANG", "C.UTF-8"}},
	"elixir":          {{"ELIXIR_VERSION", "1"}, {"LANG", "C.UTF-8"}},
	"haskell":         {{"LANG", "C.UTF-8"}, {"GHC", "9"}, {"CABAL_INSTALL", "3"}, {"STACK", "2"}},
	"swift":           {{"SWIFT_SIGNING_KEY", "x"}, {"SWIFT_PLATFORM", "x"}, {"SWIFT_BRANCH", "x"}, {"SWIFT_VERSION", "x"}, {"SWIFT_WEBROOT", "x"}},
	"dotnet/sdk":      {{"APP_UID", "1654"}, {"ASPNETCORE_HTTP_PORTS", "8080"}, {"DOTNET_RUNNING_IN_CONTAINER", "true"}, {"DOTNET_VERSION", "8"}, {"ASPNET_VERSION", "8"}, {"DOTNET_GENERATE_ASPNET_CERTIFICATE", "false"}, {"DOTNET_NOLOGO", "true"}, {"DOTNET_SDK_VERSION", "8"}, {"DOTNET_USE_POLLING_FILE_WATCHER", "true"}, {"NUGET_XMLDOC_MODE", "skip"}, {"POWERSHELL_DISTRIBUTION_CHANNEL", "x"}},
	"dotnet/aspnet":   {{"APP_UID", "1654"}, {"ASPNETCORE_HTTP_PORTS", "8080"}, {"DOTNET_RUNNING_IN_CONTAINER", "true"}, {"DOTNET_VERSION", "8"}, {"ASPNET_VERSION", "8"}},
	"dotnet/runtime":  {{"APP_UID", "1654"}, {"ASPNETCORE_HTTP_PORTS", "8080"}, {"DOTNET_RUNNING_IN_CONTAINER", "true"}, {"DOTNET_VERSION", "8"}},
}

// knownImageEnv returns the environment table entry for an image reference
// such as "golang:1.22-alpine", "docker.io/library/python" or
// "mcr.microsoft.com/dotnet/sdk:8.0".
func knownImageEnv(ref string) [][2]string {
	name := ref
	if i := strings.IndexByte(name, '@'); i >= 0 {
		name = name[:i]
	}
	domain, remote := splitDockerDomain(name)
	if i := strings.LastIndexByte(remote, ':'); i >= 0 {
		remote = remote[:i]
	}
	switch {
	case domain == "docker.io":
		return imageEnv[strings.TrimPrefix(remote, "library/")]
	case domain == "mcr.microsoft.com" && strings.HasPrefix(remote, "dotnet/"):
		return imageEnv[remote]
	}
	return nil
}
