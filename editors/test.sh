#!/usr/bin/env bash
# Editor tests: each drives the real layerwise binary through an editor's own
# LSP client. Builds the binary once (or uses $LAYERWISE_BIN), installs what is
# missing (Debian packages with apt-get, Node packages with npm ci) and runs:
#
#   vscode  the extension's tests (vscode-languageserver-protocol, vsce package)
#   nvim    Neovim headless (Debian's neovim), vim.lsp client
#   emacs   Emacs batch mode (emacs-nox, elpa-eglot), Eglot + Flymake
#   static  JetBrains (LSP4IJ template JSON) and Helix (languages.toml) files
#
# Usage: editors/test.sh [vscode|nvim|emacs|static]...   (default: all)
# Exit: 0 all passed; 1 a test failed; 77 nothing failed but an editor could
# not be installed here (no apt-get / not root / no npm), so it was skipped.
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
export PATH="$PATH:/usr/local/go/bin:$HOME/go/bin"

suites=("$@")
if [ ${#suites[@]} -eq 0 ]; then
	suites=(vscode nvim emacs static)
fi

failed=()
skipped=()
passed=()

say() { printf '== %s\n' "$*"; }

# --- the binary, built once ------------------------------------------------
if [ -z "${LAYERWISE_BIN:-}" ]; then
	bindir="$(mktemp -d)"
	trap 'rm -rf "$bindir"' EXIT
	say "build layerwise"
	if ! (cd "$root" && go build -o "$bindir/layerwise" ./cmd/layerwise); then
		echo "editors: go build failed" >&2
		exit 1
	fi
	export LAYERWISE_BIN="$bindir/layerwise"
fi
if [ ! -x "$LAYERWISE_BIN" ]; then
	echo "editors: LAYERWISE_BIN=$LAYERWISE_BIN is not executable" >&2
	exit 1
fi

# --- installing what is missing ----------------------------------------------
apt_updated=
apt_install() { # apt_install PKG... ; returns 77 when apt-get cannot be used here
	if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
		return 77
	fi
	if [ -z "$apt_updated" ]; then
		DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
		apt_updated=1
	fi
	say "apt-get install $*"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

have_eglot() { emacs --batch -q --eval "(progn (package-initialize) (require 'eglot))" >/dev/null 2>&1; }

# --- suites ---------------------------------------------------------------------
run_vscode() {
	if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
		skipped+=("vscode: node/npm are not installed")
		return
	fi
	cd "$here/vscode" || return 1
	if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
		say "npm ci (editors/vscode)"
		npm ci --no-audit --no-fund --loglevel=error || return 1
	fi
	npm run --silent compile || return 1
	timeout 180 npm test --silent
}

run_nvim() {
	if ! command -v nvim >/dev/null 2>&1; then
		apt_install neovim
		case $? in
		0) ;;
		77) skipped+=("nvim: neovim is not installed and apt-get cannot be used here (not root, or no apt-get)"); return 0 ;;
		*) echo "editors: apt-get install neovim failed" >&2; return 1 ;;
		esac
	fi
	cd "$root" || return 1
	nvim --version | head -1
	timeout 120 nvim --headless --clean -u NONE -c "luafile $here/nvim/test.lua"
}

run_emacs() {
	if ! command -v emacs >/dev/null 2>&1 || ! have_eglot; then
		apt_install emacs-nox elpa-eglot
		case $? in
		0) ;;
		77) skipped+=("emacs: emacs-nox/elpa-eglot are not installed and apt-get cannot be used here (not root, or no apt-get)"); return 0 ;;
		*) echo "editors: apt-get install emacs-nox elpa-eglot failed" >&2; return 1 ;;
		esac
	fi
	# dockerfile-mode is what users have; the test has a stand-in without it.
	if ! emacs --batch -q --eval "(progn (package-initialize) (require 'dockerfile-mode))" >/dev/null 2>&1; then
		apt_install elpa-dockerfile-mode || true
	fi
	cd "$root" || return 1
	emacs --version | head -1
	timeout 120 emacs --batch -q -l "$here/emacs/test.el"
}

run_static() {
	local ok=0
	if command -v node >/dev/null 2>&1; then
		node -e '
			const fs = require("fs");
			const dir = process.argv[1];
			for (const f of ["template.json", "settings.json", "settings.schema.json"]) JSON.parse(fs.readFileSync(dir + "/" + f, "utf8"));
			const t = JSON.parse(fs.readFileSync(dir + "/template.json", "utf8"));
			if (t.id !== "layerwise" || !t.name || !t.programArgs || !t.programArgs.default) throw new Error("template.json: id, name, programArgs.default");
			const pats = (t.fileTypeMappings || []).flatMap((m) => (m.fileType && m.fileType.patterns) || []);
			for (const p of ["Dockerfile", "Containerfile", "*.Dockerfile", "Dockerfile.*"]) if (!pats.includes(p)) throw new Error("template.json: pattern " + p);
			if (!(t.fileTypeMappings || []).every((m) => m.languageId === "dockerfile")) throw new Error("template.json: languageId");
			const s = JSON.parse(fs.readFileSync(dir + "/settings.json", "utf8"));
			if (!s.layerwise || !("trusted-base-images" in s.layerwise)) throw new Error("settings.json: layerwise section");
			console.log("ok   jetbrains: LSP4IJ template parses and maps Dockerfiles to layerwise");
		' "$here/jetbrains/lsp4ij-template" || ok=1
	else
		echo "skip jetbrains: node is not installed to check the template"
	fi
	if command -v python3 >/dev/null 2>&1 && python3 -c 'import tomllib' 2>/dev/null; then
		python3 - "$here/helix/languages.toml" <<'PY' || ok=1
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    t = tomllib.load(f)
assert t["language-server"]["layerwise"]["command"] == "layerwise"
assert "trusted-base-images" in t["language-server"]["layerwise"]["config"]["layerwise"]
langs = [l for l in t["language"] if l["name"] == "dockerfile"]
assert langs and "layerwise" in langs[0]["language-servers"]
print("ok   helix: languages.toml parses and gives dockerfile the layerwise server")
PY
	else
		echo "skip helix: python3 with tomllib is not installed to parse languages.toml"
	fi
	return $ok
}

for s in "${suites[@]}"; do
	case "$s" in
	vscode | nvim | emacs | static) ;;
	*)
		echo "editors: unknown suite $s (want vscode, nvim, emacs or static)" >&2
		exit 2
		;;
	esac
	say "$s"
	nskip=${#skipped[@]}
	start=$SECONDS
	if "run_$s"; then
		if [ ${#skipped[@]} -eq "$nskip" ]; then
			passed+=("$s ($((SECONDS - start))s)")
		fi
	else
		failed+=("$s")
	fi
done

echo
for p in "${passed[@]}"; do echo "PASS $p"; done
for s in "${skipped[@]}"; do echo "SKIP $s"; done
for f in "${failed[@]}"; do echo "FAIL $f"; done
if [ ${#failed[@]} -gt 0 ]; then
	exit 1
fi
if [ ${#skipped[@]} -gt 0 ]; then
	exit 77
fi
exit 0
