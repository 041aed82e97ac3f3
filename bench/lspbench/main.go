// Command lspbench measures language servers for Dockerfiles the way an
// editor uses them: it starts each server, opens a generated multi-stage
// Dockerfile of each size and measures, over stdio, initialize time,
// edit-to-diagnostics latency (each edit waits for its own diagnostics),
// hover and completion latency, and peak RSS. It runs layerwise and
// dockerfile-language-server-nodejs in the same run and prints a Markdown
// table with the ratio.
//
//	go run ./bench/lspbench                      # builds layerwise, installs the Node server with npm
//	go run ./bench/lspbench -node=/path/to/docker-langserver -sizes=200,1500
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/layerwise/layerwise/internal/benchgen"
)

const nodeServerVersion = "0.15.0"

func main() {
	sizesFlag := flag.String("sizes", "200,1500,8000", "file sizes in lines")
	edits := flag.Int("edits", 100, "edits per size (each waits for its diagnostics)")
	queries := flag.Int("queries", 30, "hover and completion requests per size")
	soak := flag.Int("soak", 10000, "edits on the 200-line file to check layerwise's RSS stays flat (0: skip)")
	lw := flag.String("layerwise", "", "layerwise binary (default: build ./cmd/layerwise)")
	node := flag.String("node", "", "docker-langserver script (default: npm install dockerfile-language-server-nodejs@"+nodeServerVersion+")")
	skipNode := flag.Bool("skip-node", false, "measure layerwise only")
	single := flag.Bool("single-stage", false, "one stage of the same length (every FROM but the first commented out) instead of many")
	flag.Parse()

	tmp, err := os.MkdirTemp("", "lspbench")
	check(err)
	defer os.RemoveAll(tmp)
	if *lw == "" {
		*lw = filepath.Join(tmp, "layerwise")
		run("go", "build", "-o", *lw, "./cmd/layerwise")
	}
	servers := []serverSpec{{"layerwise", []string{*lw}, true}}
	if !*skipNode {
		if *node == "" {
			*node = installNode(tmp)
		}
		servers = append(servers, serverSpec{"docker-langserver " + nodeServerVersion, []string{"node", *node, "--stdio"}, false})
	}

	var sizes []int
	for _, s := range strings.Split(*sizesFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		check(err)
		sizes = append(sizes, n)
	}
	results := map[string]map[int]*result{}
	for _, spec := range servers {
		results[spec.name] = map[int]*result{}
		for _, n := range sizes {
			r, err := measure(spec, n, *edits, *queries, *single)
			check(err)
			results[spec.name][n] = r
			fmt.Fprintf(os.Stderr, "%s %d lines: edit p50 %v\n", spec.name, n, r.edit.p(50))
		}
	}
	report(servers, sizes, results)
	if *soak > 0 {
		soakRSS(servers[0], *soak)
	}
}

type serverSpec struct {
	name     string
	argv     []string
	versions bool // publishes diagnostics with the document version
}

type durations []time.Duration

func (d durations) p(pct int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := append(durations(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[(len(s)-1)*pct/100]
}

type result struct {
	init          time.Duration
	edit          durations
	hover, comple durations
	peakRSS       int64
}

const uri = "file:///bench/Dockerfile"

func measure(spec serverSpec, lines, edits, queries int, single bool) (*result, error) {
	s, err := startServer(spec.name, spec.argv)
	if err != nil {
		return nil, err
	}
	defer s.stop()
	r := &result{}
	r.init, _, err = s.call("initialize", map[string]any{"processId": os.Getpid(), "rootUri": nil, "capabilities": map[string]any{
		"textDocument": map[string]any{"publishDiagnostics": map[string]any{"versionSupport": true}},
	}})
	if err != nil {
		return nil, err
	}
	s.notify("initialized", map[string]any{})
	text := benchgen.Dockerfile(lines)
	if single {
		text = benchgen.SingleStage(lines)
	}
	s.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "dockerfile", "version": 1, "text": text}})
	if _, err := s.waitDiagnostics(1); err != nil {
		return nil, err
	}
	// Edit a RUN line in the middle of the file, alternating two texts so
	// every edit changes the document.
	textLines := strings.Split(text, "\n")
	target := len(textLines) / 2
	for !strings.HasPrefix(textLines[target], "RUN ") {
		target++
	}
	orig := textLines[target]
	old := orig
	for i := 0; i < edits; i++ {
		version := i + 2
		next := orig + " --edited" // every edit changes the text: edited, original, edited, ...
		if i%2 == 1 {
			next = orig
		}
		s.drain()
		start := time.Now()
		s.notify("textDocument/didChange", map[string]any{
			"textDocument": map[string]any{"uri": uri, "version": version},
			"contentChanges": []any{map[string]any{
				"range": map[string]any{"start": pos(target, 0), "end": pos(target, len(old))},
				"text":  next,
			}},
		})
		at, err := s.waitDiagnostics(version)
		if err != nil {
			return nil, err
		}
		r.edit = append(r.edit, at.Sub(start))
		old = next
	}
	// Hover on the keyword of an instruction near the end; complete at the
	// start of an instruction line.
	hoverLine := len(textLines) - 3
	for i := 0; i < queries; i++ {
		d, _, err := s.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": pos(hoverLine, 1)})
		if err != nil {
			return nil, err
		}
		r.hover = append(r.hover, d)
		d, _, err = s.call("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": pos(hoverLine, 0)})
		if err != nil {
			return nil, err
		}
		r.comple = append(r.comple, d)
	}
	_, r.peakRSS = s.rss()
	return r, nil
}

