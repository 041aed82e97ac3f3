package analysis

import "strings"

// The environment of base images. BuildKit reads an image's configuration
// from the registry before it checks UndefinedVar; layerwise works offline,
// so it knows the environment of widely used images from this table, and
// says it knows nothing of the others (BaseEnv): a check that needs a
// base image's environment stays quiet then, rather than claim a variable
// is unset.

// imageEnv lists the environment that widely used images declare, by
// repository (official images without "library/"). The distribution bases
// declare only PATH, which every stage has.
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

	// Distribution bases: PATH only.
	"alpine": nil, "busybox": nil, "debian": nil, "ubuntu": nil, "fedora": nil, "centos": nil,
	"rockylinux": nil, "almalinux": nil, "amazonlinux": nil, "oraclelinux": nil, "archlinux": nil,
	"opensuse/leap": nil, "opensuse/tumbleweed": nil, "photon": nil, "clearlinux": nil,
}

// ImageEnv returns the environment an image reference such as
// "golang:1.22-alpine", "docker.io/library/python" or
// "mcr.microsoft.com/dotnet/sdk:8.0" declares, and whether layerwise knows
// it (scratch declares nothing, and is known).
func ImageEnv(ref string) (env [][2]string, known bool) {
	if ref == "scratch" {
		return nil, true
	}
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
		env, known = imageEnv[strings.TrimPrefix(remote, "library/")]
	case domain == "mcr.microsoft.com" && strings.HasPrefix(remote, "dotnet/"):
		env, known = imageEnv[remote]
	case domain == "registry.access.redhat.com" && strings.HasPrefix(remote, "ubi"):
		known = true // Red Hat's UBI bases: PATH and container=oci only
		env = [][2]string{{"container", "oci"}}
	}
	return env, known
}

// BaseEnv is the environment the image that st is built on declares (the
// image at the root of its FROM chain), and whether layerwise knows it:
// not for a base it has no table entry for, nor for one it cannot resolve
// (`FROM ${IMAGE}` with no default).
func (f *File) BaseEnv(st *Stage) (env [][2]string, known bool) {
	base := f.RootImage(st)
	if base == "" {
		return nil, false
	}
	return ImageEnv(base)
}

// RootImage is the image at the root of st's FROM chain, as BaseImage
// resolves it ("" when it cannot).
func (f *File) RootImage(st *Stage) string {
	root := st
	for depth := 0; depth <= len(f.Stages); depth++ {
		p := f.Parent(root)
		if p == nil {
			break
		}
		root = p
	}
	return f.BaseImage(root)
}
