#!/usr/bin/env bash
# Measures what the StretchBindings analyzers cost per compilation in a repository of many small projects.
#
# Generates PROJECT_COUNT (default 40) projects of three ordinary files each, all with the same
# NotThreadSafeTypes.txt (the BCL collections plus types of libraries the projects do not reference),
# builds them once with -p:ReportAnalyzer=true, and prints the analyzers' time summed over every
# compilation, per compilation, and as a share of the compiler's time. Here the fixed cost of starting the
# analyzers on a compilation dominates: few files, many compilations. Not part of the test run.
#
#   analyzers/benchmarks/measure-per-compilation-cost.sh [PROJECT_COUNT]
#
# Environment: KEEP_BENCHMARK_DIR=1 keeps the generated projects (their path is printed);
# SHARED_COMPILER=1 builds through the compiler server, as an ordinary build does, so that the analyzers
# are loaded and compiled to native code once for all compilations instead of once per compilation.
set -euo pipefail

PROJECT_COUNT="${1:-40}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sb-analyzer-compilations.XXXXXX")"
if [[ "${KEEP_BENCHMARK_DIR:-0}" != 1 ]]; then
  trap 'rm -rf "$WORK"' EXIT
fi

source "$ROOT/analyzers/benchmarks/build-analyzers.sh"

cat >"$WORK/NotThreadSafeTypes.txt" <<'EOF'
# The BCL collections, as a user lists them to have SB1001/SB1002 look at shared collections.
System.Collections.Generic.List`1
System.Collections.Generic.Dictionary`2
System.Collections.Generic.HashSet`1
System.Collections.Generic.Queue`1
System.Collections.Generic.Stack`1
System.Collections.Generic.SortedDictionary`2
System.Collections.Generic.SortedList`2
System.Collections.Generic.SortedSet`1
System.Collections.Generic.LinkedList`1
System.Collections.Generic.PriorityQueue`2
System.Collections.ArrayList
System.Collections.Hashtable
System.Collections.Specialized.NameValueCollection
System.Collections.Specialized.OrderedDictionary
System.Collections.ObjectModel.Collection`1
System.Collections.ObjectModel.ObservableCollection`1
System.Text.StringBuilder
System.IO.MemoryStream
System.Random
# Types of libraries these projects do not reference: must cost nothing.
Newtonsoft.Json.Linq.JObject
Newtonsoft.Json.Linq.JArray
Newtonsoft.Json.JsonSerializer
Microsoft.EntityFrameworkCore.DbContext
NHibernate.ISession
Lucene.Net.Index.IndexWriter
Lucene.Net.Search.IndexSearcher
SixLabors.ImageSharp.Image
NAudio.Wave.WaveFileReader
SkiaSharp.SKCanvas
SkiaSharp.SKPaint
Google.Protobuf.CodedOutputStream
StackExchange.Redis.Internal.PhysicalConnection
ThirdParty.Codecs.Opus.Decoder
ThirdParty.Codecs.Opus.Encoder
EOF

echo "Generating $PROJECT_COUNT projects in $WORK..."
TRAVERSAL="$WORK/Build.proj"
{
  echo '<Project>'
  echo '  <Target Name="Build">'
  echo '    <MSBuild Projects="@(P)" Targets="Build" BuildInParallel="false" />'
  echo '  </Target>'
  echo '  <Target Name="Restore">'
  echo '    <MSBuild Projects="@(P)" Targets="Restore" BuildInParallel="false" />'
  echo '  </Target>'
  echo '  <ItemGroup>'
} >"$TRAVERSAL"
for ((p = 0; p < PROJECT_COUNT; p++)); do
  DIR="$WORK/Project$p"
  mkdir -p "$DIR"
  cat >"$DIR/Project$p.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <EnableNETAnalyzers>false</EnableNETAnalyzers>
    <UseSharedCompilation>$([[ "${SHARED_COMPILER:-0}" == 1 ]] && echo true || echo false)</UseSharedCompilation>
  </PropertyGroup>
  <ItemGroup>
    <Analyzer Include="$ANALYZER_DLL" />
    <AdditionalFiles Include="../NotThreadSafeTypes.txt" />
  </ItemGroup>
</Project>
EOF
  for ((f = 0; f < 3; f++)); do
    cat >"$DIR/File$f.cs" <<EOF
namespace Project$p;

public sealed class Service$f
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly List<string> _names = new();

    public void Add(string name)
    {
        _names.Add(name);
        _counts[name] = _counts.TryGetValue(name, out int count) ? count + 1 : 1;
    }

    public IEnumerable<string> Frequent(int minimum) => _counts.Where(p => p.Value >= minimum).Select(p => p.Key);

    public async Task<int> CountAsync(Func<string, Task<bool>> keep)
    {
        int kept = 0;
        foreach (string name in _names)
        {
            if (await keep(name).ConfigureAwait(false))
            {
                kept++;
            }
        }

        return kept;
    }
}
EOF
  done
  echo "    <P Include=\"Project$p/Project$p.csproj\" />" >>"$TRAVERSAL"
done
{
  echo '  </ItemGroup>'
  echo '</Project>'
} >>"$TRAVERSAL"

echo "Restoring..."
dotnet msbuild "$TRAVERSAL" -t:Restore -nologo -v:q >/dev/null

echo "Building with -p:ReportAnalyzer=true (one compilation after the other)..."
LOG="$WORK/build.log"
if ! dotnet msbuild "$TRAVERSAL" -t:Build -p:Configuration=Release -m:1 -nologo \
  -p:ReportAnalyzer=true -v:d "-clp:PerformanceSummary" >"$LOG" 2>&1; then
  tail -n 40 "$LOG" >&2
  echo "error: the generated projects did not build" >&2
  exit 1
fi

CSC_MS="$(grep -E '^\s+[0-9]+ ms\s+Csc\s+[0-9]+ calls' "$LOG" | tail -n 1 | awk '{print $1}')"
# One "StretchBindings.Analyzers, Version=..." line per compilation ("<0.001" counts as 0.0005).
OURS_S="$(grep -E '^\s+[0-9.<]+\s+[0-9<]+\s+StretchBindings\.Analyzers, Version' "$LOG" \
  | awk '{v = $1; if (v ~ /^</) { v = 0.0005 } sum += v; n++} END {printf "%.4f %d", sum, n}')"
read -r OURS_SUM OURS_COUNT <<<"$OURS_S"
if [[ -z "$CSC_MS" || "$OURS_COUNT" == 0 ]]; then
  echo "error: could not find the timings in $LOG" >&2
  exit 1
fi

echo
awk -v csc_ms="$CSC_MS" -v ours_s="$OURS_SUM" -v n="$OURS_COUNT" 'BEGIN {
  printf "Compilations: %d\n", n
  printf "Compile (Csc task, all compilations): %.2f s\n", csc_ms / 1000
  printf "StretchBindings.Analyzers: %.3f s in all = %.1f ms per compilation = %.2f%% of compile time\n", ours_s, 1000 * ours_s / n, 100 * ours_s * 1000 / csc_ms
}'
echo "Load average after the run: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) cores (the compiler reports wall-clock time per analyzer)"