func pos(line, char int) map[string]any { return map[string]any{"line": line, "character": char} }

// soakRSS edits the 200-line file n times and prints layerwise's RSS along
// the way: it must stay flat.
func soakRSS(spec serverSpec, n int) {
	s, err := startServer(spec.name, spec.argv)
	check(err)
	defer s.stop()
	s.call("initialize", map[string]any{"processId": os.Getpid(), "capabilities": map[string]any{}})
	s.notify("initialized", map[string]any{})
	text := benchgen.Dockerfile(200)
	s.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "dockerfile", "version": 1, "text": text}})
	_, err = s.waitDiagnostics(1)
	check(err)
	fmt.Printf("\nRSS of %s over %d edits of the 200-line file:\n\n| edits | RSS |\n|---|---|\n", spec.name, n)
	for i := 1; i <= n; i++ {
		s.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": i + 1},
			"contentChanges": []any{map[string]any{"range": map[string]any{"start": pos(100, 0), "end": pos(100, 0)}, "text": strconv.Itoa(i % 10)}},
		})
		if i%(n/5) == 0 || i == 1000 {
			_, err := s.waitDiagnostics(i + 1)
			check(err)
			cur, _ := s.rss()
			fmt.Printf("| %d | %.1f MB |\n", i, float64(cur)/1e6)
		}
	}
}

func report(servers []serverSpec, sizes []int, results map[string]map[int]*result) {
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }
	fmt.Println("| lines | measure | " + names(servers) + ratioHeader(servers) + " |")
	fmt.Println("|---|---|" + strings.Repeat("---|", len(servers)) + ratioSep(servers))
	for _, n := range sizes {
		rows := []struct {
			label string
			get   func(*result) string
			num   func(*result) float64
		}{
			{"initialize", func(r *result) string { return ms(r.init) }, func(r *result) float64 { return float64(r.init) }},
			{"edit → diagnostics p50", func(r *result) string { return ms(r.edit.p(50)) }, func(r *result) float64 { return float64(r.edit.p(50)) }},
			{"edit → diagnostics p95", func(r *result) string { return ms(r.edit.p(95)) }, func(r *result) float64 { return float64(r.edit.p(95)) }},
			{"hover p50", func(r *result) string { return ms(r.hover.p(50)) }, func(r *result) float64 { return float64(r.hover.p(50)) }},
			{"completion p50", func(r *result) string { return ms(r.comple.p(50)) }, func(r *result) float64 { return float64(r.comple.p(50)) }},
			{"peak RSS", func(r *result) string { return fmt.Sprintf("%.1f MB", float64(r.peakRSS)/1e6) }, func(r *result) float64 { return float64(r.peakRSS) }},
		}
		for _, row := range rows {
			line := fmt.Sprintf("| %d | %s |", n, row.label)
			for _, sp := range servers {
				line += " " + row.get(results[sp.name][n]) + " |"
			}
			if len(servers) == 2 {
				a, b := row.num(results[servers[0].name][n]), row.num(results[servers[1].name][n])
				if a > 0 {
					line += fmt.Sprintf(" %.1f× |", b/a)
				} else {
					line += " — |"
				}
			}
			fmt.Println(line)
		}
	}
}

func names(servers []serverSpec) string {
	var out []string
	for _, s := range servers {
		out = append(out, s.name)
	}
	return strings.Join(out, " | ")
}

func ratioHeader(servers []serverSpec) string {
	if len(servers) == 2 {
		return " | Node ÷ layerwise"
	}
	return ""
}

func ratioSep(servers []serverSpec) string {
	if len(servers) == 2 {
		return "---|"
	}
	return ""
}

// installNode installs the Node server into dir with npm and returns its
// launcher script.
func installNode(dir string) string {
	run("npm", "install", "--prefix", dir, "--no-audit", "--no-fund", "--silent", "dockerfile-language-server-nodejs@"+nodeServerVersion)
	return filepath.Join(dir, "node_modules", "dockerfile-language-server-nodejs", "bin", "docker-langserver")
}

func run(name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	check(cmd.Run())
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "lspbench:", err)
		os.Exit(1)
	}
}
