// Package analysis is what layerwise knows about Dockerfiles, with no I/O
// and no LSP: Parse builds a File (every instruction, stage, flag, word and
// shell command with its exact range), AnalyzeWith runs the rules over it
// and returns Findings, and hover, completion and navigation answer from it.
//
// Rules are values (Rule) in a registry. Most check one stage at a time
// (Rule.Stage); the BuildKit checks are re-enacted offline in
// buildkit_lint.go.
//
// An editor analyses on every keystroke, so ParseWith takes a per-document
// Cache, which AnalyzeWith then uses through the File, and both redo only
// what an edit touched:
//
//   - chunks_reuse.go: only the edited region is cut into instruction
//     chunks again;
//   - chunks.go: BuildKit parses each chunk once, by its text;
//   - prefix.go: stages that end before the edit are the previous File's
//     own objects;
//   - reuse.go, shell_cache.go: instructions and shell scripts after the
//     edit are the previous ones, moved;
//   - buildkit_memo.go, stage_memo.go: BuildKit's checks and the stage
//     rules remember their results per stage.
//
// The caches also forget, to keep memory down: a chunk's script, BuildKit
// node and typed instruction that no parse or analysis asked for in two
// parses are dropped, and made again from the chunk's text when asked
// (chunks.go, shell_cache.go); the parse after a document's first drops all
// that the first analysis made.
//
// Whatever comes from a cache must equal what a parse from scratch gives:
// FuzzEdit and TestWarmAnalysisMatchesCold check that.
package analysis
