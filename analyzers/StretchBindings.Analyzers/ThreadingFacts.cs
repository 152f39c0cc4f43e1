using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StretchBindings.Analyzers;

/// <summary>
/// What SB1001 and SB1002 both need to know about a compilation, worked out once per compilation and shared by
/// the two: which types are single-threaded and which of their members change them. The type list is read once per
/// compilation; its names are matched against the types the analyzers meet, never resolved up front.
/// </summary>
internal sealed class ThreadingFacts
{
    private static readonly ConditionalWeakTable<Compilation, ThreadingFacts> s_byCompilation = new();

    private readonly ImmutableArray<AdditionalText> _additionalFiles;

    private ThreadingFacts(SingleThreadedTypes? types, MutatingMembers? members, ImmutableArray<AdditionalText> additionalFiles)
    {
        Types = types;
        Members = members;
        _additionalFiles = additionalFiles;
    }

    /// <summary>Null when no type of the compilation can be single-threaded: the analyzers then register nothing.</summary>
    public readonly SingleThreadedTypes? Types;

    /// <summary>Null exactly when <see cref="Types"/> is.</summary>
    public readonly MutatingMembers? Members;

    public static ThreadingFacts For(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        ImmutableArray<AdditionalText> files = options.AdditionalFiles;
        ThreadingFacts facts = s_byCompilation.GetValue(compilation, _ => Compute(compilation, files, cancellationToken));
        // The same compilation analyzed with other options (a host may do that) gets facts of its own.
        return facts._additionalFiles == files ? facts : Compute(compilation, files, cancellationToken);
    }

    private static ThreadingFacts Compute(Compilation compilation, ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
    {
        // The lists are read once, for both the types and their mutating members; their names are matched as types are met.
        ListedTypeNames listed = SingleThreadedTypes.ReadListedTypes(files, cancellationToken);
        SingleThreadedTypes? types = SingleThreadedTypes.Create(compilation, listed);
        MutatingMembers? members = types is null ? null : new MutatingMembers(listed, types);
        return new ThreadingFacts(types, members, files);
    }
}
