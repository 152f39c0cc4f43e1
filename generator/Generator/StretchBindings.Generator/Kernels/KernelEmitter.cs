using System.Collections.Generic;
using System.Linq;
using StretchBindings.Generator.Bindings;
using StretchBindings.Generator.Diagnostics;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Kernels;

/// <summary>The implementation of one kernel, ready to write, and what was found checking it.</summary>
internal sealed record KernelOutput(KernelModel Kernel, bool SuppressGCTransition, bool Emit, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// Writes kernel implementations: LibraryImport's lowered form, a local <c>static extern</c>
/// <c>[DllImport(ExactSpelling = true)]</c> stub with the marshalling written out around it, or the
/// method itself as the stub when nothing needs marshalling.
/// </summary>
internal static class KernelEmitter
{
    /// <summary>Checks the kernel against its header (when present) and decides on the GC transition.</summary>
    public static KernelOutput Prepare(KernelModel kernel, EquatableArray<ManifestInput> manifests, bool allowUnsafe)
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
        }

        foreach (KernelParameter parameter in kernel.Parameters)
        {
            string name = parameter.Name.TrimStart('@');
            if (parameter.Type.Kind == KernelTypeKind.FunctionPointer)
            {
                hazards.Add($"parameter '{name}' is a function pointer, and a callback into managed code must not run without a GC transition");
            }
            else if (parameter.Type.IsDelegate)
            {
                marshalled.Add($"parameter '{name}' is a delegate, which is marshalled and can call back into managed code");
            }
            else if (parameter.Type.Kind is KernelTypeKind.String or KernelTypeKind.SafeHandle or KernelTypeKind.Unsupported)
            {
                marshalled.Add($"parameter '{name}' of type '{parameter.Type.ShortDisplay}' is not blittable");
            }
        }

        if (header is not null)
        {
            foreach (NativeParameter parameter in header.Parameters)
            {
                if (LibraryContext.IsCallback(parameter.Type) && !kernel.Parameters.Any(p => p.Type.Kind == KernelTypeKind.FunctionPointer))
                {
                    hazards.Add($"the header's parameter '{parameter.Name}' is a function pointer, which may call back into managed code");
                }
            }
        }

        bool annotated = header is not null && NativeAnnotationNames.Has(header.Annotations, NativeAnnotationNames.ShortCall);
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
        return new KernelOutput(kernel, suppress, valid && kernel.ReturnType.Kind != KernelTypeKind.Unsupported, diagnostics.ToArray());
    }

    /// <summary>One source file with every kernel implementation that can be written.</summary>
    public static string Write(IEnumerable<KernelOutput> outputs)
    {
        var writer = new IndentedTextWriter();
        writer.WriteLines(LibraryEmitter.FileHeader.TrimEnd('\n'));
        foreach (KernelOutput output in outputs)
        {
            if (!output.Emit)
            {
                continue;
            }

            KernelModel kernel = output.Kernel;
            writer.WriteLine();
            if (kernel.Namespace is not null)
            {
                writer.WriteLine("namespace " + kernel.Namespace);
                writer.OpenBlock();
            }

            foreach (ContainingType type in kernel.ContainingTypes)
            {
                writer.WriteLine($"unsafe partial {type.Keyword} {type.Name}");
                writer.OpenBlock();
            }

            WriteKernel(writer, kernel, output.SuppressGCTransition);

            foreach (ContainingType _ in kernel.ContainingTypes)
            {
                writer.CloseBlock();
            }

            if (kernel.Namespace is not null)
            {
                writer.CloseBlock();
            }
        }

        return writer.ToString();
    }

    private static bool NeedsMarshalling(KernelModel kernel) =>
        kernel.SetLastError
        || kernel.ReturnType.Kind is not (KernelTypeKind.Void or KernelTypeKind.Blittable or KernelTypeKind.FunctionPointer)
        || kernel.Parameters.Any(p => p.RefKind != KernelRefKind.None || p.Type.Kind is not (KernelTypeKind.Blittable or KernelTypeKind.FunctionPointer));

    private static string DllImport(KernelModel kernel)
    {
        string convention = kernel.CallingConvention is "Cdecl" or "Winapi" ? string.Empty : $", CallingConvention = {TypeNames.CallingConvention}.{kernel.CallingConvention}";
        return $"[{TypeNames.DllImport}({LibraryEmitter.Literal(kernel.Library)}, EntryPoint = {LibraryEmitter.Literal(kernel.EntryPoint)}, ExactSpelling = true{convention})]";
    }

    private static string ParameterDeclaration(KernelParameter parameter) =>
        (parameter.RefKind switch
        {
            KernelRefKind.Ref => "ref ",
            KernelRefKind.Out => "out ",
            KernelRefKind.In => "in ",
            _ => string.Empty,
        }) + parameter.Type.Display + " " + parameter.Name;

    private static void WriteKernel(IndentedTextWriter writer, KernelModel kernel, bool suppress)
    {
        string parameters = string.Join(", ", kernel.Parameters.Select(ParameterDeclaration));
        if (!NeedsMarshalling(kernel))
        {
            // Nothing to marshal: the partial method is the stub itself, as LibraryImport forwards it.
            writer.WriteLine(DllImport(kernel));
            if (suppress)
            {
                writer.WriteLine($"[{TypeNames.SuppressGCTransition}]");
            }

            writer.WriteLine($"{kernel.Modifiers} extern partial {kernel.ReturnType.Display} {kernel.MethodName}({parameters});");
            return;
        }

        writer.WriteLine($"{kernel.Modifiers} partial {kernel.ReturnType.Display} {kernel.MethodName}({parameters})");
        writer.OpenBlock();
        bool hasResult = kernel.ReturnType.Kind != KernelTypeKind.Void;
        if (hasResult)
        {
            writer.WriteLine($"{kernel.ReturnType.StubType} __result;");
        }

        if (kernel.SetLastError)
        {
            writer.WriteLine("int __lastError;");
        }

        List<KernelParameter> handles = kernel.Parameters.Where(p => p.Type.Kind == KernelTypeKind.SafeHandle && p.RefKind == KernelRefKind.None).ToList();
        foreach (KernelParameter handle in handles)
        {
            writer.WriteLine($"if ({handle.Name} is null)");
            using (writer.Braces())
            {
                writer.WriteLine($"throw new {TypeNames.ArgumentNullException}(nameof({handle.Name}));");
            }

            writer.WriteLine($"bool {Local(handle, "added")} = false;");
        }

        foreach (KernelParameter parameter in kernel.Parameters.Where(p => p.RefKind == KernelRefKind.Out))
        {
            // The callee writes it; C# wants it assigned before its address is taken.
            writer.WriteLine($"{parameter.Name} = default;");
        }

        if (handles.Count > 0)
        {
            writer.WriteLine("try");
            writer.OpenBlock();
            foreach (KernelParameter handle in handles)
            {
                writer.WriteLine($"{handle.Name}.DangerousAddRef(ref {Local(handle, "added")});");
            }
        }

        bool pinned = false;
        foreach (KernelParameter parameter in kernel.Parameters)
        {
            string? pin = parameter switch
            {
                { RefKind: KernelRefKind.In } => $"fixed ({parameter.Type.StubType} {Local(parameter, "native")} = &global::System.Runtime.CompilerServices.Unsafe.AsRef(in {parameter.Name}))",
                { RefKind: not KernelRefKind.None } => $"fixed ({parameter.Type.StubType} {Local(parameter, "native")} = &{parameter.Name})",
                { Type.Kind: KernelTypeKind.Pinned } => $"fixed ({parameter.Type.StubType} {Local(parameter, "native")} = {parameter.Name})",
                { Type.Kind: KernelTypeKind.String } => $"fixed (byte* {Local(parameter, "native")} = {TypeNames.NativeStrings}.ToUtf8NullTerminated({parameter.Name}))",
                _ => null,
            };
            if (pin is not null)
            {
                writer.WriteLine(pin);
                pinned = true;
            }
        }

        if (pinned)
        {
            writer.OpenBlock();
        }

        if (kernel.SetLastError)
        {
            writer.WriteLine($"{TypeNames.Marshal}.SetLastSystemError(0);");
        }

        string arguments = string.Join(", ", kernel.Parameters.Select(Argument));
        writer.WriteLine(hasResult ? $"__result = __PInvoke({arguments});" : $"__PInvoke({arguments});");
        if (kernel.SetLastError)
        {
            writer.WriteLine($"__lastError = {TypeNames.Marshal}.GetLastSystemError();");
        }

        if (pinned)
        {
            writer.CloseBlock();
        }

        if (handles.Count > 0)
        {
            writer.CloseBlock();
            writer.WriteLine("finally");
            using (writer.Braces())
            {
                foreach (KernelParameter handle in handles)
                {
                    writer.WriteLine($"if ({Local(handle, "added")})");
                    using (writer.Braces())
                    {
                        writer.WriteLine($"{handle.Name}.DangerousRelease();");
                    }
                }
            }
        }

        if (kernel.SetLastError)
        {
            writer.WriteLine($"{TypeNames.Marshal}.SetLastPInvokeError(__lastError);");
        }

        if (hasResult)
        {
            writer.WriteLine(kernel.ReturnType.Kind switch
            {
                KernelTypeKind.Bool => "return __result != 0;",
                KernelTypeKind.Char => "return (char)__result;",
                // A declared non-nullable string promises a value: NULL from native code is the caller's contract to rule out.
                KernelTypeKind.String => $"return {TypeNames.NativeStrings}.FromUtf8NullTerminated(__result){(kernel.ReturnType.Display.EndsWith("?", System.StringComparison.Ordinal) ? string.Empty : "!")};",
                _ => "return __result;",
            });
        }

        writer.WriteLine();
        writer.WriteLine(DllImport(kernel));
        if (suppress)
        {
            writer.WriteLine($"[{TypeNames.SuppressGCTransition}]");
        }

        string stubParameters = string.Join(", ", kernel.Parameters.Select(p => $"{p.Type.StubType} {p.Name}"));
        writer.WriteLine($"static extern {kernel.ReturnType.StubType} __PInvoke({stubParameters});");
        writer.CloseBlock();
    }

    private static string Local(KernelParameter parameter, string suffix) => "__" + parameter.Name.TrimStart('@') + "_" + suffix;

    private static string Argument(KernelParameter parameter)
    {
        if (parameter.RefKind != KernelRefKind.None)
        {
            return Local(parameter, "native");
        }

        return parameter.Type.Kind switch
        {
            KernelTypeKind.Bool => $"{parameter.Name} ? (byte)1 : (byte)0",
            KernelTypeKind.Char => $"(ushort){parameter.Name}",
            KernelTypeKind.Pinned or KernelTypeKind.String => Local(parameter, "native"),
            KernelTypeKind.SafeHandle => $"{parameter.Name}.DangerousGetHandle()",
            _ => parameter.Name,
        };
    }
}
