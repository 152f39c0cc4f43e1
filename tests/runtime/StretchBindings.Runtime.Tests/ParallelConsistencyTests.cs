namespace StretchBindings.Runtime.Tests;

/// <summary>
/// Independent instances on many threads at once give exactly what they give one after another:
/// the native core has no shared state, so parallelism cannot change a single bit.
/// </summary>
public sealed class ParallelConsistencyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(64)]
    public void Parallel_For_matches_the_serial_reference(int count)
    {
        Job[] jobs = Job.Many(count);
        float[][] serial = jobs.Select(job => job.Run()).ToArray();

        var parallel = new float[count][];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) },
            i => parallel[i] = jobs[i].Run());

        AssertSame(jobs, serial, parallel);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(64)]
    public async Task Task_Run_matches_the_serial_reference(int count)
    {
        Job[] jobs = Job.Many(count).Reverse().ToArray();
        float[][] serial = jobs.Select(job => job.Run()).ToArray();

        float[][] parallel = await Task.WhenAll(jobs.Select(job => Task.Run(job.Run)));

        AssertSame(jobs, serial, parallel);
    }

    [Fact]
    public void Instances_reused_per_worker_through_localInit_match_the_serial_reference()
    {
        // One instance per worker, each rendering many jobs of its configuration in turn.
        Job[] jobs = Job.Many(24).Select(job => job with { Channels = 2, SampleRate = 44100 }).ToArray();
        Assert.Contains(jobs, job => job.Preset == StretchPreset.Cheaper);
        Assert.Contains(jobs, job => job.Preset == StretchPreset.Default);
        float[][] serial = jobs.Select(job => job.Run()).ToArray();

        var parallel = new float[jobs.Length][];
        Parallel.For(0, jobs.Length,
            () => (Default: new Stretch(2, 44100, StretchPreset.Default), Cheaper: new Stretch(2, 44100, StretchPreset.Cheaper)),
            (i, _, local) =>
            {
                Stretch stretch = jobs[i].Preset == StretchPreset.Cheaper ? local.Cheaper : local.Default;
                parallel[i] = jobs[i].RunOn(stretch);
                return local;
            },
            local =>
            {
                local.Default.Dispose();
                local.Cheaper.Dispose();
            });

        AssertSame(jobs, serial, parallel);
    }

    [Fact]
    public void The_same_parallel_batch_twice_gives_identical_results()
    {
        Job[] jobs = Job.Many(16);

        float[][] Batch()
        {
            var results = new float[jobs.Length][];
            Parallel.For(0, jobs.Length, i => results[i] = jobs[i].Run());
            return results;
        }

        float[][] first = Batch();
        float[][] second = Batch();

        AssertSame(jobs, first, second);
    }

    private void AssertSame(Job[] jobs, float[][] expected, float[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < jobs.Length; i++)
        {
            Job job = jobs[i];
            Assert.Equal(Stretch.OutputFrames(job.Input.Length / job.Channels, job.Tempo) * job.Channels, actual[i].Length);
            Assert.True(TestSignals.HasSignal(expected[i]), $"job {job.Index} produced silence");
            Assert.True(TestSignals.BitIdentical(expected[i], actual[i]), $"job {job} differs from its serial reference");
        }

        output.WriteLine($"{jobs.Length} jobs bit-identical ({jobs.Sum(j => j.Input.Length)} input samples)");
    }
}
