#!/usr/bin/env bash
# Counts the methods the runtime compiles to native code in one compiler process because the analyzers run:
# a deterministic measure of their start-up cost in a fresh process, unaffected by the machine's load (the
# wall-clock figures of -p:ReportAnalyzer=true move by a factor of two with it).
#
#   analyzers/benchmarks/count-jit.sh BUILD_LOG [ANALYZER_DLL...]
#
# BUILD_LOG is a log of measure-precision.sh (<repo>.log): its first Csc command line is run again from the
# project's folder, once without analyzers and once per ANALYZER_DLL (default: the one the log used), each with
# DOTNET_JitDisasmSummary. Prints, per analyzer assembly, the methods compiled beyond those of the run without
# analyzers, how many are the analyzers' own and their IL bytes, how many are collections instantiated over value
# tuples, and the compiler's per-analyzer times of that run. KEEP_METHODS=PREFIX keeps each list of methods compiled
# beyond the run without analyzers as PREFIX.<folder of the DLL>.methods. Not part of the test run.
set -euo pipefail

[[ $# -ge 1 ]] || { sed -n '2,14p' "$0"; exit 1; }
LOG="$1"
shift
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sb-count-jit.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# The command line, its folder and its analyzer (see csc-command.py).
python3 "$(dirname "${BASH_SOURCE[0]}")/csc-command.py" "$LOG" "$WORK"

CSC="$(cat "$WORK/csc")"
FOLDER="$(cat "$WORK/folder")"
[[ $# -gt 0 ]] || set -- "$(cat "$WORK/analyzer")"

# The IL bytes of the analyzers' own methods compiled in a run: what the compiling costs grows with it.
own_il() { grep -E 'JIT compiled StretchBindings' "$1" | sed -E 's/.*IL size=([0-9]+).*/\1/' | awk '{s += $1} END {print s + 0}'; }

# Method names, without their tier and sizes, one per line.
compiled() { sed -E 's/^ *[0-9]+: JIT compiled //; s/ \[.*//' "$1" | sort -u; }

run() { # run OUTPUT_PREFIX [extra csc arguments...]
  local prefix="$1"
  shift
  rm -f "$prefix.jit"  # the runtime appends to an existing file
  (cd "$FOLDER" && DOTNET_JitDisasmSummary=1 DOTNET_JitStdOutFile="$prefix.jit" "$CSC" /noconfig "@$WORK/args.rsp" "$@") >"$prefix.out" 2>&1 || true
  compiled "$prefix.jit" >"$prefix.methods"
}

run "$WORK/none"
printf 'analyzers\tcompiled_beyond_none\town_methods\town_il_bytes\tvalue_tuple_collections\n'
for DLL in "$@"; do
  run "$WORK/with" "/analyzer:$DLL" /reportanalyzer
  comm -13 "$WORK/none.methods" "$WORK/with.methods" >"$WORK/extra"
  [[ -z "${KEEP_METHODS:-}" ]] || cp "$WORK/extra" "$KEEP_METHODS.$(basename "$(dirname "$DLL")").methods"
  printf '%s\t%s\t%s\t%s\t%s\n' "$DLL" "$(wc -l <"$WORK/extra")" "$(grep -c 'StretchBindings' "$WORK/extra" || true)" "$(own_il "$WORK/with.jit")" \
    "$(grep -cE '^System\.(Collections\.(Generic|Concurrent)|Linq)[^:]*ValueTuple' "$WORK/extra" || true)"
  grep -E "StretchBindings\.Analyzers|$(basename "$DLL" .dll)" "$WORK/with.out" | tr -s ' ' | sed 's/^/    /' || true
done
