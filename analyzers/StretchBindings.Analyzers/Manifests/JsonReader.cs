using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StretchBindings.Analyzers.Manifests;

/// <summary>A JSON number, kept as written so that no precision is lost before a consumer asks for a value.</summary>
internal sealed class JsonNumber
{
    public JsonNumber(string text) => Text = text;

    public string Text { get; }

    public bool TryGetInt64(out long value) =>
        long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public override string ToString() => Text;
}

/// <summary>Thrown for text that is not JSON; carries the 1-based line and column of the problem.</summary>
internal sealed class JsonFormatException : Exception
{
    public JsonFormatException(string message, int offset, int line, int column)
        : base(message)
    {
        Offset = offset;
        Line = line;
        Column = column;
    }

    public int Offset { get; }

    public int Line { get; }

    public int Column { get; }
}

/// <summary>
/// A small RFC 8259 reader. Analyzers run in hosts where System.Text.Json may be missing or of another
/// version, so manifests are read with this instead. Values are <see langword="null"/>, <see cref="bool"/>,
/// <see cref="string"/>, <see cref="JsonNumber"/>, <see cref="List{T}"/> of values, and
/// <see cref="Dictionary{TKey, TValue}"/> from names to values (the last of duplicate names wins).
/// </summary>
internal sealed class JsonReader
{
    // Deep enough for any manifest (types nest a handful of levels), shallow enough to never exhaust the stack.
    private const int MaximumDepth = 128;

    private readonly string _text;
    private int _position;
    private int _depth;

    private JsonReader(string text) => _text = text;

    public static object? Parse(string text)
    {
        var reader = new JsonReader(text);
        // A byte-order mark is not JSON, but editors add one; tolerate it.
        if (reader._position < text.Length && text[reader._position] == '\uFEFF')
        {
            reader._position++;
        }

        object? value = reader.ReadValue();
        reader.SkipWhitespace();
        if (reader._position != text.Length)
        {
            throw reader.Error("unexpected text after the end of the JSON value");
        }

        return value;
    }

    private object? ReadValue()
    {
        SkipWhitespace();
        if (_position >= _text.Length)
        {
            throw Error("unexpected end of text, a value was expected");
        }

        char next = _text[_position];
        switch (next)
        {
            case '{':
                return ReadObject();
            case '[':
                return ReadArray();
            case '"':
                return ReadString();
            case 't':
                ReadLiteral("true");
                return true;
            case 'f':
                ReadLiteral("false");
                return false;
            case 'n':
                ReadLiteral("null");
                return null;
            default:
                if (next == '-' || (next >= '0' && next <= '9'))
                {
                    return ReadNumber();
                }

                throw Error($"unexpected character '{next}'");
        }
    }

    private Dictionary<string, object?> ReadObject()
    {
        Enter();
        _position++; // '{'
        var members = new Dictionary<string, object?>(StringComparer.Ordinal);
        SkipWhitespace();
        if (TryConsume('}'))
        {
            _depth--;
            return members;
        }

        while (true)
        {
            SkipWhitespace();
            if (_position >= _text.Length || _text[_position] != '"')
            {
                throw Error("a member name in double quotes was expected");
            }

            string name = ReadString();
            SkipWhitespace();
            Expect(':');
            members[name] = ReadValue();
            SkipWhitespace();
            if (TryConsume('}'))
            {
                _depth--;
                return members;
            }

            Expect(',');
        }
    }

    private List<object?> ReadArray()
    {
        Enter();
        _position++; // '['
        var items = new List<object?>();
        SkipWhitespace();
        if (TryConsume(']'))
        {
            _depth--;
            return items;
        }

        while (true)
        {
            items.Add(ReadValue());
            SkipWhitespace();
            if (TryConsume(']'))
            {
                _depth--;
                return items;
            }

            Expect(',');
        }
    }

    private string ReadString()
    {
        _position++; // opening quote
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("unterminated string");
            }

            char current = _text[_position];
            if (current == '"')
            {
                _position++;
                return builder.ToString();
            }

            if (current < ' ')
            {
                throw Error("control character in a string");
            }

            if (current != '\\')
            {
                builder.Append(current);
                _position++;
                continue;
            }

            _position++;
            if (_position >= _text.Length)
            {
                throw Error("unterminated escape sequence");
            }

            char escaped = _text[_position++];
            switch (escaped)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                // Surrogate pairs arrive as two escapes; appending both code units rebuilds the pair.
                case 'u': builder.Append(ReadHexCodeUnit()); break;
                default:
                    _position -= 2; // point at the backslash
                    throw Error($"invalid escape sequence '\\{escaped}'");
            }
        }
    }

    private char ReadHexCodeUnit()
    {
        if (_position + 4 > _text.Length)
        {
            throw Error("incomplete \\u escape");
        }

        int value = 0;
        for (int i = 0; i < 4; i++)
        {
            char digit = _text[_position];
            int nibble = digit >= '0' && digit <= '9' ? digit - '0'
                : digit >= 'a' && digit <= 'f' ? digit - 'a' + 10
                : digit >= 'A' && digit <= 'F' ? digit - 'A' + 10
                : -1;
            if (nibble < 0)
            {
                throw Error("invalid hexadecimal digit in a \\u escape");
            }

            value = (value << 4) | nibble;
            _position++;
        }

        return (char)value;
    }

    private JsonNumber ReadNumber()
    {
        int start = _position;
        TryConsume('-');
        if (TryConsume('0'))
        {
            // A leading zero stands alone.
        }
        else if (!ConsumeDigits())
        {
            throw Error("a digit was expected");
        }

        if (TryConsume('.') && !ConsumeDigits())
        {
            throw Error("a digit was expected after the decimal point");
        }

        if (_position < _text.Length && (_text[_position] == 'e' || _text[_position] == 'E'))
        {
            _position++;
            if (!TryConsume('+'))
            {
                TryConsume('-');
            }

            if (!ConsumeDigits())
            {
                throw Error("a digit was expected in the exponent");
            }
        }

        return new JsonNumber(_text.Substring(start, _position - start));
    }

    private bool ConsumeDigits()
    {
        int start = _position;
        while (_position < _text.Length && _text[_position] >= '0' && _text[_position] <= '9')
        {
            _position++;
        }

        return _position > start;
    }

    private void ReadLiteral(string literal)
    {
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            throw Error("unexpected characters, expected '" + literal + "'");
        }

        _position += literal.Length;
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length)
        {
            char current = _text[_position];
            if (current != ' ' && current != '\t' && current != '\n' && current != '\r')
            {
                return;
            }

            _position++;
        }
    }

    private bool TryConsume(char expected)
    {
        if (_position < _text.Length && _text[_position] == expected)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(char expected)
    {
        if (!TryConsume(expected))
        {
            throw _position >= _text.Length
                ? Error($"unexpected end of text, '{expected}' was expected")
                : Error($"'{expected}' was expected");
        }
    }

    private void Enter()
    {
        if (++_depth > MaximumDepth)
        {
            throw Error("values are nested too deeply");
        }
    }

    private JsonFormatException Error(string message)
    {
        int line = 1;
        int lineStart = 0;
        int end = Math.Min(_position, _text.Length);
        for (int i = 0; i < end; i++)
        {
            if (_text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new JsonFormatException(message, end, line, end - lineStart + 1);
    }
}
