using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StretchBindings.Generator.Diagnostics;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;
using StretchBindings.Generator.Model;
using StretchBindings.Generator.Planning;

namespace StretchBindings.Generator.Kernels;

/// <summary>Reads a <c>[NativeKernel]</c> method into a <see cref="KernelModel"/>: strings only.</summary>
internal static class KernelParser
{
    private static readonly SymbolDisplayFormat FullFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat ShortFormat = SymbolDisplayFormat.MinimallyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static KernelModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax syntax)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var diagnostics = new List<DiagnosticInfo>();
        LocationInfo? location = LocationInfo.From(syntax.Identifier.GetLocation());
        string methodName = method.Name;

        void Invalid(string problem) =>
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.KernelDeclarationInvalid, location, methodName, problem));

        AttributeData attribute = context.Attributes[0];
        string library = attribute.ConstructorArguments.Length == InteropAttributes.NativeKernel.ConstructorArgumentCount
            && attribute.ConstructorArguments[InteropAttributes.NativeKernel.LibraryArgument].Value is string name ? name : string.Empty;
        string entryPoint = methodName;
        bool shortCall = false;
        bool setLastError = false;
        string callingConvention = CallingConventions.Cdecl.DllImport;
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            switch (argument.Key)
            {
                case InteropAttributes.NativeKernel.EntryPoint when argument.Value.Value is string value:
                    entryPoint = value;
                    break;
                case InteropAttributes.NativeKernel.ShortCall when argument.Value.Value is bool value:
                    shortCall = value;
                    break;
                case InteropAttributes.NativeKernel.SetLastError when argument.Value.Value is bool value:
                    setLastError = value;
                    break;
                case InteropAttributes.NativeKernel.CallingConvention when argument.Value.Value is int value:
                    callingConvention = CallingConventions.FromValue(value).DllImport;
                    break;
            }
        }

        if (library.Length == 0)
        {
            Invalid("names no library: give the native library as DllImport names it, for example [NativeKernel(\"z\")]");
        }

        if (!method.IsStatic)
        {
            Invalid("must be static");
        }

        if (!method.IsPartialDefinition || method.PartialImplementationPart is not null)
        {
            Invalid("must be a partial method declaration without a body: the generator writes the body");
        }

        if (method.IsGenericMethod)
        {
            Invalid("must not be generic");
        }

        var containingTypes = new List<ContainingType>();
        for (SyntaxNode? node = syntax.Parent; node is not null; node = node.Parent)
        {
            if (node is TypeDeclarationSyntax type)
            {
                if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    Invalid($"is declared in '{type.Identifier.ValueText}', which must be partial");
                }

                if (type.TypeParameterList is not null)
                {
                    Invalid($"is declared in the generic type '{type.Identifier.ValueText}'; kernels must live in non-generic types");
                }

                string keyword = type switch
                {
                    RecordDeclarationSyntax record => record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record",
                    _ => type.Keyword.ValueText,
                };
                containingTypes.Insert(0, new ContainingType(keyword, type.Identifier.ValueText));
            }
        }

        string? ns = method.ContainingNamespace is { IsGlobalNamespace: false } containing
            ? containing.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty)
            : null;

        // The implementation repeats the declaration's modifiers, in its order, without 'partial' (written last).
        string modifiers = string.Join(" ", syntax.Modifiers.Where(m => !m.IsKind(SyntaxKind.PartialKeyword)).Select(m => m.ValueText));

        KernelType returnType = Classify(method.ReturnType, RefKind.None, isReturn: true);
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            returnType = returnType with { Kind = MarshalKind.Unsupported, Reason = "a by-reference result cannot come from native code" };
        }

        if (returnType.Kind == MarshalKind.Unsupported)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.KernelTypeUnsupported, location, "result", methodName, returnType.ShortDisplay, returnType.Reason!));
        }

        var parameters = new List<KernelParameter>();
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            ByRefKind refKind = parameter.RefKind switch
            {
                RefKind.Ref => ByRefKind.Ref,
                RefKind.Out => ByRefKind.Out,
                RefKind.In => ByRefKind.In,
                _ => ByRefKind.None,
            };
            if ((int)parameter.RefKind == 4)
            {
                // 'ref readonly' (C# 12) reads like 'in'.
                refKind = ByRefKind.In;
            }

            KernelType type = Classify(parameter.Type, parameter.RefKind, isReturn: false);
            if (type.Kind == MarshalKind.Unsupported && !(shortCall && type.IsDelegate))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.KernelTypeUnsupported, location,
                    $"parameter '{parameter.Name}'", methodName, type.ShortDisplay, type.Reason!));
            }

            parameters.Add(new KernelParameter(Identifiers.Escape(parameter.Name), type, refKind));
        }

        return new KernelModel(
            ns,
            containingTypes.ToArray(),
            modifiers,
            Identifiers.Escape(methodName),
            returnType,
            parameters.ToArray(),
            library,
            entryPoint,
            shortCall,
            setLastError,
            callingConvention,
            location,
            diagnostics.ToArray());
    }

    private static KernelType Classify(ITypeSymbol type, RefKind refKind, bool isReturn)
    {
        string display = type.ToDisplayString(FullFormat);
        string shortDisplay = type.ToDisplayString(ShortFormat);

        KernelType Make(MarshalKind kind, string stub, string abi, string? element = null) =>
            new(kind, display, shortDisplay, stub, element, abi, false, null);

        KernelType Unsupported(string reason, bool isDelegate = false) =>
            new(MarshalKind.Unsupported, display, shortDisplay, "void*", null, "?", isDelegate, reason);

        if (refKind != RefKind.None)
        {
            if (!type.IsUnmanagedType)
            {
                return Unsupported("a by-reference parameter must be of an unmanaged type, which is pinned and passed as a pointer");
            }

            string element = type.SpecialType == SpecialType.System_Boolean ? "bool" : display;
            return Make(MarshalKind.Pinned, element + "*", "ptr:" + ScalarAbi(type), element);
        }

        if (type.SpecialType == SpecialType.System_Void)
        {
            return Make(MarshalKind.Void, "void", "void");
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
                return Make(MarshalKind.Bool, "byte", "bool");
            case SpecialType.System_Char:
                return Make(MarshalKind.Char, "ushort", "u16");
            case SpecialType.System_String:
                return Make(MarshalKind.Utf8String, "byte*", "cstr");
        }

        string? scalar = ScalarAbi(type);
        if (scalar is not null && type.TypeKind is not (TypeKind.Pointer or TypeKind.FunctionPointer))
        {
            return Make(MarshalKind.Blittable, display, scalar);
        }

        switch (type)
        {
            case IPointerTypeSymbol pointer:
                return Make(MarshalKind.Blittable, display, "ptr:" + (ScalarAbi(pointer.PointedAtType) ?? "?"));
            case IFunctionPointerTypeSymbol functionPointer:
                return functionPointer.Signature.CallingConvention == System.Reflection.Metadata.SignatureCallingConvention.Default
                    ? Unsupported("a managed function pointer (delegate*<…>) cannot be called from native code; use delegate* unmanaged<…>")
                    : Make(MarshalKind.FunctionPointer, display, "fnptr");
            case IArrayTypeSymbol array:
                if (isReturn)
                {
                    return Unsupported("an array cannot be a native result; return a pointer");
                }

                if (array.Rank != 1 || !array.ElementType.IsUnmanagedType)
                {
                    return Unsupported("only one-dimensional arrays of unmanaged elements can be pinned");
                }

                string arrayElement = array.ElementType.ToDisplayString(FullFormat);
                return Make(MarshalKind.Pinned, arrayElement + "*", "ptr:" + (ScalarAbi(array.ElementType) ?? "?"), arrayElement);
            case INamedTypeSymbol named:
                if (named.TypeKind == TypeKind.Delegate)
                {
                    return Unsupported("a delegate needs runtime marshalling; take a delegate* unmanaged[Cdecl]<…> function pointer instead", isDelegate: true);
                }

                if (IsSpan(named, out ITypeSymbol? spanElement))
                {
                    if (isReturn)
                    {
                        return Unsupported("a span cannot be a native result; return a pointer");
                    }

                    if (!spanElement!.IsUnmanagedType)
                    {
                        return Unsupported("a span's elements must be of an unmanaged type");
                    }

                    string element = spanElement.ToDisplayString(FullFormat);
                    return Make(MarshalKind.Pinned, element + "*", "ptr:" + (ScalarAbi(spanElement) ?? "?"), element);
                }

                if (DerivesFromSafeHandle(named))
                {
                    return isReturn
                        ? Unsupported("a SafeHandle result is not supported; return the pointer and wrap it")
                        : Make(MarshalKind.SafeHandle, "nint", "ptr:any");
                }

                if (named.TypeKind == TypeKind.Struct && named.IsUnmanagedType)
                {
                    return Make(MarshalKind.Blittable, display, "struct:" + named.Name);
                }

                return Unsupported(named.IsReferenceType
                    ? "a reference type needs runtime marshalling"
                    : "a struct with references needs runtime marshalling");
            default:
                return Unsupported("this kind of type cannot be passed to native code");
        }
    }

    /// <summary>The C view of a scalar: <c>i32</c>, <c>u8</c>, <c>f64</c>, <c>bool</c>, <c>iptr</c>, <c>clong</c>, <c>e32</c> (an enum, any sign), <c>ptr:…</c>, <c>void</c>.</summary>
    private static string? ScalarAbi(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Void: return "void";
            case SpecialType.System_Boolean: return "bool";
            case SpecialType.System_Char: return IntegerTypes.Abi("ushort");
            case SpecialType.System_Single: return "f32";
            case SpecialType.System_Double: return "f64";
        }

        if (IntegerKeyword(type.SpecialType) is { } keyword)
        {
            return IntegerTypes.Abi(keyword);
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
        {
            string? abi = ScalarAbi(underlying);
            return abi is null ? null : "e" + abi.Substring(1);
        }

        if (type is IPointerTypeSymbol pointer)
        {
            return "ptr:" + (ScalarAbi(pointer.PointedAtType) ?? "?");
        }

        if (type is IFunctionPointerTypeSymbol)
        {
            return "fnptr";
        }

        if (type is INamedTypeSymbol named && named.ContainingNamespace?.ToDisplayString() == "System.Runtime.InteropServices" && named.Name is "CLong" or "CULong")
        {
            return IntegerTypes.Abi("global::System.Runtime.InteropServices." + named.Name);
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Struct } structType && structType.IsUnmanagedType)
        {
            return "struct:" + structType.Name;
        }

        return null;
    }

    private static string? IntegerKeyword(SpecialType type) => type switch
    {
        SpecialType.System_SByte => "sbyte",
        SpecialType.System_Byte => "byte",
        SpecialType.System_Int16 => "short",
        SpecialType.System_UInt16 => "ushort",
        SpecialType.System_Int32 => "int",
        SpecialType.System_UInt32 => "uint",
        SpecialType.System_Int64 => "long",
        SpecialType.System_UInt64 => "ulong",
        SpecialType.System_IntPtr => "nint",
        SpecialType.System_UIntPtr => "nuint",
        _ => null,
    };

    private static bool IsSpan(INamedTypeSymbol type, out ITypeSymbol? element)
    {
        element = null;
        if (type.IsGenericType && type.TypeArguments.Length == 1
            && type.ContainingNamespace?.ToDisplayString() == "System"
            && type.Name is "Span" or "ReadOnlySpan")
        {
            element = type.TypeArguments[0];
            return true;
        }

        return false;
    }

    private static bool DerivesFromSafeHandle(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (current.Name == "SafeHandle" && current.ContainingNamespace?.ToDisplayString() == "System.Runtime.InteropServices")
            {
                return true;
            }
        }

        return false;
    }
}
