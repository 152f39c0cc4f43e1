using StretchBindings.Manifest;

namespace StretchBindings.Generator.Emit;

/// <summary>Fully qualified names of the framework types generated code uses.</summary>
internal static class TypeNames
{
    public const string DllImport = "global::System.Runtime.InteropServices.DllImportAttribute";
    public const string SuppressGCTransition = "global::System.Runtime.InteropServices.SuppressGCTransitionAttribute";
    public const string CallingConvention = "global::System.Runtime.InteropServices.CallingConvention";
    public const string StructLayout = "global::System.Runtime.InteropServices.StructLayoutAttribute";
    public const string LayoutKind = "global::System.Runtime.InteropServices.LayoutKind";
    public const string FieldOffset = "global::System.Runtime.InteropServices.FieldOffsetAttribute";
    public const string CLong = "global::System.Runtime.InteropServices.CLong";
    public const string CULong = "global::System.Runtime.InteropServices.CULong";
    public const string SafeHandle = "global::System.Runtime.InteropServices.SafeHandle";
    public const string Marshal = "global::System.Runtime.InteropServices.Marshal";
    public const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";
    public const string IntPtr = "global::System.IntPtr";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan";
    public const string Span = "global::System.Span";
    public const string IDisposable = "global::System.IDisposable";
    public const string VariadicCall = "global::StretchBindings.Interop.VariadicCall";
    public const string ArgumentException = "global::System.ArgumentException";
    public const string ArgumentNullException = "global::System.ArgumentNullException";
    public const string ArgumentOutOfRangeException = "global::System.ArgumentOutOfRangeException";
    public const string InvalidOperationException = "global::System.InvalidOperationException";
    public const string IndexOutOfRangeException = "global::System.IndexOutOfRangeException";
    public const string NativeLibrary = "global::System.Runtime.InteropServices.NativeLibrary";
    public const string ModuleInitializer = "global::System.Runtime.CompilerServices.ModuleInitializerAttribute";
    public const string GeneratedCode = "global::System.CodeDom.Compiler.GeneratedCodeAttribute";
    public const string EditorBrowsable = "global::System.ComponentModel.EditorBrowsableAttribute";
    public const string EditorBrowsableState = "global::System.ComponentModel.EditorBrowsableState";
    public const string NotThreadSafe = "global::StretchBindings.Interop.NotThreadSafeAttribute";
    public const string NativeStatusException = "global::StretchBindings.Interop.NativeStatusException";
    public const string NativeStrings = "global::StretchBindings.Interop.NativeStrings";
    public const string ExclusiveSafeHandle = "global::StretchBindings.Interop.ExclusiveSafeHandle";
    public const string SharedLease = "global::StretchBindings.Interop.SharedLease";
    public const string ExclusiveLease = "global::StretchBindings.Interop.ExclusiveLease";
    public const string NativeLoading = "global::StretchBindings.Interop.NativeLoading";
    public const string NotThreadSafeMetadataName = InteropAttributes.NotThreadSafe.MetadataName;
    public const string NativeKernelMetadataName = InteropAttributes.NativeKernel.MetadataName;
    public const string NativeLibraryMetadataName = InteropAttributes.NativeLibrary.MetadataName;
}
