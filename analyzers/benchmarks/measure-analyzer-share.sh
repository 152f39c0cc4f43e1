#!/usr/bin/env bash
# Measures what the StretchBindings analyzers cost in a large build.
#
# Generates a project of FILE_COUNT (default 2000) C# files in a temporary folder, builds it once
# with -p:ReportAnalyzer=true, and prints the analyzers' share of the compiler's time. Every
# CONCURRENT_EVERY-th file (default 10) is a module that stretches audio concurrently: parallel
# loops, PLINQ, tasks, threads, locks, thread-statics and native declarations, all of which the
# analyzers must look at closely; the other files are ordinary application code (LINQ, async,
# records, delegates) that they must pass over cheaply. CONCURRENT_EVERY=1 makes every file a
# concurrent module, the worst case. Not part of the test run: it takes a few minutes.
#
#   analyzers/benchmarks/measure-analyzer-share.sh [FILE_COUNT]
#   CONCURRENT_EVERY=1 analyzers/benchmarks/measure-analyzer-share.sh
#
# Environment: KEEP_BENCHMARK_DIR=1 keeps the generated project (its path is printed).
set -euo pipefail

FILE_COUNT="${1:-2000}"
CONCURRENT_EVERY="${CONCURRENT_EVERY:-10}"
TARGET_SHARE_PERCENT=5
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sb-analyzer-benchmark.XXXXXX")"
if [[ "${KEEP_BENCHMARK_DIR:-0}" != 1 ]]; then
  trap 'rm -rf "$WORK"' EXIT
fi

source "$ROOT/analyzers/benchmarks/build-analyzers.sh"

echo "Generating $FILE_COUNT files (one in $CONCURRENT_EVERY starting concurrent work) in $WORK..."
PROJECT="$WORK/Generated"
mkdir -p "$PROJECT/Source"
cp "$ROOT/native/include/stretch/stretch.native.json" "$PROJECT/stretch.native.json"

cat >"$PROJECT/Generated.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <!-- Only the compiler and the analyzers under test: no SDK analyzers in the measurement. -->
    <EnableNETAnalyzers>false</EnableNETAnalyzers>
    <UseSharedCompilation>false</UseSharedCompilation>
  </PropertyGroup>
  <ItemGroup>
    <Analyzer Include="$ANALYZER_DLL" />
    <AdditionalFiles Include="stretch.native.json" />
  </ItemGroup>
</Project>
EOF

cat >"$PROJECT/Source/Common.cs" <<'EOF'
using System.Runtime.InteropServices;

namespace StretchBindings.Interop
{
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class NotThreadSafeAttribute : Attribute { }
}

namespace Generated
{
    [StretchBindings.Interop.NotThreadSafe]
    public sealed class Stretcher : IDisposable
    {
        private float _phase;
        public int Process(int block) { _phase += block; return (int)_phase; }
        public void Reset() => _phase = 0;
        public void Dispose() { }
    }

    internal static partial class Native
    {
        [DllImport("stretch"), SuppressGCTransition]
        public static extern int stretch_channels(IntPtr s);

        [DllImport("stretch")]
        public static extern int stretch_process(IntPtr s, IntPtr input, int inputSamples, IntPtr output, int outputCapacity);
    }
}
EOF

write_ordinary_module() {
  local i="$1"
  cat >"$PROJECT/Source/Module$i.cs" <<EOF
namespace Generated.Module$i;

public sealed record Order$i(int Id, string Customer, decimal Amount, DateTime Placed);

public enum Status$i { Pending, Shipped, Cancelled }

public sealed class OrderService$i
{
    private readonly List<Order$i> _orders = new();
    private readonly Dictionary<string, decimal> _totals = new(StringComparer.Ordinal);
    public event Action<Order$i>? Added;

    public int Count => _orders.Count;

    public void Add(Order$i order)
    {
        _orders.Add(order);
        _totals[order.Customer] = _totals.TryGetValue(order.Customer, out decimal total) ? total + order.Amount : order.Amount;
        Added?.Invoke(order);
    }

    public IReadOnlyList<Order$i> Recent(int days) =>
        _orders.Where(o => o.Placed > DateTime.UtcNow.AddDays(-days)).OrderByDescending(o => o.Placed).ToList();

    public IEnumerable<(string Customer, decimal Total)> TopCustomers(int count) =>
        _totals.OrderByDescending(p => p.Value).Take(count).Select(p => (p.Key, p.Value));

    public async Task<decimal> TotalAsync(Func<Order$i, Task<bool>> filter)
    {
        decimal sum = 0;
        foreach (Order$i order in _orders)
        {
            if (await filter(order).ConfigureAwait(false))
            {
                sum += order.Amount;
            }
        }

        return sum;
    }

    public Status$i Classify(Order$i order) => order switch
    {
        { Amount: < 0 } => Status$i.Cancelled,
        { Placed.Year: < 2000 } => Status$i.Shipped,
        _ => Status$i.Pending,
    };

    public string Describe(Order$i order)
    {
        var parts = new List<string> { order.Id.ToString(), order.Customer };
        parts.ForEach(p => _ = p.Length);
        Action<string> log = message => Console.WriteLine(message);
        log.Invoke(string.Join(", ", parts));
        return \$"{order.Customer}: {order.Amount:C} on {order.Placed:d} ({Classify(order)})";
    }
}
EOF
}

for ((i = 0; i < FILE_COUNT; i++)); do
  if ((i % CONCURRENT_EVERY != 0)); then
    write_ordinary_module "$i"
    continue
  fi

  cat >"$PROJECT/Source/Module$i.cs" <<EOF
