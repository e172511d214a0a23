using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Dashboard.Pages.Shared;

/// <summary>
/// The ranking table (ranking page, a region's sub-regions): one <c>&lt;tr data-region&gt;</c> a region, one cell a
/// CONTRACT §6 column with <c>data-field</c> and <c>data-value</c> = the CSV text from <see cref="IndicatorFormats.CsvFields"/>,
/// whatever the cell shows to people. Headings sort by a column (state in the URL: <c>sort</c>, <c>dir</c>).
/// </summary>
public static class IndicatorTable
{
    private static readonly Dictionary<string, int> CsvIndex =
        IndicatorFormats.Columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);

    /// <summary>The visible columns in order: the §6 field, its heading, whether it is numeric.</summary>
    private static readonly (string Field, L Heading, bool Numeric)[] Visible =
    [
        ("rank", Str.Rank, true),
        ("region_name", Str.Name, false),
        ("region_code", Str.Code, false),
        ("population", Str.Population, true),
        ("registered", Str.Registered, true),
        ("registration_rate", Str.RegistrationRate, true),
        ("registration_met", new L("", ""), false),
        ("active", Str.Active, true),
        ("active_rate", Str.ActiveRate, true),
        ("active_met", new L("", ""), false),
        ("total_hours", Str.TotalHours, true),
        ("avg_hours", Str.AvgHoursShort, true),
        ("hours_target", Str.HoursTarget, true),
        ("hours_met", new L("", ""), false),
        ("score", Str.Score, true),
        ("volunteers_needed", Str.VolunteersGap, false),
        ("active_needed", Str.ActiveGap, false),
        ("hours_needed", Str.HoursGap, false),
    ];

    public static readonly string[] SortableFields = [.. Visible.Where(v => v.Heading.Zh.Length > 0).Select(v => v.Field)];

    /// <summary>Rows in the order asked for: rank order by default; unknown values last whatever the direction.</summary>
    public static List<IndicatorRow> Sort(List<IndicatorRow> rows, string? field, bool descending)
    {
        if (field is null || field == "rank") return descending ? [.. rows.OrderByDescending(r => r.Rank)] : [.. rows.OrderBy(r => r.Rank)];
        Func<IndicatorRow, Fraction?> key = field switch
        {
            "population" => r => r.Population is { } p ? new Fraction(p, 1) : null,
            "registered" => r => new Fraction(r.Registered, 1),
            "active" => r => new Fraction(r.Active, 1),
            "total_hours" => r => r.TotalHours,
            "registration_rate" => r => r.RegistrationRate,
            "active_rate" => r => r.ActiveRate,
            "avg_hours" => r => r.AvgHours,
            "hours_target" => r => r.HoursTarget,
            "score" => r => r.Score,
            "volunteers_needed" => r => r.VolunteersNeeded is { } v ? new Fraction(v, 1) : null,
            "active_needed" => r => new Fraction(r.ActiveNeeded, 1),
            "hours_needed" => r => r.HoursNeeded,
            _ => r => null,
        };
        if (field is "region_name") return descending ? [.. rows.OrderByDescending(r => r.RegionName, StringComparer.Ordinal)] : [.. rows.OrderBy(r => r.RegionName, StringComparer.Ordinal)];
        if (field is "region_code") return descending ? [.. rows.OrderByDescending(r => r.RegionCode, StringComparer.Ordinal)] : [.. rows.OrderBy(r => r.RegionCode, StringComparer.Ordinal)];
        var known = rows.Where(r => key(r) is not null);
        var sorted = descending ? known.OrderByDescending(r => key(r)!.Value).ThenBy(r => r.Rank) : known.OrderBy(r => key(r)!.Value).ThenBy(r => r.Rank);
        return [.. sorted, .. rows.Where(r => key(r) is null).OrderBy(r => r.Rank)];
    }

    public static Raw Render(PageRequest req, IReadOnlyList<IndicatorRow> rows, Period period, string? sort, bool descending, string linkSuffix)
    {
        var f = req.Format;
        var w = new HtmlWriter();
        w.Add($"""<div class="table-wrap"><table class="ranking" data-level="{(rows.Count > 0 ? rows[0].Level : "")}"><thead><tr>""");
        foreach (var (field, heading, numeric) in Visible)
        {
            var cls = numeric ? "num" : "";
            if (heading.Zh.Length == 0)
            {
                w.Add($"""<th class="met-col" aria-label="{req.T(Str.Met)}"></th>""");
                continue;
            }
            var active = (sort ?? "rank") == field;
            // The first click on a heading sorts the way a leader reads it: rank and gaps ascending, values descending.
            var firstDescending = field is not ("rank" or "region_name" or "region_code");
            var nextDescending = active ? !descending : firstDescending;
            var href = Layout.WithQuery(req.Http.Request, new Dictionary<string, string?> { ["sort"] = field, ["dir"] = nextDescending ? "desc" : "asc" });
            var arrow = active ? (descending ? " ▼" : " ▲") : "";
            var ariaSort = active ? (descending ? "descending" : "ascending") : "none";
            w.Add($"""<th class="{cls}" aria-sort="{ariaSort}"><a href="{href}">{req.T(heading)}{arrow}</a></th>""");
        }
        w.Add($"""</tr></thead><tbody>""");
        foreach (var r in rows)
        {
            var csv = IndicatorFormats.CsvFields(r);
            var link = "/regions/" + Uri.EscapeDataString(r.RegionCode) + linkSuffix;
            var allMet = r.RegistrationMet == true && r.ActiveMet == true && r.HoursMet == true;
            w.Add($"""<tr data-region="{r.RegionCode}" data-href="{link}"{(allMet ? new Raw(" class=\"all-met\"") : Raw.Empty)}>""");
            foreach (var (field, _, numeric) in Visible)
            {
                var value = csv[CsvIndex[field]] ?? "";
                var (shown, cls) = Cell(req, f, r, field, link);
                var classes = (numeric ? "num " : "") + cls;
                w.Add($"""<td data-field="{field}" data-value="{value}" class="{classes.Trim()}">{shown}</td>""");
            }
            w.Add($"""</tr>""");
        }
        w.Add($"""</tbody></table></div>""");
        return w.ToRaw();
    }

    private static (Raw Shown, string Class) Cell(PageRequest req, DisplayFormat f, IndicatorRow r, string field, string link)
    {
        var lang = req.Lang;
        return field switch
        {
            "rank" => (Text(r.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture)), "rank"),
            "region_name" => (HtmlWriter.Fragment($"""<a href="{link}">{r.RegionName}</a>"""), "name"),
            "region_code" => (Text(r.RegionCode), "code"),
            "population" => (Text(f.Whole(r.Population)), ""),
            "registered" => (Text(f.Whole(r.Registered)), ""),
            "active" => (Text(f.Whole(r.Active)), ""),
            "total_hours" => (Text(f.Whole(r.TotalHours)), ""),
            "registration_rate" => (Text(f.Percent(r.RegistrationRate, IndicatorMath.RegistrationTarget, r.RegistrationMet)), ""),
            "active_rate" => (Text(f.Percent(r.ActiveRate, IndicatorMath.ActiveTarget, r.ActiveMet)), ""),
            "avg_hours" => (Text(f.AvgHours(r.AvgHours, r.HoursTarget, r.HoursMet)), ""),
            "hours_target" => (Text(f.HoursTarget(r.HoursTarget)), "muted"),
            "registration_met" or "active_met" or "hours_met" => Mark(req, field switch
            {
                "registration_met" => r.RegistrationMet,
                "active_met" => r.ActiveMet,
                _ => r.HoursMet,
            }),
            "score" => (Text(f.Score(r.Score)), "score"),
            "volunteers_needed" => r.VolunteersNeeded switch
            {
                null => (Text("—"), "gap muted"),
                0 => (Text(req.T(Str.GapNone)), "gap ok"),
                var n => (Text(Str.VolunteersNeeded(lang, f.Count(n.Value))), "gap"),
            },
            "active_needed" => r.ActiveNeeded == 0
                ? (Text(r.Registered == 0 ? "—" : req.T(Str.GapNone)), r.Registered == 0 ? "gap muted" : "gap ok")
                : (Text(Str.ActiveNeeded(lang, f.Count(r.ActiveNeeded))), "gap"),
            "hours_needed" => r.HoursNeeded.Num.IsZero
                ? (Text(r.Registered == 0 ? "—" : req.T(Str.GapNone)), r.Registered == 0 ? "gap muted" : "gap ok")
                : (Text(Str.HoursNeeded(lang, f.HoursUp(r.HoursNeeded))), "gap"),
            _ => (Raw.Empty, ""),
        };
    }

    /// <summary>Met or not by a symbol and a word for screen readers, colour only on top.</summary>
    public static (Raw, string) Mark(PageRequest req, bool? met) => met switch
    {
        true => (HtmlWriter.Fragment($"""<span class="mark yes" title="{req.T(Str.Met)}">✓<span class="sr">{req.T(Str.Met)}</span></span>"""), "met"),
        false => (HtmlWriter.Fragment($"""<span class="mark no" title="{req.T(Str.NotMet)}">✗<span class="sr">{req.T(Str.NotMet)}</span></span>"""), "met"),
        null => (HtmlWriter.Fragment($"""<span class="mark unknown" title="{req.T(Str.Unknown)}">—</span>"""), "met"),
    };

    private static Raw Text(string s) => new(HtmlWriter.Encode(s));
}
