package server

import (
	"testing"

	"go.lsp.dev/protocol"
)

func TestSnippetText(t *testing.T) {
	for in, want := range map[string]string{
		"RUN ${1:command}":                           "RUN command",
		"FROM ${1:image}:${2:tag}${3: AS ${4:name}}": "FROM image:tag AS name",
		"--network=${1|default,none,host|}":          "--network=default",
		"X=$1 Y$0":                                   "X= Y",
		`a\$b`:                                       "a$b",
		"plain":                                      "plain",
		"${1:unterminated":                           "unterminated",
	} {
		if got := snippetText(in); got != want {
			t.Errorf("snippetText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPlainText(t *testing.T) {
	md := "**RUN** — runs `cmd`.\n\n```dockerfile\nRUN make\n```\n\n[docs](https://x) [https://y](https://y)"
	want := "RUN — runs cmd.\n\nRUN make\n\ndocs (https://x) https://y"
	if got := plainText(md); got != want {
		t.Errorf("plainText = %q, want %q", got, want)
	}
}

func TestPrefersPlain(t *testing.T) {
	for _, tc := range []struct {
		formats []protocol.MarkupKind
		want    bool
	}{
		{nil, false},
		{[]protocol.MarkupKind{protocol.MarkupKindPlainText}, true},
		{[]protocol.MarkupKind{protocol.MarkupKindPlainText, protocol.MarkupKindMarkdown}, false},
	} {
		if got := prefersPlain(tc.formats); got != tc.want {
			t.Errorf("prefersPlain(%v) = %v", tc.formats, got)
		}
	}
}