namespace Generated.Module$i;

public sealed class Processor$i : IDisposable
{
    private static readonly object s_gate = new();
    [ThreadStatic] private static Stretcher? t_stretcher;
    private static readonly ThreadLocal<Stretcher> s_perThread = new(() => new Stretcher());
    private readonly Stretcher _own = new();
    private readonly float[] _gains = Enumerable.Range(0, 64).Select(x => x * 0.5f).ToArray();

    public int RenderAll(int blocks)
    {
        var results = new int[blocks];
        Parallel.For(0, blocks, () => new Stretcher(), (block, state, stretcher) =>
        {
            results[block] = stretcher.Process(block + $i);
            return stretcher;
        }, stretcher => stretcher.Dispose());
        Parallel.For(0, blocks, block => results[block] += s_perThread.Value!.Process(block));
        Parallel.For(0, blocks, block => results[block] += (t_stretcher ??= new Stretcher()).Process(block));
        return results.Sum();
    }

    public async Task<int> SequentialAsync(int block)
    {
        using var stretcher = new Stretcher();
        int first = await Task.Run(() => stretcher.Process(block));
        Task<int> second = Task.Run(() => stretcher.Process(block + 1));
        int total = first + await second;
        var tasks = new List<Task<int>>();
        for (int i = 0; i < 4; i++)
        {
            int index = i;
            tasks.Add(Task.Run(() => Compute(index)));
        }

        await Task.WhenAll(tasks);
        return total + stretcher.Process(tasks.Sum(t => t.Result));
    }

    public int Guarded(int blocks)
    {
        int sum = 0;
        Parallel.For(0, blocks, block =>
        {
            lock (s_gate)
            {
                sum += _own.Process(block);
            }
        });
        var worker = new Thread(() => Interlocked.Add(ref sum, Compute(blocks)));
        worker.Start();
        worker.Join();
        return sum + _own.Process(sum);
    }

    public float Mix(ReadOnlySpan<float> input)
    {
        float total = 0;
        for (int i = 0; i < input.Length; i++)
        {
            total += input[i] * _gains[i % _gains.Length];
        }

        return total + _gains.AsParallel().Where(g => g > 1).Select(g => g * 2).Sum();
    }

    private static int Compute(int value)
    {
        int hash = value;
        foreach (int step in Enumerable.Range(0, 16).Where(x => x % 3 != 0))
        {
            hash = unchecked(hash * 31 + step);
        }

        return hash switch
        {
            < 0 => -hash,
            > 1000 => hash % 1000,
            _ => hash,
        };
    }

    public void Dispose() => _own.Dispose();
}
EOF
done

echo "Restoring..."
dotnet restore "$PROJECT/Generated.csproj" -nologo -v:q >/dev/null

echo "Building with -p:ReportAnalyzer=true (this takes a while)..."
LOG="$WORK/build.log"
if ! dotnet build "$PROJECT/Generated.csproj" -c Release --no-restore --no-incremental -nologo \
  -p:ReportAnalyzer=true -v:d "-clp:PerformanceSummary" -bl:"$WORK/build.binlog" >"$LOG" 2>&1; then
  tail -n 40 "$LOG" >&2
  echo "error: the generated project did not build" >&2
  exit 1
fi

# Csc's own time from the task performance summary, and the analyzers' time from the compiler's report
# ("Time (s)    %   Analyzer" lines under "Total analyzer execution time").
CSC_MS="$(grep -E '^\s+[0-9]+ ms\s+Csc\s+[0-9]+ calls' "$LOG" | tail -n 1 | awk '{print $1}')"
TOTAL_ANALYZERS_S="$(grep -E 'Total analyzer execution time: [0-9.]+ seconds' "$LOG" | head -n 1 | sed -E 's/.*: ([0-9.]+) seconds.*/\1/')"
OURS_S="$(grep -E '^\s+[0-9.<]+\s+[0-9<]+\s+StretchBindings\.Analyzers, Version' "$LOG" | head -n 1 | awk '{print $1}' | tr -d '<')"
if [[ -z "$CSC_MS" || -z "$OURS_S" ]]; then
  echo "error: could not find the timings in $LOG" >&2
  grep -nE 'analyzer execution|StretchBindings.Analyzers|Csc' "$LOG" | head -n 20 >&2 || true
  exit 1
fi

echo
echo "Analyzer report (from the compiler):"
sed -n '/Total analyzer execution time/,/^\s*$/p' "$LOG" | grep -E 'StretchBindings|Total analyzer|Analyzer$' | head -n 12
echo
awk -v csc_ms="$CSC_MS" -v ours_s="$OURS_S" -v all_s="${TOTAL_ANALYZERS_S:-0}" -v files="$FILE_COUNT" -v every="$CONCURRENT_EVERY" -v target="$TARGET_SHARE_PERCENT" 'BEGIN {
  share = 100 * ours_s * 1000 / csc_ms
  printf "Files: %d (one in %d starting concurrent work)\n", files, every
  printf "Compile (Csc task): %.2f s\n", csc_ms / 1000
  printf "All analyzers: %.3f s\n", all_s
  printf "StretchBindings.Analyzers: %.3f s = %.2f%% of compile time (target: under %d%%)\n", ours_s, share, target
  exit share < target ? 0 : 2
}'
echo "Load average after the run: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) cores (the compiler reports wall-clock time per analyzer)"
