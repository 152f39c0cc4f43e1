#!/usr/bin/env bash
# What loading the analyzers adds to one real compilation, by the clock, with and without them and against a control.
#
#   analyzers/benchmarks/measure-compiler-overhead.sh BUILD_LOG [ROUNDS]
#
# BUILD_LOG is a log of measure-precision.sh (<repo>.log); its first Csc command line (csc-command.py) is run again
# from the project's folder in three ways, in a rotating order, ROUNDS times (default 9):
#   none    without any StretchBindings analyzer;
#   empty   with empty-rules/, three analyzers that register the same actions as ours and do nothing in them: the
#           cost of the compiler's analyzer driver for any analyzer of that shape (operation trees, compilation
#           events, the driver's own code compiled at run time in a fresh process);
#   ours    with the analyzers (ANALYZER_DLL, or a Release build of the tree).
# PROBES="start symbol syntax operation" (any of them) adds, for each, one analyzer registering only that kind of
# action with an empty body (empty-rules/ActionKindProbes.cs): what each kind costs the driver by itself.
# Both ways a build runs the compiler: a fresh process per compilation, and the compiler server (`csc /shared`, after
# WARMUP rounds, default 6, that are not timed; a server this script starts is stopped by its process id at the end).
# Prints the median wall and processor time of each, the shares of the compilation without analyzers that the two
# add, what ours add beyond the control, and the compiler's own report of ours (`/reportanalyzer`: the sum of the time
# their callbacks ran, which is how measure-precision.sh reads the share), taken in runs of their own because timing
# every callback slows the driver down. Run it on an idle machine: the wall time of a one-second compilation moves by
# more than these differences with the load. Not part of the test run.
set -euo pipefail

[[ $# -ge 1 ]] || { sed -n '2,21p' "$0"; exit 1; }
LOG="$1"
ROUNDS="${2:-9}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/analyzers/benchmarks/build-analyzers.sh"
build_control_analyzers

WORK="$(mktemp -d "${TMPDIR:-/tmp}/sb-overhead.XXXXXX")"
source "$ROOT/analyzers/benchmarks/compiler-servers.sh"
trap 'stop_new_compiler_servers; rm -rf "$WORK"' EXIT
PROBE_DLLS=()
for SHAPE in ${PROBES:-}; do
  dotnet build "$ROOT/analyzers/benchmarks/empty-rules/StretchBindings.EmptyRules.csproj" -c Release -nologo -v:q \
    "-p:EmptyRulesShape=$SHAPE" >"$WORK/probe-$SHAPE.log" 2>&1 ||
    { cat "$WORK/probe-$SHAPE.log"; echo "error: the $SHAPE probe did not build" >&2; exit 1; }
  PROBE_DLLS+=("$SHAPE=$ROOT/artifacts/bin/StretchBindings.EmptyRules/release_$SHAPE/StretchBindings.EmptyRules.dll")
done
python3 "$ROOT/analyzers/benchmarks/csc-command.py" "$LOG" "$WORK"

python3 - "$WORK" "$ROUNDS" "${WARMUP:-6}" "$EMPTY_DLL" "$ANALYZER_DLL" "${PROBE_DLLS[@]}" <<'PY'
import os, re, statistics, subprocess, sys, time

work, rounds, warmup, empty_dll, our_dll = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
csc = open(os.path.join(work, "csc")).read().strip()
folder = open(os.path.join(work, "folder")).read().strip()
variants = {"none": [], "empty": ["/analyzer:" + empty_dll], "ours": ["/analyzer:" + our_dll]}
for probe in sys.argv[6:]:
    shape, dll = probe.split("=", 1)
    variants["only " + shape] = ["/analyzer:" + dll]
# Timing every callback slows the driver down, so the compiler's report comes from runs of their own.
reporting = ["/analyzer:" + our_dll, "/reportanalyzer"]
order = list(variants)

def run(extra):
    """One compilation: wall seconds, processor seconds (the compiler process, or the client under the server),
    and the compiler's report of our analyzers' time when asked for."""
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run([csc, "/noconfig", "@" + os.path.join(work, "args.rsp")] + extra, cwd=folder,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wall = time.perf_counter() - start
    after = os.times()
    if done.returncode != 0:
        sys.exit("error: the compilation failed:\n" + done.stdout[-2000:])
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    reported = re.search(r"^\s*([0-9.<]+)\s+\d+\s+StretchBindings\.Analyzers,", done.stdout, re.M)
    return wall, cpu, (float(reported.group(1).lstrip("<")) if reported else None)

def measure(extra_for_all, count):
    results = {name: [] for name in variants}
    for r in range(count):
        for i in range(len(order)):  # rotate the order so that no variant always runs first in a round
            name = order[(r + i) % len(order)]
            results[name].append(run(extra_for_all + variants[name]))
    results["reported"] = [run(extra_for_all + reporting) for _ in range(count)]
    return results

def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")

def report(title, results, server):
    wall = {n: median([w for w, _, _ in results[n]]) for n in variants}
    cpu = {n: median([c for _, c, _ in results[n]]) for n in variants}
    ours_reported = median([rep for _, _, rep in results["reported"]])
    print(f"\n## {title} ({rounds} rounds, load average {open('/proc/loadavg').read().split()[0]} at the end)\n")
    print("| | " + " | ".join("empty (control)" if n == "empty" else n for n in variants) + " |")
    print("| --- |" + " ---: |" * len(variants))
    print("| wall, median (s) | " + " | ".join(f"{wall[n]:.3f}" for n in variants) + " |")
    if not server:  # under the server the compiling runs in another process: the client's processor time is not it
        print("| processor, median (s) | " + " | ".join(f"{cpu[n]:.3f}" for n in variants) + " |")
    share = lambda a, b, base: 100 * (wall[a] - wall[b]) / wall[base]
    print(f"\n- Wall time added to the compilation without analyzers: control {share('empty', 'none', 'none'):+.1f}%, "
          f"ours {share('ours', 'none', 'none'):+.1f}%; ours beyond the control {share('ours', 'empty', 'none'):+.1f}%.")
    for probe in [n for n in variants if n.startswith("only ")]:
        print(f"- Wall time added by an analyzer with {probe[5:]} actions only: {share(probe, 'none', 'none'):+.1f}%.")
    if not server:
        cshare = 100 * (cpu["ours"] - cpu["empty"]) / cpu["none"]
        print(f"- Processor time ours beyond the control: {cshare:+.1f}% of the compilation without analyzers.")
    print(f"- The compiler's report of ours (runs of their own): {ours_reported:.3f} s, "
          f"{100 * ours_reported / wall['ours']:.1f}% of the compilation's wall time with them.")

report("A fresh compiler process per compilation", measure([], rounds), server=False)
measure(["/shared"], warmup)
report("The compiler server, warm", measure(["/shared"], rounds), server=True)
PY
