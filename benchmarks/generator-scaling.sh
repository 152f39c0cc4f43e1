#!/usr/bin/env bash
# How the generator's output and its compile grow with a manifest's size: generates manifests of
# 1,000 to 10,000 types, runs the generator and a full compile of its output, one process per size,
# and prints a Markdown table of seconds and peak memory, in total and per 1,000 types (measured
# against a manifest of no types, which holds the runtime and the compiler). Usage, from the
# repository root: benchmarks/generator-scaling.sh [sizes...]
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 2000 5000 10000}")
read -r -a sizes <<< "${sizes[*]}"
dotnet build -c Release -v q -nologo benchmarks/StretchBindings.Generator.Benchmarks >/dev/null
bench=artifacts/bin/StretchBindings.Generator.Benchmarks/release/StretchBindings.Generator.Benchmarks.dll

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< "$2"; }

base=$(dotnet "$bench" scaling 0)
base_s=$(field total_s "$base"); base_mb=$(field peak_mb "$base")
echo "| types | generated lines | seconds | CPU seconds | peak MB | seconds per 1,000 types | MB per 1,000 types |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
echo "| 0 | $(field lines "$base") | $base_s | $(field cpu_s "$base") | $base_mb | | |"
for n in "${sizes[@]}"; do
  line=$(dotnet "$bench" scaling "$n")
  s=$(field total_s "$line"); mb=$(field peak_mb "$line")
  if [ "$(field errors "$line")" != 0 ]; then echo "$n types: the output does not compile" >&2; exit 1; fi
  awk -v n="$n" -v s="$s" -v mb="$mb" -v bs="$base_s" -v bmb="$base_mb" -v l="$(field lines "$line")" -v c="$(field cpu_s "$line")" \
    'BEGIN { printf "| %d | %d | %.1f | %.1f | %d | %.2f | %.0f |\n", n, l, s, c, mb, (s - bs) * 1000 / n, (mb - bmb) * 1000 / n }'
done
