#!/usr/bin/env bash
# The layer order is enforced by per-layer include roots (cmake/layers.cmake); this test
# also catches what they cannot: relative includes ("../engine/x.h") and includes of a layer
# that the including layer does not sit above.
set -u
src=${TW_SOURCE_DIR:?}/src
# Each layer and the layers it may include (itself included).
declare -A allowed=(
  [base]="base"
  [model]="base model"
  [load]="base model load"
  [import]="base model load import"
  [observe]="base observe"
  [rules]="base model load rules"
  [engine]="base model load rules engine"
  [check]="base model load rules engine check"
  [report]="base model load rules engine report"
  [diff]="base model load rules engine diff"
  [drift]="base model load observe rules engine drift"
  [mcp]="base model load observe rules engine check report diff drift mcp"
  [lsp]="base model load rules engine check lsp"
  [export]="base model load rules engine report export"
  [serve]="base model load import rules engine check report diff serve"
  [cli]="base model load import observe rules engine check report export diff drift mcp lsp serve cli"
)
bad=0 files=0
for layer in "${!allowed[@]}"; do
  [ -d "$src/$layer" ] || continue
  while IFS= read -r f; do
    files=$((files + 1))
    while IFS= read -r inc; do
      target=${inc%%/*}
      if [[ "$inc" == ../* || "$inc" == ./* ]]; then
        echo "FAIL: $f includes \"$inc\" by a relative path" >&2
        bad=$((bad + 1))
      elif [ -d "$src/$target" ] && [[ " ${allowed[$layer]} " != *" $target "* ]]; then
        echo "FAIL: $f ($layer) includes \"$inc\" from the higher layer $target" >&2
        bad=$((bad + 1))
      fi
    done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f")
  done < <(find "$src/$layer" -name '*.h' -o -name '*.cc')
done
echo "$((files - bad)) passed, $bad failed"
[ "$bad" -eq 0 ]
