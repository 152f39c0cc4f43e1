#!/usr/bin/env bash
# The analyzers' share of compile time in the two ways a build can run the compiler, per repository.
#
#   analyzers/benchmarks/measure-compiler-configurations.sh OUT_DIR repositories.tsv CHECKOUTS_DIR [BUILDS] [NAME...]
#
# server   the default `dotnet build`: one compiler server (VBCSCompiler) for every compilation, what users get. It
#          is started, and the analyzers loaded and compiled to native code in it, by WARMUP_BUILDS (default 2) builds
#          of the repositories before the timed ones (-p:UseSharedCompilation=true), so every timed build meets a warm
#          server (after one build, code the runtime recompiles once it has run often can still be compiling).
# process  -p:UseSharedCompilation=false: a new compiler process per compilation (some CI set-ups, and this
#          machine's environment), where the runtime compiles the analyzers' code anew in every compilation.
#
# Each configuration builds every row of repositories.tsv (or only the rows NAMEd) BUILDS times (default 3) with
# measure-precision.sh, one repository at a time, and prints per repository and configuration the share of each
# build with the load average at its start (the compiler reports wall-clock time per analyzer, which grows with the
# load: compare figures taken at similar loads), and the median. ANALYZER_DLL (a copy of a build) is honoured;
# CONFIGS=server (or process) measures one configuration only.
# The compiler server this script starts is stopped by its process id at the end, not by `build-server shutdown`,
# which would stop servers other builds on the machine use. Not part of the test run.
set -euo pipefail

[[ $# -ge 3 ]] || { sed -n '2,20p' "$0"; exit 1; }
OUT="$(mkdir -p "$1" && cd "$1" && pwd)"
TABLE="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
CHECKOUTS="$3"
BUILDS="${4:-3}"
shift 3
[[ $# -gt 0 ]] && shift
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/analyzers/benchmarks/build-analyzers.sh"
export ANALYZER_DLL

# The rows to build, with the configuration's property appended to each row's MSBuild arguments.
rows_for() { # rows_for PROPERTY > file
  awk -F'\t' -v prop="$1" -v names="$NAMES" 'BEGIN { OFS = "\t"; n = split(names, list, " "); for (i = 1; i <= n; i++) want[list[i]] = 1 }
    /^#/ || $1 == "name" || $1 == "" { next }
    n == 0 || ($1 in want) { $6 = $6 " " prop; print }' "$TABLE"
}
NAMES="$*"

source "$ROOT/analyzers/benchmarks/compiler-servers.sh"
trap stop_new_compiler_servers EXIT

printf 'configuration\tbuild\trepo\tcsc_s\tstretchbindings_s\tshare_percent\tload_at_start\n' >"$OUT/shares.tsv"
for CONFIG in ${CONFIGS:-server process}; do
  if [[ "$CONFIG" == server ]]; then
    rows_for "-p:UseSharedCompilation=true" >"$OUT/$CONFIG.rows.tsv"
    echo "== $CONFIG: warming the compiler server up (${WARMUP_BUILDS:-2} builds, not timed)"
    for ((w = 1; w <= ${WARMUP_BUILDS:-2}; w++)); do
      "$ROOT/analyzers/benchmarks/measure-precision.sh" "$OUT/$CONFIG-warmup-$w" "$OUT/$CONFIG.rows.tsv" "$CHECKOUTS" >/dev/null
    done
  else
    rows_for "-p:UseSharedCompilation=false" >"$OUT/$CONFIG.rows.tsv"
  fi
  for ((b = 1; b <= BUILDS; b++)); do
    while IFS=$'\t' read -r NAME REST; do
      LOAD="$(cut -d' ' -f1 /proc/loadavg)"
      printf '%s\t%s\n' "$NAME" "$REST" >"$OUT/one.tsv"
      "$ROOT/analyzers/benchmarks/measure-precision.sh" "$OUT/$CONFIG-$b-$NAME" "$OUT/one.tsv" "$CHECKOUTS" >/dev/null
      tail -n 1 "$OUT/$CONFIG-$b-$NAME/timing.tsv" | awk -F'\t' -v c="$CONFIG" -v b="$b" -v l="$LOAD" 'BEGIN { OFS = "\t" } { print c, b, $1, $2, $3, $4, l }' >>"$OUT/shares.tsv"
      tail -n 1 "$OUT/shares.tsv" | sed 's/^/   /'
    done <"$OUT/$CONFIG.rows.tsv"
  done
done

echo
echo "Share of compile time per repository (each build: share at load; then the median):"
python3 - "$OUT/shares.tsv" <<'PY'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])][1:]
repos = list(dict.fromkeys(r[2] for r in rows))
print("| Repository | Default build, warm compiler server | One compiler process per compilation |")
print("| --- | --- | --- |")
for repo in repos:
    cells = []
    for config in ("server", "process"):
        mine = [r for r in rows if r[2] == repo and r[0] == config]
        shares = [float(r[5]) for r in mine]
        each = ", ".join("%.2f%% (load %s)" % (float(r[5]), r[6]) for r in mine)
        cells.append("median %.2f%%: %s" % (statistics.median(shares), each) if shares else "n/a")
    print("| %s | %s | %s |" % (repo, cells[0], cells[1]))
PY
echo "Reports of every build are in $OUT/*/reports.tsv; they should not differ between configurations."
