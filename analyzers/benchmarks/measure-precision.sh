#!/usr/bin/env bash
# Runs SB1001/SB1002 over real C# repositories and writes every report to a table for triage.
#
#   analyzers/benchmarks/measure-precision.sh OUT_DIR REPO_DIR [REPO_DIR...]
#   analyzers/benchmarks/measure-precision.sh OUT_DIR precision/repositories.tsv CHECKOUTS_DIR
#
# Each REPO_DIR is a checkout that builds with `dotnet build`: the first *.sln (or *.slnx) at its top, else
# the project dotnet finds there. With a repositories.tsv, each row names a checkout under CHECKOUTS_DIR
# (cloned and set to the row's commit by fetch-repositories.sh), the projects to build and the MSBuild
# properties that make it build with the packages at hand (PrecisionRemovePackages drops build-only
# packages that cannot be restored). The analyzers are added to every project through
# CustomAfterMicrosoftCommonTargets, with precision/NotThreadSafeTypes.txt
# (or TYPE_LIST=path) as the type list, warnings never fail the build, and each project writes a SARIF log.
#
# WITHOUT_ANALYZERS=1 builds the same projects the same way without the analyzers (no reports; timing.tsv then
# gives the compile time without them, to set beside a run with them, back to back on the same load).
#
# Writes to OUT_DIR:
#   reports.tsv    one line per SB1001/SB1002: repo, rule, file, line, message, and two empty columns,
#                  verdict (right/false) and group, to fill in by reading the code
#   timing.tsv     per repo: compile time (Csc), StretchBindings.Analyzers time, their share
#   <repo>.log     the build log (ReportAnalyzer=true)
# Not part of the test run; a large repository takes a while to build.
set -euo pipefail

