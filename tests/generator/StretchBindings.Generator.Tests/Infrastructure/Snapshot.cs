namespace StretchBindings.Generator.Tests.Infrastructure;

/// <summary>
/// Compares generated text with a checked-in <c>Snapshots/&lt;name&gt;.verified.cs</c>. On a
/// difference it writes <c>&lt;name&gt;.received.cs</c> beside it (diff the two; copy received over
/// verified to accept) and fails. With STRETCHBINDINGS_ACCEPT_SNAPSHOTS=1 it accepts at once.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "STRETCHBINDINGS_ACCEPT_SNAPSHOTS";

    public static void Verify(string name, string actual)
    {
        actual = actual.Replace("\r\n", "\n");
        string verified = Path.Combine(TestPaths.SnapshotDirectory, name + ".verified.cs");
        string received = Path.Combine(TestPaths.SnapshotDirectory, name + ".received.cs");
        string? expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(TestPaths.SnapshotDirectory);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No snapshot {verified} yet: review {received} and rename it to .verified.cs."
            : $"The generated source differs from {verified}: compare it with {received}. {FirstDifference(expected, actual)}");
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
