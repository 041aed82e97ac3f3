package analysis

import "testing"

func firstCommand(t *testing.T, run string) *Command {
	t.Helper()
	f := Parse("FROM a\nRUN " + run + "\n")
	cmds := f.Instructions[1].Shell(f).Commands
	if len(cmds) == 0 {
		t.Fatalf("no command in %q", run)
	}
	return cmds[0]
}

func TestRunsScript(t *testing.T) {
	cases := map[string]bool{
		"./install.sh": true, "/tmp/setup.sh": true, "../x": true, "bash build.sh": true, "sh -e install": true,
		"sh -c 'apt-get install -y x'": false, "bash -lc 'make'": false, "make install": false, "bash": false,
	}
	for run, want := range cases {
		if got := RunsScript(firstCommand(t, run)); got != want {
			t.Errorf("runsScript(%q) = %v, want %v", run, got, want)
		}
	}
}

func TestAptAssumesYes(t *testing.T) {
	cases := map[string]bool{
		"apt-get install -y x": true, "apt-get --yes install x": true, "apt-get install --assume-yes x": true,
		"apt-get -qq install x": true, "apt-get -q -q install x": true, "apt-get -yq install x": true,
		"apt-get --quiet=2 install x": true, "apt-get -q=2 install x": true,
		"apt-get -o APT::Get::Assume-Yes=true install x": true, "apt-get -oAPT::Get::Assume-Yes=1 install x": true,
		"apt-get install x": false, "apt-get -q install x": false, "apt-get -o Dpkg::Options::=--force-confold install x": false,
		"apt-get -o APT::Get::Assume-Yes=false install x": false,
	}
	for run, want := range cases {
		if got := AptAssumesYes(firstCommand(t, run)); got != want {
			t.Errorf("aptAssumesYes(%q) = %v, want %v", run, got, want)
		}
	}
}

func TestRemovesDirs(t *testing.T) {
	// The directories of apt-lists-not-cleaned and pip-no-cache-dir.
	aptListsDir := "/var/lib/apt/lists"
	pipCacheDirs := []string{"/root/.cache/pip", "~/.cache/pip"}
	cases := []struct {
		run  string
		dirs []string
		want bool
	}{
		{"rm -rf /var/lib/apt/lists/*", []string{aptListsDir}, true},
		{"rm -rf /var/lib/apt/lists", []string{aptListsDir}, true},
		{"rm -rf /var/lib/apt", []string{aptListsDir}, true},
		{"rm -rf /var/lib/apt/lists/partial", []string{aptListsDir}, false},
		{"rm -rf /var", []string{aptListsDir}, false},
		{"find /var/lib/apt/lists -type f -delete", []string{aptListsDir}, true},
		{"find /var/lib/apt/lists -type f", []string{aptListsDir}, false},
		{"rm -rf ~/.cache/pip", pipCacheDirs, true},
		{"rm -rf $HOME/.cache", pipCacheDirs, true},
		{"rm -rf /root/.cache/pip/*", pipCacheDirs, true},
		{"rm -rf /home/app/.cache/pip", pipCacheDirs, true},
		{"rm -rf ~/.cache/pip/http", pipCacheDirs, false},
		{"rm -rf /tmp/*", pipCacheDirs, false},
	}
	for _, tc := range cases {
		if got := RemovesDirs(firstCommand(t, tc.run), tc.dirs...); got != tc.want {
			t.Errorf("RemovesDirs(%q, %v) = %v, want %v", tc.run, tc.dirs, got, tc.want)
		}
	}
}
