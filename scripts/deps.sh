# The one list of the Debian packages threatwright needs. Everything else reads it:
#   . scripts/deps.sh; ensure_deps build|package|test     (./run, ./test)
#   bash scripts/deps.sh --list build|runtime|package|test (CI recipes, the GitHub Action)
# docs/ci.md and README.md quote these lists between `deps:` markers; the test docs.deps
# (scripts/docs-deps.sh --check) fails when they differ, and `--write` regenerates them.

# To build the threatwright binary from source (cmake also looks for GoogleTest).
tw_build_packages=(cmake ninja-build g++ pkg-config git libyaml-dev nlohmann-json3-dev
  libgraphviz-dev libcli11-dev libgtest-dev libre2-dev libcivetweb-dev)
# What the binary needs at run time (the GitHub Action installs these beside a cached build;
# the .deb's Depends has them too, the linked ones from dpkg-shlibdeps): libyaml, Graphviz's
# libgvc6 (loaded on demand for SVG diagrams), RE2 (verify's stdout_matches), civetweb (the
# HTTP server of `serve`), git (run by `diff --base`).
tw_runtime_packages=(libyaml-0-2 libgvc6 libre2-9 libcivetweb1 git)
# To make the Debian package (`cmake --build build --target package`): dpkg-shlibdeps, the
# `file` tool CPack uses to find binaries, and python3 for the man page and completions.
tw_package_packages=(dpkg-dev file python3)
# To run ./test: ccache (./test builds the sources four times: the recipe test's build is
# served from the cache), benchmarks, fuzzing, the browser and MCP tests, the package checks
# (lintian, the shells of the completions, pre-commit), graphviz's `dot`, the schema test
# (python3-jsonschema).
tw_test_packages=(ccache graphviz libbenchmark-dev clang libclang-rt-14-dev chromium nodejs npm python3
  python3-yaml python3-jsonschema lintian zsh fish pre-commit)

# tw_packages build|runtime|package|test: the packages of a purpose, one per line. `package`
# includes `build`; `test` includes `build` and `package`.
tw_packages() {
  local -a want
  case "${1:-build}" in
    build) want=("${tw_build_packages[@]}") ;;
    runtime) want=("${tw_runtime_packages[@]}") ;;
    package) want=("${tw_build_packages[@]}" "${tw_package_packages[@]}") ;;
    test) want=("${tw_build_packages[@]}" "${tw_package_packages[@]}" "${tw_test_packages[@]}") ;;
    *)
      echo "deps.sh: unknown purpose '$1' (build, runtime, package or test)" >&2
      return 2
      ;;
  esac
  local -A seen=()
  local p
  for p in "${want[@]}"; do
    [ -n "${seen[$p]:-}" ] && continue
    seen[$p]=1
    echo "$p"
  done
}

# ensure_deps build|package|test: installs what is missing (as root), or says what to install.
ensure_deps() {
  local want
  mapfile -t want < <(tw_packages "${1:-build}")
  local missing=()
  for p in "${want[@]}"; do
    case "$p" in
      # A node/npm already on PATH (e.g. from NodeSource) is fine.
      nodejs) command -v node >/dev/null 2>&1 && continue ;;
      npm) command -v npm >/dev/null 2>&1 && continue ;;
      python3) command -v python3 >/dev/null 2>&1 && continue ;;
    esac
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "threatwright needs these Debian packages: ${missing[*]}" >&2
    echo "run as root:  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Run as a script: print a list (for recipes that install with their own apt-get).
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  if [ "${1:-}" != --list ] || [ $# -ne 2 ]; then
    echo "usage: deps.sh --list build|runtime|package|test" >&2
    exit 2
  fi
  tw_packages "$2" | tr '\n' ' ' | sed 's/ $/\n/'
fi
