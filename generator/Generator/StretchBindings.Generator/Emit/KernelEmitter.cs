using System.Collections.Generic;
using System.Linq;
using StretchBindings.Generator.Helpers;
using StretchBindings.Generator.Model;

namespace StretchBindings.Generator.Emit;

/// <summary>
/// Writes kernel implementations: LibraryImport's lowered form, a local <c>static extern</c>
/// <c>[DllImport(ExactSpelling = true)]</c> stub with the marshalling written out around it, or the
/// method itself as the stub when nothing needs marshalling.
/// </summary>
internal static class KernelEmitter
{
    /// <summary>One source file with every kernel implementation that can be written.</summary>
    public static string Write(IEnumerable<KernelBinding> outputs)
    {
        var writer = new IndentedTextWriter();
        writer.WriteLines(LibraryEmitter.FileHeader.TrimEnd('\n'));
        foreach (KernelBinding output in outputs)
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

            WriteKernel(writer, output);

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

    private static string DllImport(KernelBinding binding)
    {
        string convention = binding.CallingConvention is null ? string.Empty : $", CallingConvention = {TypeNames.CallingConvention}.{binding.CallingConvention}";
        return $"[{TypeNames.DllImport}({Literals.String(binding.Kernel.Library)}, EntryPoint = {Literals.String(binding.Kernel.EntryPoint)}, ExactSpelling = true{convention})]";
    }

    private static string ParameterDeclaration(KernelParameter parameter) =>
        (parameter.RefKind switch
        {
            ByRefKind.Ref => "ref ",
            ByRefKind.Out => "out ",
            ByRefKind.In => "in ",
            _ => string.Empty,
        }) + parameter.Type.Display + " " + parameter.Name;

    private static void WriteKernel(IndentedTextWriter writer, KernelBinding binding)
    {
        KernelModel kernel = binding.Kernel;
        string parameters = string.Join(", ", kernel.Parameters.Select(ParameterDeclaration));
        if (binding.DirectStub)
        {
            // Nothing to marshal: the partial method is the stub itself, as LibraryImport forwards it.
            writer.WriteLine(DllImport(binding));
            LibraryEmitter.WriteSuppressGCTransition(writer, binding.SuppressGCTransition);

            writer.WriteLine($"{kernel.Modifiers} extern partial {kernel.ReturnType.Display} {kernel.MethodName}({parameters});");
            return;
        }

        writer.WriteLine($"{kernel.Modifiers} partial {kernel.ReturnType.Display} {kernel.MethodName}({parameters})");
        writer.OpenBlock();
        bool hasResult = kernel.ReturnType.Kind != MarshalKind.Void;
        if (hasResult)
        {
            writer.WriteLine($"{kernel.ReturnType.StubType} __result;");
        }

        if (kernel.SetLastError)
        {
            writer.WriteLine("int __lastError;");
        }

        List<KernelParameter> handles = kernel.Parameters.Where(p => p.Type.Kind == MarshalKind.SafeHandle && p.RefKind == ByRefKind.None).ToList();
        foreach (KernelParameter handle in handles)
        {
            writer.WriteLine($"if ({handle.Name} is null)");
            using (writer.Braces())
            {
                writer.WriteLine($"throw new {TypeNames.ArgumentNullException}(nameof({handle.Name}));");
            }

            writer.WriteLine($"bool {Local(handle, "added")} = false;");
        }

        foreach (KernelParameter parameter in kernel.Parameters.Where(p => p.RefKind == ByRefKind.Out))
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
            string? pin = CallEmitter.Pin(parameter.Type.Kind, parameter.RefKind, parameter.Type.StubType, parameter.Name);
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

        string arguments = string.Join(", ", kernel.Parameters.Select(p => CallEmitter.Argument(p.Type.Kind, p.RefKind, p.Name)));
        string target = binding.VariadicDoubles is { } doubles ? $"({VariadicPointer(binding, doubles)})" : "__PInvoke";
        writer.WriteLine(hasResult ? $"__result = {target}({arguments});" : $"{target}({arguments});");
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
                MarshalKind.Bool => "return __result != 0;",
                MarshalKind.Char => "return (char)__result;",
                // A declared non-nullable string promises a value: NULL from native code is the caller's contract to rule out.
                MarshalKind.Utf8String => $"return {TypeNames.NativeStrings}.FromUtf8NullTerminated(__result){(kernel.ReturnType.Display.EndsWith("?", System.StringComparison.Ordinal) ? string.Empty : "!")};",
                _ => "return __result;",
            });
        }

        if (binding.VariadicDoubles is not null)
        {
            writer.CloseBlock();
            return;
        }

        writer.WriteLine();
        writer.WriteLine(DllImport(binding));
        LibraryEmitter.WriteSuppressGCTransition(writer, binding.SuppressGCTransition);

        string stubParameters = string.Join(", ", kernel.Parameters.Select(p => $"{p.Type.StubType} {p.Name}"));
        writer.WriteLine($"static extern {kernel.ReturnType.StubType} __PInvoke({stubParameters});");
        writer.CloseBlock();
    }

    /// <summary>
    /// A variadic function is called through a fixed-arity function pointer to the address
    /// <c>VariadicCall</c> gives: a thunk that sets what the platform's variadic convention adds.
    /// </summary>
    private static string VariadicPointer(KernelBinding binding, int doubles)
    {
        KernelModel kernel = binding.Kernel;
        string convention = binding.CallingConvention is null ? "Cdecl" : CallingConventionsFunctionPointer(binding.CallingConvention);
        string signature = string.Join(", ", kernel.Parameters.Select(p => p.Type.StubType).Append(kernel.ReturnType.StubType));
        string owner = "global::" + string.Join(".", new[] { kernel.Namespace }.Where(n => n is not null).Concat(kernel.ContainingTypes.Select(t => t.Name)));
        return $"(delegate* unmanaged[{convention}]<{signature}>){TypeNames.VariadicCall}.Address({Literals.String(kernel.Library)}, {Literals.String(kernel.EntryPoint)}, {doubles}, typeof({owner}).Assembly)";
    }

    private static string CallingConventionsFunctionPointer(string dllImport) =>
        Planning.CallingConventions.FromDllImport(dllImport)?.FunctionPointer ?? "Cdecl";

    private static string Local(KernelParameter parameter, string suffix) => MarshallingNames.Local(parameter.Name, suffix);
}
