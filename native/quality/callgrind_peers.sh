#!/usr/bin/env bash
# Instruction counts of this library and the stretchers it is compared with, for the render of
# native/bench/callgrind.sh: 4 s of music-like stereo at 44.1 kHz, +3 semitones, tempo 1.25, once.
#
# Usage: native/quality/callgrind_peers.sh PATH/TO/stretch_quality_peers [ENGINE...]
#        (engines default: ours rb3 rb2 signalsmith; build the tool with fetch_peers.sh)
#
# Callgrind collects only inside each engine's processing calls, not in creating the instance or
# generating the signal: stretch_render for ours; study(), process(), available() and retrieve()
# for Rubber Band (offline mode: its study pass is part of the cost); exact() for Signalsmith
# Stretch (called from signalsmith_exact, kept out of line). Prints Ir and Ir per second of audio.
set -euo pipefail

tool="${1:?usage: callgrind_peers.sh PATH/TO/stretch_quality_peers [ENGINE...]}"
shift
engines=("$@")
[[ ${#engines[@]} -gt 0 ]] || engines=(ours rb3 rb2 signalsmith)
outdir="$(mktemp -d "${TMPDIR:-/tmp}/stretch-callgrind-peers.XXXXXX")"
printf '%-20s %16s %22s\n' engine "Ir (render)" "Ir per second of audio"
for engine in "${engines[@]}"; do
  case "$engine" in
    ours) toggles=(--toggle-collect=stretch_render) ;;
    rb*) toggles=() 
         for f in study process available retrieve; do
           toggles+=("--toggle-collect=RubberBand::RubberBandStretcher::$f(*")
         done ;;
    signalsmith*) toggles=("--toggle-collect=*signalsmith_exact*") ;;
    *) echo "callgrind_peers.sh: unknown engine $engine" >&2; exit 1 ;;
  esac
  out="$outdir/callgrind.out.$engine"
  valgrind --tool=callgrind --callgrind-out-file="$out" "${toggles[@]}" "$tool" --render-once "$engine" \
    > "$outdir/run.$engine.log" 2>&1
  ir="$(awk '/^(summary|totals):/ { print $2; exit }' "$out")"
  printf '%-20s %16s %22.0f\n' "$engine" "$ir" "$(awk -v ir="$ir" 'BEGIN { print ir / 4 }')"
done
echo "callgrind output: $outdir"
