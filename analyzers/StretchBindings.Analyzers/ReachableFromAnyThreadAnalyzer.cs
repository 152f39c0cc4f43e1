using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StretchBindings.Analyzers;

/// <summary>
/// SB1002: a single-threaded instance held by a static field or auto-property, or by a field of an object
/// that is itself reachable from one. <c>[ThreadStatic]</c> statics and <c>ThreadLocal&lt;T&gt;</c> are fine.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReachableFromAnyThreadAnalyzer : DiagnosticAnalyzer
{
    private const string ThreadStaticAttributeName = "System.ThreadStaticAttribute";
    private const string LazyTypeName = "System.Lazy`1";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.ReachableFromAnyThread, Descriptors.ReachableFromAnyThreadThroughSharedObject);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            SingleThreadedTypes? types = SingleThreadedTypes.Create(start.Compilation, start.Options.AdditionalFiles, start.CancellationToken);
            if (types is null)
            {
                return;
            }

            Compilation compilation = start.Compilation;
            var sharing = new SharingFacts();
            start.RegisterSymbolAction(
                symbolContext => AnalyzeMember(symbolContext, compilation, types, sharing),
                SymbolKind.Field,
                SymbolKind.Property);
            // Whether an object is reachable from a static is known only once every static has been seen.
            start.RegisterCompilationEndAction(endContext => ReportFieldsOfSharedObjects(endContext, types, sharing));
        });
    }

    /// <summary>What the member actions learn for the compilation-end action: the statics, and the instance fields holding single-threaded instances.</summary>
    private sealed class SharingFacts
    {
        public ConcurrentBag<(ITypeSymbol StoredType, ISymbol Root)> StaticRoots { get; } = new();

        public ConcurrentBag<(ISymbol Member, ITypeSymbol HeldType)> InstanceHolders { get; } = new();
    }

    private static void AnalyzeMember(SymbolAnalysisContext context, Compilation compilation, SingleThreadedTypes types, SharingFacts sharing)
    {
        ISymbol member = context.Symbol;
        if (member.IsImplicitlyDeclared || member.Locations.IsEmpty || !member.Locations[0].IsInSource)
        {
            return;
        }

        IFieldSymbol? storage;
        switch (member)
        {
            case IFieldSymbol field when !field.IsConst:
                storage = field;
                break;
            case IPropertySymbol property when property.IsStatic ? IsSourceType(StoredType(property.Type), compilation) || HoldsSingleThreaded(property.Type, types, out _) : HoldsSingleThreaded(property.Type, types, out _):
                // Only auto-properties store anything; looking for the backing field is worth it only for these.
                storage = FindBackingField(property);
                break;
            default:
                storage = null;
                break;
        }

        if (storage is null)
        {
            return;
        }

        bool holds = HoldsSingleThreaded(storage.Type, types, out ITypeSymbol? heldType);
        if (storage.IsStatic)
        {
            if (MetadataNames.HasAttribute(storage, ThreadStaticAttributeName))
            {
                return;
            }

            if (holds)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.ReachableFromAnyThread, member.Locations[0], Describe(member), heldType!.Name, string.Empty));
            }
            else if (StoredType(storage.Type) is { } stored && IsSourceType(stored, compilation))
            {
                sharing.StaticRoots.Add((stored.OriginalDefinition, member));
            }

            return;
        }

        if (holds)
        {
            sharing.InstanceHolders.Add((member, heldType!));
        }
    }

    private static void ReportFieldsOfSharedObjects(CompilationAnalysisContext context, SingleThreadedTypes types, SharingFacts sharing)
    {
        if (sharing.InstanceHolders.IsEmpty || sharing.StaticRoots.IsEmpty)
        {
            return;
        }

        // Roots in a stable order, so that the static a message names does not change from build to build.
        var roots = sharing.StaticRoots.ToList();
        roots.Sort(static (left, right) => string.CompareOrdinal(Describe(left.Root), Describe(right.Root)));
        var shared = new Dictionary<ITypeSymbol, ISymbol>(SymbolEqualityComparer.Default);
        var pending = new Queue<ITypeSymbol>();
        foreach ((ITypeSymbol storedType, ISymbol root) in roots)
        {
            Share(storedType, root);
        }

        while (pending.Count > 0)
        {
            ITypeSymbol type = pending.Dequeue();
            ISymbol root = shared[type];
            foreach (ISymbol member in type.GetMembers())
            {
                if (member is IFieldSymbol { IsStatic: false } field && StoredType(field.Type) is { } stored && IsSourceType(stored, context.Compilation))
                {
                    Share(stored.OriginalDefinition, root);
                }
            }
        }

        foreach ((ISymbol member, ITypeSymbol heldType) in sharing.InstanceHolders)
        {
            if (shared.TryGetValue(member.ContainingType.OriginalDefinition, out ISymbol? root))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.ReachableFromAnyThreadThroughSharedObject,
                    member.Locations[0],
                    Describe(member),
                    heldType.Name,
                    $", because '{member.ContainingType.Name}' objects are reachable from static '{Describe(root)}'"));
            }
        }

        void Share(ITypeSymbol type, ISymbol root)
        {
            // A single-threaded object is reported where it is stored; its own fields add nothing.
            if (!types.IsSingleThreaded(type) && !shared.ContainsKey(type))
            {
                shared.Add(type, root);
                pending.Enqueue(type);
            }
        }
    }

    private static bool IsSourceType(ITypeSymbol? type, Compilation compilation) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named
        && SymbolEqualityComparer.Default.Equals(named.ContainingAssembly, compilation.Assembly);

    /// <summary>The type whose instance a field stores: the value of a <c>Lazy&lt;T&gt;</c>, else the field's type.</summary>
    private static ITypeSymbol StoredType(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true } named && MetadataNames.IsDefinition(named, LazyTypeName)
            ? named.TypeArguments[0]
            : type;

    private static string Describe(ISymbol member) =>
        member is IFieldSymbol { AssociatedSymbol: { } property } ? Describe(property) : member.ContainingType.Name + "." + member.Name;

    /// <summary>The type itself, or the value of a <c>Lazy&lt;T&gt;</c>, which is one instance for every thread too.</summary>
    private static bool HoldsSingleThreaded(ITypeSymbol type, SingleThreadedTypes types, out ITypeSymbol? heldType)
    {
        if (types.IsSingleThreaded(type))
        {
            heldType = type;
            return true;
        }

        if (type is INamedTypeSymbol { IsGenericType: true } named
            && MetadataNames.IsDefinition(named, LazyTypeName)
            && types.IsSingleThreaded(named.TypeArguments[0]))
        {
            heldType = named.TypeArguments[0];
            return true;
        }

        heldType = null;
        return false;
    }

    private static IFieldSymbol? FindBackingField(IPropertySymbol property)
    {
        foreach (ISymbol member in property.ContainingType.GetMembers())
        {
            if (member is IFieldSymbol field && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property))
            {
                return field;
            }
        }

        return null;
    }
}
