using VolunteerStats.Ingest.Headers;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Parsing;

namespace VolunteerStats.Ingest.Regions;

/// <summary>Region rows (行政区划), keyed by code.</summary>
public sealed class RegionLoader : KindLoader
{
    public override FileKind Kind => FileKind.Regions;
    public override string Table => "regions";
    public override IReadOnlyList<string> Columns { get; } = ["row_key", "code", "name", "parent_code", "level_text", "content_hash", "line"];

    public override string? Stage(RowContext ctx, object?[] values)
    {
        var codeText = ctx.Text("code");
        var name = ctx.Text("name");
        if (codeText.Length == 0 || name.Length == 0) return RejectReason.MissingField;
        if (!RegionCodes.TryNormalize(codeText, out var code)) return RejectReason.BadRegion;
        var parentText = ctx.Text("parent_code");
        string? parent = null;
        if (parentText.Length > 0)
        {
            if (!RegionCodes.TryNormalize(parentText, out var p)) return RejectReason.BadRegion;
            parent = p;
        }
        var level = ctx.Text("level");
        values[0] = code;
        values[1] = code;
        values[2] = name;
        values[3] = parent;
        values[4] = level.Length == 0 ? null : level;
        values[5] = ctx.ContentHash(code, name, parent, values[4]);
        return null;
    }
}
