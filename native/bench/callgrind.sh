#!/usr/bin/env bash
# Instruction counts of the stretcher under callgrind.
#
# Usage: bench/callgrind.sh PATH/TO/stretch_bench [OUTPUT_DIR]
#
# Builds nothing: pass a stretch_bench that is already built (Release; add -g if you want
# line-level annotations). For each preset (0 = default, 1 = cheaper) it runs the benchmark
# BM_RenderOnce/preset:N, which performs exactly one stretch_render of the benchmark signal
# (4 s of music-like stereo audio at 44.1 kHz, +3 semitones, tempo 1.25), with callgrind
# collecting only inside stretch_render (--toggle-collect), so signal generation, instance
# creation and the benchmark harness are not counted. It prints the instructions executed
# (Ir) and Ir per second of audio for each preset.
#
# The callgrind output files (callgrind.out.default, callgrind.out.cheaper) stay in
# OUTPUT_DIR (default: a fresh temporary directory) for callgrind_annotate.
#
# Exit status: 0 on success, 1 on a usage or run error (missing valgrind, benchmark failed,
# no instructions counted).
set -euo pipefail

# Must match kSeconds in bench/bench_stretch.cpp.
AUDIO_SECONDS=4

usage() {
  sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
}

if [[ $# -lt 1 || $# -gt 2 || "$1" == "-h" || "$1" == "--help" ]]; then
  usage >&2
  exit 1
fi

bench="$1"
if [[ ! -x "$bench" ]]; then
  echo "callgrind.sh: '$bench' is not an executable stretch_bench" >&2
  exit 1
fi
if ! command -v valgrind > /dev/null 2>&1; then
  echo "callgrind.sh: valgrind is not installed (apt-get install valgrind)" >&2
  exit 1
fi

outdir="${2:-}"
if [[ -z "$outdir" ]]; then
  outdir="$(mktemp -d "${TMPDIR:-/tmp}/stretch-callgrind.XXXXXX")"
fi
mkdir -p "$outdir"

status=0
printf '%-8s %18s %22s\n' "preset" "Ir (render)" "Ir per second of audio"
for preset in 0 1; do
  case "$preset" in
    0) name=default ;;
    1) name=cheaper ;;
  esac
  out="$outdir/callgrind.out.$name"
  log="$outdir/run.$name.log"
  if ! valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect=stretch_render \
      "$bench" --benchmark_filter="^BM_RenderOnce/preset:${preset}/" > "$log" 2>&1; then
    echo "callgrind.sh: the run for preset $name failed; see $log" >&2
    status=1
    continue
  fi
  if grep -q "ERROR OCCURRED" "$log"; then
    echo "callgrind.sh: the benchmark reported an error for preset $name; see $log" >&2
    status=1
    continue
  fi
  if ! grep -q "BM_RenderOnce/preset:${preset}/" "$log"; then
    echo "callgrind.sh: BM_RenderOnce/preset:$preset did not run; see $log" >&2
    status=1
    continue
  fi
  # "summary:" (or "totals:") holds the collected event counts; Ir is the first event.
  ir="$(awk '/^(summary|totals):/ { print $2; exit }' "$out")"
  if [[ -z "$ir" || "$ir" == "0" ]]; then
    echo "callgrind.sh: no instructions counted for preset $name (is stretch_render in the binary?)" >&2
    status=1
    continue
  fi
  per_second="$(awk -v ir="$ir" -v s="$AUDIO_SECONDS" 'BEGIN { printf "%.0f", ir / s }')"
  printf '%-8s %18s %22s\n' "$name" "$ir" "$per_second"
done
echo "callgrind output: $outdir"
exit "$status"
