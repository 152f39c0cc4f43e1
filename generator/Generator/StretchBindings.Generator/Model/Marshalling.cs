namespace StretchBindings.Generator.Model;

/// <summary>
/// How a value crosses the native boundary: the one vocabulary of manifest projections, raw
/// overloads and <c>[NativeKernel]</c> methods alike.
/// </summary>
internal enum MarshalKind
{
    /// <summary>No value (a <c>void</c> result).</summary>
    Void,

    /// <summary>A primitive, enum, pointer or unmanaged struct: passed as it is.</summary>
    Blittable,

    /// <summary>An unmanaged function pointer: passed as it is, but it may call back.</summary>
    FunctionPointer,

    /// <summary><c>bool</c>: a one-byte C bool, passed to the stub as a byte.</summary>
    Bool,

    /// <summary><c>char</c>: a UTF-16 code unit, as <c>ushort</c>.</summary>
    Char,

    /// <summary><c>string</c>: NUL-terminated UTF-8, pinned for the call.</summary>
    Utf8String,

    /// <summary>A span, array or by-reference value: pinned, passed as <c>T*</c>.</summary>
    Pinned,

    /// <summary>The element count of one or more pinned spans: computed from their length, not asked for.</summary>
    Count,

    /// <summary>The instance a handle class calls on: its SafeHandle's pointer.</summary>
    Instance,

    /// <summary>The <c>T**</c> a create function writes the new instance to.</summary>
    OutInstance,

    /// <summary>A <c>SafeHandle</c>: referenced for the call, passed as its pointer.</summary>
    SafeHandle,

    /// <summary>Anything else: cannot cross.</summary>
    Unsupported,
}

/// <summary>How a kernel parameter is passed: by value, or pinned by reference.</summary>
internal enum ByRefKind
{
    None,
    Ref,
    Out,
    In,
}
