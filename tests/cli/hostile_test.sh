#!/usr/bin/env bash
# Hostile inputs: each ends fast (the 20 s guard in lib.sh) with exit 2 and a clear error,
# never a crash (exit >= 128), a hang (exit 124) or unbounded memory (ulimit below).
. "$(dirname "$0")/lib.sh"
set -e
cd "$WORK"
ulimit -v 4000000  # 4 GB of address space: unbounded growth fails loudly

# Billion laughs.
{
  echo 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
  prev=a
  for n in b c d e f g h i; do
    printf '%s: &%s [' "$n" "$n"
    for k in 1 2 3 4 5 6 7 8 9; do printf '*%s,' "$prev"; done
    printf '*%s]\n' "$prev"
    prev=$n
  done
} >bomb.yaml
tw check bomb.yaml
expect_rc 2 "alias bomb"; expect_err "[limit-aliases]"

# 200,000-deep nesting, in both block and flow style.
python3 -c 'print("[" * 200000)' >deep.yaml
tw check deep.yaml
expect_rc 2 "deep flow"; expect_err "nesting deeper than 64 levels [limit-depth]"
python3 -c 'print("".join(" " * i + "k:\n" for i in range(1000)))' >deep-block.yaml
tw check deep-block.yaml
expect_rc 2 "deep block"; expect_err "[limit-depth]"

# A 64 MB scalar.
python3 -c 'import sys; sys.stdout.write("threatwright: 1\nsystem:\n  name: " + "x" * (64 << 20) + "\n")' >big.yaml
tw check big.yaml
expect_rc 2 "64 MB scalar"; expect_err "big.yaml:3:9: error: a scalar of 67108864 bytes exceeds the limit"

# Random binary.
head -c 100000 /dev/urandom >random.yaml
tw check random.yaml
expect_rc 2 "random binary"; expect_err "random.yaml:"

# Empty file and whitespace only.
: >empty.yaml
tw check empty.yaml
expect_rc 2 "empty"; expect_err "empty.yaml:1:1: error: the file holds no YAML document [empty-file]"

# Invalid UTF-8.
printf 'threatwright: 1\nsystem: {name: "caf\xe9"}\n' >latin1.yaml
tw check latin1.yaml
expect_rc 2 "invalid utf-8"; expect_err "latin1.yaml:2:"; expect_err "[yaml-encoding]"

# A multi-GB file (sparse: costs no disk) is refused before it is read.
truncate -s 3G huge.yaml
tw check huge.yaml
expect_rc 2 "3 GB"; expect_err "over the limit of"
# ... unless the limit is raised; a smaller raise still refuses it.
tw check huge.yaml --max-file-size 1000
expect_rc 2; expect_err "over the limit of 1000"

# Not a file at all: refused before any read (it used to read up to the 128 MiB limit).
tw check /dev/zero
expect_rc 2 "/dev/zero"; expect_err "is a character device, not a regular file"
tw check .
expect_rc 2 "directory"; expect_err "is a directory"

# Many elements: a limit on nodes, raised by a flag.
python3 - <<'P' >many.yaml
print("threatwright: 1\nsystem: {name: M}\nassets:")
for i in range(20000):
    print(f"  - {{id: a{i}, name: A, value: low, impact: x}}")
P
tw check many.yaml --max-nodes 1000 --no-warnings
expect_rc 2 "node limit"; expect_err "[limit-nodes]"
tw check many.yaml --no-warnings
expect_rc 1 "within the default limits: loads; only the quality gate fails"
expect_out "many.yaml: valid: 20000 assets"

# Terminal text (review: C1 controls and bidi overrides reached analyze and diff output): model
# text with ESC, CSI (U+009B), NEL, bidi override and isolate, zero-width and tag characters.
cat >term.yaml <<'Y'
threatwright: 1
system: {name: "Sys\e]0;title\a\u009b2J\u202eevil", methodology: stride}
assets: [{id: d, name: D, value: high, impact: x}]
components:
  - {id: api, name: "A\e[31mPI\u0085\u2066x\u2069\u200b", type: process}
threats:
  - {id: t1, title: "Ti\e[2Jtle\u009b31m\u202egpj.exe\U000E0041", stride: [tampering], target: api, likelihood: 3, impact: 3}
Y
sed 's/name: D,/name: D2,/' term.yaml >term2.yaml
printf 'threatwright: 1\nsystem: {name: S, methodology: stride}\nassets: [{id: d, name: D, value: high, impact: x}]\n' >term0.yaml
for args in "analyze term.yaml" "analyze term.yaml --all" "check term.yaml" "diff term0.yaml term.yaml" \
  "diff term.yaml term2.yaml" "list-threats term.yaml" "get-threat-model term.yaml"; do
  set +e
  timeout 20 "$TW" $args >"$WORK/.out" 2>"$WORK/.err"
  set -e
  # No C0 byte other than tab and newline; no C1 (UTF-8 C2 80-9F); no bidi, zero-width or tag
  # characters (E2 80 8B-8F, E2 80 AA-AE, E2 81 A0-AF, F3 A0 80-81 ..).
  checks=$((checks + 1))
  if LC_ALL=C grep -aqP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\x8b-\x8f\xaa-\xae]|\xe2\x81[\xa0-\xaf]|\xf3\xa0[\x80-\x81]' "$WORK/.out" "$WORK/.err"; then
    out=$(cat "$WORK/.out"); err=$(cat "$WORK/.err"); rc=0
    fail "$args printed a control or hidden character"
  fi
done

finish
