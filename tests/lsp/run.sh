#!/usr/bin/env bash
# Real-client test of `threatwright lsp`: installs VS Code's LSP client library from npm
# (vscode-languageserver-protocol, pinned in package-lock.json) and drives a session with it.
#
#   tests/lsp/run.sh [PATH/TO/threatwright]
#
# The binary defaults to $THREATWRIGHT_BIN, then build/threatwright. Needs node >= 18 and npm.
# Exit status: node's test runner's (0 when every test passed).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${1:-${THREATWRIGHT_BIN:-$root/build/threatwright}}"
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac

if [[ ! -x "$bin" ]]; then
  echo "tests/lsp/run.sh: no threatwright binary at $bin" >&2
  exit 2
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "tests/lsp/run.sh: node and npm are needed (apt-get install nodejs npm)" >&2
  exit 2
fi

cd "$here"
# Reinstall only when the lock file changed since the last install.
if [[ ! -f node_modules/.package-lock.json ]] || ! cmp -s package-lock.json node_modules/.package-lock.json.src 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.package-lock.json.src
fi

export THREATWRIGHT_BIN="$bin"
exec node --test --test-reporter=spec client.test.mjs
