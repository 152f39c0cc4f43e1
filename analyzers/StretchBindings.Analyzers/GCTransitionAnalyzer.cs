using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using StretchBindings.Analyzers.Manifests;
using StretchBindings.Manifest;

namespace StretchBindings.Analyzers;

/// <summary>
/// SB1003: a native declaration asks to skip the GC transition where that is unsafe. SB1004: a declaration
/// of a function the header annotates short could skip it and does not. SB1005: a manifest is unreadable.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class GCTransitionAnalyzer : DiagnosticAnalyzer
{
    internal const string SuppressGCTransitionAttributeName = "System.Runtime.InteropServices.SuppressGCTransitionAttribute";
    internal const string LibraryImportAttributeName = "System.Runtime.InteropServices.LibraryImportAttribute";

    /// <summary>
    /// Set (to true) by the generator's build props: the generator reads the same manifests and reports an
    /// unreadable one itself (SBG0001), so SB1005 would say it twice.
    /// </summary>
    internal const string GeneratorReadsManifestsOption = "build_property.StretchBindingsGeneratorReadsManifests";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.UnsafeGCTransitionSuppression,
        Descriptors.MissingGCTransitionSuppression,
        Descriptors.UnreadableManifest);

    public override void Initialize(AnalysisContext context)
    {
        // The generator checks what it emits itself; looking at its output would report everything twice.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterAdditionalFileAction(ReportUnreadableManifest);
        context.RegisterCompilationStartAction(start =>
        {
            Compilation compilation = start.Compilation;
            // Looked up only once a native declaration turns up: the first look-up by metadata name reads the type
            // tables of every referenced assembly, which most compilations never need.
            var canSuppress = new Lazy<bool>(
                () => compilation.GetTypeByMetadataName(SuppressGCTransitionAttributeName) is not null, LazyThreadSafetyMode.ExecutionAndPublication);
            AnalyzerOptions options = start.Options;
            // Manifests are read only if a native declaration turns up.
            var manifests = new Lazy<ManifestSet>(
                () => ManifestSet.Load(options, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
            start.RegisterSymbolAction(symbolContext => AnalyzeMethod(symbolContext, manifests, canSuppress), SymbolKind.Method);
        });
    }

    // Every additional file passes this test, few are manifests: the rest of the work is a method of its own, compiled
    // to native code only in a compiler process that meets a manifest.
    private static void ReportUnreadableManifest(AdditionalFileAnalysisContext context)
    {
        if (ManifestSet.IsManifest(context.AdditionalFile, context.Options))
        {
            ReportIfUnreadable(context);
        }
    }

    private static void ReportIfUnreadable(AdditionalFileAnalysisContext context)
    {
        if (context.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(GeneratorReadsManifestsOption, out string? generator)
            && string.Equals(generator, "true", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        SourceText? text = context.AdditionalFile.GetText(context.CancellationToken);
        if (text is null)
        {
            return;
        }

        ManifestReadResult result = ManifestSet.Read(text);
        if (result.Error is null)
        {
            return;
        }

        int offset = Math.Min(result.ErrorOffset, text.Length);
        var span = new TextSpan(offset, 0);
        Location location = Location.Create(context.AdditionalFile.Path, span, text.Lines.GetLinePositionSpan(span));
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnreadableManifest, location, result.Error));
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, Lazy<ManifestSet> manifests, Lazy<bool> canSuppress)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.PartialDefinitionPart is not null)
        {
            // The implementation half of a partial method; its definition is analyzed instead.
            return;
        }

        // Every native declaration (DllImport, LibraryImport, native kernel) is static, and extern or a partial
        // definition: asking for the attributes of every other method would bind them all on this analyzer's time.
        if (method.IsStatic && (method.IsExtern || method.IsPartialDefinition))
        {
            AnalyzeCandidate(context, method, manifests, canSuppress);
        }
    }

    // Apart from the test above, which every method passes through: most compilations declare nothing native, and a
    // compiler process then never compiles this code to native code.
    private static void AnalyzeCandidate(SymbolAnalysisContext context, IMethodSymbol method, Lazy<ManifestSet> manifests, Lazy<bool> canSuppress)
    {
        NativeDeclaration? declaration = NativeDeclaration.TryCreate(method);
        if (declaration is null)
        {
            return;
        }

        ManifestFunction? function = manifests.Value.IsEmpty ? null : manifests.Value.Find(declaration.Library, declaration.EntryPoint);
        List<string> hazards = FindHazards(method, declaration, function);

        if (declaration.SuppressionRequests.Count > 0)
        {
            if (hazards.Count == 0)
            {
                return;
            }

            string reasons = string.Join("; ", hazards);
            foreach (Location location in declaration.SuppressionRequests)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnsafeGCTransitionSuppression, location, method.Name, reasons));
            }

            return;
        }

        // A native kernel gets the attribute from the generator whenever the header says short.
        if (declaration.Kind != NativeDeclarationKind.NativeKernel
            && canSuppress.Value
            && function is { IsShortCall: true }
            && hazards.Count == 0
            && HasOnlyBlittableSignature(method))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.MissingGCTransitionSuppression, method.Locations[0], method.Name, function.Name));
        }
    }

    private static List<string> FindHazards(IMethodSymbol method, NativeDeclaration declaration, ManifestFunction? function)
    {
        var hazards = new List<string>();
        if (function is { IsKnownLong: true })
        {
            hazards.Add($"the header does not annotate '{function.Name}' {NativeAnnotationNames.ShortCall}, so it may block or run long");
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            // A kernel's delegate parameter is one the generator must marshal: that is its SBG0006.
            bool delegateReportedByGenerator = declaration.Kind == NativeDeclarationKind.NativeKernel && parameter.Type.TypeKind == TypeKind.Delegate;
            if (!delegateReportedByGenerator
                && (parameter.Type.TypeKind == TypeKind.Delegate || parameter.Type.TypeKind == TypeKind.FunctionPointer))
            {
                hazards.Add($"parameter '{parameter.Name}' is a callback, which can call back into managed code");
                break;
            }
        }

        if (function?.FunctionPointerParameter is { } nativeCallback
            && !hazards.Exists(text => text.StartsWith("parameter", StringComparison.Ordinal)))
        {
            hazards.Add($"native parameter '{nativeCallback}' is a function pointer, which can call back into managed code");
        }

        if (declaration.SetsLastError)
        {
            hazards.Add("it sets the last error, which needs the transition");
        }

        if (method.IsVararg || function is { IsVariadic: true })
        {
            hazards.Add("it is variadic");
        }

        return hazards;
    }

    // Marshalled parameters (bool, char, strings, arrays, SafeHandles) run stub code around the call;
    // suggesting the attribute there would be advice the runtime may not honour as written.
    private static bool HasOnlyBlittableSignature(IMethodSymbol method)
    {
        if (!method.ReturnsVoid && !IsBlittable(method.ReturnType))
        {
            return false;
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (!IsBlittable(parameter.Type))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBlittable(ITypeSymbol type) =>
        type.SpecialType != SpecialType.System_Boolean
        && type.SpecialType != SpecialType.System_Char
        && type.IsUnmanagedType
        && type.TypeKind != TypeKind.FunctionPointer;
}

internal enum NativeDeclarationKind
{
    DllImport,
    LibraryImport,
    NativeKernel,
}

/// <summary>A method that binds a native function, with what it says about the GC transition.</summary>
internal sealed class NativeDeclaration
{
    private NativeDeclaration(NativeDeclarationKind kind, string? library, string entryPoint, bool setsLastError, List<Location> suppressionRequests)
    {
        Kind = kind;
        Library = library;
        EntryPoint = entryPoint;
        SetsLastError = setsLastError;
        SuppressionRequests = suppressionRequests;
    }

    public NativeDeclarationKind Kind { get; }

    public string? Library { get; }

    public string EntryPoint { get; }

    public bool SetsLastError { get; }

    /// <summary>Where the declaration asks to skip the transition: the attribute, or <c>ShortCall = true</c>.</summary>
    public List<Location> SuppressionRequests { get; }

    public static NativeDeclaration? TryCreate(IMethodSymbol method)
    {
        var requests = new List<Location>();
        AttributeData? libraryImport = null;
        AttributeData? nativeKernel = null;
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is not { } attributeClass)
            {
                continue;
            }

            if (MetadataNames.Is(attributeClass, GCTransitionAnalyzer.SuppressGCTransitionAttributeName))
            {
                if (attribute.ApplicationSyntaxReference is { } reference)
                {
                    requests.Add(Location.Create(reference.SyntaxTree, reference.Span));
                }
            }
            else if (MetadataNames.Is(attributeClass, GCTransitionAnalyzer.LibraryImportAttributeName))
            {
                libraryImport = attribute;
            }
            else if (MetadataNames.Is(attributeClass, InteropAttributes.NativeKernel.MetadataName))
            {
                nativeKernel = attribute;
            }
        }

        // DllImport is a pseudo-attribute: the compiler keeps it as import data, not as an attribute.
        if (method.GetDllImportData() is { } import)
        {
            return new NativeDeclaration(
                NativeDeclarationKind.DllImport, import.ModuleName, import.EntryPointName ?? method.Name, import.SetLastError, requests);
        }

        if (libraryImport is not null)
        {
            string? library = libraryImport.ConstructorArguments.Length > 0 ? libraryImport.ConstructorArguments[0].Value as string : null;
            return new NativeDeclaration(
                NativeDeclarationKind.LibraryImport,
                library,
                NamedString(libraryImport, "EntryPoint") ?? method.Name,
                NamedBool(libraryImport, "SetLastError"),
                requests);
        }

        if (nativeKernel is not null)
        {
            if (NamedBool(nativeKernel, InteropAttributes.NativeKernel.ShortCall)
                && FindNamedArgument(nativeKernel, InteropAttributes.NativeKernel.ShortCall) is { } shortCall)
            {
                requests.Add(shortCall);
            }

            // Read as the generator reads it (InteropAttributes): the library is the constructor's argument.
            string? library = nativeKernel.ConstructorArguments.Length == InteropAttributes.NativeKernel.ConstructorArgumentCount
                ? nativeKernel.ConstructorArguments[InteropAttributes.NativeKernel.LibraryArgument].Value as string
                : null;
            return new NativeDeclaration(
                NativeDeclarationKind.NativeKernel,
                library,
                NamedString(nativeKernel, InteropAttributes.NativeKernel.EntryPoint) ?? method.Name,
                NamedBool(nativeKernel, InteropAttributes.NativeKernel.SetLastError),
                requests);
        }

        return null;
    }

    private static string? NamedString(AttributeData attribute, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is string text)
            {
                return text;
            }
        }

        return null;
    }

    private static bool NamedBool(AttributeData attribute, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is bool value)
            {
                return value;
            }
        }

        return false;
    }

    private static Location? FindNamedArgument(AttributeData attribute, string name)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax() is not AttributeSyntax syntax || syntax.ArgumentList is null)
        {
            return null;
        }

        foreach (AttributeArgumentSyntax argument in syntax.ArgumentList.Arguments)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == name)
            {
                return argument.GetLocation();
            }
        }

        return syntax.GetLocation();
    }
}
