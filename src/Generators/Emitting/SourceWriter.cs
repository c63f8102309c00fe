using System.Text;

namespace Hyperlight.Generators.Emitting;

/// <summary>Builds generated source text line by line with four-space indentation and '\n' line ends.</summary>
internal sealed class SourceWriter
{
    private const int IndentSize = 4;
    private readonly StringBuilder _text = new();
    private int _depth;

    public void WriteLine(string line)
    {
        _text.Append(' ', _depth * IndentSize).Append(line).Append('\n');
    }

    /// <summary>An empty line (no trailing spaces).</summary>
    public void WriteLine() => _text.Append('\n');

    /// <summary>Writes <paramref name="header"/> and an opening brace, and indents what follows.</summary>
    public void OpenBlock(string header)
    {
        WriteLine(header);
        WriteLine("{");
        _depth++;
    }

    /// <summary>Un-indents and writes the closing brace, followed by <paramref name="suffix"/> (e.g. ";").</summary>
    public void CloseBlock(string suffix = "")
    {
        _depth--;
        WriteLine("}" + suffix);
    }

    public void Indent() => _depth++;

    public void Unindent() => _depth--;

    public override string ToString() => _text.ToString();
}
