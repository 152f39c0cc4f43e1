using StretchBindings.Manifest;
using StretchBindings.Scanner.Sidecar;

namespace StretchBindings.Scanner.Scanning;

/// <summary>
/// Types the sidecar excludes (<c>"exclude": true</c> on a type entry): left out of the manifest with
/// the typedefs that alias them, and every function that takes or returns one, even behind pointers,
/// is recorded unsupported with the reason, so the generator skips it saying why (SBG0004).
/// </summary>
internal sealed partial class ScanSession
{
    // Struct, enum and typedef names the sidecar excludes, with the sidecar entry that did.
    private readonly Dictionary<string, SidecarEntry> _excludedTypes = new(StringComparer.Ordinal);

    private void ExcludeType(string name, SidecarEntry entry)
    {
        _excludedTypes.TryAdd(name, entry);

        // A typedef's name stands for what it names (z_stream -> struct z_stream_s).
        if (_typedefs.TryGetValue(name, out NativeTypedef? typedef) && typedef.Type.Kind is NativeTypeKind.Struct or NativeTypeKind.Union or NativeTypeKind.Enum
            && typedef.Type.Name is { } tag)
        {
            _excludedTypes.TryAdd(tag, entry);
        }
    }

    private void ApplyTypeExclusions()
    {
        if (_excludedTypes.Count == 0)
        {
            return;
        }

        // Typedefs of excluded types go too, until no more do.
        bool added = true;
        while (added)
        {
            added = false;
            foreach (NativeTypedef typedef in _typedefs.Values)
            {
                if (!_excludedTypes.ContainsKey(typedef.Name) && ExcludedIn(typedef.Type) is { } excluded)
                {
                    _excludedTypes[typedef.Name] = _excludedTypes[excluded];
                    added = true;
                }
            }
        }

        foreach (string name in _excludedTypes.Keys)
        {
            _records.Remove(name);
            _enums.Remove(name);
            _typedefs.Remove(name);
        }

        foreach (NativeGlobal global in _globals.Values.ToList())
        {
            if (ExcludedIn(global.Type) is not null)
            {
                _globals.Remove(global.Name);
            }
        }

        foreach (NativeFunction function in _functions.Values.ToList())
        {
            string? reason = ExcludedIn(function.ReturnType) is { } inResult
                ? $"its result uses '{inResult}', which the sidecar excludes"
                : function.Parameters.Select(p => (p.Name, Type: ExcludedIn(p.Type))).FirstOrDefault(p => p.Type is not null) is { Type: { } inParameter } parameter
                    ? $"its parameter '{parameter.Name}' uses '{inParameter}', which the sidecar excludes"
                    : null;
            if (reason is not null && function.Unsupported is null)
            {
                _functions[function.Name] = function with { Unsupported = reason };
            }
        }
    }

    /// <summary>The first excluded type name the type refers to, through pointers, arrays and function signatures.</summary>
    private string? ExcludedIn(NativeType type, int depth = 0)
    {
        if (depth > 32)
        {
            return null;
        }

        if (type.Typedef is { } typedef && _excludedTypes.ContainsKey(typedef))
        {
            return typedef;
        }

        if (type.Kind is NativeTypeKind.Struct or NativeTypeKind.Union or NativeTypeKind.Enum && type.Name is { } name && _excludedTypes.ContainsKey(name))
        {
            return name;
        }

        IEnumerable<NativeType> inner = new[] { type.Pointee, type.Underlying, type.Signature?.ReturnType }.OfType<NativeType>()
            .Concat(type.Signature?.Parameters ?? EquatableArray<NativeType>.Empty)
            .Concat(type.Fields.Select(f => f.Type));
        return inner.Select(t => ExcludedIn(t, depth + 1)).FirstOrDefault(n => n is not null);
    }
}
