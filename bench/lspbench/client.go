package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// server is a language server process driven over stdio.
type server struct {
	name  string
	cmd   *exec.Cmd
	stdin io.WriteCloser

	mu      sync.Mutex
	nextID  int
	waiting map[int]chan json.RawMessage
	diags   chan diagNote
}

type diagNote struct {
	version *int
	at      time.Time
}

func startServer(name string, argv []string) (*server, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	s := &server{name: name, cmd: cmd, stdin: stdin, waiting: map[int]chan json.RawMessage{}, diags: make(chan diagNote, 100000)}
	go s.read(bufio.NewReaderSize(stdout, 1<<20))
	return s, nil
}

func (s *server) read(r *bufio.Reader) {
	for {
		length := -1
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimRight(line, "\r\n")
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				length, _ = strconv.Atoi(v)
			}
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(r, body); err != nil {
			return
		}
		now := time.Now()
		var m struct {
			ID     *int            `json:"id"`
			Method string          `json:"method"`
			Params json.RawMessage `json:"params"`
			Result json.RawMessage `json:"result"`
		}
		if json.Unmarshal(body, &m) != nil {
			continue
		}
		switch {
		case m.Method == "textDocument/publishDiagnostics":
			var p struct {
				Version *int `json:"version"`
			}
			json.Unmarshal(m.Params, &p)
			s.diags <- diagNote{version: p.Version, at: now}
		case m.Method != "" && m.ID != nil:
			// A request from the server (workspace/configuration, ...): answer null.
			s.write(map[string]any{"jsonrpc": "2.0", "id": *m.ID, "result": nil})
		case m.ID != nil:
			s.mu.Lock()
			ch := s.waiting[*m.ID]
			delete(s.waiting, *m.ID)
			s.mu.Unlock()
			if ch != nil {
				ch <- m.Result
			}
		}
	}
}

func (s *server) write(v any) {
	body, _ := json.Marshal(v)
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintf(s.stdin, "Content-Length: %d\r\n\r\n%s", len(body), body)
}

// call sends a request and returns its latency.
func (s *server) call(method string, params any) (time.Duration, json.RawMessage, error) {
	s.mu.Lock()
	s.nextID++
	id := s.nextID
	ch := make(chan json.RawMessage, 1)
	s.waiting[id] = ch
	s.mu.Unlock()
	start := time.Now()
	s.write(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
	select {
	case res := <-ch:
		return time.Since(start), res, nil
	case <-time.After(60 * time.Second):
		return 0, nil, fmt.Errorf("%s: no answer to %s in 60s", s.name, method)
	}
}

func (s *server) notify(method string, params any) {
	s.write(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// waitDiagnostics waits for a publish for version (any version when the
// server does not send versions).
func (s *server) waitDiagnostics(version int) (time.Time, error) {
	deadline := time.After(60 * time.Second)
	for {
		select {
		case d := <-s.diags:
			if d.version == nil || *d.version == version {
				return d.at, nil
			}
		case <-deadline:
			return time.Time{}, fmt.Errorf("%s: no diagnostics for version %d in 60s", s.name, version)
		}
	}
}

// drain drops diagnostics already received.
func (s *server) drain() {
	for {
		select {
		case <-s.diags:
		default:
			return
		}
	}
}

// rss reads the process's resident set: current and peak, in bytes.
func (s *server) rss() (cur, peak int64) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			cur = kb * 1024
		case "VmHWM:":
			peak = kb * 1024
		}
	}
	return cur, peak
}

func (s *server) stop() {
	s.call("shutdown", nil)
	s.notify("exit", nil)
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		s.cmd.Process.Kill()
	}
}
