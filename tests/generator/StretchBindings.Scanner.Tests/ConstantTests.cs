using StretchBindings.Manifest;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary>Object-like #define constants, evaluated by the compiler.</summary>
public sealed class ConstantTests
{
    private static readonly Lazy<NativeManifest> Manifest = new(() => Scans.Header("functions.h").Manifest);

    [ClangTheory]
    [InlineData("ANSWER", 42L, "int", "42")]
    [InlineData("HEX_MASK", 0xFF00L, "int", "0xFF00")]
    [InlineData("NEGATIVE", -7L, "int", "(-7)")]
    [InlineData("DERIVED", 85L, "int", "(ANSWER * 2 + 1)")]
    [InlineData("LONG_VALUE", 5_000_000_000L, "long", "5000000000L")]
    [InlineData("CAST_VALUE", -3L, "short", "((int16_t)-3)")]
    [InlineData("CHAR_VALUE", 65L, "int", "'A'")]
    public void Signed_integer_constants(string name, long value, string type, string expression)
    {
        NativeConstant constant = Manifest.Value.Constant(name);
        Assert.Equal(NativeConstantKind.Integer, constant.Kind);
        Assert.Equal(value, constant.Integer());
        Assert.Equal(type, constant.Type.Name);
        Assert.Equal(expression, constant.Expression);
    }

    [ClangFact]
    public void Unsigned_constants_keep_their_full_range_and_type()
    {
        NativeConstant big = Manifest.Value.Constant("BIG_UNSIGNED");
        Assert.Equal(ulong.MaxValue, big.Unsigned());
        Assert.Equal(("unsigned long long", false), (big.Type.Name, big.Type.Signed));

        NativeConstant shifted = Manifest.Value.Constant("SHIFTED");
        Assert.Equal(2147483648UL, shifted.Unsigned());
        Assert.Equal("unsigned int", shifted.Type.Name);

        NativeConstant size = Manifest.Value.Constant("SIZE_OF_VALUE");
        Assert.Equal(8UL, size.Unsigned());
        Assert.Equal("unsigned long", size.Type.Name);
    }

    [ClangFact]
    public void Floating_and_string_constants()
    {
        NativeConstant ratio = Manifest.Value.Constant("RATIO");
        Assert.Equal((NativeConstantKind.Float, 0.25, "double"), (ratio.Kind, ratio.Number(), ratio.Type.Name));
        NativeConstant single = Manifest.Value.Constant("SINGLE");
        Assert.Equal((1.5, "float"), (single.Number(), single.Type.Name));

        NativeConstant greeting = Manifest.Value.Constant("GREETING");
        Assert.Equal((NativeConstantKind.String, "hello"), (greeting.Kind, greeting.Value));
    }

    [ClangFact]
    public void Macros_that_are_not_constants_are_left_out()
    {
        NativeManifest manifest = Manifest.Value;
        foreach (string name in new[] { "EMPTY", "EXPORT", "STORAGE", "CALLS", "FUNCTIONS_H", "SQUARE" })
        {
            Assert.DoesNotContain(manifest.Constants, c => c.Name == name);
        }
    }

    [ClangFact]
    public void Doc_comments_above_a_define_are_kept()
    {
        NativeDoc doc = Manifest.Value.Constant("ANSWER").Doc!;
        Assert.Equal("A decimal constant.", doc.Text);
        Assert.Null(Manifest.Value.Constant("HEX_MASK").Doc);
        Assert.Equal(new NativeLocation("functions.h", 63, 9), Manifest.Value.Constant("ANSWER").Location);
    }
}
