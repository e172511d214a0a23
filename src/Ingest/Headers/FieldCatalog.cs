using System.Text.RegularExpressions;

namespace VolunteerStats.Ingest.Headers;

/// <summary>Field names and their header aliases per kind (CONTRACT §1), and which fields a header needs.</summary>
public static partial class FieldCatalog
{
    public const string Minutes = "minutes";
    public const string Hours = "hours";

    /// <summary>Per kind: normalised header → field, and the alias's rank (0 the English name, then the Chinese aliases in CONTRACT §1's order).</summary>
    private static readonly Dictionary<FileKind, Dictionary<string, (string Field, int Rank)>> Aliases = new()
    {
        [FileKind.Registrations] = Build(
            ("volunteer_id", ["志愿者编号", "志愿者id", "用户编号"]),
            ("registered_at", ["注册时间", "注册日期"]),
            ("region_code", ["所属区划代码", "区划代码", "所属区域代码"]),
            ("id_number", ["证件号码", "身份证号", "身份证号码"]),
            ("name", ["姓名"]),
            ("gender", ["性别"]),
            ("birth_date", ["出生日期"]),
            ("organization", ["所属组织", "所属团体", "所属队伍"]),
            ("political_status", ["政治面貌"]),
            ("status", ["状态", "注册状态"]),
            ("cancelled_at", ["注销时间", "注销日期"])),
        [FileKind.ServiceRecords] = Build(
            ("record_id", ["记录编号", "服务记录编号", "记录id"]),
            ("volunteer_id", ["志愿者编号", "志愿者id"]),
            ("id_number", ["证件号码", "身份证号", "身份证号码"]),
            ("project_id", ["项目编号", "活动编号"]),
            ("project_name", ["项目名称", "活动名称"]),
            ("organization", ["发布组织", "组织名称"]),
            ("service_date", ["服务日期", "活动日期", "服务时间"]),
            (Hours, ["服务时长", "时长"]),
            ("category", ["服务类别", "服务类型", "服务领域"])),
        [FileKind.Regions] = Build(
            ("code", ["区划代码"]),
            ("name", ["名称", "区划名称"]),
            ("parent_code", ["上级代码", "上级区划代码"]),
            ("level", ["级别"])),
        [FileKind.Population] = Build(
            ("region_code", ["区划代码"]),
            ("year", ["年份", "年度"]),
            ("population", ["常住人口", "人口"])),
    };

    private static Dictionary<string, (string Field, int Rank)> Build(params (string Field, string[] Chinese)[] fields)
    {
        var map = new Dictionary<string, (string Field, int Rank)>(StringComparer.Ordinal);
        foreach (var (field, chinese) in fields)
        {
            map[field] = (field, 0);
            for (var i = 0; i < chinese.Length; i++) map[Normalize(chinese[i])] = (field, i + 1);
        }
        return map;
    }

    /// <summary>The fields a header must name for a kind: each inner array is "one of these".</summary>
    public static IReadOnlyList<string[]> Required(FileKind kind) => kind.Name switch
    {
        "registrations" => [["volunteer_id"], ["registered_at"], ["region_code"]],
        "service_records" => [["volunteer_id", "id_number"], ["service_date"], [Hours, Minutes]],
        "regions" => [["code"], ["name"]],
        "population" => [["region_code"], ["year"], ["population"]],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// The field a header cell names for a kind, or null. Case, surrounding spaces, full-width brackets and a
    /// unit in brackets are ignored; a header carrying 分钟/minutes is the minutes field of a service-record file.
    /// </summary>
    public static string? FieldFor(FileKind kind, string header) => Match(kind, header)?.Field;

    /// <summary>
    /// <see cref="FieldFor"/> with the alias's rank: when two columns name one field (服务时间 and 服务日期), the one
    /// named by the earlier alias of CONTRACT §1's list is used, the leftmost among equals.
    /// </summary>
    public static (string Field, int Rank)? Match(FileKind kind, string header)
    {
        var lowered = Lowered(header);
        if (kind == FileKind.ServiceRecords && (lowered.Contains("分钟", StringComparison.Ordinal) || lowered.Contains("minutes", StringComparison.Ordinal)))
            return (Minutes, 0);
        return Aliases[kind].TryGetValue(Normalize(header), out var match) ? match : null;
    }

    public static string Normalize(string header)
    {
        var s = Lowered(header).Replace('【', '[').Replace('】', ']');
        s = BracketUnit().Replace(s, "");
        return s.Trim().Trim('\u3000');
    }

    /// <summary>Trimmed, lower case, full-width forms (（分钟）, ＩＤ) folded to ASCII.</summary>
    private static string Lowered(string header) => Parsing.FullWidth.Fold(header).Trim().Trim('\uFEFF', '\u3000').ToLowerInvariant();

    /// <summary>Human-readable list of what a header of this kind must contain, for error messages.</summary>
    public static string Describe(FileKind kind)
    {
        var names = Required(kind).Select(group => string.Join(" or ", group.Select(f =>
        {
            var chinese = Aliases[kind].Where(a => a.Value.Field == f && a.Key != f).Select(a => a.Key).FirstOrDefault();
            return f == Minutes ? "minutes/服务时长(分钟)" : chinese is null ? f : $"{f}/{chinese}";
        })));
        return $"{kind.Name} ({string.Join(", ", names)})";
    }

    [GeneratedRegex(@"[\(\[][^\)\]]*[\)\]]")]
    private static partial Regex BracketUnit();
}
