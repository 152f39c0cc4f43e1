using AnalyzerDemo;

// Stretches 64 blocks of a test tone on all cores. Each worker of the Parallel.For creates its own
// Stretcher (localInit) and disposes it when done (localFinally): nothing is shared, SB1001 is quiet.
const int BlockCount = 64;
const int BlockLength = 4096;
float[] tone = Enumerable.Range(0, BlockLength).Select(i => MathF.Sin(i * 0.05f)).ToArray();
var written = new int[BlockCount];

Parallel.For(0, BlockCount, () => new Stretcher(1.5f), (block, loopState, stretcher) =>
{
    var output = new float[BlockLength * 2];
    written[block] = stretcher.Process(tone, output);
    return stretcher;
}, stretcher => stretcher.Dispose());

Console.WriteLine($"Stretched {BlockCount} blocks into {written.Sum()} frames.");
