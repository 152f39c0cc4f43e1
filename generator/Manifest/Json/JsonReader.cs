using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StretchBindings.Json;

/// <summary>A malformed document, with the 1-based line and column of the problem and its 0-based offset.</summary>
internal sealed class JsonReaderException(string message, int line, int column, int offset) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>Characters from the start of the text, for a diagnostic location.</summary>
    public int Offset { get; } = offset;
}

/// <summary>
/// A small, strict JSON (RFC 8259) reader for native manifests, compiled into the generator and the
/// analyzers alike: code the compiler loads cannot rely on System.Text.Json being loadable in every host.
/// </summary>
internal sealed class JsonReader
{
    private const int MaxDepth = 256;

    private readonly string _text;
    private int _position;
    private int _line = 1;
    private int _lineStart;

    private JsonReader(string text)
    {
        _text = text;
    }

    public static JsonValue Parse(string text)
    {
        var reader = new JsonReader(text);
        reader.SkipByteOrderMark();
        reader.SkipWhitespace();
        JsonValue value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (reader._position < text.Length)
        {
            throw reader.Error("unexpected text after the end of the document");
        }

        return value;
    }

    private void SkipByteOrderMark()
    {
        if (_text.Length > 0 && _text[0] == '\uFEFF')
        {
            _position = 1;
            _lineStart = 1;
        }
    }

    private JsonValue ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error("the document nests too deeply");
        }

        if (_position >= _text.Length)
        {
            throw Error("unexpected end of the document");
        }

        int line = _line;
        int column = Column;
        char c = _text[_position];
        switch (c)
        {
            case '{':
                return ReadObject(depth, line, column);
            case '[':
                return ReadArray(depth, line, column);
            case '"':
                return new JsonString(ReadString()) { Line = line, Column = column };
            case 't':
                ExpectWord("true");
                return new JsonBoolean(true) { Line = line, Column = column };
            case 'f':
                ExpectWord("false");
                return new JsonBoolean(false) { Line = line, Column = column };
            case 'n':
                ExpectWord("null");
                return new JsonNull { Line = line, Column = column };
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return new JsonNumber(ReadNumber()) { Line = line, Column = column };
                }

                throw Error($"unexpected character '{c}'");
        }
    }

    private JsonObject ReadObject(int depth, int line, int column)
    {
        _position++;
        var members = new List<KeyValuePair<string, JsonValue>>();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _position++;
            return new JsonObject(members) { Line = line, Column = column };
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw Error("expected a member name in quotes");
            }

            string key = ReadString();
            SkipWhitespace();
            Expect(':');
            SkipWhitespace();
            members.Add(new KeyValuePair<string, JsonValue>(key, ReadValue(depth + 1)));
            SkipWhitespace();
            char next = Peek();
            _position++;
            if (next == '}')
            {
                return new JsonObject(members) { Line = line, Column = column };
            }

            if (next != ',')
            {
                _position--;
                throw Error("expected ',' or '}'");
            }
        }
    }

    private JsonArray ReadArray(int depth, int line, int column)
    {
        _position++;
        var items = new List<JsonValue>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            return new JsonArray(items) { Line = line, Column = column };
        }

        while (true)
        {
            SkipWhitespace();
            items.Add(ReadValue(depth + 1));
            SkipWhitespace();
            char next = Peek();
            _position++;
            if (next == ']')
            {
                return new JsonArray(items) { Line = line, Column = column };
            }

            if (next != ',')
            {
                _position--;
                throw Error("expected ',' or ']'");
            }
        }
    }

    private string ReadString()
    {
        _position++; // the opening quote
        StringBuilder? builder = null;
        int runStart = _position;
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("unterminated string");
            }

            char c = _text[_position];
            if (c == '"')
            {
                string value = builder is null
                    ? _text.Substring(runStart, _position - runStart)
                    : builder.Append(_text, runStart, _position - runStart).ToString();
                _position++;
                return value;
            }

            if (c < ' ')
            {
                throw Error("control character in a string");
            }

            if (c != '\\')
            {
                _position++;
                continue;
            }

            builder ??= new StringBuilder();
            builder.Append(_text, runStart, _position - runStart);
            _position++;
            if (_position >= _text.Length)
            {
                throw Error("unterminated string");
            }

            char escape = _text[_position++];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                    {
                        throw Error("bad \\u escape");
                    }

                    builder.Append((char)code);
                    _position += 4;
                    break;
                default:
                    _position--;
                    throw Error($"unknown escape '\\{escape}'");
            }

            runStart = _position;
        }
    }

    private string ReadNumber()
    {
        int start = _position;
        if (Peek() == '-')
        {
            _position++;
        }

        if (Peek() == '0')
        {
            _position++;
        }
        else if (IsDigit(Peek()))
        {
            SkipDigits();
        }
        else
        {
            throw Error("expected a digit");
        }

        if (Peek() == '.')
        {
            _position++;
            if (!IsDigit(Peek()))
            {
                throw Error("expected a digit after '.'");
            }

            SkipDigits();
        }

        if (Peek() is 'e' or 'E')
        {
            _position++;
            if (Peek() is '+' or '-')
            {
                _position++;
            }

            if (!IsDigit(Peek()))
            {
                throw Error("expected a digit in the exponent");
            }

            SkipDigits();
        }

        return _text.Substring(start, _position - start);
    }

    private void SkipDigits()
    {
        while (IsDigit(Peek()))
        {
            _position++;
        }
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private void ExpectWord(string word)
    {
        if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0)
        {
            throw Error($"expected '{word}'");
        }

        _position += word.Length;
    }

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw Error($"expected '{c}'");
        }

        _position++;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipWhitespace()
    {
        while (_position < _text.Length)
        {
            char c = _text[_position];
            if (c == '\n')
            {
                _line++;
                _lineStart = _position + 1;
            }
            else if (c != ' ' && c != '\t' && c != '\r')
            {
                return;
            }

            _position++;
        }
    }

    private int Column => _position - _lineStart + 1;

    private JsonReaderException Error(string message) => new(message, _line, Column, Math.Min(_position, _text.Length));
}
