namespace VolunteerStats.Cli.CommandLine;

/// <summary>
/// The command line split into a verb, positional arguments and options. Options may stand before or after
/// the verb (<c>--db X ingest</c> = <c>ingest --db X</c>), as <c>--name value</c> or <c>--name=value</c>.
/// </summary>
public sealed class ParsedArgs
{
    private static readonly HashSet<string> Flags = ["--help", "-h", "--no-sample"];
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public string? Verb { get; }
    public List<string> Positional { get; } = [];

    public ParsedArgs(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--")
            {
                Positional.AddRange(args.Skip(i + 1));
                break;
            }
            if (a.StartsWith("--", StringComparison.Ordinal) || a == "-h")
            {
                var eq = a.IndexOf('=');
                if (eq > 0) _options[a[..eq]] = a[(eq + 1)..];
                else if (Flags.Contains(a)) _options[a] = "true";
                else if (i + 1 < args.Count) _options[a] = args[++i];
                else throw new UsageException($"Option {a} needs a value.");
            }
            else Positional.Add(a);
        }
        if (Positional.Count > 0)
        {
            Verb = Positional[0];
            Positional.RemoveAt(0);
        }
    }

    public bool Has(string name) { _used.Add(name); return _options.ContainsKey(name); }

    public string? Get(string name)
    {
        _used.Add(name);
        return _options.GetValueOrDefault(name);
    }

    public string Get(string name, string fallback) => Get(name) ?? fallback;

    public int? GetInt(string name)
    {
        var v = Get(name);
        if (v is null) return null;
        return int.TryParse(v, out var n) ? n : throw new UsageException($"{name} expects a whole number, got '{v}'.");
    }

    /// <summary>A month given as YYYY-MM (or YYYY-M), as its first day.</summary>
    public DateOnly? GetMonth(string name)
    {
        var v = Get(name);
        if (v is null) return null;
        return DateTime.TryParseExact(v, ["yyyy-MM", "yyyy-M"], System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var d)
            ? DateOnly.FromDateTime(d)
            : throw new UsageException($"{name} expects YYYY-MM, got '{v}'.");
    }

    public string Choice(string name, string fallback, params string[] allowed)
    {
        var v = Get(name, fallback);
        return allowed.Contains(v) ? v : throw new UsageException($"{name} must be one of {string.Join(", ", allowed)}; got '{v}'.");
    }

    /// <summary>Fails on options nobody asked for, so a typo does not silently change nothing.</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0) throw new UsageException($"Unknown option(s) for '{Verb}': {string.Join(", ", unknown)}. See ./volstats --help.");
    }
}

public sealed class UsageException(string message) : Exception(message);
