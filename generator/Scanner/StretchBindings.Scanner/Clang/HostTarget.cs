using System.Runtime.InteropServices;

namespace StretchBindings.Scanner.Clang;

/// <summary>
/// The target a scan is for when none is given: this machine, spelled the same whichever libclang
/// runs. Each libclang build has its own default spelling (Debian's libclang says
/// x86_64-pc-linux-gnu, LLVM's NuGet one x86_64-unknown-linux-gnu), and the manifest records the
/// triple, so the scanner names it rather than take the library's default.
/// </summary>
internal static class HostTarget
{
    /// <summary>The GNU-style triple of this machine, or null where the library's default is used (macOS, musl, other architectures).</summary>
    public static string? Triple => (OperatingSystem.IsLinux() && !IsMusl, OperatingSystem.IsWindows(), RuntimeInformation.ProcessArchitecture) switch
    {
        (true, _, Architecture.X64) => "x86_64-pc-linux-gnu",
        (true, _, Architecture.Arm64) => "aarch64-unknown-linux-gnu",
        (_, true, Architecture.X64) => "x86_64-pc-windows-msvc",
        (_, true, Architecture.Arm64) => "aarch64-pc-windows-msvc",
        _ => null,
    };

    // Alpine and other musl systems have their own triples (x86_64-alpine-linux-musl).
    private static bool IsMusl => RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal);
}
