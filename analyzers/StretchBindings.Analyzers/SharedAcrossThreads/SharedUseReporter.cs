using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StretchBindings.Analyzers.Concurrency;

namespace StretchBindings.Analyzers.SharedAcrossThreads;

/// <summary>
/// Turns a finding into an SB1001 diagnostic with the properties the code fix reads, once per location:
/// nested launches (a <c>Task.Run</c> inside a <c>Parallel.For</c> body) can find the same use. One per compilation.
/// </summary>
internal sealed class SharedUseReporter
{
    private readonly ConcurrentDictionary<Location, byte> _reported = new();

    /// <param name="report">Where the diagnostic goes.</param>
    /// <param name="launch">The launch that runs the use on another thread.</param>
    /// <param name="variable">The shared instance's variable, named in the message.</param>
    /// <param name="at">The use reported.</param>
    /// <param name="other">The use it races with, if it is one place (an additional location).</param>
    /// <param name="reason">Why the uses overlap, completing the message.</param>
    public void Report(Action<Diagnostic> report, Launch launch, ISymbol variable, IOperation at, IOperation? other, string reason)
    {
        Location location = launch.ReportedAt(at).Syntax.GetLocation();
        if (!_reported.TryAdd(location, 0))
        {
            return;
        }

        string kind = launch.Kind switch
        {
            LaunchKind.SelfConcurrent => DiagnosticIds.SelfConcurrentLaunch,
            LaunchKind.SideBySide => DiagnosticIds.SideBySideLaunch,
            LaunchKind.HandedOn => DiagnosticIds.HandedOnLaunch,
            _ => DiagnosticIds.BackgroundLaunch,
        };
        ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty
            .Add(DiagnosticIds.LaunchKindProperty, kind)
            .Add(DiagnosticIds.LaunchApiProperty, launch.ApiName);
        IEnumerable<Location>? additional = other is null ? null : new[] { other.Syntax.GetLocation() };
        string typeName = at.Type?.Name ?? VariableType(variable)?.Name ?? "?";
        report(Diagnostic.Create(
            Descriptors.SharedAcrossThreads, location, additional, properties, variable.Name, typeName, reason));
    }

    private static ITypeSymbol? VariableType(ISymbol variable) => variable switch
    {
        ILocalSymbol local => local.Type,
        IParameterSymbol parameter => parameter.Type,
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        _ => null,
    };
}
