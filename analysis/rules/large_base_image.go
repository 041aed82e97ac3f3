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
		"native modules may need rebuilding. Only stages that end up in the image are " +
		"checked. Trusted corporate bases can be listed under `trusted-base-images` in " +
		"`.layerwise.yaml`. Silence with `# layerwise ignore=large-base-image`.",
	Scope: analysis.ScopeStage,
	Run:   checkLargeBaseImage,
}

// slimVariants says, per official image, how its smaller variant is named.
var slimVariants = map[string]string{
	"python": "slim", "node": "slim", "ruby": "slim", "php": "alpine", "perl": "slim",
	"debian": "slim", "nginx": "alpine", "httpd": "alpine", "redis": "alpine",
	"postgres": "alpine", "ubuntu": "", "openjdk": "jre", "eclipse-temurin": "jre",
	"amazoncorretto": "alpine", "elixir": "slim", "erlang": "slim", "haproxy": "alpine",
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
	variant, known := slimVariants[ref.Official()]
	if !known || isSmallTag(ref.Tag) || (ref.Tag == "" && ref.Digest != "") {
		return
	}
	msg := "base image " + image + " is a full image"
	suggestion := slimTag(ref, variant)
	if suggestion != "" {
		msg += "; " + suggestion + " is much smaller"
	}
	fd := analysis.Finding{Range: st.Base.Range, Message: msg}
	if suggestion != "" && st.Base.Text == image {
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

// slimTag names the small variant of ref: python:3.12 -> python:3.12-slim,
// python:3.12-bookworm -> python:3.12-slim-bookworm, nginx -> nginx:alpine.
func slimTag(ref analysis.ImageRef, variant string) string {
	if variant == "" {
		return ""
	}
	out := ref
	out.Digest = ""
	switch {
	case ref.Official() == "debian" && (ref.Tag == "" || ref.Tag == "latest"):
		out.Tag = "bookworm-slim" // debian's slim images are per release
	case ref.Tag == "" || ref.Tag == "latest":
		out.Tag = variant
	case ref.Official() == "openjdk":
		return "" // openjdk images are deprecated; eclipse-temurin:<v>-jre is the successor
	default:
		if i := strings.LastIndex(ref.Tag, "-"); i > 0 && variant == "slim" && isDebianRelease(ref.Tag[i+1:]) {
			out.Tag = ref.Tag[:i] + "-slim-" + ref.Tag[i+1:]
		} else {
			out.Tag = ref.Tag + "-" + variant
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
