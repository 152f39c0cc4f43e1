using Microsoft.CodeAnalysis;
using StretchBindings.Generator.Tests.Infrastructure;

namespace StretchBindings.Generator.Tests;

/// <summary>[NativeKernel] declarations: the lowered stubs, the header check and the GC-transition rules.</summary>
public sealed class KernelTests
{
    private static ManifestSpec Zlib => ManifestSpec.FromFile(TestPaths.Manifest("zlib.native.json"), className: "Zlib", ns: "Compression", library: "z");

    private static ManifestSpec Stretch => ManifestSpec.FromFile(TestPaths.StretchManifest, className: "StretchNative", ns: "Audio.Native", library: "stretch");

    private const string Kernels = """
        using System;
        using System.Runtime.InteropServices;
        using StretchBindings.Interop;

        namespace Consumer;

        public sealed class FileHandle : SafeHandle
        {
            public FileHandle() : base(IntPtr.Zero, true) { }
            public override bool IsInvalid => handle == IntPtr.Zero;
            protected override bool ReleaseHandle() => true;
        }

        public static partial class ZlibKernels
        {
            [NativeKernel("z", EntryPoint = "crc32", ShortCall = true)]
            public static partial CULong Crc32(CULong crc, ReadOnlySpan<byte> buffer, uint length);

            [NativeKernel("z", EntryPoint = "adler32")]
            internal static unsafe partial CULong Adler32(CULong adler, byte* buffer, uint length);

            [NativeKernel("z", EntryPoint = "zlibVersion")]
            public static partial string? Version();

            [NativeKernel("z", EntryPoint = "compress2")]
            public static partial int Compress(Span<byte> destination, ref CULong destinationLength, byte[] source, CULong sourceLength, int level);

            [NativeKernel("z", EntryPoint = "gzdopen", SetLastError = true)]
            public static unsafe partial void* OpenDescriptor(int fd, string mode);
        }

        public partial struct Outer
        {
            internal static partial class Inner
            {
                [NativeKernel("c", EntryPoint = "isalpha", ShortCall = true)]
                public static partial int IsAlpha(int character);

                [NativeKernel("c", EntryPoint = "fake_bools")]
                public static partial bool Both(bool value, char letter, out int result, in double input);

                [NativeKernel("c", EntryPoint = "fsync")]
                public static partial int Sync(FileHandle handle);
            }
        }
        """;

    [Fact]
    public void Kernels_compile_without_warnings()
    {
        GeneratorRun run = GeneratorHarness.Run(Kernels, Zlib);
        run.AssertCompilesWithoutWarnings();
    }

