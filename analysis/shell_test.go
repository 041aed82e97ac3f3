package analysis

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// shellSpan renders a range as "line:col-line:col", 0-based, columns in bytes.
func shellSpan(r Range) string {
	return fmt.Sprintf("%d:%d-%d:%d", int(r.Start.Line), int(r.Start.Col), int(r.End.Line), int(r.End.Col))
}

// renderCommand writes a command as "[ENV...] [sudo] name@range args...", using
// each word's Text (unquoted when literal).
func renderCommand(c *Command) string {
	var parts []string
	for _, e := range c.Env {
		parts = append(parts, e.Text)
	}
	for _, p := range c.Prefix {
		parts = append(parts, p.Text)
	}
	parts = append(parts, c.Name.Text+"@"+shellSpan(c.Name.Range))
	for _, a := range c.Args {
		parts = append(parts, a.Text)
	}
	if c.Pipe {
		parts = append(parts, "(piped)")
	}
	return strings.Join(parts, " ")
}

// lastScript is the Script of the last instruction of src.
func lastScript(t *testing.T, src string) (*File, *Script) {
	t.Helper()
	f := Parse(src)
	if len(f.Instructions) == 0 {
		t.Fatalf("no instructions in %q", src)
	}
	in := f.Instructions[len(f.Instructions)-1]
	return f, in.Shell(f)
}

// checkWordsInSource asserts the invariant rules rely on: a word's Range
// covers exactly its Raw text in the Dockerfile (for words on one line).
func checkWordsInSource(t *testing.T, f *File, s *Script) {
	t.Helper()
	for _, c := range s.Commands {
		words := append(append(append([]ShellWord{}, c.Env...), c.Prefix...), c.Name)
		for _, w := range append(words, c.Args...) {
			r := w.Range
			if int(r.Start.Line) != int(r.End.Line) {
				continue
			}
			if got := f.Text[r.Start.Offset:int(r.End.Offset)]; got != w.Raw {
				t.Errorf("word %q: its range %s covers %q", w.Raw, shellSpan(r), got)
			}
		}
	}
}

