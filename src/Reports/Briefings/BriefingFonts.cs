using SkiaSharp;

namespace VolunteerStats.Reports.Briefings;

/// <summary>
/// The fontconfig file that maps the 公文 font names to installed fonts (written next to the temp folder once, from
/// the embedded <c>Briefings/fonts.conf</c>), and which of the fonts it relies on are missing.
/// </summary>
public static class BriefingFonts
{
    private static readonly Lazy<string> File = new(() =>
    {
        using var stream = typeof(BriefingFonts).Assembly.GetManifestResourceStream("Briefings/fonts.conf")
            ?? throw new InvalidOperationException("The embedded Briefings/fonts.conf is missing.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var dir = Path.Combine(Path.GetTempPath(), "volstats-fonts");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"fonts-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..12]}.conf");
        if (!System.IO.File.Exists(path))
        {
            var temp = path + "." + Environment.ProcessId + ".tmp";
            System.IO.File.WriteAllText(temp, text);
            System.IO.File.Move(temp, path, overwrite: true);
        }
        return path;
    });

    /// <summary>Path of the fontconfig file to pass as <c>FONTCONFIG_FILE</c>.</summary>
    public static string ConfigFile => File.Value;

    /// <summary>Debian packages whose fonts the briefing's PDF needs and that are not installed (empty when all are).</summary>
    public static List<string> MissingPackages()
    {
        var missing = new List<string>();
        if (!Installed("Noto Serif CJK SC") || !Installed("Noto Sans CJK SC")) missing.Add("fonts-noto-cjk");
        if (!Installed("AR PL UKai CN")) missing.Add("fonts-arphic-ukai");
        if (!Installed("DejaVu Sans")) missing.Add("fonts-dejavu-core");
        return missing;
    }

    public static bool Installed(string family)
    {
        using var typeface = SKTypeface.FromFamilyName(family);
        return typeface is not null && string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase);
    }
}
