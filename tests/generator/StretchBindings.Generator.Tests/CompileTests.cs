using Microsoft.CodeAnalysis;
using StretchBindings.Generator.Tests.Infrastructure;

namespace StretchBindings.Generator.Tests;

/// <summary>Generated code compiles with no warning, with user code around it that tries to confuse it.</summary>
public sealed class CompileTests
{
    private static ManifestSpec Stretch => ManifestSpec.FromFile(TestPaths.StretchManifest, className: "StretchNative", ns: "Audio.Native", library: "stretch");

    private static ManifestSpec Zlib => ManifestSpec.FromFile(TestPaths.Manifest("zlib.native.json"), className: "Zlib", ns: "Compression", library: "z");

    private static ManifestSpec Edge => ManifestSpec.FromFile(TestPaths.Manifest("edge.native.json"), className: "Edge", ns: "Consumer.Native");

    /// <summary>Every shape of C type (Manifests/ctypes.h): arrays, anonymous members, bit-fields, globals.</summary>
    internal static ManifestSpec CTypes => ManifestSpec.FromFile(TestPaths.Manifest("ctypes.native.json"), className: "CTypes", ns: "Consumer.Native", library: "libc.so.6");

    [Fact]
    public void C_type_coverage_bindings_compile_without_warnings()
    {
        GeneratorRun run = GeneratorHarness.Run("namespace Consumer;\n", CTypes);
        run.AssertCompilesWithoutWarnings();
    }

