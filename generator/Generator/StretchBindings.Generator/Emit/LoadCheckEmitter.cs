using System.Collections.Generic;
using System.Linq;
using StretchBindings.Generator.Helpers;
using StretchBindings.Generator.Model;

namespace StretchBindings.Generator.Emit;

/// <summary>
/// A module initializer that registers the raw class's libraries and C functions with
/// <c>StretchBindings.Interop.NativeLoading</c>, so that a library or function the runtime cannot find
/// is reported with the binding, the C name and the places searched. It runs once, when the assembly
/// loads; the checks happen when an import is first bound, never on a call after that.
/// </summary>
internal static class LoadCheckEmitter
{
    public const string ClassName = "LoadCheck";

    public static void Write(IndentedTextWriter writer, LibraryModel model)
    {
        // Globals are looked up through the class's library too, so a class with only globals registers it.
        var libraries = new List<(string Library, List<string> EntryPoints)> { (model.Library, new List<string>()) };
        foreach (FunctionModel function in model.Functions)
        {
            string library = function.Library ?? model.Library;
            List<string>? entryPoints = libraries.FirstOrDefault(l => l.Library == library).EntryPoints;
            if (entryPoints is null)
            {
                entryPoints = new List<string>();
                libraries.Add((library, entryPoints));
            }

            entryPoints.Add(function.CName);
        }

        if (!model.LoadCheck || model.Functions.Count + model.Globals.Count == 0)
        {
            return;
        }

        writer.WriteLine();
        writer.WriteLine($"/// <summary>Registers the imports, so that a library or function that cannot be found is reported by name (<see cref=\"{TypeNames.NativeLoading}\"/>).</summary>");
        writer.WriteLine($"[{TypeNames.EditorBrowsable}({TypeNames.EditorBrowsableState}.Never)]");
        writer.WriteLine($"public static class {ClassName}");
        writer.OpenBlock();
        writer.WriteLine("#pragma warning disable CA2255 // The registration must precede the first call, in libraries too.");
        writer.WriteLine($"[{TypeNames.ModuleInitializer}]");
        writer.WriteLine("#pragma warning restore CA2255");
        writer.WriteLine("public static void Register()");
        using (writer.Braces())
        {
            foreach ((string library, List<string> entryPoints) in libraries.Where(l => l.EntryPoints.Count > 0 || l.Library == model.Library))
            {
                string name = library == model.Library ? "LibraryName" : Literals.String(library);
                string names = string.Concat(entryPoints.Select(e => ", " + Literals.String(e)));
                writer.WriteLine($"{TypeNames.NativeLoading}.Register(typeof({model.RawClass}), {name}{names});");
            }
        }

        writer.CloseBlock();
    }
}
