#!/usr/bin/env bash
# The YAML language server (npm yaml-language-server, pinned in package-lock.json) checks models
# against docs/schema/ headless, with VS Code's LSP client library.
#
#   tests/schema/yamlls/run.sh
#
# Needs node >= 18 and npm. Exit status: node's test runner's (0 when every test passed).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export TW_SOURCE_DIR="${TW_SOURCE_DIR:-$(cd "$here/../../.." && pwd)}"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "tests/schema/yamlls/run.sh: node and npm are needed (apt-get install nodejs npm)" >&2
  exit 2
fi

cd "$here"
# Reinstall only when the lock file changed since the last install.
if [[ ! -f node_modules/.package-lock.json ]] || ! cmp -s package-lock.json node_modules/.package-lock.json.src 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.package-lock.json.src
fi
exec node --test --test-reporter=spec yamlls.test.mjs
