using StretchBindings.Generator.Helpers;
using StretchBindings.Generator.Model;

namespace StretchBindings.Generator.Emit;

/// <summary>
/// Writes the <c>extern</c> globals of the raw class: a property over the address the library exports,
/// looked up once (<c>NativeLibrary.GetExport</c>, through the assembly's DllImport resolution).
/// </summary>
internal static class GlobalsEmitter
{
    public static void Write(IndentedTextWriter writer, LibraryModel model)
    {
        if (model.Globals.Count == 0)
        {
            return;
        }

        foreach (GlobalModel global in model.Globals)
        {
            string address = $"__address_{global.CName}";
            string lookup = $"({address} != null ? {address} : {address} = __GlobalAddress({Literals.String(global.CName)}))";
            writer.WriteLine();
            writer.WriteLine($"private static void* {address};");
            writer.WriteLine();
            DocComments.Write(writer, global.Doc);
            if (global.Doc is null)
            {
                DocComments.WriteSummary(writer, global.Decays
                    ? $"The C global array {global.CName}: the address of its first element."
                    : $"The C global {global.CName}, {(global.ReadOnly ? "read" : "read and written")} in place.");
            }

            writer.WriteLine(global.Decays
                ? $"public static {global.Type} {global.Name} => ({global.Type}){lookup};"
                : $"public static ref {(global.ReadOnly ? "readonly " : string.Empty)}{global.Type} {global.Name} => ref *({global.Type}*){lookup};");
        }

        writer.WriteLine();
        writer.WriteLine("/// <summary>The address of an exported global; throws <see cref=\"global::System.EntryPointNotFoundException\"/> when the library has none.</summary>");
        writer.WriteLine("private static void* __GlobalAddress(string name) =>");
        writer.WriteLine($"    (void*){TypeNames.NativeLibrary}.GetExport({TypeNames.NativeLibrary}.Load(LibraryName, typeof({model.RawClass}).Assembly, null), name);");
    }
}
