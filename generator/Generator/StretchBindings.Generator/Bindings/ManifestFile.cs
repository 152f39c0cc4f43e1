using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StretchBindings.Generator.Diagnostics;
using StretchBindings.Generator.Helpers;
using StretchBindings.Json;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Bindings;

/// <summary>A manifest AdditionalFile's text (null when unreadable) and the build metadata that places its class.</summary>
/// <c>HeaderPath</c> is the header the build scanned it from (metadata <c>NativeHeader</c>), where diagnostics about a
/// declaration are placed.
internal sealed record ManifestFileInfo(string Path, string? ClassName, string? Namespace, string? Library, string RootNamespace, string? Content, string? HeaderPath = null)
{
    /// <summary>Whether the raw class registers its imports for named load failures (build property <c>StretchBindingsLoadCheck</c>).</summary>
    public bool LoadCheck { get; init; } = true;
}

internal static class ManifestFile
{
    private const string MetadataPrefix = "build_metadata.AdditionalFiles.";

    /// <summary>
    /// The manifest's file and metadata, or null for other AdditionalFiles. A file is a manifest when
    /// <c>&lt;NativeHeader&gt;</c> marked it (SourceItemType NativeManifest) or its name ends in <c>.native.json</c>.
    /// </summary>
    public static ManifestFileInfo? Describe(AdditionalText text, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
    {
        AnalyzerConfigOptions fileOptions = options.GetOptions(text);
        string? itemType = Get(fileOptions, ManifestSchema.SourceItemTypeKey);
        if (!ManifestSchema.IsManifest(text.Path, itemType))
        {
            return null;
        }

        options.GlobalOptions.TryGetValue("build_property.RootNamespace", out string? rootNamespace);
        // An application that sets its own DllImport resolver for the assembly turns the load check off.
        options.GlobalOptions.TryGetValue("build_property.StretchBindingsLoadCheck", out string? loadCheck);
        return new ManifestFileInfo(
            text.Path,
            Get(fileOptions, MetadataPrefix + "ClassName"),
            Get(fileOptions, MetadataPrefix + "Namespace"),
            Get(fileOptions, MetadataPrefix + "Library"),
            rootNamespace ?? string.Empty,
            text.GetText(cancellationToken)?.ToString(),
            Get(fileOptions, MetadataPrefix + "NativeHeader"))
        {
            LoadCheck = !string.Equals(loadCheck?.Trim(), "false", StringComparison.OrdinalIgnoreCase),
        };
    }

    private static string? Get(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>Reads and parses the manifest; every problem becomes a diagnostic, never an exception.</summary>
    public static ManifestInput Read(ManifestFileInfo file, CancellationToken cancellationToken)
    {
        string fileName = System.IO.Path.GetFileName(file.Path);
        string ns = file.Namespace ?? file.RootNamespace;
        string? className = file.ClassName;
        NativeManifest? manifest = null;
        DiagnosticInfo? problem = null;

        cancellationToken.ThrowIfCancellationRequested();
        string? text = file.Content;
        if (text is null)
        {
            problem = DiagnosticInfo.Create(DiagnosticDescriptors.ManifestUnreadable, LocationInfo.InFile(file.Path, 1, 1), fileName, "the file could not be read");
        }
        else
        {
            try
            {
                manifest = ManifestReader.Read(text);
            }
            catch (JsonReaderException exception)
            {
                problem = DiagnosticInfo.Create(DiagnosticDescriptors.ManifestUnreadable, LocationInfo.InFile(file.Path, exception.Line, exception.Column),
                    fileName, $"{exception.Message} (line {exception.Line}, column {exception.Column})");
            }
            catch (ManifestVersionException exception)
            {
                problem = DiagnosticInfo.Create(DiagnosticDescriptors.ManifestSchemaVersion, LocationInfo.InFile(file.Path, 1, 1), fileName, exception.Version);
            }
            catch (ManifestFormatException exception)
            {
                problem = DiagnosticInfo.Create(DiagnosticDescriptors.ManifestInvalid, LocationInfo.InFile(file.Path, exception.Line, exception.Column),
                    fileName, $"{exception.Message} (line {exception.Line}, column {exception.Column})");
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Never throw into the compiler: a reader bug is one error on the manifest.
                problem = DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, LocationInfo.InFile(file.Path, 1, 1),
                    fileName, exception.GetType().Name + ": " + exception.Message);
            }
        }

        string library = file.Library ?? manifest?.Library ?? string.Empty;
        // Without ClassName metadata: "<Library>Native", which leaves the plain name to a handle class of the same stem.
        className ??= (library.Length > 0 ? Identifiers.ToPascalCase(library) : Identifiers.ToPascalCase(StripExtensions(fileName))) + "Native";
        return new ManifestInput(
            file.Path,
            ns,
            className,
            library,
            problem is null ? manifest : null,
            problem is null ? EquatableArray<DiagnosticInfo>.Empty : new[] { problem })
        {
            HeaderPath = file.HeaderPath,
            LoadCheck = file.LoadCheck,
        };
    }

    private static string StripExtensions(string fileName)
    {
        int dot = fileName.IndexOf('.');
        return dot > 0 ? fileName.Substring(0, dot) : fileName;
    }
}
