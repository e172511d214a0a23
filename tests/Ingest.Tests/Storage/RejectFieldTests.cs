using VolunteerStats.Ingest.Storage;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Storage;

/// <summary>CONTRACT §6: a rejected row names the contract field that decided its reason (empty for malformed_row).</summary>
public class RejectFieldTests : IDisposable
{
    private readonly TestDb _db = new();
    public void Dispose() => _db.Dispose();

    private List<(long Line, string Reason, string? Field, string? Sheet)> Rejects() =>
        _db.Connection.Query("SELECT line, reason, field, sheet FROM rejects ORDER BY file_id, seq")
            .Select(r => (r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3))).ToList();

    [Fact]
    public void Ingest_StoresTheDecidingField_ForEveryReasonOfARoster()
    {
        _db.IngestText("roster.csv", $"""
            {Samples.RosterHeader}
            V1,张三,,2024-01-05,,正常,
            V2,张三,,2024-01-05,33010,正常,
            V3,张三,,2024-02-30,330102,正常,
            V4,张三,,2024-01-05,330102,,2024-13-01
            V5,张三,,2024-01-05,330102,注销,2025-01-01
            V6,张三,,2025-01-05,330102,正常,
            V7,"张三,,2024-01-05,330102,正常,
            """);
        Assert.Equal(
        [
            (2L, "missing_field", "region_code", null), (3L, "bad_region", "region_code", null), (4L, "bad_date", "registered_at", null),
            (5L, "bad_date", "cancelled_at", null), (6L, "future_date", "cancelled_at", null), (7L, "future_date", "registered_at", null),
            (8L, "malformed_row", null, null),
        ], Rejects());
    }

    [Fact]
    public void Ingest_StoresTheDecidingField_ForHoursPopulationAndRegions()
    {
        _db.IngestText("hours.csv", "志愿者编号,证件号码,服务日期,服务时长(分钟)\n,,2024-03-01,30\nV1,,2024-03-01,abc\n");
        _db.IngestText("population.csv", "区划代码,年份,常住人口\n330102,2024.5,100\n330102,2024,约5万\n");
        _db.IngestText("regions.csv", "区划代码,名称,上级代码\n330102,上城区,3301\n");
        Assert.Equal(
        [
            (2L, "missing_field", "volunteer_id", null), (3L, "bad_hours", "minutes", null),
            (2L, "bad_number", "year", null), (3L, "bad_number", "population", null),
            (2L, "bad_region", "parent_code", null),
        ], Rejects());
    }
}
