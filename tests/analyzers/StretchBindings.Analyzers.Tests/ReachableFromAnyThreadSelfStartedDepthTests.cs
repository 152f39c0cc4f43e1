using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>
/// How far SB1002 follows a use back to the members that reach it when an object starts its own thread: four calls
/// from the use to the started member, or to a member its callers can call. A use deeper than that is not judged
/// (docs/analyzer-precision.md, known limits); these tests hold the bound where it is.
/// </summary>
public sealed class ReachableFromAnyThreadSelfStartedDepthTests
{
    [Fact]
    public async Task A_use_four_calls_below_the_started_member_is_reached()
    {
        await AnalyzerHarness.VerifyAsync(new ReachableFromAnyThreadAnalyzer(), """
            sealed class Engine
            {
                private readonly Stretcher {|SB1002:_stretcher|} = new();

                public void Start() => new Thread(Loop).Start();

                public void Reset() => _stretcher.Reset();

                private void Loop() => First();
                private void First() => Second();
                private void Second() => Third();
                private void Third() => Fourth();
                private void Fourth() => _stretcher.Process(256);
            }
            """);
    }

    [Fact]
    public async Task A_use_five_calls_below_the_started_member_is_not_followed()
    {
        await AnalyzerHarness.VerifyAsync(new ReachableFromAnyThreadAnalyzer(), """
            sealed class Engine
            {
                private readonly Stretcher _stretcher = new();

                public void Start() => new Thread(Loop).Start();

                public void Reset() => _stretcher.Reset();

                private void Loop() => First();
                private void First() => Second();
                private void Second() => Third();
                private void Third() => Fourth();
                private void Fourth() => Fifth();
                private void Fifth() => _stretcher.Process(256);
            }
            """);
    }
}
