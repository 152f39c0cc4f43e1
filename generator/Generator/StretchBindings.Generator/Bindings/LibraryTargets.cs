using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StretchBindings.Generator.Diagnostics;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Bindings;

/// <summary>Reads <c>[NativeLibrary]</c> classes and moves the manifests they name onto them.</summary>
internal static class LibraryTargets
{
    public static LibraryTarget? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not ClassDeclarationSyntax syntax)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        AttributeData attribute = context.Attributes[0];
        string library = attribute.ConstructorArguments.Length == InteropAttributes.NativeLibrary.ConstructorArgumentCount
            && attribute.ConstructorArguments[InteropAttributes.NativeLibrary.LibraryArgument].Value is string name ? name : string.Empty;
        string? problem = null;
        if (library.Length == 0)
        {
            problem = "the attribute names no library";
        }
        else if (type.ContainingType is not null)
        {
            problem = "it is nested in another type; declare it at namespace level";
        }
        else if (!type.IsStatic || !syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            problem = "it must be a static partial class";
        }
        else if (type.IsGenericType)
        {
            problem = "it must not be generic";
        }

        string ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing
            ? containing.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty)
            : string.Empty;
        string accessibility = type.DeclaredAccessibility == Accessibility.Public ? "public" : "internal";
        return new LibraryTarget(library, ns, type.Name, accessibility, LocationInfo.From(syntax.Identifier.GetLocation()), problem);
    }

    /// <summary>The manifest, placed in the class a valid <c>[NativeLibrary]</c> names for its library, if any.</summary>
    public static ManifestInput Place(ManifestInput input, EquatableArray<LibraryTarget> targets)
    {
        foreach (LibraryTarget target in targets)
        {
            if (target.Problem is null && Matches(target, input) && IsFirstFor(target, targets))
            {
                return input with { Namespace = target.Namespace, ClassName = target.ClassName, Accessibility = target.Accessibility };
            }
        }

        return input;
    }

    /// <summary>Diagnostics for the targets: wrong shapes, a library claimed twice, a library without a manifest.</summary>
    public static EquatableArray<DiagnosticInfo> Check(EquatableArray<LibraryTarget> targets, EquatableArray<ManifestInput> manifests)
    {
        var diagnostics = new System.Collections.Generic.List<DiagnosticInfo>();
        foreach (LibraryTarget target in targets)
        {
            if (target.Problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LibraryTargetInvalid, target.Location, target.ClassName, target.Library, target.Problem));
            }
            else if (!IsFirstFor(target, targets))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LibraryTargetInvalid, target.Location, target.ClassName, target.Library,
                    "another [NativeLibrary] class already takes it"));
            }
            else if (!manifests.Any(m => m.Manifest is not null && Matches(target, m)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LibraryTargetWithoutManifest, target.Location, target.Library, target.ClassName));
            }
        }

        return diagnostics.ToArray();
    }

    private static bool Matches(LibraryTarget target, ManifestInput input) =>
        LibraryNames.Match(target.Library, input.Library) || (input.Manifest is not null && LibraryNames.Match(target.Library, input.Manifest.Library));

    private static bool IsFirstFor(LibraryTarget target, EquatableArray<LibraryTarget> targets) =>
        targets.First(t => t.Problem is null && LibraryNames.Match(t.Library, target.Library)).Equals(target);
}
