#!/usr/bin/env bash
# The review's input and output breaks (B2-B8 and the crash exit code) through the real binary:
# each reproducer, and variants beyond it.
. "$(dirname "$0")/lib.sh"
set -e
cd "$WORK"
model='threatwright: 1
system: {name: T}
assets:
  - {id: data, name: Data, value: high, impact: Leak}
components:
  - {id: web, name: Web, type: process, stores: [data]}
'
printf '%s' "$model" >model.yaml

# B2: an anchor redefined in a streamed list item, then aliased (small, and with 1 MB scalars
# so the item spans a fresh arena block): the alias is the second item, never freed memory.
for pad in x "$(head -c 1000000 /dev/zero | tr '\0' x)"; do
  {
    printf 'threatwright: 1\nsystem: {name: T}\nassets:\n'
    printf '  - &a {id: a1, name: first, value: high, impact: x}\n'
    printf '  - &a {id: a2, name: second, value: high, impact: "%s", description: "%s"}\n' "$pad" "$pad"
    printf '  - {id: a3, name: third, value: low, impact: y}\n'
    printf '  - *a\n'
  } >uaf.yaml
  tw check --no-warnings uaf.yaml
  expect_rc 2 "B2 redefined anchor"; expect_err "duplicate id 'a2'"; expect_no_err "duplicate id 'a3'"
done
# The review's fake node: a scalar whose bytes would form a Node at the stale anchor's place.
python3 - <<'PY'
import struct
fake = struct.pack('<BBxxIII', 2, 0, 1, 1, 2) + b'A' * 40
s = 'threatwright: 1\nsystem: {name: T}\nassets:\n'
s += '  - &a {id: a1, name: first, value: high, impact: x}\n'
s += '  - &a {id: a2, name: second, value: high, impact: "' + 'y' * 1000000 + '"}\n'
s += '  - {id: a3, name: "' + fake.decode('latin-1').encode('unicode_escape').decode() + '", value: low, impact: y}\n'
s += '  - *a\n'
open('fake.yaml', 'w').write(s)
PY
tw check --no-warnings fake.yaml
expect_rc 2 "B2 fake node"; expect_err "duplicate id 'a2'"

# B3: '**a' repeated against a 200-character name: linear, not minutes.
mkdir -p redos && printf '%s' "$model" >redos/model.yaml
touch "redos/$(printf 'a%.0s' $(seq 200)).yaml"
pat=$(printf '**a%.0s' $(seq 14))
printf 'include: ["%s**c"]\n' "$pat" >>redos/model.yaml
start=$(date +%s)
tw check --no-warnings redos/model.yaml
expect_rc 1 "B3 14 x '**a'"  # the model loads (an empty glob warns), the quality gate fails
checks=$((checks + 1)); [ $(($(date +%s) - start)) -lt 5 ] || fail "B3 glob took more than 5 s"
# 3,000 '**' globs: one entry budget for the whole model, a clear error.
mkdir -p many/d && printf '%s' "$model" >many/model.yaml
for i in $(seq 400); do touch "many/d/f$i"; done
{ echo 'include:'; for i in $(seq 3000); do echo "  - '**/nomatch$i'"; done; } >>many/model.yaml
tw check --no-warnings many/model.yaml
expect_rc 2 "B3 many globs"; expect_err "together visit more than"

# B4: include globs with '../' do not walk out, nor name what is there.
mkdir -p enum/model && printf '%s' "$model" >enum/model/model.yaml
printf 'include: ["../../../../../etc/*s*wd*", "../../../../../proc/1/*", "../*"]\n' >>enum/model/model.yaml
tw check --no-warnings enum/model/model.yaml
expect_rc 2 "B4 include glob with ../"; expect_err "climbs out of the model's folder"
expect_no_err "passwd"; expect_no_err "environ"; expect_no_err "resolves to"

# B5: a root model that is a link to credentials or /proc/self/environ: refused, not echoed.
mkdir -p leak/fakehome/.aws leak/repo/security
printf '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n' >leak/fakehome/.aws/credentials
ln -s ../../fakehome/.aws/credentials leak/repo/security/model.yaml
ln -s /proc/self/environ leak/repo/security/env.yaml
ln -s /dev/stdin leak/repo/security/stdin.yaml
mkfifo leak/repo/security/fifo.yaml
for f in model env stdin fifo; do
  GITHUB_TOKEN=ghp_SECRETSECRETSECRET tw check "leak/repo/security/$f.yaml" </dev/null
  expect_rc 2 "B5 $f"; expect_no_err "AKIA"; expect_no_err "ghp_SECRET"; expect_no_err "credentials"
