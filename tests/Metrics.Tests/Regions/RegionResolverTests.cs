using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Regions;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Regions;

/// <summary>One rule for what a user types as a region, for the CLI, the API and the pages (CONTRACT §6).</summary>
public class RegionResolverTests : IDisposable
{
    private readonly TestDb _db = new();
    public void Dispose() => _db.Dispose();

    public RegionResolverTests()
    {
        _db.IngestText("regions.csv", Samples.Regions + "\n330200,宁波市,,市\n330203,海曙区,330200,区\n330203001,清波街道,330203,街道\n");
    }

    [Theory]
    [InlineData("330102", "330102")]
    [InlineData("330102000000", "330102")]
    [InlineData("上城区", "330102")]
    [InlineData(" 上城区 ", "330102")]
    [InlineData("上城", "330102")]
    [InlineData("330000", "330000")] // no row of its own, but the parent of 杭州市 and 宁波市 by the codes' structure
    public void Resolve_GivesTheCode_WhenTheCodeOrAnUnambiguousNameIsKnown(string typed, string code) =>
        Assert.Equal(code, RegionResolver.Resolve(_db.Connection, typed, "--parent"));

    [Fact]
    public void Resolve_NamesTheRegion_WhenTheCodeIsUnknown()
    {
        var e = Assert.Throws<IndicatorQueryException>(() => RegionResolver.Resolve(_db.Connection, "330199", "--parent"));
        Assert.Contains("--parent 330199", e.Message);
        Assert.Contains("330105 拱墅区", e.Message); // a sibling, as a hint
    }

    [Fact]
    public void Resolve_ListsTheCandidates_WhenANameIsAmbiguous()
    {
        var e = Assert.Throws<IndicatorQueryException>(() => RegionResolver.Resolve(_db.Connection, "清波街道", "--region"));
        Assert.Contains("330102001 清波街道 (上城区)", e.Message);
        Assert.Contains("330203001 清波街道 (海曙区)", e.Message);
    }

    [Fact]
    public void Resolve_NamesTheText_WhenNoRegionHasThatName() =>
        Assert.Contains("西湖区", Assert.Throws<IndicatorQueryException>(() => RegionResolver.Resolve(_db.Connection, "西湖区")).Message);

    [Fact]
    public void Compute_ThrowsForAnUnknownParent_InsteadOfAnEmptyListing()
    {
        var service = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IndicatorService>(_db.Host.Services);
        Assert.Throws<IndicatorQueryException>(() => service.Compute(_db.Connection, new IndicatorQuery(2024, 3, "street", "330199")));
        Assert.Equal(2, service.Compute(_db.Connection, new IndicatorQuery(2024, 3, "street", "上城区")).Count);
    }

    [Fact]
    public void Grouped_PutsThousandsSeparatorsOnHours()
    {
        Assert.Equal("564,173", IndicatorFormats.Grouped(new Fraction(564173, 1), 0));
        Assert.Equal("1,234.5", IndicatorFormats.Grouped(new Fraction(24690, 20), 1));
    }
}
