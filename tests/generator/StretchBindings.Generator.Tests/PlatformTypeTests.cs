using StretchBindings.Generator.Planning;
using StretchBindings.Json;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Tests;

/// <summary>
/// <c>long</c>, <c>unsigned long</c> and <c>wchar_t</c> as each target's manifest describes them
/// (8/8/4 bytes on Linux x64, 4/4/2 on Windows): <c>long</c> is CLong/CULong everywhere, whose size
/// follows the platform's C at run time, and <c>wchar_t</c> the integer of the recorded size.
/// </summary>
public sealed class PlatformTypeTests
{
    [Theory]
    [InlineData("long", 8, true, "global::System.Runtime.InteropServices.CLong")]
    [InlineData("long", 4, true, "global::System.Runtime.InteropServices.CLong")]
    [InlineData("unsigned long", 8, false, "global::System.Runtime.InteropServices.CULong")]
    [InlineData("unsigned long", 4, false, "global::System.Runtime.InteropServices.CULong")]
    [InlineData("wchar_t", 4, true, "int")]
    [InlineData("wchar_t", 2, false, "ushort")]
    [InlineData("char32_t", 4, false, "uint")]
    public void A_platform_sized_integer_maps_to_the_type_of_its_target(string name, int size, bool signed, string expected)
    {
        NativeType type = ManifestReader.ReadType(JsonReader.Parse(
            $$"""{ "kind": "int", "spelling": "{{name}}", "name": "{{name}}", "size": {{size}}, "align": {{size}}, "signed": {{(signed ? "true" : "false")}} }"""));
        Assert.Equal(expected, IntegerTypes.Map(type));
    }
}
