package rules

import (
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

var largeBaseImage = &analysis.Rule{
	ID:       "large-base-image",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategorySize,
	Severity: analysis.SeverityInformation,
	Summary:  "The image is built on a full base image that has a slim or alpine variant",
	Doc: "The base image is the first and often the largest layer of your image, and every " +
		"byte of it is pulled on every deploy. The full variants of the official images carry " +
		"compilers, man pages and package caches that a runtime rarely needs.\n\n" +
		"Measured: `nginx` 141 MB vs `nginx:alpine` 9.3 MB; `python:3.12-slim` is about 135 MB " +
		"while the alpine base layer is about 4 MB, and the full `python:3.12` is several times the slim one.\n\n" +
		"Bad:\n\n    FROM python:3.12\n\nGood:\n\n    FROM python:3.12-slim\n\n" +
		"Slim (Debian, glibc) is the safe switch; alpine (musl) is smaller but wheels and " +
		"native modules may need rebuilding. Only a variant that exists for the image and " +
		"its tag family is suggested, from a table of the official images: python, node and " +
		"ruby have -slim and -alpine; perl, elixir and erlang -slim; debian its release's " +
		"-slim; php -alpine only for its cli, fpm and zts tags (not apache); nginx, httpd, " +
		"redis, postgres and haproxy -alpine; eclipse-temurin a -jre; amazoncorretto " +
		"-alpine. Alpine is never suggested for a stage (or the stages built FROM it) that " +
		"installs with apt, dpkg or an rpm tool: those need the glibc distribution. An image " +
		"with no known smaller variant (ubuntu, the deprecated openjdk, any other) is not " +
		"reported. Only stages that end up in the image are checked. Trusted corporate bases " +
		"can be listed under `trusted-base-images` in `.layerwise.yaml`. Silence with " +
		"`# layerwise ignore=large-base-image`.",
	Scope: analysis.ScopeStageAndChildren,
	Run:   checkLargeBaseImage,
}

// smallerVariants says, per official image, which smaller variants exist,
// in the order they are offered: "slim" (Debian, glibc), "alpine" (musl),
// "jre" (the runtime instead of the JDK). An image not listed, or listed
// with none, has no smaller variant layerwise knows of.
var smallerVariants = map[string][]string{
	"python": {"slim", "alpine"}, "node": {"slim", "alpine"}, "ruby": {"slim", "alpine"},
	"perl": {"slim"}, "elixir": {"slim"}, "erlang": {"slim"}, "debian": {"slim"},
	"php":   {"alpine"}, // cli, fpm and zts only: see variantFor
	"nginx": {"alpine"}, "httpd": {"alpine"}, "redis": {"alpine"}, "postgres": {"alpine"},
	"haproxy": {"alpine"}, "eclipse-temurin": {"jre"}, "amazoncorretto": {"alpine"},
}

// smallTagWords mark a tag that already is a small variant.
var smallTagWords = []string{"slim", "alpine", "distroless", "minimal", "busybox", "jre", "scratch", "micro", "nano", "chiseled"}

// SlimVariant is the Data of a large-base-image finding whose base, as
// written, can be replaced by the smaller Image.
type SlimVariant struct{ Image string }

func checkLargeBaseImage(p *analysis.Pass) {
	st := p.Stage
	if !p.Ships(st) || p.File.Parent(st) != nil || st.Base.Text == "" {
		return
	}
	image := p.File.BaseImage(st)
	if image == "" || p.Config.TrustsBaseImage(image) {
		return
	}
	ref := analysis.ParseImageRef(image)
	if isSmallTag(ref.Tag) || (ref.Tag == "" && ref.Digest != "") {
		return
	}
	suggestion := ""
	for _, variant := range smallerVariants[ref.Official()] {
		if variant == "alpine" && usesGlibcPackages(p.File, st) {
			continue
		}
		if suggestion = variantFor(ref, variant); suggestion != "" {
			break
		}
	}
	if suggestion == "" {
		return // nothing smaller is known to exist: nothing to say
	}
	fd := analysis.Finding{Range: st.Base.Range, Message: "base image " + image + " is a full image; " + suggestion + " is much smaller"}
	if st.Base.Text == image {
		fd.Data = SlimVariant{Image: suggestion}
	}
	p.Report(fd)
}

func isSmallTag(tag string) bool {
	tag = strings.ToLower(tag)
	for _, w := range smallTagWords {
		if strings.Contains(tag, w) {
			return true
		}
	}
	return false
}

// usesGlibcPackages reports whether the stage, or a stage built FROM it,
// installs with apt, dpkg or an rpm tool: it needs a glibc distribution,
// not alpine.
func usesGlibcPackages(f *analysis.File, st *analysis.Stage) bool {
	for _, s := range f.Stages {
		if !builtFrom(f, s, st) {
			continue
		}
		for _, in := range s.Instructions {
			if in.Name != "run" {
				continue
			}
			for _, c := range in.Shell(f).Commands {
				if analysis.IsApt(c) || c.Is("apt-cache", "apt-key", "dpkg", "add-apt-repository", "rpm", "zypper") || c.Is(analysis.RPMTools...) {
					return true
				}
			}
		}
	}
	return false
}

// builtFrom reports whether s is st or built FROM it, directly or not.
func builtFrom(f *analysis.File, s, st *analysis.Stage) bool {
	for depth := 0; s != nil && depth <= len(f.Stages); s, depth = f.Parent(s), depth+1 {
		if s == st {
			return true
		}
	}
	return false
}

// variantFor names the variant of ref, or "" when that variant does not
// exist for its tag: python:3.12 -> python:3.12-slim, python:3.12-bookworm
// -> python:3.12-slim-bookworm, nginx -> nginx:alpine, debian:bookworm ->
// debian:bookworm-slim, eclipse-temurin:21-jdk -> eclipse-temurin:21-jre,
// php:8.3-fpm -> php:8.3-fpm-alpine (php:8.3-apache has none).
func variantFor(ref analysis.ImageRef, variant string) string {
	out := ref
	out.Digest = ""
	tag := ref.Tag
	latest := tag == "" || tag == "latest"
	switch {
	case ref.Official() == "debian":
		if variant != "slim" {
			return ""
		}
		switch {
		case latest:
			out.Tag = "bookworm-slim" // debian's slim images are per release
		case isDebianRelease(tag):
			out.Tag = tag + "-slim"
		default:
			return "" // debian:12.5: a point release has its own -slim, not worth guessing
		}
	case ref.Official() == "php":
		base := tag
		for _, server := range []string{"apache", "fpm", "zts", "cli"} {
			if strings.Contains(tag, server) {
				base = ""
				if server != "apache" {
					base = tag
				}
				break
			}
		}
		if base == "" || strings.ContainsAny(base, "\"'") {
			return "" // apache has no alpine variant
		}
		if latest {
			out.Tag = variant
		} else if i := strings.LastIndex(tag, "-"); i > 0 && isDebianRelease(tag[i+1:]) {
			out.Tag = tag[:i] + "-" + variant // 8.3-fpm-bookworm -> 8.3-fpm-alpine
		} else {
			out.Tag = tag + "-" + variant
		}
	case variant == "jre":
		switch {
		case latest:
			return ""
		case strings.Contains(tag, "jdk"):
			out.Tag = strings.Replace(tag, "jdk", "jre", 1)
		default:
			out.Tag = tag + "-jre"
		}
	case latest:
		out.Tag = variant
	case strings.ContainsAny(tag, "\"'$"):
		return ""
	default:
		if i := strings.LastIndex(tag, "-"); i > 0 && variant == "slim" && isDebianRelease(tag[i+1:]) {
			out.Tag = tag[:i] + "-slim-" + tag[i+1:]
		} else if i > 0 && variant == "alpine" && isDebianRelease(tag[i+1:]) {
			out.Tag = tag[:i] + "-alpine"
		} else {
			out.Tag = tag + "-" + variant
		}
	}
	return out.String()
}

func isDebianRelease(s string) bool {
	switch s {
	case "bookworm", "bullseye", "buster", "trixie":
		return true
	}
	return false
}
