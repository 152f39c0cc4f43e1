using System.Globalization;
using StretchBindings.Manifest;
using StretchBindings.Scanner.Clang;

namespace StretchBindings.Scanner.Scanning;

/// <summary>Enums; an anonymous enum's enumerators become integer constants.</summary>
internal sealed partial class ScanSession
{
    private void VisitEnum(CXCursor cursor)
    {
        CXCursor definition = cursor.Definition();
        if (definition.IsNull())
        {
            return;
        }

        NativeType underlying = _describer.Describe(LibClang.clang_getEnumDeclIntegerType(definition));
        bool unsigned = underlying.Kind == NativeTypeKind.Int && !underlying.Signed;
        var values = new List<Int128>();
        var docs = new List<NativeDoc?>();
        var enumerators = new List<CXCursor>();
        foreach (CXCursor child in definition.Children())
        {
            if (child.Kind != CXCursorKind.EnumConstantDecl)
            {
                continue;
            }

            values.Add(unsigned
                ? LibClang.clang_getEnumConstantDeclUnsignedValue(child)
                : LibClang.clang_getEnumConstantDeclValue(child));
            docs.Add(DocComments.Read(child));
            enumerators.Add(child);
        }

        string? name = _describer.DeclarationName(cursor);
        if (name is null)
        {
            // enum { A = 1, B = 2 }; is C's way to declare integer constants: record them as such,
            // each with the type C gives an enumerator (int, unless the value does not fit).
            for (int i = 0; i < enumerators.Count; i++)
            {
                NativeType constantType = _describer.Describe(enumerators[i].Type());
                string text = constantType.Kind == NativeTypeKind.Int && !constantType.Signed
                    ? ((ulong)values[i]).ToString(CultureInfo.InvariantCulture)
                    : ((long)values[i]).ToString(CultureInfo.InvariantCulture);
                string constantName = enumerators[i].Spelling();
                _enumeratorConstants[constantName] = new NativeConstant(constantName, NativeConstantKind.Integer, constantType, text, docs[i])
                {
                    Expression = values[i].ToString(CultureInfo.InvariantCulture),
                    Location = Location(enumerators[i]),
                };
            }

            return;
        }

        string declaration = $"enum '{name}'";
        List<NativeAnnotation> annotations = Merge(
            ReadAnnotations(cursor, AnnotationTarget.Enum, declaration),
            ReadAnnotations(definition, AnnotationTarget.Enum, declaration));
        if (_enums.TryGetValue(name, out NativeEnum? existing))
        {
            _enums[name] = existing with { Annotations = Merge(existing.Annotations, annotations).ToArray() };
            return;
        }

        var constants = new NativeEnumConstant[enumerators.Count];
        for (int i = 0; i < constants.Length; i++)
        {
            constants[i] = new NativeEnumConstant(enumerators[i].Spelling(), values[i].ToString(CultureInfo.InvariantCulture), docs[i]);
        }

        _enums[name] = new NativeEnum(name, underlying, constants, annotations.ToArray(), DocComments.Read(definition), Location(definition));
    }
}
