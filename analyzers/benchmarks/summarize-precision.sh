#!/usr/bin/env bash
# Sums up a triaged reports.tsv (see measure-precision.sh): per rule, how many reports, how many right,
# how many false, and the false ones by group.
#
#   analyzers/benchmarks/summarize-precision.sh OUT_DIR/reports.tsv
set -euo pipefail
[[ $# -eq 1 ]] || { sed -n '2,6p' "$0"; exit 1; }
awk -F'\t' '
  NR == 1 { next }
  {
    total[$2]++
    if ($6 == "right") right[$2]++
    else if ($6 == "false") { wrong[$2]++; group[$2 "\t" ($7 == "" ? "(no group)" : $7)]++ }
    else untriaged[$2]++
  }
  END {
    for (rule in total) {
      printf "%s: %d reports, %d right, %d false, %d not triaged; precision %.0f%%\n", rule, total[rule], right[rule], wrong[rule], untriaged[rule],
        (right[rule] + wrong[rule]) > 0 ? 100 * right[rule] / (right[rule] + wrong[rule]) : 0
    }
    for (key in group) { split(key, parts, "\t"); printf "  %s false, %s: %d\n", parts[1], parts[2], group[key] }
  }' "$1" | sort