func TestShellCommands(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		want    []string
		parsed  bool
		heredoc bool
		exec    bool
	}{
		{
			name:   "assignment prefix is Env, the name is the command",
			src:    "FROM x\nRUN DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends x\n",
			want:   []string{"DEBIAN_FRONTEND=noninteractive apt-get@1:35-1:42 -q install -y --no-install-recommends x"},
			parsed: true,
		},
		{
			name:   "sudo with options and assignments is a prefix",
			src:    "FROM x\nRUN sudo -u root -E DEBIAN_FRONTEND=x apt-get install curl\n",
			want:   []string{"DEBIAN_FRONTEND=x sudo -u root -E apt-get@1:38-1:45 install curl"},
			parsed: true,
		},
		{
			name:   "every wrapper of the documented set",
			src:    "FROM x\nRUN env -u X A=1 nohup nice -n 5 exec pip install x && command pip install y && xargs -r apt-get install -y < pkgs\n",
			want:   []string{"A=1 env -u X nohup nice -n 5 exec pip@1:38-1:41 install x", "command pip@1:63-1:66 install y", "xargs -r apt-get@1:89-1:96 install -y"},
			parsed: true,
		},
		{
			name:   "command -v and a lone sudo are commands themselves",
			src:    "FROM x\nRUN command -v apt-get || sudo\n",
			want:   []string{"command@1:4-1:11 -v apt-get", "sudo@1:26-1:30"},
			parsed: true,
		},
		{
			name:   "if condition and body",
			src:    "FROM x\nRUN if [ -f x ]; then apk add curl; elif true; then :; else yum install y; fi\n",
			want:   []string{"[@1:7-1:8 -f x ]", "apk@1:22-1:25 add curl", "true@1:41-1:45", ":@1:52-1:53", "yum@1:60-1:63 install y"},
			parsed: true,
		},
		{
			name:   "subshell and block",
			src:    "FROM x\nRUN (cd /x && make) && { make install; }\n",
			want:   []string{"cd@1:5-1:7 /x", "make@1:14-1:18", "make@1:25-1:29 install"},
			parsed: true,
		},
		{
			name:   "pipe operands are marked",
			src:    "FROM x\nRUN a | b; c\n",
			want:   []string{"a@1:4-1:5 (piped)", "b@1:8-1:9 (piped)", "c@1:11-1:12"},
			parsed: true,
		},
		{
			name:   "for body; expansions are kept raw",
			src:    "FROM x\nRUN for p in a b; do pip install $p; done\n",
			want:   []string{"pip@1:21-1:24 install $p"},
			parsed: true,
		},
		{
			name:   "command substitutions, outer command first",
			src:    "FROM x\nRUN echo $(apt-get moo) \"`id -u`\"\n",
			want:   []string{"echo@1:4-1:8 $(apt-get moo) \"`id -u`\"", "apt-get@1:11-1:18 moo", "id@1:26-1:28 -u"},
			parsed: true,
		},
		{
			name:   "quotes and escapes are removed from literal words",
			src:    "FROM x\nRUN echo 'a b' \"c\\$\" d\\ e && export A=1\n",
			want:   []string{"echo@1:4-1:8 a b c$ d e", "export@1:29-1:35 A=1"},
			parsed: true,
		},
		{
			name: "continuation lines with a comment line in between",
			src: "FROM x\nRUN apt-get update && \\\n# a comment BuildKit drops\n" +
				"    apt-get install -y \\\n      curl\n",
			want:   []string{"apt-get@1:4-1:11 update", "apt-get@3:4-3:11 install -y curl"},
			parsed: true,
		},
		{
			name: "backtick escape directive",
			src: "# escape=`\nFROM x\nRUN apt-get update && `\n" +
				"    apt-get install -y curl C:\\\\dir\n",
			want:   []string{"apt-get@2:4-2:11 update", "apt-get@3:4-3:11 install -y curl C:\\dir"},
			parsed: true,
		},
		{
			name:   "CRLF line endings",
			src:    "FROM x\r\nRUN apt-get update && \\\r\n    apt-get install -y curl\r\n",
			want:   []string{"apt-get@1:4-1:11 update", "apt-get@2:4-2:11 install -y curl"},
			parsed: true,
		},
		{
			name: "non-ASCII before the command: columns count bytes",
			src: "FROM x\nRUN echo \"héllo\" && \\\n# ünïcode comment\n" +
				"    apt-get install x && echo é && apk add y\n",
			want:   []string{"echo@1:4-1:8 héllo", "apt-get@3:4-3:11 install x", "echo@3:25-3:29 é", "apk@3:36-3:39 add y"},
			parsed: true,
		},
		{
			name:    "heredoc body is the script",
			src:     "FROM x\nRUN <<EOF\napt-get update\n  apk add \\\n    curl\nEOF\n",
			want:    []string{"apt-get@2:0-2:7 update", "apk@3:2-3:5 add curl"},
			parsed:  true,
			heredoc: true,
		},
		{
			name:    "heredoc with CRLF and <<- marker",
			src:     "FROM x\r\nRUN <<-EOT\r\n\tapt-get update\r\n\tEOT\r\n",
			want:    []string{"apt-get@2:1-2:8 update"},
			parsed:  true,
			heredoc: true,
		},
		{
			name:    "a shell reading the heredoc on stdin",
			src:     "FROM x\nRUN set -e && bash -ex <<EOF\napt-get update\nEOF\n",
			want:    []string{"set@1:4-1:7 -e", "bash@1:14-1:18 -ex", "apt-get@2:0-2:7 update"},
			parsed:  true,
			heredoc: true,
		},
		{
			name:   "python3 <<EOF: the body is not shell",
			src:    "FROM x\nRUN python3 <<EOF\nimport os; os.system('apt-get update')\nEOF\n",
			want:   []string{"python3@1:4-1:11"},
			parsed: true,
		},
		{
			name:   "a bare heredoc with a python shebang is not shell",
			src:    "FROM x\nRUN <<EOF\n#!/usr/bin/env python3\nprint('apt-get install')\nEOF\n",
			parsed: true,
		},
		{
			name:    "a bare heredoc with a bash shebang is shell",
			src:     "FROM x\nRUN <<EOF\n#!/bin/bash\napt-get update\nEOF\n",
			want:    []string{"apt-get@3:0-3:7 update"},
			parsed:  true,
			heredoc: true,
		},
		{
			name:   "exec form: one command, ranges include the quotes",
			src:    "FROM x\nRUN [\"apt-get\", \"install\", \"x\"]\n",
			want:   []string{"apt-get@1:5-1:14 install x"},
			parsed: true,
			exec:   true,
		},
		{
			name:   "exec form sh -c: the string is parsed too",
			src:    "FROM x\nRUN [\"/bin/sh\", \"-c\", \"apt-get update && apk add x\"]\n",
			want:   []string{"/bin/sh@1:5-1:14 -c apt-get update && apk add x", "apt-get@1:23-1:30 update", "apk@1:41-1:44 add x"},
			parsed: true,
			exec:   true,
		},
		{
			name: "sh -c string across a continuation",
			src:  "FROM x\nRUN sh -c 'apt-get install \\\n  -y x' 2>&1 | tee log\n",
			want: []string{"sh@1:4-1:6 -c apt-get install   -y x (piped)", "apt-get@1:11-1:18 install -y x",
				"tee@2:15-2:18 log (piped)"},
			parsed: true,
		},
		{
			name:   "an unbalanced quote falls back to tokens and still finds apt-get",
			src:    "FROM x\nRUN echo \"hi && apt-get install -y x 2>&1 | tee log\n",
			want:   []string{"echo@1:4-1:8 \"hi", "apt-get@1:16-1:23 install -y x (piped)", "tee@1:44-1:47 log (piped)"},
			parsed: false,
		},
		{
			name:   "token fallback skips compound keywords",
			src:    "FROM x\nRUN if [ -f x ]; then sudo apt-get install y; fi; for a in b; do echo $a; done; echo 'x\n",
			want:   []string{"[@1:7-1:8 -f x ]", "sudo apt-get@1:27-1:34 install y", "echo@1:65-1:69 $a", "echo@1:80-1:84 'x"},
			parsed: false,
		},
		{
			name:   "a powershell SHELL is never parsed as bash",
			src:    "FROM x\nSHELL [\"powershell\", \"-Command\"]\nRUN Install-Module Foo; $x = 1\n",
			want:   []string{"Install-Module@2:4-2:18 Foo", "$x@2:24-2:26 = 1"},
			parsed: false,
		},
		{
			name:   "a bash SHELL is parsed",
			src:    "FROM x\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n",
			want:   []string{"a@2:4-2:5 (piped)", "b@2:8-2:9 (piped)"},
			parsed: true,
		},
		{
			name:   "flags are not part of the script",
			src:    "FROM x\nRUN --mount=type=cache,target=/var/cache/apt --network=none apt-get update\n",
			want:   []string{"apt-get@1:60-1:67 update"},
			parsed: true,
		},
		{
			name:   "shell-form CMD",
			src:    "FROM x\nCMD exec nginx -g 'daemon off;'\n",
			want:   []string{"exec nginx@1:9-1:14 -g daemon off;"},
			parsed: true,
		},
		{
			name:   "other instructions have no script",
			src:    "FROM x\nCOPY a b\n",
			parsed: true,
		},
		{
			name:   "an assignment alone is no command",
			src:    "FROM x\nRUN A=1\n",
			parsed: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, s := lastScript(t, tt.src)
			var got []string
			for _, c := range s.Commands {
				got = append(got, renderCommand(c))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("commands:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
			if s.Parsed != tt.parsed || s.Heredoc != tt.heredoc || s.Exec != tt.exec {
				t.Errorf("Parsed=%v Heredoc=%v Exec=%v, want %v %v %v", s.Parsed, s.Heredoc, s.Exec, tt.parsed, tt.heredoc, tt.exec)
			}
			checkWordsInSource(t, f, s)
		})
	}
}

