using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using StretchBindings.Json;
using StretchBindings.Manifest;

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

/// <summary>What the GC-transition rules need to know about one native function of a manifest.</summary>
internal sealed class ManifestFunction
{
    public ManifestFunction(NativeFunction function, bool headerAnnotatesShortCalls)
    {
        Function = function;
        IsShortCall = NativeAnnotationNames.IsShortCall(function);
        HeaderAnnotatesShortCalls = headerAnnotatesShortCalls;
        FunctionPointerParameter = FindFunctionPointerParameter(function);
    }

    public NativeFunction Function { get; }

    public string Name => Function.Name;

    /// <summary>The header annotates the function short.</summary>
    public bool IsShortCall { get; }

    /// <summary>
    /// The header marks its short calls at all (some function of the manifest is short): only then does
    /// a function without the annotation count as long. A header that annotates nothing (zlib.h, say)
    /// leaves the judgement to the declaration.
    /// </summary>
    public bool HeaderAnnotatesShortCalls { get; }

    /// <summary>The header's annotations say the function may block or run long.</summary>
    public bool IsKnownLong => HeaderAnnotatesShortCalls && !IsShortCall;

    public bool IsVariadic => Function.Variadic;

    /// <summary>The name (or 1-based position) of the first parameter that is a function pointer, if any.</summary>
    public string? FunctionPointerParameter { get; }

    private static string? FindFunctionPointerParameter(NativeFunction function)
    {
        for (int i = 0; i < function.Parameters.Count; i++)
        {
            NativeParameter parameter = function.Parameters[i];
            if (NativeAnnotationNames.IsCallback(parameter.Type))
            {
                return parameter.Name.Length > 0 ? parameter.Name : "#" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}

/// <summary>Every manifest handed to the compilation as an AdditionalFile, indexed by library.</summary>
internal sealed class ManifestSet
{
    // The IDE hands the same SourceText to every compilation until the file changes, so each file is parsed once.
    private static readonly ConditionalWeakTable<SourceText, ManifestReadResult> s_readCache = new();

    private readonly Dictionary<string, List<Dictionary<string, ManifestFunction>>> _byLibrary;
    private readonly List<Dictionary<string, ManifestFunction>> _all;

    private ManifestSet(List<NativeManifest> manifests)
    {
        _all = new List<Dictionary<string, ManifestFunction>>();
        _byLibrary = new Dictionary<string, List<Dictionary<string, ManifestFunction>>>(StringComparer.Ordinal);
        foreach (NativeManifest manifest in manifests)
        {
            bool annotatesShortCalls = NativeAnnotationNames.AnnotatesShortCalls(manifest);

            var functions = new Dictionary<string, ManifestFunction>(StringComparer.Ordinal);
            foreach (NativeFunction function in manifest.Functions)
            {
                functions[function.Name] = new ManifestFunction(function, annotatesShortCalls);
            }

            _all.Add(functions);
            string key = LibraryNames.Normalize(manifest.Library);
            if (!_byLibrary.TryGetValue(key, out List<Dictionary<string, ManifestFunction>>? list))
            {
                list = new List<Dictionary<string, ManifestFunction>>();
                _byLibrary.Add(key, list);
            }

            list.Add(functions);
        }
    }

    public bool IsEmpty => _all.Count == 0;

    /// <summary>Whether an AdditionalFile is a manifest, by the rule the generator uses too.</summary>
    public static bool IsManifest(AdditionalText file, AnalyzerOptions options)
    {
        options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(ManifestSchema.SourceItemTypeKey, out string? itemType);
        return ManifestSchema.IsManifest(file.Path, itemType?.Trim());
    }

    public static ManifestSet Load(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var manifests = new List<NativeManifest>();
        foreach (AdditionalText file in options.AdditionalFiles)
        {
            if (!IsManifest(file, options))
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
                return new ManifestReadResult(ManifestReader.Read(source.ToString()), null, 0);
            }
            catch (JsonReaderException exception)
            {
                return new ManifestReadResult(
                    null, $"line {exception.Line}, column {exception.Column}: {exception.Message}", exception.Offset);
            }
            catch (ManifestVersionException exception)
            {
                return new ManifestReadResult(
                    null, $"schema version {exception.Version} is not supported (this analyzer reads version {ManifestSchema.Version})", 0);
            }
            catch (ManifestFormatException exception)
            {
                return new ManifestReadResult(null, $"line {exception.Line}, column {exception.Column}: {exception.Message}", 0);
            }
        });

    /// <summary>
    /// Finds the native function a declaration binds. With a library name, only manifests of that library
    /// are searched; without one (a native kernel that does not name it), the name must be unique.
    /// </summary>
    public ManifestFunction? Find(string? library, string entryPoint)
    {
        if (library is not null)
        {
            if (!_byLibrary.TryGetValue(LibraryNames.Normalize(library), out List<Dictionary<string, ManifestFunction>>? candidates))
            {
                return null;
            }

            foreach (Dictionary<string, ManifestFunction> functions in candidates)
            {
                if (functions.TryGetValue(entryPoint, out ManifestFunction? function))
                {
                    return function;
                }
            }

            return null;
        }

        ManifestFunction? found = null;
        foreach (Dictionary<string, ManifestFunction> functions in _all)
        {
            if (functions.TryGetValue(entryPoint, out ManifestFunction? function))
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
