namespace VolunteerStats.Ingest.Headers;

/// <summary>The four kinds of input file (CONTRACT §1). <see cref="Name"/> is the contract's spelling.</summary>
public sealed record FileKind(string Name, string ChineseName)
{
    public static readonly FileKind Registrations = new("registrations", "志愿者注册信息");
    public static readonly FileKind ServiceRecords = new("service_records", "志愿服务时长记录");
    public static readonly FileKind Regions = new("regions", "行政区划");
    public static readonly FileKind Population = new("population", "常住人口");

    public static IReadOnlyList<FileKind> All { get; } = [Registrations, ServiceRecords, Population, Regions];

    public static FileKind Parse(string name) =>
        All.FirstOrDefault(k => string.Equals(k.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown kind '{name}'; expected one of: {string.Join(", ", All.Select(k => k.Name))}.");

    public override string ToString() => Name;
}
