using DuckDB.NET.Data;
using VolunteerStats.Dashboard.Pages.Shared;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Dashboard.Pages.Regions;

/// <summary>
/// "Who the volunteers are" for one region: registered and active persons by age band, gender, political status
/// and organization, and active persons by service category, from the stored registrations and records with the
/// indicators' own P and hours (their registered totals equal the region's <c>registered</c>).
/// </summary>
public static class Profile
{
    public sealed record Slice(string Value, long Registered, long Active);

    public sealed record Panels(long Registered, long Active, Dictionary<string, List<Slice>> ByDimension);

    public static readonly string[] Dimensions = ["age", "gender", "political", "organization", "category"];

    private const int TopOrganizations = 8;

    public static Panels Read(DuckDBConnection connection, RegionIndex regions, string region, Period period)
    {
        var d = new DateOnly(period.Year, period.Month, DateTime.DaysInMonth(period.Year, period.Month));
        var totals = Dimensions.ToDictionary(x => x, _ => new Dictionary<string, (long Registered, long Active)>());
        var under = new Dictionary<string, bool>();
        foreach (var r in connection.Query(SqlScripts.Load(typeof(Profile).Assembly, "Pages/Regions/Profile.sql"),
                     ("y0", new DateOnly(period.Year, 1, 1)), ("d", d)))
        {
            var home = r.GetString(0);
            if (!under.TryGetValue(home, out var inside)) under[home] = inside = regions.IsUnder(home, region);
            if (!inside) continue;
            var bucket = totals[r.GetString(1)];
            var value = r.GetString(2);
            var (reg, act) = bucket.GetValueOrDefault(value);
            bucket[value] = (reg + r.GetInt64(3), act + r.GetInt64(4));
        }
        var gender = totals["gender"];
        var registered = gender.Values.Sum(v => v.Registered);
        var active = gender.Values.Sum(v => v.Active);
        var panels = new Dictionary<string, List<Slice>>();
        foreach (var (dim, values) in totals)
        {
            var slices = values.Select(v => new Slice(v.Key, v.Value.Registered, v.Value.Active));
            slices = dim switch
            {
                "age" => slices.OrderBy(s => s.Value == "" ? "9" : s.Value, StringComparer.Ordinal),
                "category" => slices.OrderByDescending(s => s.Active).ThenBy(s => s.Value, StringComparer.Ordinal),
                _ => slices.OrderByDescending(s => s.Registered).ThenBy(s => s.Value, StringComparer.Ordinal),
            };
            var list = slices.ToList();
            if (dim is "organization" or "category" && list.Count > TopOrganizations + 1)
            {
                var rest = list.Skip(TopOrganizations).ToList();
                list = [.. list.Take(TopOrganizations), new Slice("\u0001others", rest.Sum(s => s.Registered), rest.Sum(s => s.Active))];
            }
            panels[dim] = list;
        }
        return new Panels(registered, active, panels);
    }

    public static Raw Render(PageRequest req, Panels panels)
    {
        var f = req.Format;
        var w = new HtmlWriter();
        w.Add($"""<section class="card"><h2>{req.T(Str.WhoTheVolunteersAre)} <small>{req.T(Str.Registered)} {f.People(panels.Registered)} · {req.T(Str.Active)} {f.People(panels.Active)}</small></h2><div class="panels">""");
        foreach (var dim in Dimensions)
        {
            var slices = panels.ByDimension[dim];
            var title = dim switch
            {
                "age" => Str.AgeBand,
                "gender" => Str.Gender,
                "political" => Str.PoliticalStatus,
                "organization" => Str.Organization,
                _ => Str.ServiceCategory,
            };
            var byActive = dim == "category";
            var max = Math.Max(1, slices.Count == 0 ? 1 : slices.Max(s => byActive ? s.Active : s.Registered));
            w.Add($"""<div class="panel" data-panel="{dim}"><h3>{req.T(title)}</h3>""");
            if (slices.Count == 0) w.Add($"""<p class="muted">—</p>""");
            else
            {
                w.Add($"""<table class="bars"><tbody>""");
                foreach (var s in slices)
                {
                    var label = Label(req, dim, s.Value);
                    var main = byActive ? s.Active : s.Registered;
                    var width = (100.0 * main / max).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
                    var activeWidth = byActive || s.Registered == 0 ? "0" : (100.0 * s.Active / max).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
                    var figure = byActive ? f.People(s.Active)
                        : $"{f.Count(s.Registered)} / {f.Count(s.Active)}";
                    w.Add($"""
                        <tr><th title="{label}">{label}</th><td class="bar"><span class="b {(byActive ? "act" : "reg")}" style="width:{width}%"></span><span class="b act" style="width:{activeWidth}%"></span></td><td class="num">{figure}</td></tr>
                        """);
                }
                w.Add($"""</tbody></table>""");
            }
            w.Add($"""</div>""");
        }
        var legend = req.Lang == Lang.Zh
            ? "条形：浅色为注册志愿者，深色为其中的活跃志愿者；数字为 注册 / 活跃。服务类别为本年有服务时长的志愿者人数。"
            : "Bars: light = registered, dark = of whom active; figures registered / active. Service category counts volunteers with hours in it this year.";
        w.Add($"""</div><p class="hint">{legend}</p></section>""");
        return w.ToRaw();
    }

    private static string Label(PageRequest req, string dim, string value)
    {
        if (value == "\u0001others") return req.T(Str.Others);
        if (value == "") return req.T(Str.NotGiven);
        if (dim != "age") return value;
        return (value, req.Lang) switch
        {
            ("0", Lang.Zh) => "18岁以下",
            ("1", Lang.Zh) => "18–35岁",
            ("2", Lang.Zh) => "36–45岁",
            ("3", Lang.Zh) => "46–60岁",
            ("4", Lang.Zh) => "60岁以上",
            ("0", _) => "under 18",
            ("1", _) => "18–35",
            ("2", _) => "36–45",
            ("3", _) => "46–60",
            _ => "over 60",
        };
    }
}
