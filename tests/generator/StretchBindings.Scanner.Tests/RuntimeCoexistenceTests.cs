using System.Runtime.CompilerServices;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary>libclang shares the process with the .NET runtime, which turns hardware faults into exceptions.</summary>
public sealed class RuntimeCoexistenceTests
{
    private sealed class Holder
    {
        public int Value { get; init; }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Read(Holder? holder) => holder!.Value;

    // libclang's crash recovery installs its own SIGSEGV handler; left on, it would turn the
    // runtime's NullReferenceException (a SIGSEGV underneath) into a process crash.
    [ClangFact]
    public void A_null_reference_after_a_scan_is_still_an_ordinary_exception()
    {
        Scans.Header("layout.h");
        Assert.Throws<NullReferenceException>(() => Read(null));
        Scans.Header("layout.h");
        Assert.Throws<NullReferenceException>(() => Read(null));
    }
}
