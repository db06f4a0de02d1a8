#!/usr/bin/env bash
# `threatwright serve MODEL`: bad usage, the address it prints (loopback, a fresh token each
# run), the Host and token checks over a real socket, and a clean exit on Ctrl-C (docs/serve.md).
. "$(dirname "$0")/lib.sh"
cp -r "$SRC/examples/acme-shop/." "$WORK/"
cd "$WORK"

tw serve no-such-model.yaml --no-open
expect_rc 2 "missing model"
expect_err "cannot open the model 'no-such-model.yaml'"
tw serve model.yaml --port 70000 --no-open
expect_rc 2 "port out of range"

# start ARGS...: runs serve in the background; sets $pid and $url once the address is printed.
start() {
  "$TW" serve model.yaml --no-open "$@" >"$WORK/serve.out" 2>"$WORK/serve.err" &
  pid=$!
  url=""
  for _ in $(seq 1 100); do
    url=$(grep -o 'http://[^ ]*' "$WORK/serve.out" || true)
    [ -n "$url" ] && break
    sleep 0.1
  done
}
# get URL HOST TOKEN: prints the HTTP status of a GET.
get() {
  python3 - "$1" "$2" "$3" <<'P'
import sys, urllib.request, urllib.error
url, host, token = sys.argv[1:]
req = urllib.request.Request(url, headers={"Host": host, "X-Threatwright-Token": token})
try:
    print(urllib.request.urlopen(req, timeout=10).status)
except urllib.error.HTTPError as e:
    print(e.code)
P
}

start
first=$url
checks=$((checks + 1))
[[ "$first" =~ ^http://127\.0\.0\.1:[0-9]+/\?token=[0-9a-f]{64}$ ]] || fail "address: $first"
hostport=${first#http://}
hostport=${hostport%%/*}
token=${first##*token=}
expect_eq "$(get "http://$hostport/api/events?since=0" "$hostport" "$token")" 200
expect_eq "$(get "http://$hostport/api/model" "attacker.example:${hostport#*:}" "$token")" 421
expect_eq "$(get "http://$hostport/api/model" "$hostport" "")" 403
kill -INT "$pid"
wait "$pid"
rc=$?
expect_rc 0 "exit on SIGINT"
err=$(cat "$WORK/serve.err")
expect_no_err "warning"

# Another run: another token; another loopback address is fine without a warning.
start --host 127.0.0.2
checks=$((checks + 1))
[[ "$url" =~ ^http://127\.0\.0\.2:[0-9]+/\?token=[0-9a-f]{64}$ ]] || fail "address: $url"
checks=$((checks + 1))
[ "${url##*token=}" != "$token" ] || fail "the token did not change between runs"
kill -INT "$pid"
wait "$pid"
err=$(cat "$WORK/serve.err")
expect_no_err "warning"

# A name for loopback is listened on as its address.
start --host localhost
checks=$((checks + 1))
[[ "$url" =~ ^http://127\.0\.0\.1:[0-9]+/\?token=[0-9a-f]{64}$ ]] || fail "address: $url"
kill -INT "$pid"
wait "$pid"
rc=$?
expect_rc 0 "exit on SIGINT (localhost)"
finish
