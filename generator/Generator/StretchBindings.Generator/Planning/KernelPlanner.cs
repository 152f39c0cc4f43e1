using System.Collections.Generic;
using System.Linq;
using StretchBindings.Generator.Bindings;
using StretchBindings.Generator.Diagnostics;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;
using StretchBindings.Generator.Model;

namespace StretchBindings.Generator.Planning;

/// <summary>Decides a <c>[NativeKernel]</c>: checked against its header, short or not, written or not.</summary>
internal static class KernelPlanner
{
    /// <summary>Checks the kernel against its header (when present) and decides on the GC transition.</summary>
    public static KernelBinding Plan(KernelModel kernel, EquatableArray<ManifestInput> manifests, bool allowUnsafe)
    {
        var diagnostics = new List<DiagnosticInfo>(kernel.Diagnostics);
        bool valid = diagnostics.Count == 0;
        if (!allowUnsafe)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsafeBlocksRequired, kernel.Location));
            valid = false;
        }

        NativeFunction? header = KernelChecker.FindHeaderFunction(kernel, manifests, diagnostics, out int pointerSize, out bool headerAnnotatesShortCalls);
        if (header is not null && !KernelChecker.Check(kernel, header, pointerSize, diagnostics))
        {
            valid = false;
        }

        // Two kinds of reasons to keep the transition. Hazards of the call itself (callbacks, errno,
        // varargs, a header that calls it long) are visible on the declaration, and analyzer SB1003 reports them where ShortCall is
        // asked for; the generator keeps the transition silently. Parameters the generator must
        // marshal are its own concern: asking for a short call with them is SBG0006.
        var hazards = new List<string>();
        var marshalled = new List<string>();
        if (kernel.SetLastError)
        {
            hazards.Add("SetLastError reads errno after the call, which needs the transition");
        }

        if (header is not null && header.Variadic)
        {
            hazards.Add("the function is variadic");
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.KernelVariadicPlatforms, kernel.Location, kernel.MethodName.TrimStart('@'), header.Name));
        }

        foreach (KernelParameter parameter in kernel.Parameters)
        {
            string name = parameter.Name.TrimStart('@');
            if (parameter.Type.Kind == MarshalKind.FunctionPointer)
            {
                hazards.Add($"parameter '{name}' is a function pointer, and a callback into managed code must not run without a GC transition");
            }
            else if (parameter.Type.IsDelegate)
            {
                marshalled.Add($"parameter '{name}' is a delegate, which is marshalled and can call back into managed code");
            }
            else if (parameter.Type.Kind is MarshalKind.Utf8String or MarshalKind.SafeHandle or MarshalKind.Unsupported)
            {
                marshalled.Add($"parameter '{name}' of type '{parameter.Type.ShortDisplay}' is not blittable");
            }
        }

        if (header is not null)
        {
            foreach (NativeParameter parameter in header.Parameters)
            {
                if (NativeAnnotationNames.IsCallback(parameter.Type) && !kernel.Parameters.Any(p => p.Type.Kind == MarshalKind.FunctionPointer))
                {
                    hazards.Add($"the header's parameter '{parameter.Name}' is a function pointer, which may call back into managed code");
                }
            }
        }

        bool annotated = header is not null && NativeAnnotationNames.IsShortCall(header);
        if (header is not null && headerAnnotatesShortCalls && !annotated)
        {
            hazards.Add($"the header annotates its short calls and not '{header.Name}', so it may block or run long");
        }

        if (kernel.ShortCall && marshalled.Count > 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ShortCallUnsafe, kernel.Location, kernel.MethodName.TrimStart('@'), string.Join("; ", marshalled)));
            valid = false;
        }
        else if (!kernel.ShortCall && annotated && hazards.Count + marshalled.Count > 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ShortCallNotApplied, kernel.Location, kernel.MethodName.TrimStart('@'),
                string.Join("; ", hazards.Concat(marshalled))));
        }

        bool suppress = (kernel.ShortCall || annotated) && hazards.Count == 0 && marshalled.Count == 0;
        CallingConventionInfo? convention = CallingConventions.FromDllImport(kernel.CallingConvention);
        bool variadic = header is not null && header.Variadic;
        return new KernelBinding(
            kernel,
            suppress,
            valid && kernel.ReturnType.Kind != MarshalKind.Unsupported,
            !variadic && !NeedsMarshalling(kernel),
            convention is null || convention.IsDefault ? null : convention.DllImport,
            diagnostics.ToArray())
        {
            VariadicDoubles = variadic ? Doubles(kernel) : null,
        };
    }

    /// <summary>Bit i set: argument i is a double (x64 Windows also passes those of the first four in integer registers).</summary>
    private static int Doubles(KernelModel kernel)
    {
        int mask = 0;
        for (int i = 0; i < kernel.Parameters.Count && i < 31; i++)
        {
            if (kernel.Parameters[i].Type.Abi == "f64" && kernel.Parameters[i].RefKind == ByRefKind.None)
            {
                mask |= 1 << i;
            }
        }

        return mask;
    }

    /// <summary>Whether anything must be converted around the stub; if not, the partial method is the stub itself.</summary>
    private static bool NeedsMarshalling(KernelModel kernel) =>
        kernel.SetLastError
        || kernel.ReturnType.Kind is not (MarshalKind.Void or MarshalKind.Blittable or MarshalKind.FunctionPointer)
        || kernel.Parameters.Any(p => p.RefKind != ByRefKind.None || p.Type.Kind is not (MarshalKind.Blittable or MarshalKind.FunctionPointer));
}
