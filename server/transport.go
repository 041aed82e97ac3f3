package server

import (
	"context"
	"encoding/json"
	"fmt"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// codec marshals LSP payloads with the protocol package's union-aware
// encoder, passing already-encoded JSON through.
type codec struct{}

func (codec) Marshal(v any) ([]byte, error) {
	switch m := v.(type) {
	case jsonrpc2.RawMessage:
		if m == nil {
			return []byte("null"), nil
		}
		return m, nil
	case nil:
		return []byte("null"), nil
	}
	return protocol.Marshal(v)
}

func (codec) Unmarshal(data []byte, v any) error {
	if p, ok := v.(*jsonrpc2.RawMessage); ok {
		*p = append(jsonrpc2.RawMessage(nil), data...)
		return nil
	}
	return protocol.Unmarshal(data, v)
}

// frameStream is the raw-frame side of jsonrpc2's header stream.
type frameStream interface {
	jsonrpc2.Stream
	ReadFrame(ctx context.Context) ([]byte, int64, error)
	WriteFrame(ctx context.Context, data []byte) (int64, error)
}

// tolerantStream answers a frame that is not a JSON-RPC message with an
// error response and reads on. jsonrpc2 would otherwise end the connection
// on the first malformed body, and one bad message from a client must not
// take the editor's language server down.
type tolerantStream struct {
	frameStream
	onBadFrame func(err error)
}

func newTolerantStream(s jsonrpc2.Stream, onBadFrame func(error)) jsonrpc2.Stream {
	fs, ok := s.(frameStream)
	if !ok {
		return s
	}
	return &tolerantStream{frameStream: fs, onBadFrame: onBadFrame}
}

// ReadFrame returns the next frame that decodes as a JSON-RPC message.
func (s *tolerantStream) ReadFrame(ctx context.Context) ([]byte, int64, error) {
	for {
		frame, n, err := s.frameStream.ReadFrame(ctx)
		if err != nil {
			return frame, n, err
		}
		code, msg := validateFrame(frame)
		if code == 0 {
			return frame, n, nil
		}
		if s.onBadFrame != nil {
			s.onBadFrame(fmt.Errorf("%s", msg))
		}
		resp := jsonrpc2.AppendResponse(nil, jsonrpc2.ID{}, nil, jsonrpc2.NewError(code, msg))
		if _, err := s.frameStream.WriteFrame(ctx, resp); err != nil {
			return nil, 0, err
		}
	}
}

// validateFrame classifies a frame: 0 when it is a message jsonrpc2 accepts,
// else the JSON-RPC error code and a message for the client. Batches are left
// to jsonrpc2, which answers bad members itself.
func validateFrame(frame []byte) (jsonrpc2.Code, string) {
	for _, c := range frame {
		if c == '[' && json.Valid(frame) {
			return 0, "" // a batch: jsonrpc2 answers bad members itself
		}
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			break
		}
	}
	_, err := jsonrpc2.DecodeMessage(frame)
	switch {
	case err == nil:
		return 0, ""
	case !json.Valid(frame):
		return jsonrpc2.ParseError, "parse error: message body is not valid JSON"
	default:
		return jsonrpc2.InvalidRequest, fmt.Sprintf("invalid request: %v", err)
	}
}
