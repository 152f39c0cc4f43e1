using Microsoft.CodeAnalysis.Testing;

namespace StretchBindings.Generator.Tests.Infrastructure;

/// <summary>
/// Compares generated text with a checked-in <c>Snapshots/&lt;name&gt;.verified.cs</c>. On a
/// difference it writes <c>&lt;name&gt;.received.cs</c> beside it (diff the two; copy received over
/// verified to accept) and fails. With STRETCHBINDINGS_ACCEPT_SNAPSHOTS=1 it accepts at once.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "STRETCHBINDINGS_ACCEPT_SNAPSHOTS";

    private static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) == "1";

    /// <summary>
    /// Runs the generator on the testing framework, expecting exactly the sources <paramref name="files"/>
    /// names (hint name, snapshot name) with their snapshots' text, and an output that compiles without
    /// warnings, and exactly the generator's <paramref name="diagnostics"/>. On a failure the framework's
    /// report (a diff) stands, and the received files are written.
    /// </summary>
    public static async Task VerifyGeneratedAsync(
        string source, ManifestSpec manifest, (string HintName, string Name)[] files, params DiagnosticResult[] diagnostics)
    {
        if (Accepting)
        {
            GeneratorRun accepted = GeneratorHarness.Run(source, manifest);
            foreach ((string hintName, string name) in files)
            {
                Verify(name, accepted.Source(hintName));
            }

            return;
        }

        var test = new GeneratorTest(source, [manifest]);
        test.TestState.ExpectedDiagnostics.AddRange(diagnostics);
        foreach ((string hintName, string name) in files)
        {
            test.ExpectSource(hintName, Read(VerifiedPath(name)) ?? string.Empty);
        }

        try
        {
            await test.RunAsync();
        }
        catch (Exception)
        {
            GeneratorRun run = GeneratorHarness.Run(source, manifest);
            foreach ((string hintName, string name) in files)
            {
                if (run.Sources.Keys.Any(key => key == hintName))
                {
                    Receive(name, Normalize(run.Sources[hintName]));
                }
            }

            throw;
        }
    }

    public static void Verify(string name, string actual)
    {
        actual = Normalize(actual);
        string verified = VerifiedPath(name);
        string? expected = Read(verified);
        if (expected == actual)
        {
            File.Delete(ReceivedPath(name));
            return;
        }

        if (Accepting)
        {
            Directory.CreateDirectory(TestPaths.SnapshotDirectory);
            File.WriteAllText(verified, actual);
            File.Delete(ReceivedPath(name));
            return;
        }

        string received = Receive(name, actual);
        Assert.Fail(expected is null
            ? $"No snapshot {verified} yet: review {received} and rename it to .verified.cs."
            : $"The generated source differs from {verified}: compare it with {received}. {FirstDifference(expected, actual)}");
    }

    private static string VerifiedPath(string name) => Path.Combine(TestPaths.SnapshotDirectory, name + ".verified.cs");

    private static string ReceivedPath(string name) => Path.Combine(TestPaths.SnapshotDirectory, name + ".received.cs");

    private static string Normalize(string text) => text.Replace("\r\n", "\n");

    private static string? Read(string path) => File.Exists(path) ? Normalize(File.ReadAllText(path)) : null;

    /// <summary>Writes the received text when it differs from the snapshot (and removes a stale one when not).</summary>
    private static string Receive(string name, string actual)
    {
        string received = ReceivedPath(name);
        if (Read(VerifiedPath(name)) == actual)
        {
            File.Delete(received);
        }
        else
        {
            File.WriteAllText(received, actual);
        }

        return received;
    }

    private static string FirstDifference(string expected, string actual)
    {
        string[] expectedLines = expected.Split('\n');
        string[] actualLines = actual.Split('\n');
        for (int i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            string? e = i < expectedLines.Length ? expectedLines[i] : null;
            string? a = i < actualLines.Length ? actualLines[i] : null;
            if (e != a)
            {
                return $"First difference at line {i + 1}: expected '{e}', got '{a}'.";
            }
        }

        return string.Empty;
    }
}
