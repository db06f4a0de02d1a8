#!/bin/sh
# Verification of control param-queries: no raw SQL strings outside the query builder.
# (In the real repository this greps services/orders; the example ships no services.)
count=$(grep -rIl --include='*.go' -E '"(SELECT|INSERT|UPDATE|DELETE) ' services/orders 2>/dev/null | wc -l)
echo "$count findings"
[ "$count" -eq 0 ]