func TestShellRanges(t *testing.T) {
	f, s := lastScript(t, "FROM x\nRUN X=1 sudo apt-get install \\\n  curl | tee\n")
	c := s.Commands[0]
	if got := shellSpan(c.Range); got != "1:4-2:6" {
		t.Errorf("command range %s, want 1:4-2:6: from the assignment to the last word", got)
	}
	if got := shellSpan(c.Args[1].Range); got != "2:2-2:6" {
		t.Errorf("curl at %s, want 2:2-2:6", got)
	}
	if !c.Sudo || shellSpan(c.Prefix[0].Range) != "1:8-1:12" {
		t.Errorf("Sudo=%v prefix %v", c.Sudo, c.Prefix)
	}
	if c.Env[0].Text != "X=1" || shellSpan(c.Env[0].Range) != "1:4-1:7" {
		t.Errorf("env %+v", c.Env[0])
	}
	_ = f
}

func TestShellWordLiteral(t *testing.T) {
	_, s := lastScript(t, "FROM x\nRUN pip install \"$PKG\" 'a b' ~/.cache/pip /var/lib/apt/lists/* $'x'\n")
	want := []struct {
		text    string
		literal bool
	}{{"install", true}, {`"$PKG"`, false}, {"a b", true}, {"~/.cache/pip", true}, {"/var/lib/apt/lists/*", true}, {"$'x'", false}}
	args := s.Commands[0].Args
	if len(args) != len(want) {
		t.Fatalf("args %v", args)
	}
	for i, w := range want {
		if args[i].Text != w.text || args[i].Literal != w.literal {
			t.Errorf("arg %d = %q literal=%v, want %q literal=%v", i, args[i].Text, args[i].Literal, w.text, w.literal)
		}
	}
}