    [Fact]
    public void C_type_coverage_bindings_need_no_language_feature_newer_than_CSharp_9()
    {
        // The arrays are structs with an indexer, not [InlineArray] (C# 12, .NET 8): C# 9 (function
        // pointers, nint) is the floor of the generated code, whatever the consumer targets.
        var csharp9 = new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp9, DocumentationMode.Diagnose);
        Compilation compilation = GeneratorHarness.CreateCompilation("namespace Consumer;\n")
            .RemoveAllSyntaxTrees()
            .AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("namespace Consumer { }", csharp9));
        GeneratorDriver driver = GeneratorHarness.CreateDriver([CTypes, Edge]).WithUpdatedParseOptions(csharp9);
        GeneratorRun run = GeneratorHarness.Run(driver, compilation);
        run.AssertCompilesWithoutWarnings();
    }

    [Fact]
    public void A_field_without_a_CSharp_type_is_left_out_with_SBG0004_at_its_own_line_in_the_header()
    {
        string header = TestPaths.Manifest("ctypes.h");
        GeneratorRun run = GeneratorHarness.Run("namespace Consumer;\n", CTypes with { Header = header });
        Diagnostic skipped = PreciseFieldSkipped(run);
        Assert.Contains("long double", skipped.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(header, skipped.Location.GetLineSpan().Path);
        string[] lines = File.ReadAllLines(header);
        int line = Array.FindIndex(lines, l => l.Trim() == "long double precise;");
        Assert.True(line > Array.FindIndex(lines, l => l.StartsWith("struct ct_precise", StringComparison.Ordinal)));
        Assert.Equal(new Microsoft.CodeAnalysis.Text.LinePosition(line, lines[line].IndexOf("precise", StringComparison.Ordinal)), skipped.Location.GetLineSpan().StartLinePosition);

        // The struct keeps its size and the other fields their offsets.
        string types = run.Source("Consumer.Native.CTypes.Types.g.cs");
        Assert.Contains("Size = 48)]\n    public unsafe partial struct CtPrecise", types, StringComparison.Ordinal);
        Assert.Contains("FieldOffsetAttribute(32)]\n        public int after;", types, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_whose_fields_have_no_location_places_a_skipped_field_at_its_struct()
    {
        // Manifests written before fields had a location: the field is reported at its struct's line.
        string header = TestPaths.Manifest("ctypes.h");
        string manifest = StripFieldLocations(File.ReadAllText(CTypes.Path));
        Assert.DoesNotContain("\"line\": 110,", manifest, StringComparison.Ordinal);
        GeneratorRun run = GeneratorHarness.Run("namespace Consumer;\n", CTypes with { Content = manifest, Header = header });
        int line = Array.FindIndex(File.ReadAllLines(header), l => l.StartsWith("struct ct_precise", StringComparison.Ordinal));
        Assert.Equal(line, PreciseFieldSkipped(run).Location.GetLineSpan().StartLinePosition.Line);
    }

    private static Diagnostic PreciseFieldSkipped(GeneratorRun run) =>
        Assert.Single(run.WithId("SBG0004"), d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("ct_precise.precise", StringComparison.Ordinal));

    /// <summary>The manifest less the <c>location</c> of every field (an object with an <c>offset</c>).</summary>
    private static string StripFieldLocations(string manifest) =>
        System.Text.RegularExpressions.Regex.Replace(manifest,
            "(\"offset\": \\d+(?:,\\s*\"bitField\": true,\\s*\"bitOffset\": \\d+,\\s*\"bitWidth\": \\d+)?(?:,\\s*\"doc\": \\{[^{}]*\\})?),\\s*\"location\": \\{[^{}]*\\}",
            "$1");

    [Fact]
    public void A_struct_and_an_enum_of_one_name_are_told_apart_by_their_kind()
    {
        // struct ct_mode and the enum typedef ct_mode_t would both be CtMode.
        string manifest = File.ReadAllText(TestPaths.Manifest("ctypes.native.json")).Replace("ct_settings", "ct_mode", StringComparison.Ordinal);
        GeneratorRun run = GeneratorHarness.Run("namespace Consumer;\n", new ManifestSpec("/project/ctypes.native.json", manifest, "CTypes", "Consumer.Native", "libc.so.6"));

        Diagnostic clash = Assert.Single(run.CompileDiagnostics());
        Assert.Equal("SBG0005", clash.Id);
        Assert.Contains("it is generated as 'CtModeEnum'", clash.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("public enum CtModeEnum : uint", run.Source("Consumer.Native.CTypes.Types.g.cs"), StringComparison.Ordinal);
        Assert.Contains("public unsafe partial struct CtMode\n", run.Source("Consumer.Native.CTypes.Types.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Stretch_bindings_compile_without_warnings()
    {
        GeneratorRun run = GeneratorHarness.Run("namespace Consumer;\n", Stretch);
        run.AssertCompilesWithoutWarnings();
    }

    [Fact]
    public void A_handle_type_any_thread_may_use_holds_a_SafeHandle_reference_per_call()
    {
        string manifest = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(TestPaths.StretchManifest),
            @",\s*\{\s*""name"": ""single_threaded"",\s*""arguments"": \[\]\s*\}", string.Empty);
        GeneratorRun run = GeneratorHarness.Run("namespace Consumer;\n",
            new ManifestSpec("/project/stretch.native.json", manifest, "StretchNative", "Audio.Native", "stretch"));
        run.AssertCompilesWithoutWarnings();

        string projection = run.Source("Audio.Native.StretchNative.Projection.g.cs");
        Assert.DoesNotContain("NotThreadSafe", projection, StringComparison.Ordinal);
        Assert.Contains("class StretchHandle : global::System.Runtime.InteropServices.SafeHandle", projection, StringComparison.Ordinal);
        Assert.Contains("global::StretchBindings.Interop.SharedLease __lease = global::StretchBindings.Interop.SharedLease.Enter(_handle);", projection, StringComparison.Ordinal);
        Assert.DoesNotContain(".Lease(", projection, StringComparison.Ordinal);
    }

    [Fact]
    public void Zlib_bindings_compile_without_warnings()
    {
        GeneratorRun run = GeneratorHarness.Run("namespace Consumer;\n", Zlib);
        run.AssertCompilesWithoutWarnings();
    }

    [Fact]
    public void Edge_case_bindings_compile_without_warnings()
    {
        GeneratorRun run = GeneratorHarness.Run("namespace Consumer;\n", Edge);
        run.AssertCompilesWithoutWarnings();
    }

    [Fact]
    public void Every_manifest_at_once_with_runtime_marshalling_disabled()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "[assembly: System.Runtime.CompilerServices.DisableRuntimeMarshalling]\nnamespace Consumer;\n", Stretch, Zlib, Edge, CTypes);
        run.AssertCompilesWithoutWarnings();
    }

    [Fact]
    public void Names_are_global_qualified_so_user_types_named_like_the_framework_do_not_interfere()
    {
        // A user 'System' class in the generated namespaces, and aliases shadowing the attribute names.
        const string source = """
            using DllImportAttribute = Audio.Native.Decoy;
            using SuppressGCTransition = Audio.Native.Decoy;
            using StructLayout = Audio.Native.Decoy;
            using NotThreadSafe = Audio.Native.Decoy;

            namespace Audio.Native
            {
                public class System { public class Runtime { } }
                public class StretchBindings { }
                public class Decoy : global::System.Attribute { }
                public class SafeHandle { }
                public class Span<T> { }
                public class IDisposable { }
                public class InvalidOperationException { }
                public class CLong { }
            }

            namespace Compression
            {
                public class System { }
                public class Interlocked { }
            }

            namespace Consumer.Native
            {
                public class System { }
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(source, Stretch, Zlib, Edge);
        run.AssertCompilesWithoutWarnings();
    }

    [Fact]
    public void A_user_partial_declaration_of_the_class_extends_it()
    {
        const string source = """
            namespace Audio.Native;

            public static partial class StretchNative
            {
                public static string Describe() => LibraryName;
            }

            public sealed partial class Stretch
            {
                public int Frames(int samples) => samples / Channels;
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(source, Stretch);
        run.AssertCompilesWithoutWarnings();
    }

    [Fact]
    public void Without_metadata_the_root_namespace_and_the_library_name_are_used()
    {
        GeneratorRun run = GeneratorHarness.Run("namespace Consumer;\n", ManifestSpec.FromFile(TestPaths.StretchManifest) with { Namespace = null, ClassName = null });
        run.AssertCompilesWithoutWarnings();
        Assert.Contains(run.Sources.Keys, key => key == "Consumer.StretchNative.g.cs");
        Assert.Contains("public static unsafe partial class StretchNative", run.Source("Consumer.StretchNative.g.cs"), StringComparison.Ordinal);
    }
}
