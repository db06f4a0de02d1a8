#!/usr/bin/env bash
# The install steps of the GitHub Action (action.yml), with the environment GitHub gives:
#   install.sh key      writes `key` (the cache key: the runner's OS and architecture and a
#                       hash of the sources that make the binary) to $GITHUB_OUTPUT
#   install.sh install  puts threatwright on PATH ($GITHUB_PATH) by INPUT_INSTALL:
#     source   the binary cached in CACHE_DIR for this key, else built from ACTION_PATH (the
#              action's own checkout, i.e. the pinned commit) with Debian/Ubuntu packages from
#              scripts/deps.sh, then cached;
#     package  apt-get install of INPUT_PACKAGE (a threatwright_<version>_<arch>.deb);
#     none     threatwright must be on PATH already.
set -euo pipefail
src=${ACTION_PATH:?}
say() { echo "threatwright-action: $*" >&2; }

sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# apt-get install of what is missing (no `apt-get update` when nothing is).
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]}"
  sudo_ env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

source_key() {
  local files
  files=$(cd "$src" && find CMakeLists.txt cmake src scripts/deps.sh -type f | LC_ALL=C sort)
  (cd "$src" && sha256sum $files) | sha256sum | cut -c1-32
}

case "${1:-}" in
  key)
    echo "key=threatwright-$(uname -s)-$(uname -m)-$(. /etc/os-release && echo "$ID-$VERSION_ID")-$(source_key)" \
      >>"${GITHUB_OUTPUT:?}"
    ;;
  install)
    case "${INPUT_INSTALL:-source}" in
      source)
        cache=${CACHE_DIR:?}
        cache=${cache/#\~/$HOME}
        # shellcheck disable=SC2046  # a list of package names
        if [ -x "$cache/bin/threatwright" ]; then
          say "using the cached build"
          apt_install $(bash "$src/scripts/deps.sh" --list runtime)
        else
          apt_install $(bash "$src/scripts/deps.sh" --list build)
          build=${RUNNER_TEMP:?}/threatwright-build
          cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTW_BENCH=OFF >/dev/null
          cmake --build "$build" --target threatwright
          mkdir -p "$cache/bin"
          install -m 755 "$build/threatwright" "$cache/bin/threatwright"
        fi
        echo "$cache/bin" >>"${GITHUB_PATH:?}"
        "$cache/bin/threatwright" --version
        ;;
      package)
        deb=${INPUT_PACKAGE:?input package: the path of a threatwright .deb}
        case "$deb" in /*) ;; *) deb=./$deb ;; esac
        sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb"
        threatwright --version
        ;;
      none)
        if ! command -v threatwright >/dev/null 2>&1; then
          say "install is 'none' but threatwright is not on PATH"
          exit 2
        fi
        threatwright --version
        ;;
      *)
        say "input install: expected source, package or none, not '$INPUT_INSTALL'"
        exit 2
        ;;
    esac
    ;;
  *)
    echo "usage: install.sh key|install" >&2
    exit 2
    ;;
esac