func TestCommandFlags(t *testing.T) {
	tests := []struct {
		cmd        string
		subcommand string
		subIndex   int
		has        [][2]string // short, long pairs that must be present
		hasNot     [][2]string
		values     map[[2]string]string
	}{
		{
			cmd:        "apt-get -qq --no-install-recommends install x",
			subcommand: "install", subIndex: 2,
			has:    [][2]string{{"q", "quiet"}, {"", "no-install-recommends"}, {"-q", "--quiet"}},
			hasNot: [][2]string{{"y", "yes"}},
		},
		{
			cmd:        "apt-get install -qy x",
			subcommand: "install", subIndex: 0,
			has: [][2]string{{"y", "yes"}, {"q", ""}},
		},
		{
			cmd:        "apt-get -o Dpkg::Options::=--force-confold install --assume-yes x",
			subcommand: "install", subIndex: 2,
			has:    [][2]string{{"", "assume-yes"}},
			hasNot: [][2]string{{"", "force-confold"}},
			values: map[[2]string]string{{"o", "option"}: "Dpkg::Options::=--force-confold"},
		},
		{
			cmd:        "apk add --virtual .build-deps gcc",
			subcommand: "add", subIndex: 0,
			values: map[[2]string]string{{"t", "virtual"}: ".build-deps"},
		},
		{
			cmd:        "python3 -m pip install --no-cache-dir=1 x",
			subcommand: "install", subIndex: 2,
			has:    [][2]string{{"", "no-cache-dir"}},
			values: map[[2]string]string{{"m", ""}: "pip", {"", "no-cache-dir"}: "1"},
		},
		{
			cmd:        "pip3.12 install -rreq.txt -c c.txt",
			subcommand: "install", subIndex: 0,
			values: map[[2]string]string{{"r", "requirement"}: "req.txt", {"c", ""}: "c.txt"},
		},
		{
			cmd:        "pip install --requirement=req.txt",
			subcommand: "install", subIndex: 0,
			values: map[[2]string]string{{"r", "requirement"}: "req.txt"},
		},
		{
			cmd:        "wget -nv https://x",
			subcommand: "https://x", subIndex: 1,
			has:    [][2]string{{"nv", ""}},
			hasNot: [][2]string{{"q", "quiet"}},
		},
		{
			cmd:        "git -C /src clone --depth 1 https://x",
			subcommand: "clone", subIndex: 2,
			values: map[[2]string]string{{"", "depth"}: "1", {"C", ""}: "/src"},
		},
		{
			cmd:        "rm -rf -- -y",
			subcommand: "-y", subIndex: 2,
			has:    [][2]string{{"r", ""}, {"f", "force"}},
			hasNot: [][2]string{{"y", ""}},
		},
		{
			cmd:      "apt-get -y",
			subIndex: -1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.cmd, func(t *testing.T) {
			_, s := lastScript(t, "FROM x\nRUN "+tt.cmd+"\n")
			if len(s.Commands) != 1 {
				t.Fatalf("commands %v", s.Commands)
			}
			c := s.Commands[0]
			sub, i := c.Subcommand()
			if sub.Text != tt.subcommand || i != tt.subIndex {
				t.Errorf("Subcommand() = %q, %d; want %q, %d", sub.Text, i, tt.subcommand, tt.subIndex)
			}
			for _, f := range tt.has {
				if !c.HasFlag(f[0], f[1]) {
					t.Errorf("HasFlag(%q, %q) = false", f[0], f[1])
				}
			}
			for _, f := range tt.hasNot {
				if c.HasFlag(f[0], f[1]) {
					t.Errorf("HasFlag(%q, %q) = true", f[0], f[1])
				}
			}
			for f, want := range tt.values {
				if got, ok := c.FlagValue(f[0], f[1]); !ok || got != want {
					t.Errorf("FlagValue(%q, %q) = %q, %v; want %q", f[0], f[1], got, ok, want)
				}
			}
		})
	}
}

