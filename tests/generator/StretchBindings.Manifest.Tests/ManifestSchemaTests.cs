using System.Reflection;

namespace StretchBindings.Manifest.Tests;

public sealed class ManifestSchemaTests
{
    [Theory]
    [InlineData("/src/stretch.native.json", null, true)]
    [InlineData("/src/STRETCH.NATIVE.JSON", null, true)]
    [InlineData("/obj/scanned/z.json", "NativeManifest", true)]
    [InlineData("/obj/scanned/z.json", "nativemanifest", true)]
    [InlineData("/src/notes.json", null, false)]
    [InlineData("/src/notes.json", "AdditionalFiles", false)]
    public void A_manifest_is_recognised_by_its_name_or_its_item_type(string path, string? itemType, bool isManifest)
    {
        Assert.Equal(isManifest, ManifestSchema.IsManifest(path, itemType));
    }

    [Theory]
    [InlineData(ManifestSchema.OldestReadableVersion, true)]
    [InlineData(ManifestSchema.Version, true)]
    [InlineData(ManifestSchema.Version + 1, false)]
    [InlineData(0, false)]
    public void Every_version_from_the_oldest_readable_to_the_current_one_is_read(int version, bool read)
    {
        string text = $$"""{ "schemaVersion": {{version}}, "library": "x", "globals": [ { "name": "g", "type": { "kind": "int", "name": "int", "size": 4, "signed": true, "const": true } } ] }""";
        if (read)
        {
            NativeGlobal global = Assert.Single(ManifestReader.Read(text).Globals);
            Assert.Equal(("g", true), (global.Name, global.Type.Const));
        }
        else
        {
            Assert.Throws<ManifestVersionException>(() => ManifestReader.Read(text));
        }
    }

    [Fact]
    public void The_build_targets_mark_manifests_with_the_same_item_type()
    {
        string targets = File.ReadAllText(Path.Combine(Repository.Root, "generator", "MSBuild", "StretchBindings.Generator.targets"));
        Assert.Contains($"SourceItemType=\"{ManifestSchema.ItemType}\"", targets, StringComparison.Ordinal);
    }

    [Fact]
    public void The_attribute_shapes_match_the_interop_attributes()
    {
        Assembly interop = typeof(Interop.NativeKernelAttribute).Assembly;

        Type kernel = interop.GetType(InteropAttributes.NativeKernel.MetadataName, throwOnError: true)!;
        ConstructorInfo constructor = Assert.Single(kernel.GetConstructors());
        Assert.Equal(InteropAttributes.NativeKernel.ConstructorArgumentCount, constructor.GetParameters().Count(p => p.ParameterType == typeof(string)));
        Assert.Equal(typeof(string), constructor.GetParameters()[InteropAttributes.NativeKernel.LibraryArgument].ParameterType);
        Assert.Equal(typeof(string), Settable(kernel, InteropAttributes.NativeKernel.EntryPoint));
        Assert.Equal(typeof(bool), Settable(kernel, InteropAttributes.NativeKernel.ShortCall));
        Assert.Equal(typeof(bool), Settable(kernel, InteropAttributes.NativeKernel.SetLastError));
        Assert.Equal(typeof(System.Runtime.InteropServices.CallingConvention), Settable(kernel, InteropAttributes.NativeKernel.CallingConvention));

        Type library = interop.GetType(InteropAttributes.NativeLibrary.MetadataName, throwOnError: true)!;
        ConstructorInfo libraryConstructor = Assert.Single(library.GetConstructors());
        Assert.Equal(InteropAttributes.NativeLibrary.ConstructorArgumentCount, libraryConstructor.GetParameters().Count(p => p.ParameterType == typeof(string)));
        Assert.Equal(typeof(string), libraryConstructor.GetParameters()[InteropAttributes.NativeLibrary.LibraryArgument].ParameterType);

        Assert.NotNull(interop.GetType(InteropAttributes.NotThreadSafe.MetadataName, throwOnError: false));
    }

    private static Type Settable(Type attribute, string name)
    {
        PropertyInfo property = attribute.GetProperty(name) ?? throw new Xunit.Sdk.XunitException($"{attribute.Name} has no property '{name}'");
        Assert.True(property.CanWrite, $"{attribute.Name}.{name} cannot be set as a named argument");
        return property.PropertyType;
    }
}
