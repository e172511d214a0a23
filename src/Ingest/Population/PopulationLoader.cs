using System.Globalization;
using VolunteerStats.Ingest.Headers;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Parsing;

namespace VolunteerStats.Ingest.Population;

/// <summary>Resident population rows (常住人口), keyed by (region_code, year).</summary>
public sealed class PopulationLoader : KindLoader
{
    public override FileKind Kind => FileKind.Population;
    public override string Table => "population";
    public override IReadOnlyList<string> Columns { get; } = ["row_key", "region_code", "year", "population", "content_hash", "line"];

    public override string? Stage(RowContext ctx, object?[] values)
    {
        var regionText = ctx.Text("region_code");
        var yearText = ctx.Text("year");
        var populationText = ctx.Text("population");
        if (regionText.Length == 0 || yearText.Length == 0 || populationText.Length == 0) return RejectReason.MissingField;
        if (!RegionCodes.TryNormalize(regionText, out var region)) return RejectReason.BadRegion;
        if (!WholeNumbers.TryParse(yearText, ctx.Value("year"), out var year) || year > int.MaxValue
            || !WholeNumbers.TryParse(populationText, ctx.Value("population"), out var population))
            return RejectReason.BadNumber;
        values[0] = string.Create(CultureInfo.InvariantCulture, $"{region}|{year}");
        values[1] = region;
        values[2] = (int)year;
        values[3] = population;
        values[4] = ctx.ContentHash(region, year, population);
        return null;
    }
}
