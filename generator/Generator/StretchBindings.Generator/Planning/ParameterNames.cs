using System;
using System.Collections.Generic;
using StretchBindings.Generator.Diagnostics;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Planning;

/// <summary>
/// The C# names of a function's parameters, valid and unique: C names escaped (or in camelCase for the
/// projection), unnamed ones <c>argN</c>. One rule makes them unique: a name already taken, one the
/// generated code declares beside the parameters, or one starting with <c>__</c> (the prefix of the
/// generated locals) gets trailing underscores until it is free, and the rename is reported (SBG0005).
/// </summary>
internal static class ParameterNames
{
    /// <summary>Locals and members a projected constructor or member declares beside its parameters.</summary>
    private static readonly string[] ProjectionLocals = ["result", "status", "handle", "instance", "message", "_handle", "BeforeCreate"];

    /// <summary>
    /// <paramref name="self"/>: the first parameter is the instance, which the projection passes itself (as it
    /// does an <c>out_handle</c>), so that parameter may keep a name the generated code declares.
    /// <paramref name="method"/>: the raw method's name, which its overload calls, so no parameter may hide it.
    /// </summary>
    public static string[] Plan(LibraryContext context, NativeFunction function, bool camelCase, bool report, bool self = false, string? method = null)
    {
        var names = new string[function.Parameters.Count];
        var taken = new HashSet<string>(StringComparer.Ordinal);
        if (method is not null)
        {
            taken.Add(method.TrimStart('@'));
        }

        for (int i = 0; i < names.Length; i++)
        {
            string cName = function.Parameters[i].Name;
            string? renamed = NativeAnnotationNames.RenameOf(function.Parameters[i].Annotations);
            string wanted = (renamed is not null ? Identifiers.Escape(renamed)
                : cName.Length == 0 ? "arg" + i : camelCase ? Identifiers.ToCamelCase(cName) : Identifiers.Escape(cName)).TrimStart('@');
            string name = wanted;
            bool offered = camelCase && !(self && i == 0) && !NativeAnnotationNames.Has(function.Parameters[i].Annotations, NativeAnnotationNames.OutHandle);
            while ((name.StartsWith("__", StringComparison.Ordinal) && !name.EndsWith("_", StringComparison.Ordinal))
                || (offered && Array.IndexOf(ProjectionLocals, name) >= 0)
                || !taken.Add(name))
            {
                name += "_";
            }

            if (report && renamed is null && !camelCase && cName.Length > 0 && wanted != cName && name == wanted)
            {
                context.Report(DiagnosticDescriptors.NameClash, function.Location, function.Name, cName,
                    $"parameter {i + 1} of '{function.Name}'", "the characters a C# name may have", name);
            }

            if (report && name != wanted)
            {
                context.Report(DiagnosticDescriptors.NameClash, function.Location, function.Name, cName.Length == 0 ? wanted : cName,
                    $"parameter {i + 1} of '{function.Name}'", "another parameter or a name the generated code declares", name);
            }

            names[i] = Identifiers.Escape(name);
        }

        return names;
    }
}