    [Fact]
    public void Kernels_declared_where_nullable_annotations_are_off_compile_without_warnings()
    {
        const string source = """
            #nullable disable
            using StretchBindings.Interop;
            namespace Consumer;
            public static partial class K
            {
                [NativeKernel("z", EntryPoint = "zlibVersion")]
                public static partial string Version();

                [NativeKernel("c", EntryPoint = "puts")]
                public static partial int Print(string text);
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(source, Zlib);
        run.AssertCompilesWithoutWarnings();
    }

    [Fact]
    public void Kernels_snapshot()
    {
        GeneratorRun run = GeneratorHarness.Run(Kernels, Zlib);
        Snapshot.Verify("Kernels", run.Source("NativeKernels.g.cs"));
    }

    [Fact]
    public void A_blittable_kernel_is_the_stub_itself_and_a_short_call_suppresses_the_transition()
    {
        GeneratorRun run = GeneratorHarness.Run(Kernels, Zlib);
        string source = run.Source("NativeKernels.g.cs");
        Assert.Contains("internal static unsafe extern partial global::System.Runtime.InteropServices.CULong Adler32(", source, StringComparison.Ordinal);
        int isAlpha = source.IndexOf("IsAlpha", StringComparison.Ordinal);
        Assert.Contains("SuppressGCTransition", source.Substring(isAlpha - 200, 200), StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_short_call_annotation_applies_to_a_kernel_that_does_not_ask()
    {
        const string source = """
            using StretchBindings.Interop;
            namespace Consumer;
            public static unsafe partial class K
            {
                [NativeKernel("stretch", EntryPoint = "stretch_channels")]
                public static partial int Channels(void* instance);

                [NativeKernel("stretch", EntryPoint = "stretch_process")]
                public static partial int Process(void* instance, float* input, int inputSamples, float* output, int outputSamples);
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(source, Stretch);
        run.AssertCompilesWithoutWarnings();
        string generated = run.Source("NativeKernels.g.cs");
        string channels = generated.Substring(0, generated.IndexOf("Channels(", StringComparison.Ordinal));
        string process = generated.Substring(channels.Length, generated.IndexOf("Process(", StringComparison.Ordinal) - channels.Length);
        Assert.Contains("SuppressGCTransition", channels, StringComparison.Ordinal);
        Assert.DoesNotContain("SuppressGCTransition", process, StringComparison.Ordinal);
    }

    [Fact]
    public void Asking_for_a_short_call_the_header_calls_long_keeps_the_transition_and_leaves_the_error_to_SB1003()
    {
        const string source = """
            using StretchBindings.Interop;
            namespace Consumer;
            public static unsafe partial class K
            {
                [NativeKernel("stretch", EntryPoint = "stretch_process", ShortCall = true)]
                public static partial int Process(void* instance, float* input, int inputSamples, float* output, int outputSamples);
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(source, Stretch);
        Assert.Empty(run.WithId("SBG0006"));
        Assert.DoesNotContain("SuppressGCTransition", run.Source("NativeKernels.g.cs"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public static partial int F(System.Action callback);", "delegate")]
    [InlineData("public static partial int F(string text);", "not blittable")]
    [InlineData("public static partial int F(Microsoft.Win32.SafeHandles.SafeFileHandle file);", "not blittable")]
    public void Asking_for_a_short_call_with_marshalled_parameters_is_an_error_with_the_reason(string declaration, string reason)
    {
        string source = $$"""
            using StretchBindings.Interop;
            namespace Consumer;
            public static unsafe partial class K
            {
                [NativeKernel("c", ShortCall = true)]
                {{declaration}}
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(source);
        Diagnostic error = Assert.Single(run.WithId("SBG0006"));
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains(reason, error.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Sources.Keys, key => key == "NativeKernels.g.cs");
    }

    [Theory]
    [InlineData("[NativeKernel(\"c\", ShortCall = true)] public static unsafe partial int F(delegate* unmanaged<int, void> callback);")]
    [InlineData("[NativeKernel(\"c\", EntryPoint = \"close\", ShortCall = true, SetLastError = true)] public static partial int Close(int fd);")]
    public void A_short_call_with_a_call_hazard_keeps_its_transition_and_leaves_the_error_to_SB1003(string declaration)
    {
        string source = $$"""
            using StretchBindings.Interop;
            namespace Consumer;
            public static unsafe partial class K
            {
                {{declaration}}
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.WithId("SBG0006"));
        string kernels = run.Sources["NativeKernels.g.cs"];
        Assert.DoesNotContain("SuppressGCTransition", kernels, StringComparison.Ordinal);
        Assert.Contains("DllImport", kernels, StringComparison.Ordinal);
    }

    [Fact]
    public void A_variadic_function_is_called_through_a_fixed_arity_kernel_with_a_note_on_platforms()
    {
        const string source = """
            using StretchBindings.Interop;
            namespace Consumer;
            public static unsafe partial class K
            {
                [NativeKernel("z", EntryPoint = "gzprintf")]
                public static partial int Print(void* file, string format, int number, double value, byte* text);
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(source, Zlib);
        run.AssertCompilesWithoutWarnings();
        Assert.Contains("Apple arm64", Assert.Single(run.WithId("SBG0018")).GetMessage(), StringComparison.Ordinal);
        string kernels = run.Source("NativeKernels.g.cs");
        Assert.Contains("(delegate* unmanaged[Cdecl]<void*, byte*, int, double, byte*, int>)global::StretchBindings.Interop.VariadicCall.Address(\"z\", \"gzprintf\", 8, typeof(global::Consumer.K).Assembly)", kernels, StringComparison.Ordinal);
        Assert.DoesNotContain("SuppressGCTransition", kernels, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("float value", "value (float)")]
    [InlineData("short value", "value (short)")]
    [InlineData("bool value", "value (bool)")]
    [InlineData("ref int value", "value (int)")]
    public void A_variadic_argument_of_a_type_C_promotes_is_an_error(string parameter, string named)
    {
        string source = $$"""
            using StretchBindings.Interop;
            namespace Consumer;
            public static unsafe partial class K
            {
                [NativeKernel("z", EntryPoint = "gzprintf")]
                public static partial int Print(void* file, byte* format, {{parameter}});
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(source, Zlib);
        Assert.Contains(named, Assert.Single(run.WithId("SBG0014")).GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain("Print(", run.Sources.GetValueOrDefault("NativeKernels.g.cs") ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void A_variadic_kernel_still_matches_the_header_parameters_before_the_dots()
    {
        const string source = """
            using StretchBindings.Interop;
            namespace Consumer;
            public static unsafe partial class K
            {
                [NativeKernel("z", EntryPoint = "gzprintf")]
                public static partial int Print(double file, byte* format, int number);
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(source, Zlib);
        Assert.Contains("parameter 1", Assert.Single(run.WithId("SBG0012")).GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public static partial CULong Crc(CULong crc, byte* buffer);", "the header has 3 parameters, the declaration 2")]
    [InlineData("public static partial CULong Crc(CULong crc, float* buffer, uint length);", "parameter 2: 'float*' does not pass the header's 'buf' of type 'const Bytef *'")]
    [InlineData("public static partial CULong Crc(ulong crc, byte* buffer, uint length);", "parameter 1: 'ulong' does not pass the header's 'crc' of type 'uLong'")]
    [InlineData("public static partial int Crc(CULong crc, byte* buffer, uint length);", "result: 'int' cannot hold 'uLong'")]
    public void A_kernel_that_does_not_match_its_header_is_an_error_showing_both_signatures(string declaration, string problem)
    {
        string source = $$"""
            using System.Runtime.InteropServices;
            using StretchBindings.Interop;
            namespace Consumer;
            public static unsafe partial class K
            {
                [NativeKernel("z", EntryPoint = "crc32")]
                {{declaration}}
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(source, Zlib);
        Diagnostic error = Assert.Single(run.WithId("SBG0012"));
        string message = error.GetMessage();
        Assert.Contains(problem, message, StringComparison.Ordinal);
        Assert.Contains("Header: uLong crc32(uLong crc, const Bytef * buf, uInt len)", message, StringComparison.Ordinal);
        Assert.Contains("Declaration: ", message, StringComparison.Ordinal);
        Assert.Equal("Source0.cs", error.Location.GetLineSpan().Path);
    }

    [Fact]
    public void A_calling_convention_mismatch_is_an_error()
    {
        const string source = """
            using System.Runtime.InteropServices;
            using StretchBindings.Interop;
            namespace Consumer;
            public static unsafe partial class K
            {
                [NativeKernel("z", EntryPoint = "crc32", CallingConvention = CallingConvention.StdCall)]
                public static partial CULong Crc(CULong crc, byte* buffer, uint length);
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(source, Zlib);
        Assert.Contains("calling convention", Assert.Single(run.WithId("SBG0012")).GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_function_the_manifest_lacks_is_a_warning()
    {
        const string source = """
            using StretchBindings.Interop;
            namespace Consumer;
            public static partial class K
            {
                [NativeKernel("z", EntryPoint = "no_such_function")]
                public static partial int Missing();
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(source, Zlib);
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(run.WithId("SBG0013")).Severity);
    }

    [Theory]
    [InlineData("public partial int F();", "must be static")]
    [InlineData("public static partial int F() => 1;", "without a body")]
    [InlineData("public static partial int F<T>();", "must not be generic")]
    public void A_kernel_of_the_wrong_shape_is_an_error(string declaration, string problem)
    {
        string source = $$"""
            using StretchBindings.Interop;
            namespace Consumer;
            public partial class K
            {
                [NativeKernel("c")]
                {{declaration}}
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Contains(run.WithId("SBG0010"), d => d.GetMessage().Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void A_kernel_in_a_type_that_is_not_partial_is_an_error()
    {
        const string source = """
            using StretchBindings.Interop;
            namespace Consumer;
            public class Outer
            {
                public static partial class K
                {
                    [NativeKernel("c")]
                    public static partial int F();
                }
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Contains(run.WithId("SBG0010"), d => d.GetMessage().Contains("'Outer', which must be partial", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unsupported_parameter_type_is_an_error()
    {
        const string source = """
            using StretchBindings.Interop;
            namespace Consumer;
            public static partial class K
            {
                [NativeKernel("c")]
                public static partial int F(object value);
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Contains("reference type", Assert.Single(run.WithId("SBG0011")).GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Keywords_as_parameter_names_are_escaped()
    {
        const string source = """
            using StretchBindings.Interop;
            namespace Consumer;
            public static partial class K
            {
                [NativeKernel("c")]
                public static partial int F(int @string, bool @out, string @event);
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(source);
        run.AssertCompilesWithoutWarnings();
        Assert.Contains("int @string, bool @out, string @event", run.Source("NativeKernels.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Kernels_without_unsafe_code_allowed_are_an_error()
    {
        const string source = """
            using StretchBindings.Interop;
            namespace Consumer;
            public static partial class K
            {
                [NativeKernel("c")]
                public static partial int F(int value);
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(source, allowUnsafe: false));
        Assert.Single(run.WithId("SBG0007"));
    }

    [Fact]
    public void An_aliased_attribute_name_is_still_found()
    {
        const string source = """
            using Kernel = StretchBindings.Interop.NativeKernelAttribute;
            namespace Consumer;
            public static partial class K
            {
                [Kernel("c", EntryPoint = "abs", ShortCall = true)]
                public static partial int Abs(int value);
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(source);
        run.AssertCompilesWithoutWarnings();
        Assert.Contains("EntryPoint = \"abs\"", run.Source("NativeKernels.g.cs"), StringComparison.Ordinal);
    }
}
