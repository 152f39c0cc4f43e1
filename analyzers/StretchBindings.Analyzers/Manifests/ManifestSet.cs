using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using StretchBindings.Json;

namespace StretchBindings.Analyzers.Manifests;

/// <summary>The outcome of reading one manifest file: the manifest, or why it could not be read.</summary>
internal sealed class ManifestReadResult
{
    public ManifestReadResult(NativeManifest? manifest, string? error, int errorOffset)
    {
        Manifest = manifest;
        Error = error;
        ErrorOffset = errorOffset;
    }

    public NativeManifest? Manifest { get; }

    public string? Error { get; }

    public int ErrorOffset { get; }
}

/// <summary>Every manifest handed to the compilation as an AdditionalFile, indexed by library.</summary>
internal sealed class ManifestSet
{
    public const string FileSuffix = ".native.json";

    // The IDE hands the same SourceText to every compilation until the file changes, so each file is parsed once.
    private static readonly ConditionalWeakTable<SourceText, ManifestReadResult> s_readCache = new();

    private readonly Dictionary<string, List<NativeManifest>> _byLibrary;
    private readonly List<NativeManifest> _all;

    private ManifestSet(List<NativeManifest> manifests)
    {
        _all = manifests;
        _byLibrary = new Dictionary<string, List<NativeManifest>>(StringComparer.Ordinal);
        foreach (NativeManifest manifest in manifests)
        {
            string key = NativeManifest.NormalizeLibraryName(manifest.Library);
            if (!_byLibrary.TryGetValue(key, out List<NativeManifest>? list))
            {
                list = new List<NativeManifest>();
                _byLibrary.Add(key, list);
            }

            list.Add(manifest);
        }
    }

    public bool IsEmpty => _all.Count == 0;

    public static bool IsManifestPath(string path) => path.EndsWith(FileSuffix, StringComparison.OrdinalIgnoreCase);

    public static ManifestSet Load(ImmutableArray<AdditionalText> additionalFiles, CancellationToken cancellationToken)
    {
        var manifests = new List<NativeManifest>();
        foreach (AdditionalText file in additionalFiles)
        {
            if (!IsManifestPath(file.Path))
            {
                continue;
            }

            SourceText? text = file.GetText(cancellationToken);
            if (text is not null && Read(text).Manifest is { } manifest)
            {
                manifests.Add(manifest);
            }
        }

        return new ManifestSet(manifests);
    }

    public static ManifestReadResult Read(SourceText text) =>
        s_readCache.GetValue(text, static source =>
        {
            try
            {
                return new ManifestReadResult(NativeManifest.Parse(source.ToString()), null, 0);
            }
            catch (JsonReaderException exception)
            {
                return new ManifestReadResult(
                    null, $"line {exception.Line}, column {exception.Column}: {exception.Message}", exception.Offset);
            }
            catch (ManifestFormatException exception)
            {
                return new ManifestReadResult(null, exception.Message, 0);
            }
        });

    /// <summary>
    /// Finds the native function a declaration binds. With a library name, only manifests of that library
    /// are searched; without one (a native kernel that does not name it), the name must be unique.
    /// </summary>
    public NativeFunction? Find(string? library, string entryPoint)
    {
        if (library is not null)
        {
            if (!_byLibrary.TryGetValue(NativeManifest.NormalizeLibraryName(library), out List<NativeManifest>? candidates))
            {
                return null;
            }

            foreach (NativeManifest manifest in candidates)
            {
                if (manifest.TryGetFunction(entryPoint, out NativeFunction function))
                {
                    return function;
                }
            }

            return null;
        }

        NativeFunction? found = null;
        foreach (NativeManifest manifest in _all)
        {
            if (manifest.TryGetFunction(entryPoint, out NativeFunction function))
            {
                if (found is not null)
                {
                    return null;
                }

                found = function;
            }
        }

        return found;
    }
}
