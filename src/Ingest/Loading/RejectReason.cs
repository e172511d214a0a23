using VolunteerStats.Ingest.Headers;
using VolunteerStats.Ingest.Parsing;
using VolunteerStats.Ingest.Reading;

namespace VolunteerStats.Ingest.Loading;

/// <summary>Reasons a row is rejected (CONTRACT §4), in the order in which they are tested.</summary>
public static class RejectReason
{
    public const string MalformedRow = "malformed_row";
    public const string MissingField = "missing_field";
    public const string BadRegion = "bad_region";
    public const string BadDate = "bad_date";
    public const string FutureDate = "future_date";
    public const string BadHours = "bad_hours";
    public const string BadNumber = "bad_number";

    public static IReadOnlyList<string> All { get; } = [MalformedRow, MissingField, BadRegion, BadDate, FutureDate, BadHours, BadNumber];

    /// <summary>Each reason in the analyst's words, for tables and pages (the code stays the contract's).</summary>
    public static IReadOnlyDictionary<string, string> Chinese { get; } = new Dictionary<string, string>
    {
        [MalformedRow] = "行格式错误",
        [MissingField] = "必填项为空",
        [BadRegion] = "区划代码错误",
        [BadDate] = "日期无法识别",
        [FutureDate] = "日期晚于导入日",
        [BadHours] = "时长无效",
        [BadNumber] = "数值无效",
    };

    /// <summary>
    /// The contract field that decided <paramref name="reason"/> for the row in <paramref name="ctx"/> (CONTRACT §6):
    /// the first one, in the order the loaders test them, that fails that test; null for <c>malformed_row</c>.
    /// Called for rejected rows only, so it re-reads the row rather than burdening every loader's hot path.
    /// </summary>
    public static string? FieldFor(FileKind kind, string reason, RowContext ctx, SourceRecord record)
    {
        if (reason == MalformedRow) return null;
        ctx.Record = record;
        var fields = Judged(kind, ctx.Header);
        return reason switch
        {
            MissingField => fields.Required.FirstOrDefault(f => f.All(g => ctx.Text(g).Length == 0)) is { } group ? group[0] : fields.Required[0][0],
            BadRegion => fields.Regions.FirstOrDefault(f => ctx.Text(f) is { Length: > 0 } t && !RegionCodes.TryNormalize(t, out _)) ?? fields.Regions.FirstOrDefault(),
            BadDate => fields.Dates.FirstOrDefault(f => ctx.Text(f) is { Length: > 0 } t && !Dates.TryParse(t, ctx.Value(f), out _)) ?? fields.Dates.FirstOrDefault(),
            FutureDate => fields.Dates.FirstOrDefault(f => Dates.TryParse(ctx.Text(f), ctx.Value(f), out var d) && d > ctx.Today) ?? fields.Dates.FirstOrDefault(),
            BadHours => ctx.Header.Has(FieldCatalog.Minutes) ? FieldCatalog.Minutes : FieldCatalog.Hours,
            BadNumber => fields.Numbers.FirstOrDefault(f => ctx.Text(f) is var t && !WholeNumbers.TryParse(t, ctx.Value(f), out var n) || (f == "year" && n > int.MaxValue))
                ?? fields.Numbers.FirstOrDefault(),
            _ => null,
        };
    }

    private sealed record JudgedFields(string[][] Required, string[] Regions, string[] Dates, string[] Numbers);

    /// <summary>Per kind, the fields each test looks at, in the loaders' order (CONTRACT §1, §4).</summary>
    private static JudgedFields Judged(FileKind kind, HeaderMatch header) => kind.Name switch
    {
        "registrations" => new([["volunteer_id"], ["registered_at"], ["region_code"]], ["region_code"], ["registered_at", "cancelled_at"], []),
        "service_records" => new([["volunteer_id", "id_number"], ["service_date"], [header.Has(FieldCatalog.Minutes) ? FieldCatalog.Minutes : FieldCatalog.Hours]],
            [], ["service_date"], []),
        "regions" => new([["code"], ["name"]], ["code", "parent_code"], [], []),
        "population" => new([["region_code"], ["year"], ["population"]], ["region_code"], [], ["year", "population"]),
        _ => new([], [], [], []),
    };
}
