namespace StretchBindings.Analyzers.Tests.Infrastructure;

/// <summary>
/// Declarations every test snippet can use, compiled as a separate file so that marked positions in the
/// snippet are its own: the attributes the analyzers match by name, and a few single-threaded types.
/// </summary>
public static class SupportSource
{
    public const string Path = "Support.cs";

    public const string Text = """
        global using System;
        global using System.Collections.Generic;
        global using System.Linq;
        global using System.Runtime.InteropServices;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using StretchBindings.Interop;

        namespace StretchBindings.Interop
        {
            [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = true)]
            public sealed class NotThreadSafeAttribute : Attribute { }

            [AttributeUsage(AttributeTargets.Method)]
            public sealed class NativeKernelAttribute : Attribute
            {
                // The shape of generator/Interop's attribute (generator/Manifest/InteropAttributes.cs).
                public NativeKernelAttribute(string library) => Library = library;
                public string Library { get; }
                public string? EntryPoint { get; set; }
                public bool ShortCall { get; set; }
                public bool SetLastError { get; set; }
                public CallingConvention CallingConvention { get; set; } = CallingConvention.Cdecl;
            }
        }

        /// <summary>A single-threaded native instance, as the generator projects one.</summary>
        [NotThreadSafe]
        public sealed class Stretcher : IDisposable
        {
            public Stretcher() { }
            public Stretcher(int channels, float sampleRate) { }
            public float TimeRatio { get; set; }
            public int Process(ReadOnlySpan<float> input, Span<float> output) => 0;
            public int Process(int block) => block;
            public void Reset() { }
            public void Dispose() { }
        }

        /// <summary>Single-threaded through its base type.</summary>
        public sealed class FastStretcher : StretcherBase { }

        [NotThreadSafe]
        public abstract class StretcherBase
        {
            public int Process(int block) => block;
        }

        /// <summary>An ordinary, thread-safe type.</summary>
        public sealed class Meter
        {
            public void Add(int value) { }
        }

        public static class Work
        {
            public static IEnumerable<int> Blocks(int count) => Enumerable.Range(0, count);
            // Keeps what it is given, as code the analyzers cannot see would: a value handed here is handed on.
            private static readonly System.Collections.Concurrent.ConcurrentBag<object> s_kept = new();
            public static void Use(object value) => s_kept.Add(value);
        }
        """;
}
