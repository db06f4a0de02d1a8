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

# Not a file at all.
tw check /dev/zero
expect_rc 2 "/dev/zero"; expect_err "exceeds the limit"
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

finish
