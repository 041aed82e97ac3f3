package server

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
	"github.com/layerwise/layerwise/project"
)

// settingsSection is the key of layerwise's editor settings. Its shape is
// the same as .layerwise.yaml (rules, trusted-base-images, targets).
const settingsSection = "layerwise"

// projectOptions gathers what analysing the document at u, whose model is
// f, needs: the nearest .layerwise.yaml with the editor's settings laid
// over it, and the build context on disk (configured, or inferred from f).
// The configuration file is read again only when it changed
// (project.Loader).
func (s *Server) projectOptions(u uri.URI, f *analysis.File) analysis.Options {
	path, ok := filePath(u)
	if !ok {
		return analysis.Options{Config: s.editorConfig()} // untitled: and the like: nothing on disk
	}
	return s.configs.Options(path, f, s.editorConfig())
}

// filePath is the file system path of a file: URI as a client sent it,
// parsed properly (a UNC host, a drive letter, percent-escapes); false for
// any other URI, an empty one included.
func filePath(u uri.URI) (string, bool) {
	if !strings.HasPrefix(strings.ToLower(string(u)), "file:") {
		return "", false
	}
	parsed, err := uri.Parse(string(u))
	if err != nil || parsed.Scheme() != "file" {
		return "", false
	}
	p := parsed.FsPath()
	return p, p != "" && p != "/"
}

func (s *Server) editorConfig() *analysis.Config {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.settings
}

// applySettings parses the editor's layerwise settings (JSON, which is YAML)
// and re-analyses every open document.
func (s *Server) applySettings(raw json.RawMessage) {
	s.applySettingsIfCurrent(raw, -1)
}

// applySettingsIfCurrent applies settings unless newer ones arrived since
// generation gen was read (gen < 0: always). A slow workspace/configuration
// answer must not undo settings the client pushed meanwhile.
func (s *Server) applySettingsIfCurrent(raw json.RawMessage, gen int) {
	var cfg *analysis.Config
	if len(raw) > 0 && string(raw) != "null" {
		c, err := analysis.ParseConfig(raw, "settings", rules.All())
		if err != nil {
			s.log.Warn("ignoring invalid layerwise settings", zap.Error(err))
			s.showMessage(protocol.MessageTypeError, "layerwise: invalid settings: "+err.Error())
			return
		}
		cfg = c
	}
	s.mu.Lock()
	if gen >= 0 && gen != s.settingsGen {
		s.mu.Unlock()
		return
	}
	s.settings = cfg
	s.settingsGen++
	s.mu.Unlock()
	s.docs.each(func(d *document) { d.invalidate() })
}

// settingsWait is how long analyses wait for the client's answer to
// workspace/configuration: long enough for any live client, short enough
// that one that never answers costs one pause.
const settingsWait = 2 * time.Second

// settingsKnown says the editor's settings are in (or will not come):
// analyses waiting for them go on.
func (s *Server) settingsKnown() {
	s.settingsOnce.Do(func() {
		if s.settingsReady != nil {
			close(s.settingsReady)
		}
	})
}

// awaitSettings holds an analysis until the editor's settings are known,
// so that the first diagnostics already follow them (a warning shown, then
// turned into an error, is a flicker and a wrong first answer).
func (s *Server) awaitSettings(ctx context.Context) {
	if s.settingsReady == nil {
		return // a Server made by a test, not by Serve
	}
	select {
	case <-s.settingsReady:
	case <-ctx.Done():
	}
}

// logMessage writes to the client's log (window/logMessage): what the user
// should be able to find, but need not see at once.
func (s *Server) logMessage(kind protocol.MessageType, msg string) {
	_ = s.conn.Notify(s.ctx, protocol.MethodWindowLogMessage, &protocol.LogMessageParams{Type: kind, Message: msg})
}

func (s *Server) showMessage(kind protocol.MessageType, msg string) {
	_ = s.conn.Notify(s.ctx, protocol.MethodWindowShowMessage, &protocol.ShowMessageParams{Type: kind, Message: msg})
}

// fetchSettings asks a client that supports workspace/configuration for the
// layerwise section.
func (s *Server) fetchSettings(ctx context.Context) {
	s.mu.Lock()
	gen := s.settingsGen
	s.mu.Unlock()
	section := settingsSection
	var res []json.RawMessage
	if _, err := s.conn.Call(ctx, protocol.MethodWorkspaceConfiguration,
		&protocol.ConfigurationParams{Items: []protocol.ConfigurationItem{{Section: &section}}}, &res); err != nil {
		s.log.Debug("workspace/configuration failed", zap.Error(err))
		return
	}
	if len(res) == 1 {
		s.applySettingsIfCurrent(res[0], gen)
	}
}

func handleInitialized(s *Server, _ context.Context, _ jsonrpc2.RawMessage) (any, error) {
	s.mu.Lock()
	pull, watch := s.clientConfiguration, s.watchFiles
	s.mu.Unlock()
	if pull {
		go func() { // a request to the client must not block the read loop
			s.fetchSettings(s.ctx)
			s.settingsKnown()
		}()
	} else {
		s.settingsKnown()
	}
	if watch {
		go s.watchConfigFiles(s.ctx)
	}
	return nil, nil
}

// watchConfigFiles asks a client that can watch files for us to tell us
// when a .layerwise.yaml changes, so that open documents are analysed
// again at once, not at their next edit.
func (s *Server) watchConfigFiles(ctx context.Context) {
	opts := &protocol.DidChangeWatchedFilesRegistrationOptions{
		Watchers: []protocol.FileSystemWatcher{{GlobPattern: protocol.Pattern("**/" + project.ConfigFileName)}},
	}
	raw, err := protocol.Marshal(opts)
	if err != nil {
		s.log.Warn("cannot encode the file watcher", zap.Error(err))
		return
	}
	params := &protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID: "layerwise-config", Method: protocol.MethodWorkspaceDidChangeWatchedFiles, RegisterOptions: raw,
	}}}
	if _, err := s.conn.Call(ctx, protocol.MethodClientRegisterCapability, params, nil); err != nil {
		s.log.Debug("client/registerCapability failed", zap.Error(err))
	}
}

// handleDidChangeWatchedFiles: a configuration file changed, appeared or
// went; every open document is analysed again with what is on disk now.
func handleDidChangeWatchedFiles(s *Server, _ context.Context, _ jsonrpc2.RawMessage) (any, error) {
	s.configs.Forget()
	s.docs.each(func(d *document) { d.invalidate() })
	return nil, nil
}

func handleDidChangeConfiguration(s *Server, _ context.Context, raw jsonrpc2.RawMessage) (any, error) {
	var p struct {
		Settings map[string]json.RawMessage `json:"settings"`
	}
	_ = json.Unmarshal(raw, &p)
	if section, ok := p.Settings[settingsSection]; ok {
		s.applySettings(section)
		return nil, nil
	}
	s.mu.Lock()
	pull := s.clientConfiguration
	s.mu.Unlock()
	if pull {
		go s.fetchSettings(s.ctx)
	}
	return nil, nil
}
