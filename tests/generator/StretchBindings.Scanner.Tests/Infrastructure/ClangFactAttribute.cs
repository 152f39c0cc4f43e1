using StretchBindings.Scanner.Clang;

namespace StretchBindings.Scanner.Tests.Infrastructure;

/// <summary>
/// A test that needs libclang. Without it the test is skipped with the loader's message, so a
/// missing libclang is reported by one failing test (<c>LibClangTests.Libclang_loads</c>), not by
/// every test that scans.
/// </summary>
public sealed class ClangFactAttribute : FactAttribute
{
    public ClangFactAttribute()
    {
        if (!LibClangLoader.TryEnsureLoaded(out _, out string? failure))
        {
            Skip = failure;
        }
    }
}

/// <summary>A theory that needs libclang; see <see cref="ClangFactAttribute"/>.</summary>
public sealed class ClangTheoryAttribute : TheoryAttribute
{
    public ClangTheoryAttribute()
    {
        if (!LibClangLoader.TryEnsureLoaded(out _, out string? failure))
        {
            Skip = failure;
        }
    }
}