done
# A FIFO as the root model with a writer that never writes: refused at once, no hang.
sleep 30 >leak/repo/security/fifo.yaml &
writer=$!
tw check leak/repo/security/fifo.yaml
expect_rc 2 "B5 FIFO with a writer"; expect_err "not a regular file"
kill "$writer" 2>/dev/null || true
# A link to a regular file inside the folder still works.
ln -s ../../../model.yaml leak/repo/security/inside.yaml 2>/dev/null || true
cp model.yaml leak/repo/security/real.yaml && ln -s real.yaml leak/repo/security/alias.yaml
tw check --no-warnings leak/repo/security/alias.yaml
expect_rc 1 "B5 link inside the folder loads"

# B8: the evidence file is a link to /dev/stdin, /dev/zero or outside the folder: no hang,
# no 256 MiB read; a warning (analysis goes on without evidence) or an error, never a read.
for target in /dev/stdin /dev/zero "$WORK/leak/fakehome/.aws/credentials"; do
  rm -rf ev && mkdir ev && printf '%s' "$model" >ev/model.yaml
  ln -s "$target" ev/model.evidence.json
  start=$(date +%s)
  tw check --no-warnings ev/model.yaml < <(sleep 30)
  checks=$((checks + 1)); [ "$rc" -ne 124 ] && [ "$rc" -lt 128 ] || fail "B8 evidence -> $target: exit $rc"
  checks=$((checks + 1)); [ $(($(date +%s) - start)) -lt 5 ] || fail "B8 evidence -> $target took >5 s"
  expect_no_err "AKIA"
done

# B6: a planted link at the old temporary name (or any) is not followed.
echo precious >victim.txt
for pid in $(seq $$ $(($$ + 50))); do ln -sf "$WORK/victim.txt" "report.md.tmp.$pid"; done
tw report model.yaml --format md -o report.md
expect_rc 0 "B6 report -o"
expect_eq "$(cat victim.txt)" "precious"
checks=$((checks + 1)); [ -f report.md ] && [ ! -L report.md ] || fail "B6 report.md is not a regular file"
# Verify's evidence file is written the same way, and refuses a planted link.
# B7: -o to a device node or a link to one writes through; the node stays.
ln -s /dev/null mynull
tw report model.yaml --format md -o mynull
expect_rc 0 "B7 -o link to /dev/null"
checks=$((checks + 1)); [ -L mynull ] && [ -c /dev/null ] || fail "B7 /dev/null or its link was replaced"
ln -s /proc/self/fd/1 mystdout
tw report model.yaml --format md -o mystdout
expect_rc 0 "B7 -o link to stdout"; expect_out "# Threat model"
checks=$((checks + 1)); [ -L mystdout ] || fail "B7 the stdout link was replaced"
tw diagram model.yaml --format mermaid -o /dev/stdout
expect_rc 0 "B7 -o /dev/stdout"; expect_out "flowchart"
checks=$((checks + 1)); [ -L /dev/stdout ] || [ -c /dev/stdout ] || fail "B7 /dev/stdout was replaced"
mkfifo out.fifo
cat out.fifo >fifo.txt &
reader=$!
tw report model.yaml --format md -o out.fifo
wait "$reader"
expect_rc 0 "B7 -o FIFO"
checks=$((checks + 1)); grep -q "# Threat model" fifo.txt && [ -p out.fifo ] || fail "B7 FIFO"
mkdir adir
tw report model.yaml --format md -o adir
expect_rc 3 "-o directory"; expect_err "is a directory"; expect_no_err "Success"

# A crash exits 3 with a message (the handler), not 139.
sleep 5 | "$TW" mcp model.yaml >/dev/null 2>crash.err &
server=$!
sleep 1
kill -SEGV "$(pgrep -P $$ -n -f "$TW mcp" || echo $server)" 2>/dev/null || true
wait "$server" || rc=$?
checks=$((checks + 1)); grep -q "internal error: crashed (signal 11)" crash.err || fail "crash message: $(cat crash.err)"

finish
