// The generated bindings in this assembly must work without the runtime's marshaller, as under NativeAOT.
[assembly: System.Runtime.CompilerServices.DisableRuntimeMarshalling]
