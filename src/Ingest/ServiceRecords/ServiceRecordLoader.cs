using System.Globalization;
using VolunteerStats.Ingest.Headers;
using VolunteerStats.Ingest.Identity;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Parsing;

namespace VolunteerStats.Ingest.ServiceRecords;

/// <summary>Service-hour rows (志愿服务时长记录), keyed by record_id or by (person, project, date, hours).</summary>
public sealed class ServiceRecordLoader : KindLoader
{
    public override FileKind Kind => FileKind.ServiceRecords;
    public override string Table => "service_records";
    public override string? HistoryTable => "service_record_history";

    public override IReadOnlyList<string> Columns { get; } =
    [
        "row_key", "record_id", "volunteer_id", "id_hash", "project_id", "project_name", "organization",
        "service_date", "hours_units", "category", "content_hash", "line",
    ];

    public override string MatchedCondition =>
        "(s.volunteer_id IN (SELECT volunteer_id FROM registrations) OR s.id_hash IN (SELECT id_hash FROM registrations WHERE id_hash IS NOT NULL))";

    public override string? Stage(RowContext ctx, object?[] values)
    {
        var header = ctx.Header;
        var volunteerId = ctx.Text("volunteer_id");
        var idNumber = ctx.Text("id_number");
        var dateText = ctx.Text("service_date");
        // With both an hours and a minutes column, minutes wins and hours is neither required nor judged.
        var minutes = header.Has(FieldCatalog.Minutes);
        var timeField = minutes ? FieldCatalog.Minutes : FieldCatalog.Hours;
        var timeText = ctx.Text(timeField);
        if ((volunteerId.Length == 0 && idNumber.Length == 0) || dateText.Length == 0 || timeText.Length == 0)
            return RejectReason.MissingField;
        if (!Dates.TryParse(dateText, ctx.Value("service_date"), out var date)) return RejectReason.BadDate;
        if (date > ctx.Today) return RejectReason.FutureDate;
        if (!Hours.TryParse(timeText, ctx.Value(timeField), minutes, out var units) || units <= 0 || units > Hours.MaxUnits)
            return RejectReason.BadHours;

        var recordId = ctx.Text("record_id");
        var idHash = ctx.HashIdNumber(idNumber);
        var projectId = ctx.Text("project_id");
        values[0] = recordId.Length > 0
            ? "r:" + recordId
            : string.Create(CultureInfo.InvariantCulture,
                $"t:{(volunteerId.Length > 0 ? "v:" + volunteerId : "h:" + idHash)}|{projectId}|{date:yyyy-MM-dd}|{units}");
        values[1] = Null(recordId);
        values[2] = Null(volunteerId);
        values[3] = idHash;
        values[4] = Null(projectId);
        values[5] = Null(ctx.Text("project_name"));
        values[6] = Null(ctx.Text("organization"));
        values[7] = date;
        values[8] = units;
        values[9] = Null(ctx.Text("category"));
        values[10] = ctx.ContentHash(values.AsSpan(1, 9));
        return null;
    }

    private static string? Null(string s) => s.Length == 0 ? null : s;
}
