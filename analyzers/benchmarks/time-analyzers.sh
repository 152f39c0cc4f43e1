#!/usr/bin/env bash
# The analyzers' own work on one real compilation, in one process, once their code is compiled: what a build
# through a warm compiler server pays per compilation, read without the machine's load in it.
#
#   analyzers/benchmarks/time-analyzers.sh BUILD_LOG [ROUNDS]
#
# BUILD_LOG is a log of measure-precision.sh (<repo>.log): its first Csc command line (csc-command.py) is compiled
# ROUNDS times (default 24) by AnalyzerTimer/, each time emitted and then analyzed by the analyzers (ANALYZER_DLL, or
# a Release build of the tree) and by the control of empty-rules/ (the same actions, doing nothing), every method
# optimised from its first call (DOTNET_TieredCompilation=0). Prints per round and as medians of the last two
# thirds: the emit time, each analyzer's time by the compiler's clock, their share of emit + analyzers, and by the
# clock what ours add beyond the control as a share of emit + control. Both shares leave parsing, the source
# generators and the SDK's analyzers out of the denominator, so they are upper bounds of a build's. Not part of the
# test run.
set -euo pipefail
[[ $# -ge 1 ]] || { sed -n '2,14p' "$0"; exit 1; }
LOG="$1"
ROUNDS="${2:-24}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/analyzers/benchmarks/build-analyzers.sh"
build_control_analyzers
echo "Building the timer (Release)..."
dotnet build "$ROOT/analyzers/benchmarks/AnalyzerTimer/StretchBindings.AnalyzerTimer.csproj" -c Release -nologo -v:q >/dev/null ||
  { echo "error: the timer did not build (run the command above without -v:q)" >&2; exit 1; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sb-time.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
python3 "$ROOT/analyzers/benchmarks/csc-command.py" "$LOG" "$WORK"
ANALYZER_DLL="$ANALYZER_DLL" \
CONTROL_DLL="$EMPTY_DLL" \
DOTNET_TieredCompilation=0 \
  dotnet "$ROOT/artifacts/bin/StretchBindings.AnalyzerTimer/release/StretchBindings.AnalyzerTimer.dll" "$WORK" "$ROUNDS"
