# Shared helpers for CLI tests: run the real binary, assert on stdout, stderr and exit code.
# usage in a test: . "$(dirname "$0")/lib.sh"; tw check x.yaml; expect_rc 0; expect_out "..."
set -u
TW=${TW:?set TW to the threatwright binary}
SRC=${TW_SOURCE_DIR:?set TW_SOURCE_DIR}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0
checks=0
out="" err="" rc=0

# tw ARGS...: runs threatwright with a 20 s guard against hangs; sets $out, $err, $rc.
tw() {
  set +e
  timeout 20 "$TW" "$@" >"$WORK/.out" 2>"$WORK/.err"
  rc=$?
  set -e
  out=$(cat "$WORK/.out")
  err=$(cat "$WORK/.err")
}
fail() {
  echo "FAIL: $*" >&2
  echo "  exit: $rc" >&2
  echo "  stdout: $(printf '%s' "$out" | head -c 2000)" >&2
  echo "  stderr: $(printf '%s' "$err" | head -c 2000)" >&2
  failures=$((failures + 1))
}
expect_rc() { checks=$((checks + 1)); [ "$rc" -eq "$1" ] || fail "expected exit $1, got $rc (${2:-})"; }
expect_out() { checks=$((checks + 1)); grep -qF -- "$1" <<<"$out" || fail "stdout lacks: $1"; }
expect_err() { checks=$((checks + 1)); grep -qF -- "$1" <<<"$err" || fail "stderr lacks: $1"; }
expect_no_err() { checks=$((checks + 1)); ! grep -qF -- "$1" <<<"$err" || fail "stderr has: $1"; }
expect_eq() { checks=$((checks + 1)); [ "$1" = "$2" ] || fail "expected [$2], got [$1]"; }
finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [ "$failures" -eq 0 ]
}
