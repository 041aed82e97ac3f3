// Package analysis is what layerwise knows about Dockerfiles, with no I/O
// and no LSP: Parse builds a File (every instruction, stage, flag, word and
// shell command with its exact range), and AnalyzeWith runs a list of rules
// over it and returns Findings. The rules themselves are in package rules,
// the editor features (hover, completion, navigation) in package ide; both
// use only what this package exports. It also holds the facts several rules
// share (the paths an instruction creates and removes, mounts, the
// package-manager and dependency classification, shipped stages), Rule,
// Pass, Finding and Ref, suppressions and directives, and the offline
// re-enactment of BuildKit's checks (buildkit_lint.go), which needs the
// caches below.
//
// An editor analyses on every keystroke, so ParseWith takes a per-document
// Cache, which AnalyzeWith then uses through the File, and both redo only
// what an edit touched. The cache's files start with cache_:
//
//   - cache_rechunk.go: only the edited region is cut into instruction
//     chunks again;
//   - cache_chunks.go: BuildKit parses each chunk once, by its text;
//   - cache_shared_stages.go: stages that end before the edit are the
//     previous File's own objects;
//   - cache_moved_instructions.go, cache_scripts.go: instructions and shell
//     scripts after the edit are the previous ones, moved;
//   - cache_instruction_memo.go: what is worked out about an instruction
//     (script, created paths, mounts), shared with the next File;
//   - cache_buildkit.go (buildkitStageMemo) and cache_rules.go
//     (ruleStageMemo): BuildKit's checks and the stage-scoped rules
//     remember their results per stage. What a rule may read is declared
//     by its Scope; no rule knows how this works.
//
// The caches also forget, to keep memory down: a chunk's script, BuildKit
// node and typed instruction that no parse or analysis asked for in two
// parses are dropped, and made again from the chunk's text when asked
// (cache_chunks.go, cache_scripts.go); the parse after a document's first
// drops all that the first analysis made.
//
// Whatever comes from a cache must equal what a parse from scratch gives:
// FuzzEdit and TestWarmAnalysisMatchesCold (analyze_rules_test.go, with
// every rule of package rules) check that.
package analysis
