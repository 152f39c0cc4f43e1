using StretchBindings.Scanner.Model;
using StretchBindings.Scanner.Scanning;

namespace StretchBindings.Scanner.Tests.Infrastructure;

/// <summary>Scans test headers and finds declarations in the result.</summary>
internal static class Scans
{
    public static ScanResult Header(string name, LanguageStandard standard = LanguageStandard.C11, bool siblings = false) =>
        HeaderScanner.Scan(new ScanOptions
        {
            HeaderPath = TestPaths.Header(name),
            Library = Path.GetFileNameWithoutExtension(name),
            IncludeDirectories = [TestPaths.NativeInclude],
            Standard = standard,
            IncludeSiblingHeaders = siblings,
        });

    public static FunctionInfo Function(this NativeManifest manifest, string name) =>
        manifest.Functions.SingleOrDefault(f => f.Name == name) ?? throw new Xunit.Sdk.XunitException($"no function '{name}'");

    public static RecordInfo Record(this NativeManifest manifest, string name) =>
        manifest.Records.SingleOrDefault(r => r.Name == name) ?? throw new Xunit.Sdk.XunitException($"no record '{name}'");

    public static EnumInfo Enum(this NativeManifest manifest, string name) =>
        manifest.Enums.SingleOrDefault(e => e.Name == name) ?? throw new Xunit.Sdk.XunitException($"no enum '{name}'");

    public static TypedefInfo Typedef(this NativeManifest manifest, string name) =>
        manifest.Typedefs.SingleOrDefault(t => t.Name == name) ?? throw new Xunit.Sdk.XunitException($"no typedef '{name}'");

    public static ConstantInfo Constant(this NativeManifest manifest, string name) =>
        manifest.Constants.SingleOrDefault(c => c.Name == name) ?? throw new Xunit.Sdk.XunitException($"no constant '{name}'");

    public static FieldInfo Field(this RecordInfo record, string name) =>
        record.Fields.SingleOrDefault(f => f.Name == name) ?? throw new Xunit.Sdk.XunitException($"no field '{name}' in '{record.Name}'");

    public static ParameterInfo Parameter(this FunctionInfo function, string name) =>
        function.Parameters.SingleOrDefault(p => p.Name == name) ?? throw new Xunit.Sdk.XunitException($"no parameter '{name}' in '{function.Name}'");
}
