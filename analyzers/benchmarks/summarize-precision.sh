#!/usr/bin/env bash
# Sums up a triaged reports.tsv (see measure-precision.sh): per rule, how many reports, how many right,
# how many false, and the false ones by group; then per repository, with the analyzers' share of the
# compile time when the run's timing.tsv is given (or lies beside the reports).
#
#   analyzers/benchmarks/summarize-precision.sh OUT_DIR/reports.tsv [OUT_DIR/timing.tsv]
set -euo pipefail
[[ $# -ge 1 ]] || { sed -n '2,7p' "$0"; exit 1; }
TIMING="${2:-$(dirname "$1")/timing.tsv}"
awk -F'\t' '
  NR == 1 || /^#/ || $1 == "repo" { next }
  {
    total[$2]++
    if ($6 == "right") right[$2]++
    else if ($6 == "false") { wrong[$2]++; group[$2 "\t" ($7 == "" ? "(no group)" : $7)]++ }
    else untriaged[$2]++
  }
  END {
    for (rule in total) {
      # Computed apart: inside printf arguments awk reads ">" as output redirection.
      judged = right[rule] + wrong[rule]
      precision = (judged > 0) ? 100 * right[rule] / judged : 0
      printf "%s: %d reports, %d right, %d false, %d not triaged; precision %.0f%%\n", rule, total[rule], right[rule], wrong[rule], untriaged[rule], precision
    }
    for (key in group) { split(key, parts, "\t"); printf "  %s false, %s: %d\n", parts[1], parts[2], group[key] }
  }' "$1" | sort
echo
printf '| Repository | Reports | Right | False | Precision | Analyzers'"'"' share of compile time |\n| --- | ---: | ---: | ---: | ---: | ---: |\n'
awk -F'\t' -v timing="$TIMING" '
  BEGIN {
    while ((getline line < timing) > 0) {
      split(line, t, "\t")
      if (t[1] != "repo") { share[t[1]] = t[4]; order[++n] = t[1] }
    }
  }
  NR == 1 || /^#/ || $1 == "repo" { next }
  { reports[$1]++; if ($6 == "right") right[$1]++; else if ($6 == "false") wrong[$1]++ }
  END {
    for (i = 1; i <= n; i++) {
      r = order[i]
      judged = right[r] + wrong[r]
      precision = (judged > 0) ? sprintf("%.0f%%", 100 * right[r] / judged) : "n/a"
      printf "| %s | %d | %d | %d | %s | %s%% |\n", r, reports[r], right[r], wrong[r], precision, share[r]
    }
  }' "$1"
