using AnalyzerDemo;

// Stretches 64 blocks of a test tone on all cores. One Stretcher is shared by every worker of the
// Parallel.For: SB1001 reports it, and at run time the stretcher's guard may throw.
const int BlockCount = 64;
const int BlockLength = 4096;
float[] tone = Enumerable.Range(0, BlockLength).Select(i => MathF.Sin(i * 0.05f)).ToArray();
var written = new int[BlockCount];

using var stretcher = new Stretcher(1.5f);
Parallel.For(0, BlockCount, block =>
{
    var output = new float[BlockLength * 2];
    written[block] = stretcher.Process(tone, output);
});

Console.WriteLine($"Stretched {BlockCount} blocks into {written.Sum()} frames.");
