// Package editors holds the editor integrations of layerwise (VS Code,
// Neovim, Emacs, JetBrains, Helix) and, in editors_test.go, the Go test that
// runs their tests through editors/test.sh, so that `go test ./...` covers
// them.
package editors
