using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using StretchBindings.Generator.Bindings;
using StretchBindings.Generator.Diagnostics;
using StretchBindings.Generator.Emit;
using StretchBindings.Generator.Helpers;
using StretchBindings.Generator.Kernels;
using StretchBindings.Manifest;
using StretchBindings.Generator.Model;
using StretchBindings.Generator.Planning;

namespace StretchBindings.Generator;

/// <summary>
/// Native manifests (AdditionalFiles) become raw P/Invoke classes with a projection; methods marked
/// <c>[NativeKernel]</c> get direct stubs, checked against a manifest of their library when one is there.
/// Each input is first planned into an equatable model (<c>Planning/</c> → <c>Model/</c>), which
/// carries every decision and diagnostic; the source outputs only write that model (<c>Emit/</c>).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NativeBindingsGenerator : IIncrementalGenerator
{
    /// <summary>The metadata value <c>&lt;NativeHeader&gt;</c> gives manifests.</summary>
    public const string NativeManifestItemType = ManifestSchema.ItemType;

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ManifestInput> manifests = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) => ManifestFile.Describe(pair.Left, pair.Right, cancellationToken))
            .Where(static file => file is not null)
            .Select(static (file, _) => file!)
            .WithTrackingName(TrackingNames.ManifestFiles)
            .Select(static (file, cancellationToken) => ManifestFile.Read(file, cancellationToken))
            .WithTrackingName(TrackingNames.Manifests);

        // [NativeLibrary("x")] classes: the manifest of library x is generated into them.
        IncrementalValueProvider<EquatableArray<LibraryTarget>> libraryTargets = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                TypeNames.NativeLibraryMetadataName,
                static (node, _) => node is ClassDeclarationSyntax,
                static (syntaxContext, cancellationToken) => LibraryTargets.Parse(syntaxContext, cancellationToken))
            .Where(static target => target is not null)
            .Select(static (target, _) => target!)
            .Collect()
            .Select(static (items, _) => new EquatableArray<LibraryTarget>(items.ToArray()))
            .WithTrackingName(TrackingNames.LibraryTargets);

        manifests = manifests
            .Combine(libraryTargets)
            .Select(static (pair, _) => LibraryTargets.Place(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.PlacedManifests);

        IncrementalValueProvider<bool> allowUnsafe = context.CompilationProvider
            .Select(static (compilation, _) => compilation.Options is Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions { AllowUnsafe: true })
            .WithTrackingName(TrackingNames.AllowUnsafe);

        IncrementalValueProvider<EquatableArray<ManifestInput>> allManifests = manifests.Collect()
            .Select(static (items, _) => new EquatableArray<ManifestInput>(items.ToArray()))
            .WithTrackingName(TrackingNames.ManifestClasses);

        // Paths of manifests whose class another manifest already generates (SBG0008): they generate nothing.
        IncrementalValueProvider<EquatableArray<string>> duplicates = allManifests
            .Select(static (items, _) => DuplicatePaths(items))
            .WithTrackingName(TrackingNames.DuplicateClasses);

        // Structs of other headers that several manifests of one namespace hold: each is declared once (SharedRecords).
        IncrementalValueProvider<EquatableArray<SharedRecord>> sharedRecords = allManifests
            .Combine(duplicates)
            .Select(static (pair, _) => SharedRecords.Find(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.SharedRecords);

        IncrementalValuesProvider<LibraryModel> bindings = manifests
            .Combine(allowUnsafe)
            .Combine(duplicates)
            .Combine(sharedRecords)
            .Select(static (pair, cancellationToken) => SharedRecords.Apply(
                PlanBindings(pair.Left.Left.Left, pair.Left.Left.Right, pair.Left.Right.Contains(pair.Left.Left.Left.Path), cancellationToken),
                SharedRecords.Of(pair.Left.Left.Left.Path, pair.Right)))
            .WithTrackingName(TrackingNames.Bindings);

        context.RegisterSourceOutput(bindings, static (output, model) =>
        {
            foreach (DiagnosticInfo diagnostic in model.Diagnostics.Concat(model.Skipped.Select(skipped => skipped.Diagnostic)))
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            EquatableArray<GeneratedFile> files;
            try
            {
                files = LibraryEmitter.Emit(model);
            }
            catch (Exception exception)
            {
                output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GeneratorFailure, Location.None, model.HintStem, exception.GetType().Name + ": " + exception.Message));
                return;
            }

            foreach (GeneratedFile file in files)
            {
                output.AddSource(file.HintName, SourceText.From(file.Source, System.Text.Encoding.UTF8));
            }
        });

        context.RegisterSourceOutput(allManifests, static (output, items) => ReportDuplicateClasses(output, items));

        context.RegisterSourceOutput(libraryTargets.Combine(allManifests), static (output, pair) =>
        {
            foreach (DiagnosticInfo diagnostic in LibraryTargets.Check(pair.Left, pair.Right))
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        IncrementalValuesProvider<KernelModel> kernels = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                TypeNames.NativeKernelMetadataName,
                static (node, _) => node is MethodDeclarationSyntax,
                static (syntaxContext, cancellationToken) => ParseKernel(syntaxContext, cancellationToken))
            .Where(static kernel => kernel is not null)
            .Select(static (kernel, _) => kernel!)
            .WithTrackingName(TrackingNames.Kernels);

        IncrementalValuesProvider<KernelBinding> kernelOutputs = kernels
            .Combine(allManifests)
            .Combine(allowUnsafe)
            .Select(static (pair, _) => PlanKernel(pair.Left.Left, pair.Left.Right, pair.Right))
            .WithTrackingName(TrackingNames.KernelOutputs);

        IncrementalValueProvider<EquatableArray<KernelBinding>> allKernelOutputs = kernelOutputs.Collect()
            .Select(static (items, _) => new EquatableArray<KernelBinding>(items.ToArray()))
            .WithTrackingName(TrackingNames.AllKernelOutputs);

        context.RegisterSourceOutput(allKernelOutputs, static (output, items) =>
        {
            foreach (KernelBinding item in items)
            {
                foreach (DiagnosticInfo diagnostic in item.Diagnostics)
                {
                    output.ReportDiagnostic(diagnostic.ToDiagnostic());
                }
            }

            if (items.Any(item => item.Emit))
            {
                string source;
                try
                {
                    source = KernelEmitter.Write(items);
                }
                catch (Exception exception)
                {
                    output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GeneratorFailure, Location.None, "[NativeKernel] methods", exception.GetType().Name + ": " + exception.Message));
                    return;
                }

                output.AddSource("NativeKernels.g.cs", SourceText.From(source, System.Text.Encoding.UTF8));
            }
        });
    }

    private static LibraryModel PlanBindings(ManifestInput input, bool allowUnsafe, bool duplicate, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (duplicate)
        {
            // Another manifest generates this class (SBG0008 is reported once for the pair).
            return LibraryModel.Nothing(input.Diagnostics);
        }

        if (input.Manifest is not null && !allowUnsafe)
        {
            return LibraryModel.Nothing(input.Diagnostics.Concat([DiagnosticInfo.Create(DiagnosticDescriptors.UnsafeBlocksRequired, LocationInfo.InFile(input.Path, 1, 1))]).ToArray());
        }

        try
        {
            return LibraryPlanner.Plan(input, input.HeaderPath);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Never throw into the compiler: a bug here is one error on the manifest, not a crashed build.
            return LibraryModel.Nothing(input.Diagnostics.Concat([DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, LocationInfo.InFile(input.Path, 1, 1),
                input.Path, exception.GetType().Name + ": " + exception.Message)]).ToArray());
        }
    }

    private static KernelBinding PlanKernel(KernelModel kernel, EquatableArray<ManifestInput> manifests, bool allowUnsafe)
    {
        try
        {
            return KernelPlanner.Plan(kernel, manifests, allowUnsafe);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new KernelBinding(kernel, false, false, false, null, new[]
            {
                DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, kernel.Location, kernel.MethodName, exception.GetType().Name + ": " + exception.Message),
            });
        }
    }

    private static KernelModel? ParseKernel(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            return KernelParser.Parse(context, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LocationInfo? location = LocationInfo.From(context.TargetNode.GetLocation());
            return new KernelModel(null, EquatableArray<ContainingType>.Empty, string.Empty, context.TargetSymbol.Name,
                new KernelType(MarshalKind.Unsupported, "void", "void", "void", null, "?", false, "internal error"),
                EquatableArray<KernelParameter>.Empty, string.Empty, string.Empty, false, false, CallingConventions.Cdecl.DllImport, location,
                new[] { DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, location, context.TargetSymbol.Name, exception.GetType().Name + ": " + exception.Message) });
        }
    }

    private static EquatableArray<string> DuplicatePaths(EquatableArray<ManifestInput> manifests) =>
        manifests.Where(m => m.Manifest is not null)
            .GroupBy(m => m.Namespace + "." + m.ClassName)
            .SelectMany(group => group.Skip(1).Select(m => m.Path))
            .ToArray();

    private static void ReportDuplicateClasses(SourceProductionContext output, EquatableArray<ManifestInput> manifests)
    {
        foreach (IGrouping<string, ManifestInput> group in manifests.Where(m => m.Manifest is not null).GroupBy(m => m.Namespace + "." + m.ClassName))
        {
            ManifestInput[] duplicates = group.ToArray();
            for (int i = 1; i < duplicates.Length; i++)
            {
                output.ReportDiagnostic(DiagnosticInfo.Create(
                    DiagnosticDescriptors.DuplicateClass,
                    LocationInfo.InFile(duplicates[i].Path, 1, 1),
                    duplicates[0].Path,
                    duplicates[i].Path,
                    group.Key.TrimStart('.')).ToDiagnostic());
            }
        }
    }
}
