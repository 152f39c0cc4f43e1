using StretchBindings.Manifest;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

public sealed class EnumTests
{
    private static readonly Lazy<NativeManifest> Manifest = new(() => Scans.Header("enums.h").Manifest);

    [ClangFact]
    public void Implicit_values_count_on_from_the_last_explicit_one()
    {
        NativeEnum color = Manifest.Value.Enum("color");
        Assert.Equal(["COLOR_RED", "COLOR_GREEN", "COLOR_BLUE", "COLOR_NEXT"], color.Constants.Select(c => c.Name));
        Assert.Equal([0, 1, 10, 11], color.Constants.Select(c => (int)c.Integer()));
        Assert.Equal("the first", color.Constants[0].Doc!.Text);
    }

    [ClangFact]
    public void Underlying_types_follow_the_values()
    {
        NativeManifest manifest = Manifest.Value;
        Assert.Equal(("unsigned int", 4L, false), Underlying(manifest.Enum("color")));
        Assert.Equal(("int", 4L, true), Underlying(manifest.Enum("result")));
        Assert.Equal(("long", 8L, true), Underlying(manifest.Enum("wide")));
        Assert.Equal(("unsigned long", 8L, false), Underlying(manifest.Enum("mask")));
    }

    private static (string?, long?, bool?) Underlying(NativeEnum e) => (e.Underlying.Name, e.Underlying.Size, e.Underlying.Signed);

    [ClangFact]
    public void Negative_and_64_bit_values_are_exact()
    {
        NativeManifest manifest = Manifest.Value;
        Assert.Equal(int.MinValue, manifest.Enum("result").Constants.Single(c => c.Name == "RESULT_LOWEST").Integer());
        Assert.Equal(-1, manifest.Enum("result").Constants.Single(c => c.Name == "RESULT_FAILED").Integer());
        Assert.Equal(0x1_0000_0000, manifest.Enum("wide").Constants.Single(c => c.Name == "WIDE_BIG").Integer());
        Assert.Equal(-0x1_0000_0000, manifest.Enum("wide").Constants.Single(c => c.Name == "WIDE_NEGATIVE").Integer());
        Assert.Equal(ulong.MaxValue, manifest.Enum("mask").Constants.Single(c => c.Name == "MASK_ALL").Integer());
    }

    [ClangFact]
    public void Tagless_enums_take_their_typedef_name_or_become_constants()
    {
        NativeManifest manifest = Manifest.Value;
        Assert.Equal(["MODE_FAST", "MODE_SAFE"], manifest.Enum("mode_t_").Constants.Select(c => c.Name));
        Assert.Equal("mode_t_", manifest.Typedef("mode_t_").Type.Name);
        Assert.Equal("result", manifest.Typedef("result_t").Type.Name);

        NativeConstant size = manifest.Constant("BUFFER_SIZE");
        Assert.Equal((NativeConstantKind.Integer, 4096L, "int"), (size.Kind, size.Integer(), size.Type.Name));
        Assert.Equal(3L, manifest.Constant("BUFFER_COUNT").Integer());
        Assert.DoesNotContain(manifest.Enums, e => e.Constants.Any(c => c.Name == "BUFFER_SIZE"));
    }

    [ClangFact]
    public void Enum_parameters_refer_to_the_enum_by_name()
    {
        NativeFunction apply = Manifest.Value.Function("enums_apply");
        NativeType color = apply.Parameter("color").Type;
        Assert.Equal((NativeTypeKind.Enum, "color", 4L), (color.Kind, color.Name, color.Size));
        Assert.Equal("unsigned int", color.Underlying!.Name);
        Assert.Equal("result_t", apply.Parameter("result").Type.Pointee!.Typedef);
        Assert.Equal("mode_t_", apply.Parameter("mode").Type.Typedef);
    }
}