[[ $# -ge 2 ]] || { sed -n '2,20p' "$0"; exit 1; }
OUT="$(mkdir -p "$1" && cd "$1" && pwd)"
shift
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TYPE_LIST="$(cd "$(dirname "${TYPE_LIST:-$ROOT/analyzers/benchmarks/precision/NotThreadSafeTypes.txt}")" && pwd)/$(basename "${TYPE_LIST:-NotThreadSafeTypes.txt}")"

source "$ROOT/analyzers/benchmarks/build-analyzers.sh"

INJECT="$OUT/StretchBindings.Precision.targets"
cat >"$INJECT" <<EOF
<Project>
  <!-- Added after every project's own targets: the analyzers under test, the type list, a SARIF log each. -->
  <PropertyGroup Condition="'\$(Language)' == 'C#'">
    <ReportAnalyzer>true</ReportAnalyzer>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <WarningsAsErrors></WarningsAsErrors>
    <ErrorLog>$OUT/sarif/\$(MSBuildProjectName)-\$(TargetFramework)-\$([System.Guid]::NewGuid().ToString('N')).sarif,version=2.1</ErrorLog>
  </PropertyGroup>
  <ItemGroup Condition="'\$(Language)' == 'C#' and '${WITHOUT_ANALYZERS:-0}' != '1'">
    <Analyzer Include="$ANALYZER_DLL" />
    <AdditionalFiles Include="$TYPE_LIST" />
  </ItemGroup>
  <ItemGroup Condition="'\$(Language)' == 'C#'">
    <PackageReference Remove="\$(PrecisionRemovePackages)" Condition="'\$(PrecisionRemovePackages)' != ''" />
  </ItemGroup>
</Project>
EOF

printf 'repo\trule\tfile\tline\tmessage\tverdict\tgroup\n' >"$OUT/reports.tsv"
printf 'repo\tcsc_s\tstretchbindings_s\tshare_percent\n' >"$OUT/timing.tsv"
# One line per repository: NAME<TAB>DIR<TAB>TARGETS (space-separated, relative to DIR)<TAB>MSBuild arguments.
ROWS=()
if [[ "$1" == *.tsv ]]; then
  [[ $# -eq 2 ]] || { echo "usage: $0 OUT_DIR repositories.tsv CHECKOUTS_DIR" >&2; exit 1; }
  CHECKOUTS="$(cd "$2" && pwd)"
  while IFS=$'\t' read -r NAME KIND ORIGIN COMMIT TARGETS ARGS; do
    [[ -z "$NAME" || "$NAME" == \#* || "$NAME" == name ]] && continue
    ROWS+=("$NAME"$'\t'"$CHECKOUTS/$NAME"$'\t'"$TARGETS"$'\t'"$ARGS")
  done <"$1"
else
  for REPO in "$@"; do
    REPO="$(cd "$REPO" && pwd)"
    ROWS+=("$(basename "$REPO")"$'\t'"$REPO"$'\t'"$(cd "$REPO" && find . -maxdepth 1 -name '*.sln' -o -maxdepth 1 -name '*.slnx' | head -n 1)"$'\t')
  done
fi

for ROW in "${ROWS[@]}"; do
  IFS=$'\t' read -r NAME REPO TARGETS ARGS <<<"$ROW"
  echo "== $NAME ($REPO: ${TARGETS:-the project dotnet finds there})"
  rm -rf "$OUT/sarif" && mkdir -p "$OUT/sarif"
  LOG="$OUT/$NAME.log"
  : >"$LOG"
  # A failing project is logged, not fatal: the other projects still count.
  # From inside the checkout: without a target, dotnet build takes the project it finds there.
  read -r -a TARGET_LIST <<<"${TARGETS:-.}"
  # shellcheck disable=SC2086  # ARGS is a list
  for TARGET in "${TARGET_LIST[@]}"; do
    [[ "$TARGET" == . ]] && TARGET=""
    (cd "$REPO" && dotnet build ${TARGET:+"$TARGET"} --no-incremental -nologo -m:1 -v:d "-clp:PerformanceSummary" \
      "-p:CustomAfterMicrosoftCommonTargets=$INJECT" -p:TreatWarningsAsErrors=false $ARGS) >>"$LOG" 2>&1 || echo "   (the build of ${TARGET:-$NAME} reported errors; see $LOG)"
  done
  python3 - "$OUT/sarif" "$NAME" "$REPO" >>"$OUT/reports.tsv" <<'PY'
import json, os, sys
folder, repo, root = sys.argv[1], sys.argv[2], sys.argv[3]
seen = set()
for name in sorted(os.listdir(folder)):
    try:
        log = json.load(open(os.path.join(folder, name), encoding="utf-8-sig"))
    except (OSError, ValueError):
        continue
    for run in log.get("runs", []):
        for result in run.get("results", []):
            rule = result.get("ruleId", "")
            if rule not in ("SB1001", "SB1002"):
                continue
            where = (result.get("locations") or [{}])[0].get("physicalLocation", {})
            uri = where.get("artifactLocation", {}).get("uri", "").replace("file://", "")
            line = where.get("region", {}).get("startLine", 0)
            message = result.get("message", {}).get("text", "").replace("\t", " ").replace("\n", " ")
            key = (rule, uri, line, message)
            if key in seen:      # a project built for several target frameworks reports once per framework
                continue
            seen.add(key)
            print("\t".join([repo, rule, os.path.relpath(uri, root) if uri.startswith("/") else uri, str(line), message, "", ""]))
PY
  CSC_MS="$(grep -E '^\s+[0-9]+ ms\s+Csc\s+[0-9]+ calls' "$LOG" | awk '{sum += $1} END {print sum + 0}' || true)"
  OURS_S="$(grep -E '^\s+[0-9.<]+\s+[0-9<]+\s+StretchBindings\.Analyzers, Version' "$LOG" \
    | awk '{v = $1; if (v ~ /^</) { v = 0.0005 } sum += v} END {printf "%.3f", sum}' || true)"
  awk -v repo="$NAME" -v csc_ms="${CSC_MS:-0}" -v ours="${OURS_S:-0}" 'BEGIN {
    share = csc_ms > 0 ? 100 * ours * 1000 / csc_ms : 0
    printf "%s\t%.2f\t%.3f\t%.2f\n", repo, csc_ms / 1000, ours, share
  }' >>"$OUT/timing.tsv"
done

echo
echo "Reports per repository and rule:"
awk -F'\t' 'NR > 1 {count[$1 "\t" $2]++} END {for (k in count) print "  " k "\t" count[k]}' "$OUT/reports.tsv" | sort
echo
echo "Cost (wall-clock time the compiler reports; run on an idle machine):"
column -t -s $'\t' "$OUT/timing.tsv" | sed 's/^/  /'
echo
echo "Fill in the verdict and group columns of $OUT/reports.tsv, then: analyzers/benchmarks/summarize-precision.sh $OUT/reports.tsv"
