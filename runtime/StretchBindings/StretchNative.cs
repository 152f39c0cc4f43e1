using StretchBindings.Interop;

namespace StretchBindings;

/// <summary>
/// The raw layer of libstretch: one <c>DllImport</c> per C function of <c>stretch.h</c>, generated from
/// its manifest. The projection (<see cref="Stretch"/>, <see cref="StretchHandle"/>,
/// <see cref="StretchException"/>, the enums) is generated into this namespace.
/// </summary>
[NativeLibrary("stretch")]
internal static unsafe partial class StretchNative
{
}
