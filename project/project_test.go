package project

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/layerwise/layerwise/analysis"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLoaderReadsAConfigOnlyWhenItChanges: the same file, unchanged, gives
// the same *Config (the driver's memos key on it); a changed, removed or
// forgotten one is read again.
func TestLoaderReadsAConfigOnlyWhenItChanges(t *testing.T) {
	root := t.TempDir()
	cfgPath := filepath.Join(root, ConfigFileName)
	write(t, cfgPath, "rules:\n  consecutive-run: off\n")
	dockerfile := filepath.Join(root, "svc", "docker", "Dockerfile")
	l := NewLoader()
	first := l.Options(dockerfile, nil, nil)
	if first.ConfigError != nil || first.Config == nil || !first.Config.Rules["consecutive-run"].Off {
		t.Fatalf("the config above the Dockerfile was not found: %+v", first)
	}
	if again := l.Options(dockerfile, nil, nil); again.Config != first.Config {
		t.Error("an unchanged config was parsed again")
	}
	// A change of content and size.
	write(t, cfgPath, "rules:\n  consecutive-run: error\n")
	changed := l.Options(dockerfile, nil, nil)
	if changed.Config == first.Config || changed.Config.Rules["consecutive-run"].Severity != analysis.SeverityError {
		t.Errorf("a changed config was not read again: %+v", changed.Config)
	}
	// The same size, another modification time.
	write(t, cfgPath, "rules:\n  consecutive-run: hint\n ")
	touched := l.Options(dockerfile, nil, nil)
	write(t, cfgPath, "rules:\n  consecutive-run: info\n ")
	later := time.Now().Add(time.Second)
	if err := os.Chtimes(cfgPath, later, later); err != nil {
		t.Fatal(err)
	}
	if same := l.Options(dockerfile, nil, nil); same.Config == touched.Config || same.Config.Rules["consecutive-run"].Severity != analysis.SeverityInformation {
		t.Errorf("a config of the same size with a new time was not read again: %+v", same.Config)
	}
	// A nearer config wins, and its removal brings back the outer one.
	inner := filepath.Join(root, "svc", ConfigFileName)
	write(t, inner, "targets: [app]\n")
	if o := l.Options(dockerfile, nil, nil); len(o.Config.Targets) != 1 {
		t.Errorf("the nearer config was not used: %+v", o.Config)
	}
	os.Remove(inner)
	if o := l.Options(dockerfile, nil, nil); len(o.Config.Targets) != 0 || o.Config.Rules["consecutive-run"].Severity != analysis.SeverityInformation {
		t.Errorf("after removing the nearer config: %+v", o.Config)
	}
	// Forget reads again even what did not change.
	before := l.Options(dockerfile, nil, nil).Config
	l.Forget()
	if after := l.Options(dockerfile, nil, nil).Config; after == before {
		t.Error("Forget kept the parsed config")
	}
}

// TestLoaderMergesOnce: the editor's settings laid over a file give the
// same value while neither changes.
func TestLoaderMergesOnce(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, ConfigFileName), "targets: [a]\n")
	editor := &analysis.Config{Targets: []string{"b"}}
	l := NewLoader()
	dockerfile := filepath.Join(root, "Dockerfile")
	a := l.Options(dockerfile, nil, editor)
	if got := strings.Join(a.Config.Targets, ","); got != "a,b" {
		t.Fatalf("merged targets %q", got)
	}
	if b := l.Options(dockerfile, nil, editor); b.Config != a.Config {
		t.Error("the same file and settings merged anew")
	}
	if c := l.Options(dockerfile, nil, &analysis.Config{}); c.Config == a.Config {
		t.Error("other settings gave the same merge")
	}
}

// TestLoaderRefusesWhatIsNotAConfigFile: a FIFO would block the reader
// forever and a device never ends; a huge file is not read. Each is an
// error that names the path, at once.
func TestLoaderRefusesWhatIsNotAConfigFile(t *testing.T) {
	cases := map[string]func(t *testing.T, path string){
		"fifo": func(t *testing.T, path string) {
			if err := syscall.Mkfifo(path, 0o644); err != nil {
				t.Skip("no FIFOs here:", err)
			}
		},
		"device": func(t *testing.T, path string) {
			if err := os.Symlink("/dev/zero", path); err != nil {
				t.Skip(err)
			}
		},
		"huge": func(t *testing.T, path string) {
			write(t, path, "targets: [a]\n"+strings.Repeat("#", MaxConfigSize))
		},
	}
	for name, create := range cases {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			path := filepath.Join(root, ConfigFileName)
			create(t, path)
			done := make(chan analysis.Options, 1)
			go func() { done <- NewLoader().Options(filepath.Join(root, "Dockerfile"), nil, nil) }()
			select {
			case o := <-done:
				if o.ConfigError == nil || !strings.Contains(o.ConfigError.Error(), path) {
					t.Errorf("ConfigError = %v, want an error naming %s", o.ConfigError, path)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("reading the config hung")
			}
		})
	}
}
