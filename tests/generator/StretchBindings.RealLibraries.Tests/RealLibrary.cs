using StretchBindings.Generator.Bindings;
using StretchBindings.Generator.Diagnostics;
using StretchBindings.Generator.Model;
using StretchBindings.Generator.Planning;
using StretchBindings.Manifest;

namespace StretchBindings.RealLibraries.Tests;

/// <summary>
/// One library bound by a &lt;NativeHeader&gt; item of this project (the same values as its metadata),
/// and what the build generated for it: the scanned manifest and the generator's plan of it. Each project
/// that links this file lists its libraries (<c>All</c>) and their namespace (<c>NamespacePrefix</c>)
/// in a RealLibrary.List.cs of its own.
/// </summary>
public sealed partial record RealLibrary(string Name, string Kind, string Package, string Header, string ClassName, string[] IncludeDirectories)
{

    public static IEnumerable<object[]> Names => All.Select(l => new object[] { l.Name });

    public static RealLibrary Named(string name) => All.Single(l => l.Name == name);

    public string Namespace => NamespacePrefix + Name;

    /// <summary>The manifest the build scanned from the header (copied beside the test assembly).</summary>
    public string ManifestPath => Path.Combine(AppContext.BaseDirectory, "manifests", ClassName + ".native.json");

    internal NativeManifest Manifest => ManifestReader.Read(File.ReadAllText(ManifestPath));

    /// <summary>The generator's plan of the manifest, as the build made it.</summary>
    internal LibraryModel Plan()
    {
        NativeManifest manifest = Manifest;
        return LibraryPlanner.Plan(new ManifestInput(ManifestPath, Namespace, ClassName, manifest.Library, manifest, EquatableArray<DiagnosticInfo>.Empty), null);
    }
}
