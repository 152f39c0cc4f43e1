using System.Runtime.InteropServices;

namespace StretchBindings.Scanner.Clang;

/// <summary>Owns a <c>CXIndex</c>.</summary>
internal sealed class ClangIndexHandle : SafeHandle
{
    public ClangIndexHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        LibClang.clang_disposeIndex(handle);
        return true;
    }
}

/// <summary>Owns a <c>CXTranslationUnit</c>; every cursor taken from it is valid only while it lives.</summary>
internal sealed class TranslationUnitHandle : SafeHandle
{
    public TranslationUnitHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    public TranslationUnitHandle(nint existing)
        : base(nint.Zero, ownsHandle: true)
    {
        SetHandle(existing);
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        LibClang.clang_disposeTranslationUnit(handle);
        return true;
    }
}
