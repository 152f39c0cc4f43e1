#!/usr/bin/env bash
# Instruction counts of the stretcher under callgrind.
#
# Usage: bench/callgrind.sh PATH/TO/stretch_bench [OUTPUT_DIR]
#
# Builds nothing: pass a stretch_bench that is already built (Release; add -g if you want
# line-level annotations). For each preset (0 = default, 1 = cheaper), sample rate (44100,
# 96000) and channel count (1, 2, 8) it runs the benchmark
# BM_RenderOnce/preset:P/rate:R/channels:C, which performs exactly one stretch_render of the
# benchmark signal (4 s of music-like audio, +3 semitones, tempo 1.25), with callgrind
# collecting only inside stretch_render (--toggle-collect), so signal generation, instance
# creation and the benchmark harness are not counted. It prints the instructions executed
# (Ir), Ir per second of audio and the bytes the instance allocated, for each.
# The requirement is stated for 44.1 kHz stereo; STRETCH_CALLGRIND_ALL=0 runs only those two.
# STRETCH_ISA=portable in the environment measures the portable path (docs/native-engine.md);
# STRETCH_BENCH_FORMANTS=1 the same render with formant preservation on.
#
# The callgrind output files (callgrind.out.<preset>.<rate>.<channels>) stay in OUTPUT_DIR
# (default: a fresh temporary directory) for callgrind_annotate.
#
# Exit status: 0 on success, 1 on a usage or run error (missing valgrind, benchmark failed,
# no instructions counted).
set -euo pipefail

# Must match kSeconds in bench/bench_stretch.cpp.
AUDIO_SECONDS=4

usage() {
  sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'
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
rates=(44100 96000)
channel_counts=(1 2 8)
if [[ "${STRETCH_CALLGRIND_ALL:-1}" == "0" ]]; then
  rates=(44100)
  channel_counts=(2)
fi
printf '%-8s %6s %8s %16s %22s %15s\n' "preset" "rate" "channels" "Ir (render)" "Ir per second of audio" "instance bytes"
for preset in 0 1; do
  case "$preset" in
    0) name=default ;;
    1) name=cheaper ;;
  esac
  for rate in "${rates[@]}"; do
    for channels in "${channel_counts[@]}"; do
      case_name="BM_RenderOnce/preset:${preset}/rate:${rate}/channels:${channels}/"
      out="$outdir/callgrind.out.$name.$rate.$channels"
      log="$outdir/run.$name.$rate.$channels.log"
      if ! valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect=stretch_render \
          "$bench" --benchmark_filter="^${case_name}" > "$log" 2>&1; then
        echo "callgrind.sh: the run of $case_name failed; see $log" >&2
        status=1
        continue
      fi
      if grep -q "ERROR OCCURRED" "$log"; then
        echo "callgrind.sh: the benchmark reported an error for $case_name; see $log" >&2
        status=1
        continue
      fi
      if ! grep -q "$case_name" "$log"; then
        echo "callgrind.sh: $case_name did not run; see $log" >&2
        status=1
        continue
      fi
      # "summary:" (or "totals:") holds the collected event counts; Ir is the first event.
      ir="$(awk '/^(summary|totals):/ { print $2; exit }' "$out")"
      if [[ -z "$ir" || "$ir" == "0" ]]; then
        echo "callgrind.sh: no instructions counted for $case_name (is stretch_render in the binary?)" >&2
        status=1
        continue
      fi
      per_second="$(awk -v ir="$ir" -v s="$AUDIO_SECONDS" 'BEGIN { printf "%.0f", ir / s }')"
      # The benchmark's label: memory=<bytes stretch_create allocated>.
      bytes="$(grep -o 'memory=[0-9]*' "$log" | head -n 1 | cut -d= -f2)"
      printf '%-8s %6s %8s %16s %22s %15s\n' "$name" "$rate" "$channels" "$ir" "$per_second" "${bytes:-?}"
    done
  done
done
echo "callgrind output: $outdir"
exit "$status"
