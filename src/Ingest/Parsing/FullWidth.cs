namespace VolunteerStats.Ingest.Parsing;

/// <summary>
/// Full-width forms of ASCII (U+FF01–U+FF5E: <c>２０２４－０３－０５</c>, <c>２．５</c>, <c>１５０分钟</c>), which a Chinese
/// input method types and some exports keep. Folded to ASCII before a date, hours, number or region code is judged, so
/// they read as an analyst reads them; any other non-ASCII digit (Arabic-Indic, …) is not a digit to the judges.
/// </summary>
public static class FullWidth
{
    public static string Fold(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\uFF01', '\uFF5E') < 0) return text;
        return string.Create(text.Length, text, static (destination, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                destination[i] = c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c;
            }
        });
    }
}
