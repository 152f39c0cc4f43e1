using StretchBindings.Manifest;
using StretchBindings.Scanner.Scanning;

namespace StretchBindings.Scanner.Tests.Infrastructure;

/// <summary>Scans test headers and finds declarations in the result.</summary>
internal static class Scans
{
    public static ScanResult Header(string name, LanguageStandard standard = LanguageStandard.C11) =>
        HeaderScanner.Scan(new ScanOptions
        {
            HeaderPath = TestPaths.Header(name),
            Library = Path.GetFileNameWithoutExtension(name),
            IncludeDirectories = [TestPaths.NativeInclude],
            Standard = standard,
        });

    public static NativeFunction Function(this NativeManifest manifest, string name) =>
        manifest.Functions.SingleOrDefault(f => f.Name == name) ?? throw new Xunit.Sdk.XunitException($"no function '{name}'");

    public static NativeRecord Record(this NativeManifest manifest, string name) =>
        manifest.Records.SingleOrDefault(r => r.Name == name) ?? throw new Xunit.Sdk.XunitException($"no record '{name}'");

    public static NativeEnum Enum(this NativeManifest manifest, string name) =>
        manifest.Enums.SingleOrDefault(e => e.Name == name) ?? throw new Xunit.Sdk.XunitException($"no enum '{name}'");

    public static NativeTypedef Typedef(this NativeManifest manifest, string name) =>
        manifest.Typedefs.SingleOrDefault(t => t.Name == name) ?? throw new Xunit.Sdk.XunitException($"no typedef '{name}'");

    public static NativeConstant Constant(this NativeManifest manifest, string name) =>
        manifest.Constants.SingleOrDefault(c => c.Name == name) ?? throw new Xunit.Sdk.XunitException($"no constant '{name}'");

    public static NativeField Field(this NativeRecord record, string name) =>
        record.Fields.SingleOrDefault(f => f.Name == name) ?? throw new Xunit.Sdk.XunitException($"no field '{name}' in '{record.Name}'");

    public static NativeParameter Parameter(this NativeFunction function, string name) =>
        function.Parameters.SingleOrDefault(p => p.Name == name) ?? throw new Xunit.Sdk.XunitException($"no parameter '{name}' in '{function.Name}'");

    /// <summary>An integer constant's value (the manifest keeps a number as its JSON text).</summary>
    public static long Integer(this NativeConstant constant) => long.Parse(constant.Value, System.Globalization.CultureInfo.InvariantCulture);

    public static ulong Unsigned(this NativeConstant constant) => ulong.Parse(constant.Value, System.Globalization.CultureInfo.InvariantCulture);

    public static double Number(this NativeConstant constant) => double.Parse(constant.Value, System.Globalization.CultureInfo.InvariantCulture);

    public static Int128 Integer(this NativeEnumConstant constant) => Int128.Parse(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
}
