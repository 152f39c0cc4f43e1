using System;
using System.Text;

namespace StretchBindings.Generator.Helpers;

/// <summary>Writes C# source text with indentation, '\n' line endings and block helpers.</summary>
internal sealed class IndentedTextWriter
{
    private const string IndentUnit = "    ";

    private readonly StringBuilder _builder = new();
    private int _depth;
    private bool _atLineStart = true;

    public void WriteLine(string text = "")
    {
        Write(text);
        _builder.Append('\n');
        _atLineStart = true;
    }

    public void Write(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (_atLineStart)
        {
            for (int i = 0; i < _depth; i++)
            {
                _builder.Append(IndentUnit);
            }

            _atLineStart = false;
        }

        _builder.Append(text);
    }

    /// <summary>Writes each line of <paramref name="text"/> at the current indentation.</summary>
    public void WriteLines(string text)
    {
        foreach (string line in text.Split('\n'))
        {
            WriteLine(line);
        }
    }

    public void OpenBlock()
    {
        WriteLine("{");
        _depth++;
    }

    public void CloseBlock(string suffix = "")
    {
        _depth--;
        WriteLine("}" + suffix);
    }

    /// <summary>Opens a block that closes when the returned scope is disposed.</summary>
    public Block Braces()
    {
        OpenBlock();
        return new Block(this);
    }

    public void Indent() => _depth++;

    public void Unindent() => _depth--;

    public override string ToString() => _builder.ToString();

    internal readonly struct Block : IDisposable
    {
        private readonly IndentedTextWriter _writer;

        public Block(IndentedTextWriter writer)
        {
            _writer = writer;
        }

        public void Dispose() => _writer.CloseBlock();
    }
}
