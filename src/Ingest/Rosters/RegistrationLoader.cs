using VolunteerStats.Ingest.Headers;
using VolunteerStats.Ingest.Identity;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Parsing;

namespace VolunteerStats.Ingest.Rosters;

/// <summary>Roster rows (志愿者注册信息): a snapshot keyed by volunteer_id.</summary>
public sealed class RegistrationLoader : KindLoader
{
    public override FileKind Kind => FileKind.Registrations;
    public override string Table => "registrations";

    public override IReadOnlyList<string> Columns { get; } =
    [
        "row_key", "volunteer_id", "person_key", "id_hash", "id_checksum_ok", "name_masked", "gender", "birth_date",
        "organization", "political_status", "status", "is_cancelled", "cancelled_at", "registered_at", "region_code",
        "content_hash", "line",
    ];

    public const string Normal = "normal";
    public const string Cancelled = "cancelled";

    public override string? Stage(RowContext ctx, object?[] values)
    {
        var volunteerId = ctx.Text("volunteer_id");
        var registeredText = ctx.Text("registered_at");
        var regionText = ctx.Text("region_code");
        if (volunteerId.Length == 0 || registeredText.Length == 0 || regionText.Length == 0) return RejectReason.MissingField;
        if (!RegionCodes.TryNormalize(regionText, out var region)) return RejectReason.BadRegion;
        if (!Dates.TryParse(registeredText, ctx.Value("registered_at"), out var registeredAt)) return RejectReason.BadDate;

        var status = NormalizeStatus(ctx.Text("status"));
        // cancelled_at means something only on a cancelled row or one without status; elsewhere it is ignored, not judged.
        DateOnly? cancelledAt = null;
        var cancelledText = ctx.Text("cancelled_at");
        if ((status is null || status == Cancelled) && cancelledText.Length > 0)
        {
            if (!Dates.TryParse(cancelledText, ctx.Value("cancelled_at"), out var c)) return RejectReason.BadDate;
            cancelledAt = c;
        }
        if (registeredAt > ctx.Today || cancelledAt > ctx.Today) return RejectReason.FutureDate;

        var isCancelled = status == Cancelled || (status is null && cancelledAt is not null);
        var idNumber = ctx.Text("id_number");
        var idHash = ctx.HashIdNumber(idNumber);
        var birthText = ctx.Text("birth_date");
        var birth = birthText.Length == 0 ? null
            : Dates.TryParse(birthText, ctx.Value("birth_date"), out var b) ? string.Create(10, b, static (span, d) => Dates.FormatIso(d, span)) : birthText;

        values[0] = volunteerId;
        values[1] = volunteerId;
        values[2] = idHash is null ? "v:" + volunteerId : "h:" + idHash;
        values[3] = idHash;
        values[4] = idHash is null ? null : PersonIdentity.CheckDigitOk(idNumber);
        values[5] = PersonIdentity.MaskName(ctx.Text("name"));
        values[6] = NullIfEmpty(ctx.Text("gender"));
        values[7] = birth;
        values[8] = NullIfEmpty(ctx.Text("organization"));
        values[9] = NullIfEmpty(ctx.Text("political_status"));
        values[10] = status;
        values[11] = isCancelled;
        values[12] = cancelledAt;
        values[13] = registeredAt;
        values[14] = region;
        values[15] = ctx.ContentHash(values.AsSpan(1, 14));
        return null;
    }

    internal static string? NormalizeStatus(string text)
    {
        // The Chinese values first, compared as they are: lower-casing a non-ASCII string goes through ICU, and
        // that took 95 % of the time of judging a roster row (~7 µs).
        var trimmed = text.Trim();
        return trimmed switch
        {
            "" => null,
            "正常" or "有效" => Normal,
            "注销" or "已注销" => Cancelled,
            _ => trimmed.ToLowerInvariant() switch
            {
                "normal" => Normal,
                "cancelled" or "canceled" => Cancelled,
                var other => other,
            },
        };
    }

    internal static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
