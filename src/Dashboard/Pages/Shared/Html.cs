using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace VolunteerStats.Dashboard.Pages.Shared;

/// <summary>Markup that is already safe (built by <see cref="HtmlWriter"/> or a constant): written as is.</summary>
public readonly record struct Raw(string Value)
{
    public static readonly Raw Empty = new("");
}

/// <summary>
/// Builds a page. Every hole of an interpolated string is HTML-encoded unless it is <see cref="Raw"/>, so a region
/// name or a file name can never inject markup: <c>w.Add($"&lt;td&gt;{name}&lt;/td&gt;")</c>.
/// </summary>
public sealed class HtmlWriter
{
    /// <summary>Encodes only what HTML needs (Chinese stays Chinese, not &amp;#x...;).</summary>
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    internal StringBuilder Builder { get; } = new(16 * 1024);

    public HtmlWriter Add([InterpolatedStringHandlerArgument("")] ref HtmlHandler html) => this;

    public HtmlWriter Add(Raw raw)
    {
        Builder.Append(raw.Value);
        return this;
    }

    public HtmlWriter Text(string? text)
    {
        Builder.Append(Encoder.Encode(text ?? ""));
        return this;
    }

    public Raw ToRaw() => new(Builder.ToString());

    public override string ToString() => Builder.ToString();

    public static string Encode(string? text) => Encoder.Encode(text ?? "");

    /// <summary>An attribute-safe, encoded string as markup (for building small fragments).</summary>
    public static Raw Fragment([InterpolatedStringHandlerArgument] ref HtmlFragmentHandler html) => html.ToRaw();
}

[InterpolatedStringHandler]
public ref struct HtmlHandler
{
    private readonly StringBuilder _sb;

    public HtmlHandler(int literalLength, int formattedCount, HtmlWriter writer) => _sb = writer.Builder;

    public void AppendLiteral(string s) => _sb.Append(s);

    public void AppendFormatted(Raw raw) => _sb.Append(raw.Value);

    public void AppendFormatted(string? s) => _sb.Append(HtmlWriter.Encoder.Encode(s ?? ""));

    public void AppendFormatted(int value) => _sb.Append(value.ToString(CultureInfo.InvariantCulture));

    public void AppendFormatted(long value) => _sb.Append(value.ToString(CultureInfo.InvariantCulture));

    public void AppendFormatted(int value, string format) => _sb.Append(value.ToString(format, CultureInfo.InvariantCulture));
}

[InterpolatedStringHandler]
public ref struct HtmlFragmentHandler
{
    private readonly StringBuilder _sb;

    public HtmlFragmentHandler(int literalLength, int formattedCount) => _sb = new StringBuilder(literalLength + formattedCount * 16);

    public void AppendLiteral(string s) => _sb.Append(s);

    public void AppendFormatted(Raw raw) => _sb.Append(raw.Value);

    public void AppendFormatted(string? s) => _sb.Append(HtmlWriter.Encoder.Encode(s ?? ""));

    public void AppendFormatted(int value) => _sb.Append(value.ToString(CultureInfo.InvariantCulture));

    public void AppendFormatted(long value) => _sb.Append(value.ToString(CultureInfo.InvariantCulture));

    public void AppendFormatted(int value, string format) => _sb.Append(value.ToString(format, CultureInfo.InvariantCulture));

    public readonly Raw ToRaw() => new(_sb.ToString());
}
