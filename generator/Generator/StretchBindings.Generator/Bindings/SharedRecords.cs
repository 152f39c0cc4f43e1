using System;
using System.Collections.Generic;
using System.Linq;
using StretchBindings.Generator.Diagnostics;
using StretchBindings.Generator.Helpers;
using StretchBindings.Generator.Model;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Bindings;

/// <summary>
/// A struct of another header (<c>struct timeval</c>, <c>struct tm</c>) that a manifest holds by value
/// and that another manifest of the same namespace declares first: generated once, by that manifest.
/// <see cref="SameLayout"/> is false when the two layouts differ (other defines, another target), which
/// one C# type cannot serve (SBG0021).
/// </summary>
internal sealed record SharedRecord(string Path, string CName, string OwnerPath, string Namespace, bool SameLayout);

/// <summary>
/// Decides, over every manifest of the compilation, which one declares each struct of another header:
/// of the manifests of one namespace that hold it, the first by path (ordinal), so the choice does not
/// depend on the order the build lists them in. A struct of the scanned headers is the manifest's own
/// and never shared: two of those are two declarations, as the header says.
/// </summary>
internal static class SharedRecords
{
    public static EquatableArray<SharedRecord> Find(EquatableArray<ManifestInput> manifests, EquatableArray<string> duplicates)
    {
        var shared = new List<SharedRecord>();
        var owners = new Dictionary<(string Namespace, string CName), (string Path, NativeRecord Record)>();
        foreach (ManifestInput input in manifests.Where(m => m.Manifest is not null && !duplicates.Contains(m.Path)).OrderBy(m => m.Path, StringComparer.Ordinal))
        {
            foreach (NativeRecord record in input.Manifest!.Records.Where(IsBorrowed))
            {
                if (owners.TryGetValue((input.Namespace, record.Name), out (string Path, NativeRecord Record) owner))
                {
                    shared.Add(new SharedRecord(input.Path, record.Name, owner.Path, input.Namespace, owner.Record == record));
                }
                else
                {
                    owners.Add((input.Namespace, record.Name), (input.Path, record));
                }
            }
        }

        return shared.ToArray();
    }

    /// <summary>The shares that concern the manifest at <paramref name="path"/>.</summary>
    public static EquatableArray<SharedRecord> Of(string path, EquatableArray<SharedRecord> shared) =>
        shared.Where(s => s.Path == path).ToArray();

    /// <summary>
    /// The model less the structs another manifest declares; one whose layout differs there is left out
    /// too, with SBG0021, since a second declaration of the name would not compile.
    /// </summary>
    public static LibraryModel Apply(LibraryModel model, EquatableArray<SharedRecord> shares)
    {
        if (!model.Emit || shares.Count == 0)
        {
            return model;
        }

        var names = new HashSet<string>(shares.Select(s => s.CName), StringComparer.Ordinal);
        IEnumerable<DiagnosticInfo> differing = shares.Where(s => !s.SameLayout).Select(s => DiagnosticInfo.Create(
            DiagnosticDescriptors.SharedRecordDiffers, LocationInfo.InFile(s.Path, 1, 1), s.CName, s.OwnerPath, s.Namespace));
        return model with
        {
            Records = model.Records.Where(r => !names.Contains(r.CName)).ToArray(),
            Diagnostics = model.Diagnostics.Concat(differing).ToArray(),
        };
    }

    // A record of another header has no location (docs/manifest-schema.md), and its layout is all it brings.
    private static bool IsBorrowed(NativeRecord record) => record.Location is null && !record.Opaque;
}
