namespace ParallelBenchmark;

/// <summary>
/// How many cores this process used during a measurement, and how many the rest of the machine used
/// (from /proc/stat: busy time of all CPUs, hypervisor steal included, minus this process's time).
/// On a shared machine that second figure explains a speedup below the thread count.
/// </summary>
internal readonly struct CpuMeter
{
    private readonly TimeSpan _processTime;
    private readonly long _systemBusy;
    private readonly long _systemTotal;

    private CpuMeter(TimeSpan processTime, long systemBusy, long systemTotal)
    {
        _processTime = processTime;
        _systemBusy = systemBusy;
        _systemTotal = systemTotal;
    }

    public static CpuMeter Start()
    {
        (long busy, long total) = ReadProcStat();
        return new CpuMeter(Environment.CpuUsage.TotalTime, busy, total);
    }

    /// <summary>Cores used by this process and by everything else since <see cref="Start"/>, averaged over <paramref name="wallSeconds"/>.</summary>
    public (double ProcessCores, double? OtherCores) Stop(double wallSeconds)
    {
        double processCores = (Environment.CpuUsage.TotalTime - _processTime).TotalSeconds / wallSeconds;
        (long busy, long total) = ReadProcStat();
        if (_systemTotal <= 0 || total <= _systemTotal)
        {
            return (processCores, null);
        }

        double systemCores = (double)(busy - _systemBusy) / (total - _systemTotal) * Environment.ProcessorCount;
        return (processCores, Math.Max(0, systemCores - processCores));
    }

    // First line of /proc/stat: cpu user nice system idle iowait irq softirq steal ..., in clock ticks.
    private static (long Busy, long Total) ReadProcStat()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            string? line = reader.ReadLine();
            if (line is null || !line.StartsWith("cpu ", StringComparison.Ordinal))
            {
                return (0, 0);
            }

            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long Field(int index) => index < fields.Length ? long.Parse(fields[index], System.Globalization.CultureInfo.InvariantCulture) : 0;
            long idle = Field(4) + Field(5);
            long busy = Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8);
            return (busy, busy + idle);
        }
        catch (IOException)
        {
            return (0, 0);
        }
        catch (UnauthorizedAccessException)
        {
            return (0, 0);
        }
    }
}
