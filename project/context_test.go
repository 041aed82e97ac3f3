package project

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/layerwise/layerwise/analysis"
)

// tree makes the files and folders named (a trailing / makes a folder)
// under a new temporary folder.
func tree(t *testing.T, paths ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, p := range paths {
		full := filepath.Join(root, filepath.FromSlash(p))
		if p[len(p)-1] == '/' {
			if err := os.MkdirAll(full, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		write(t, full, "x")
	}
	return root
}

func TestInferContext(t *testing.T) {
	for _, tc := range []struct {
		name       string
		files      []string
		dockerfile string
		text       string
		want       string // relative to the tree; "?" when unknown
	}{
		{"sources next to the Dockerfile", []string{".git/", "package.json", "src/index.js"}, "Dockerfile",
			"FROM node:22\nCOPY package.json ./\nCOPY src ./src\n", "."},
		{"docker/Dockerfile built from the root", []string{".git/", "go.mod", "go.sum", "cmd/app/main.go", "docker/entrypoint.sh"}, "docker/Dockerfile",
			"FROM golang:1.22\nCOPY go.mod go.sum ./\nCOPY cmd ./cmd\nCOPY docker/entrypoint.sh /\n", "."},
		{"the nearest folder that holds them", []string{".git/", "app/package.json", "package.json"}, "app/Dockerfile",
			"FROM node:22\nCOPY package.json ./\n", "app"},
		{"most of them, when one is build output", []string{".git/", "svc/pom.xml"}, "svc/Dockerfile",
			"FROM eclipse-temurin:21\nCOPY pom.xml ./\nCOPY target/app.jar /app.jar\n", "svc"},
		{"never above the repository's root", []string{"outer/go.mod", "outer/repo/.git/"}, "outer/repo/Dockerfile",
			"FROM golang:1.22\nCOPY go.mod ./\n", "?"},
		{"sources found nowhere", []string{"Dockerfile.other"}, "Dockerfile",
			"FROM alpine\nCOPY scripts /scripts\n", "?"},
		{"only COPY . at a repository's root", []string{".git/"}, "Dockerfile",
			"FROM nginx\nCOPY . /usr/share/nginx/html\n", "."},
		{"only COPY . elsewhere", []string{".git/", "web/index.html"}, "web/Dockerfile",
			"FROM nginx\nCOPY . /usr/share/nginx/html\n", "?"},
		{"--from, URLs, heredocs, globs and variables tell nothing", []string{".git/", "sub/"}, "sub/Dockerfile",
			"FROM alpine\nCOPY --from=build /out /out\nADD https://example.com/x.tgz /\nCOPY <<EOF /x\nhi\nEOF\nCOPY *.txt $DIR /y/\n", "?"},
		{"quoted sources", []string{".git/", "file.txt"}, "Dockerfile",
			"FROM alpine\nCOPY \"file.txt\" /x\n", "."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := tree(t, tc.files...)
			path := filepath.Join(root, filepath.FromSlash(tc.dockerfile))
			got, ok := InferContext(path, analysis.Parse(tc.text))
			switch {
			case tc.want == "?" && ok:
				t.Errorf("context %s, want none", got)
			case tc.want != "?" && (!ok || got != filepath.Join(root, tc.want)):
				t.Errorf("context %q (%v), want %s", got, ok, filepath.Join(root, tc.want))
			}
		})
	}
}

// TestConfiguredContextWins: a context in .layerwise.yaml is relative to
// the file's folder, one in the editor's settings to the Dockerfile's.
func TestConfiguredContextWins(t *testing.T) {
	root := tree(t, ".git/", "docker/x")
	write(t, filepath.Join(root, ConfigFileName), "context: .\n")
	path := filepath.Join(root, "docker", "Dockerfile")
	f := analysis.Parse("FROM alpine\nCOPY x /x\n") // x is next to the Dockerfile
	if ws := NewLoader().Options(path, f, nil).Workspace; ws != Context(root) {
		t.Errorf("workspace %v, want the configured %s", ws, root)
	}
	if ws := NewLoader().Options(path, f, &analysis.Config{Context: "."}).Workspace; ws != Context(filepath.Join(root, "docker")) {
		t.Errorf("workspace %v, want the editor's %s/docker", ws, root)
	}
}

// TestInferContextFromARelativePath: the walk up from ../x goes to ../..,
// not to the working folder.
func TestInferContextFromARelativePath(t *testing.T) {
	root := tree(t, "work/go.mod", "elsewhere/sub/")
	t.Chdir(filepath.Join(root, "work"))
	if got, ok := InferContext("../elsewhere/sub/Dockerfile", analysis.Parse("FROM golang:1.22\nCOPY go.mod ./\n")); ok {
		t.Errorf("context %s: the working folder is not above ../elsewhere/sub", got)
	}
}

// TestDevImage: a Dockerfile in a .devcontainer folder, next to a
// devcontainer.json, or whose name or folder says dev, builds a
// development image; a dev folder further up says nothing.
func TestDevImage(t *testing.T) {
	root := tree(t, "dev/project/Dockerfile", ".devcontainer/Dockerfile", "tools/devcontainer.json", "app/Dockerfile",
		"app/Dockerfile.dev", "app/dev.Dockerfile", "docker/dev/Dockerfile", "image/web_dev/Dockerfile",
		"devops/Dockerfile", "app/Dockerfile.devel-tools", "app/dev-tools.Dockerfile", "app/Containerfile-development")
	for path, want := range map[string]bool{
		".devcontainer/Dockerfile": true, "tools/Dockerfile": true, "app/Dockerfile": false,
		"app/Dockerfile.dev": true, "app/dev.Dockerfile": true, "docker/dev/Dockerfile": true,
		"image/web_dev/Dockerfile": true, "devops/Dockerfile": false, "app/Dockerfile.devel-tools": false,
		"dev/project/Dockerfile": false, "app/dev-tools.Dockerfile": false, "app/Containerfile-development": true,
	} {
		if got := NewLoader().Options(filepath.Join(root, path), nil, nil).DevImage; got != want {
			t.Errorf("%s: DevImage = %v, want %v", path, got, want)
		}
	}
}

// TestSquash: a Containerfile whose own RUN cleans the package cache that
// earlier RUNs filled is written for a build into one layer; a Dockerfile
// is not; `squash:` in the configuration says it either way.
func TestSquash(t *testing.T) {
	root := t.TempDir()
	relies := "FROM fedora:40\nRUN dnf -y install git\nRUN dnf -y install make\nRUN dnf clean all\n"
	layered := "FROM fedora:40\nRUN dnf -y install git && dnf clean all\nRUN rm -rf /tmp/*\n"
	for _, tc := range []struct {
		path, text, config string
		want               bool
	}{
		{"a/Containerfile", relies, "", true},
		{"b/Containerfile.fedora", relies, "", true},
		{"c/Dockerfile", relies, "", false},
		{"d/Containerfile", layered, "", false},
		{"e/Containerfile", relies, "squash: false\n", false},
		{"f/Dockerfile", layered, "squash: true\n", true},
	} {
		full := filepath.Join(root, filepath.FromSlash(tc.path))
		write(t, full, tc.text)
		if tc.config != "" {
			write(t, filepath.Join(filepath.Dir(full), ConfigFileName), tc.config)
		}
		opts := NewLoader().Options(full, analysis.Parse(tc.text), nil)
		if opts.ConfigError != nil {
			t.Fatalf("%s: %v", tc.path, opts.ConfigError)
		}
		if opts.Squashed != tc.want {
			t.Errorf("%s: Squashed = %v, want %v", tc.path, opts.Squashed, tc.want)
		}
	}
}
