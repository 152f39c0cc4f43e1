namespace StretchBindings.Manifest;

/// <summary>
/// The shape of the attributes users write (generator/Interop/StretchBindings.Interop), as the generator
/// and the analyzers read them by name: neither references the Interop assembly. A test checks these
/// names against the attributes themselves.
/// </summary>
internal static class InteropAttributes
{
    public const string Namespace = "StretchBindings.Interop";

    /// <summary><c>[NativeKernel(library, EntryPoint = ..., ShortCall = ..., SetLastError = ..., CallingConvention = ...)]</c>.</summary>
    public static class NativeKernel
    {
        public const string MetadataName = Namespace + ".NativeKernelAttribute";

        /// <summary>The constructor takes one argument: the library, as <c>DllImport</c> names it.</summary>
        public const int ConstructorArgumentCount = 1;

        public const int LibraryArgument = 0;

        public const string EntryPoint = "EntryPoint";
        public const string ShortCall = "ShortCall";
        public const string SetLastError = "SetLastError";
        public const string CallingConvention = "CallingConvention";
    }

    /// <summary><c>[NativeLibrary(library)]</c> on a <c>static partial</c> class.</summary>
    public static class NativeLibrary
    {
        public const string MetadataName = Namespace + ".NativeLibraryAttribute";

        public const int ConstructorArgumentCount = 1;

        public const int LibraryArgument = 0;
    }

    /// <summary><c>[NotThreadSafe]</c>, which the generator puts on single-threaded handle classes.</summary>
    public static class NotThreadSafe
    {
        public const string MetadataName = Namespace + ".NotThreadSafeAttribute";
    }
}