func TestScriptFind(t *testing.T) {
	_, s := lastScript(t, "FROM x\nRUN /usr/bin/apt-get update && apk add x && apt-get install y\n")
	var got []string
	for _, c := range s.Find("apt-get", "apt") {
		got = append(got, c.Name.Text)
	}
	if strings.Join(got, ",") != "/usr/bin/apt-get,apt-get" {
		t.Errorf("Find = %v", got)
	}
	if len(s.Find("yum")) != 0 {
		t.Error("Find(yum) found something")
	}
}

func TestShellIsComputedOnceForConcurrentReaders(t *testing.T) {
	f := Parse("FROM x\nRUN apt-get update && apt-get install -y curl\n")
	in := f.Instructions[1]
	var wg sync.WaitGroup
	scripts := make([]*Script, 8)
	for i := range scripts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			scripts[i] = in.Shell(f)
		}()
	}
	wg.Wait()
	for _, s := range scripts {
		if s != scripts[0] {
			t.Fatal("Shell returned different scripts for one instruction")
		}
	}
}

// FuzzShell checks that any RUN body gives a script without panicking and
// that word ranges stay inside the file.
func FuzzShell(f *testing.F) {
	for _, seed := range []string{
		"apt-get install -y x", "<<EOF\nls\nEOF", "[\"a\"]", "echo \"x", "a | b && (c; d) || $(e `f`)",
		"sudo env -u", "sh -c 'a && \\\n b'", "bash <<A <<B\nx\nA\ny\nB",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		file := Parse("FROM x\nRUN " + body + "\n")
		for _, in := range file.Instructions {
			s := in.Shell(file)
			for _, c := range s.Commands {
				for _, w := range append([]ShellWord{c.Name}, c.Args...) {
					if int(w.Range.Start.Offset) < 0 || int(w.Range.End.Offset) > len(file.Text) || int(w.Range.End.Offset) < int(w.Range.Start.Offset) {
						t.Fatalf("word %q range %s out of the file", w.Raw, shellSpan(w.Range))
					}
				}
			}
		}
	})
}

// TestIsQuery: asking a version or help, or simulating, installs nothing;
// pinning a version with --version still installs.
func TestIsQuery(t *testing.T) {
	for text, want := range map[string]bool{
		"yarn --version":                                   true,
		"npm -v":                                           true,
		"pip install --help":                               true,
		"apt-get install -s curl":                          true,
		"apk add --simulate curl":                          true,
		"gem install rails --version 7.1.0":                false,
		"cargo install ripgrep --version 14.1.0":           false,
		"dotnet tool install -g dotnet-ef --version 8.0.0": false,
		"apt-get install -y curl":                          false,
	} {
		f := Parse("FROM a\nRUN " + text + "\n")
		cmds := f.Instructions[1].Shell(f).Commands
		if len(cmds) != 1 || cmds[0].IsQuery() != want {
			t.Errorf("%q: IsQuery = %v, want %v", text, !want, want)
		}
	}
}
