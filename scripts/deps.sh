# Sourced by ./run and ./test: installs the Debian packages threatwright needs.
# usage: ensure_deps build|test

tw_build_packages=(cmake ninja-build g++ pkg-config git libyaml-dev nlohmann-json3-dev libgraphviz-dev
  libcli11-dev libgtest-dev graphviz libre2-dev)
tw_test_packages=(libbenchmark-dev clang libclang-rt-14-dev chromium nodejs npm python3)

ensure_deps() {
  local want=("${tw_build_packages[@]}")
  [ "${1:-build}" = test ] && want+=("${tw_test_packages[@]}")
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
