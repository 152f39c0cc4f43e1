using System.Collections.Generic;
using System.Linq;
using StretchBindings.Generator.Bindings;
using StretchBindings.Generator.Diagnostics;
using StretchBindings.Manifest;
using StretchBindings.Generator.Model;

namespace StretchBindings.Generator.Planning;

/// <summary>Compares a kernel with its header's declaration and decides on the GC transition.</summary>
internal static class KernelChecker
{
    /// <summary>The manifest function the kernel binds, when a manifest of its library is present.</summary>
    public static NativeFunction? FindHeaderFunction(KernelModel kernel, IEnumerable<ManifestInput> manifests, List<DiagnosticInfo> diagnostics,
        out int pointerSize, out bool headerAnnotatesShortCalls)
    {
        pointerSize = 8;
        headerAnnotatesShortCalls = false;
        bool libraryFound = false;
        foreach (ManifestInput input in manifests)
        {
            if (input.Manifest is null)
            {
                continue;
            }

            // A header over several libraries: a function the manifest maps to another library belongs
            // to that library, so a kernel finds it under that name and not under the manifest's.
            bool manifestLibrary = LibraryNames.Match(input.Library, kernel.Library) || LibraryNames.Match(input.Manifest.Library, kernel.Library);
            bool InKernelLibrary(NativeFunction f) => f.Library is null ? manifestLibrary : LibraryNames.Match(f.Library, kernel.Library);
            if (!manifestLibrary && !input.Manifest.Functions.Any(f => f.Library is not null && InKernelLibrary(f)))
            {
                continue;
            }

            libraryFound = true;
            NativeFunction? function = input.Manifest.Functions.FirstOrDefault(f => f.Name == kernel.EntryPoint && InKernelLibrary(f));
            if (function is not null)
            {
                pointerSize = input.Manifest.PointerSize;
                // Only a header that marks its short calls says, by leaving one out, that a call is long.
                headerAnnotatesShortCalls = NativeAnnotationNames.AnnotatesShortCalls(input.Manifest);
                return function;
            }
        }

        if (libraryFound)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.KernelNotInManifest, kernel.Location, kernel.Library, kernel.EntryPoint));
        }

        return null;
    }

    /// <summary>Reports every difference between the kernel and the header; true when they match.</summary>
    public static bool Check(KernelModel kernel, NativeFunction header, int pointerSize, List<DiagnosticInfo> diagnostics)
    {
        string headerSignature = HeaderSignature(header);
        void Mismatch(string what) => diagnostics.Add(DiagnosticInfo.Create(
            DiagnosticDescriptors.KernelSignatureMismatch, kernel.Location, kernel.MethodName, what, headerSignature, kernel.Signature));

        bool matches = true;
        EquatableArray<KernelParameter> parameters = kernel.Parameters;
        if (header.Variadic)
        {
            // A fixed-arity declaration: the header's parameters, then the arguments for '...', each of a
            // type C's default promotions leave as it is (a float travels as a double, a short as an int).
            for (int i = header.Parameters.Count; i < kernel.Parameters.Count; i++)
            {
                KernelParameter extra = kernel.Parameters[i];
                if (extra.RefKind != ByRefKind.None || !IsPromoted(extra.Type))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.KernelVariadic, kernel.Location, kernel.MethodName.TrimStart('@'), header.Name,
                        $"{extra.Name.TrimStart('@')} ({extra.Type.ShortDisplay})"));
                    matches = false;
                }
            }

            if (kernel.Parameters.Count >= header.Parameters.Count)
            {
                parameters = kernel.Parameters.Take(header.Parameters.Count).ToArray();
            }
        }


        if (!CallingConventions.Matches(kernel.CallingConvention, header.CallingConvention))
        {
            Mismatch($"calling convention: the header's is '{header.CallingConvention}', the declaration's {kernel.CallingConvention}");
            matches = false;
        }

        if (header.Parameters.Count != parameters.Count)
        {
            Mismatch($"the header has {header.Parameters.Count} parameter{(header.Parameters.Count == 1 ? string.Empty : "s")}, the declaration {parameters.Count}");
            return false;
        }

        if (!TypeMatches(kernel.ReturnType.Abi, header.ReturnType, pointerSize))
        {
            Mismatch($"result: '{kernel.ReturnType.ShortDisplay}' cannot hold '{header.ReturnType.Spelling}'");
            matches = false;
        }

        for (int i = 0; i < header.Parameters.Count; i++)
        {
            KernelParameter parameter = parameters[i];
            NativeParameter native = header.Parameters[i];
            if (!TypeMatches(parameter.Type.Abi, native.Type, pointerSize))
            {
                string nativeName = native.Name.Length == 0 ? $"#{i + 1}" : $"'{native.Name}'";
                Mismatch($"parameter {i + 1}: '{parameter.Type.ShortDisplay}' does not pass the header's {nativeName} of type '{native.Type.Spelling}'");
                matches = false;
            }
        }

        return matches;
    }

    /// <summary>Whether a value of the type reaches a variadic callee unchanged: int-sized or wider integers, pointers, double.</summary>
    private static bool IsPromoted(KernelType type) =>
        type.Kind is MarshalKind.Blittable or MarshalKind.Utf8String or MarshalKind.Pinned or MarshalKind.FunctionPointer or MarshalKind.SafeHandle
        && (type.Abi is "i32" or "u32" or "e32" or "i64" or "u64" or "e64" or "iptr" or "uptr" or "clong" or "culong" or "f64" or "cstr" or "fnptr"
            || type.Abi.StartsWith("ptr:", System.StringComparison.Ordinal));

    public static string HeaderSignature(NativeFunction function) =>
        $"{function.ReturnType.Spelling} {function.Name}({string.Join(", ", function.Parameters.Select(p => (p.Type.Spelling + " " + p.Name).Trim()))}{(function.Variadic ? ", ..." : string.Empty)})";

    /// <summary>Whether a kernel type (by its C view) carries the header type unchanged.</summary>
    public static bool TypeMatches(string abi, NativeType native, int pointerSize)
    {
        switch (native.Kind)
        {
            case NativeTypeKind.Void:
                return abi == "void";
            case NativeTypeKind.Bool:
                return abi == "bool";
            case NativeTypeKind.Float:
                return (abi, native.Size) is ("f32", 4) or ("f64", 8);
            case NativeTypeKind.Enum:
                return native.Underlying is not null && IntegerMatches(abi, native.Underlying, pointerSize, anySign: true);
            case NativeTypeKind.Int:
                return IntegerMatches(abi, native, pointerSize, anySign: false);
            case NativeTypeKind.Pointer:
            case NativeTypeKind.Array:
                return PointerMatches(abi, native.Target!, pointerSize);
            case NativeTypeKind.Function:
                return abi == "fnptr";
            case NativeTypeKind.Struct:
            case NativeTypeKind.Union:
                return abi.StartsWith("struct:", System.StringComparison.Ordinal);
            default:
                return false;
        }
    }

    private static bool PointerMatches(string abi, NativeType pointee, int pointerSize)
    {
        if (abi == "cstr")
        {
            return pointee.Kind == NativeTypeKind.Int && pointee.Size == 1;
        }

        if (pointee.Kind == NativeTypeKind.Function)
        {
            return abi is "fnptr" or "ptr:void" or "ptr:any";
        }

        if (!abi.StartsWith("ptr:", System.StringComparison.Ordinal))
        {
            return false;
        }

        string target = abi.Substring("ptr:".Length);
        if (target is "void" or "any" || pointee.Kind == NativeTypeKind.Void)
        {
            return true;
        }

        if (pointee.Kind is NativeTypeKind.Struct or NativeTypeKind.Union)
        {
            // Opaque and complete records have C names, the declaration C# ones: any struct pointer will do.
            return target.StartsWith("struct:", System.StringComparison.Ordinal) || target == "?";
        }

        return TypeMatches(target, pointee, pointerSize);
    }

    private static bool IntegerMatches(string abi, NativeType native, int pointerSize, bool anySign)
    {
        string? expected = TypeMap.IntegerAbi(native);
        if (expected is null)
        {
            return false;
        }

        if (native.Name == "char" && native.Size == 1 && native.Typedef is null)
        {
            // Plain char's sign is the platform's business: either byte type carries it.
            return abi is "i8" or "u8";
        }

        string actual = abi switch
        {
            "iptr" => "i" + (pointerSize * 8),
            "uptr" => "u" + (pointerSize * 8),
            _ => abi,
        };
        string wanted = expected switch
        {
            "iptr" => "i" + (pointerSize * 8),
            "uptr" => "u" + (pointerSize * 8),
            _ => expected,
        };

        if (actual == wanted)
        {
            return true;
        }

        // An enum (written e32) passes any integer of its size; so does any integer an enum in the header.
        if (actual.Length > 1 && wanted.Length > 1 && (actual[0] == 'e' || anySign) && actual.Substring(1) == wanted.Substring(1)
            && !actual.StartsWith("c", System.StringComparison.Ordinal) && !wanted.StartsWith("c", System.StringComparison.Ordinal))
        {
            return true;
        }

        return false;
    }
}
