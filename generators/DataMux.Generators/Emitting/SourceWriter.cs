using System.Globalization;
using System.Text;

namespace DataMux.Generators.Emitting;

/// <summary>A minimal indenting writer: four spaces per level, '\n' line ends, no trailing whitespace on blank lines.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder builder = new();
    private int depth;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0) builder.Append(' ', depth * 4).Append(text);
        builder.Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="text"/> as a line when <paramref name="condition"/> holds.</summary>
    public SourceWriter LineIf(bool condition, string text) => condition ? Line(text) : this;

    /// <summary>Writes <paramref name="header"/> and an opening brace, then indents.</summary>
    public SourceWriter Open(string header)
    {
        Line(header).Line("{");
        depth++;
        return this;
    }

    /// <summary>Outdents and writes the closing brace.</summary>
    public SourceWriter Close()
    {
        depth--;
        return Line("}");
    }

    /// <summary>Writes a documented <c>public const</c> member and a blank line (the value formatted invariantly).</summary>
    public SourceWriter Constant(string summary, string type, string name, object value) =>
        Line($"/// <summary>{summary}</summary>")
            .Line(string.Format(CultureInfo.InvariantCulture, "public const {0} {1} = {2};", type, name, value))
            .Line();

    public override string ToString() => builder.ToString();
}
