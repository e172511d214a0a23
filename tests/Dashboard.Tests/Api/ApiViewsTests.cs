using System.Net;
using System.Text.Json;
using VolunteerStats.Ingest.Reading;

namespace VolunteerStats.Dashboard.Tests.Api;

/// <summary>Each view's endpoint answers what the CLI computes for the same arguments (one computation, CONTRACT §8).</summary>
[Collection(ApiSiteCollection.Name)]
public sealed class ApiViewsTests(ApiSite site)
{
    private HttpClient Admin => site.Server.Http;

    private string Cli(params string[] args) => site.Cli[string.Join(' ', args)];

    [Fact]
    public async Task Trend_IsTheTextOfCliTrend_AndEachMonthIsTheIndicatorsRow()
    {
        var csv = await Admin.GetStringAsync($"/api/regions/{ApiSite.Limit}/trend?year=2024&through=&format=csv");
        var byName = await Admin.GetStringAsync($"/api/regions/{Uri.EscapeDataString(ApiSite.LimitName)}/trend?year=2024&format=csv");

        Assert.Equal(Cli("trend", "--region", ApiSite.Limit, "--year", ApiSite.Year, "--format", "csv"), csv);
        Assert.Equal(csv, byName);
        var june = csv.Split('\n').Single(l => l.StartsWith("2024-06,", StringComparison.Ordinal));
        var districts = await Admin.GetStringAsync("/api/indicators?year=2024&through=2024-06&level=district&format=csv");
        Assert.Contains(june["2024-06,".Length..] + "\n", districts);
    }

    [Fact]
    public async Task Stars_IsTheTextOfCliStars_ForTheCityAndForADistrict()
    {
        Assert.Equal(Cli("stars", "--through", ApiSite.Through, "--format", "csv"), await Admin.GetStringAsync("/api/stars?through=2024-10&format=csv"));
        Assert.Equal(Cli("stars", "--through", "2024-06", "--region", ApiSite.Limit, "--format", "csv"),
            await Admin.GetStringAsync($"/api/stars?year=2024&through=2024-06&region={ApiSite.Limit}&format=csv"));

        using var json = JsonDocument.Parse(await Admin.GetStringAsync("/api/stars?through=2024-10&top=5"));
        var volunteers = json.RootElement.GetProperty("volunteers").EnumerateArray().ToList();
        Assert.Equal(5, volunteers.Count);
        Assert.All(volunteers, v => Assert.Contains('*', v.GetProperty("name").GetString()!)); // masked names only
    }

    [Fact]
    public async Task RejectsAnomaliesForecast_AreTheTextOfTheCli()
    {
        Assert.Equal(Cli("rejects", "--format", "csv"), await Admin.GetStringAsync("/api/rejects?format=csv"));
        Assert.Equal(Cli("anomalies", "--year", ApiSite.Year, "--through", ApiSite.Through, "--format", "csv"),
            await Admin.GetStringAsync("/api/anomalies?year=2024&through=2024-10&format=csv"));
        // The CLI trained and stored the models for this data; the API answers from them.
        Assert.Equal(Cli("forecast", "--year", ApiSite.Year, "--through", "2024-06", "--level", "district", "--format", "csv"),
            await Admin.GetStringAsync("/api/forecast?year=2024&through=2024-06&level=district&format=csv"));
    }

    [Fact]
    public async Task Regions_ListsTheTree_AndOneRegionWithPathAndChildren()
    {
        using var all = JsonDocument.Parse(await Admin.GetStringAsync("/api/regions"));
        using var one = JsonDocument.Parse(await Admin.GetStringAsync($"/api/regions/{ApiSite.Limit}"));
        var csv = await Admin.GetStringAsync("/api/regions?level=district&format=csv");

        Assert.Equal(site.Regions.Count, all.RootElement.GetArrayLength());
        Assert.Equal(ApiSite.LimitName, one.RootElement.GetProperty("region_name").GetString());
        Assert.Equal(["330100", ApiSite.Limit], one.RootElement.GetProperty("path").EnumerateArray().Select(p => p.GetProperty("region_code").GetString()).TakeLast(2));
        Assert.Equal(site.Regions.Where(r => r.Value.Parent == ApiSite.Limit).Select(r => r.Key).Order(StringComparer.Ordinal),
            one.RootElement.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("region_code").GetString()));
        var districts = Cli("indicators", "--year", ApiSite.Year, "--through", ApiSite.Through, "--level", "district", "--format", "csv")
            .TrimEnd('\n').Split('\n').Skip(1).Select(l => l.Split(',')[0]).Order(StringComparer.Ordinal);
        Assert.Equal(districts, csv.TrimEnd('\n').Split('\n').Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync("/api/regions/999999")).StatusCode);
    }

    [Theory]
    [InlineData("/api/stars?top=0", "top")]
    [InlineData("/api/stars?through=2024-13", "through")]
    [InlineData("/api/regions?level=planet", "level")]
    [InlineData("/api/regions?format=xml", "format")]
    [InlineData("/api/regions?parent=999999", "parent")]
    [InlineData("/api/forecast?year=20x4", "year")]
    [InlineData("/api/anomalies?region=nowhere", "region")]
    [InlineData("/api/export.xlsx?level=planet", "level")]
    [InlineData("/api/charts/ranking.png?through=May", "through")]
    [InlineData("/api/briefings/2024-13.pdf", "month")]
    public async Task Endpoints_Answer400NamingTheArgument_WhenItIsBad(string url, string argument)
    {
        using var response = await Admin.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith(argument, json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Export_FirstSheetIsTheIndicatorsCsv_WithAChineseFileName()
    {
        using var response = await site.CityAnalyst.GetAsync("/api/export.xlsx?year=2024&through=2024-10&level=district&parent=");
        response.EnsureSuccessStatusCode();
        var disposition = response.Content.Headers.ContentDisposition!;
        var path = Path.Combine(site.Root, "export-test.xlsx");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());

        Assert.Equal("attachment", disposition.DispositionType);
        Assert.StartsWith("志愿服务指标_", disposition.FileNameStar);
        Assert.EndsWith(".xlsx", disposition.FileNameStar);
        var expected = Cli("indicators", "--year", ApiSite.Year, "--through", ApiSite.Through, "--level", "district", "--format", "csv")
            .TrimEnd('\n').Split('\n').Select(l => l.Split(',')).ToList();
        var sheet = XlsxRecordReader.Read(path).Where(r => r.Sheet == XlsxRecordReader.Read(path).First().Sheet).ToList();
        Assert.Equal(expected.Count, sheet.Count);
        for (var i = 0; i < expected.Count; i++)
            for (var j = 0; j < expected[i].Length; j++)
                Assert.True(SameValue(expected[i][j], sheet[i].Cells.ElementAtOrDefault(j) ?? ""),
                    $"row {i}, column {expected[0][j]}: csv '{expected[i][j]}', xlsx '{sheet[i].Cells.ElementAtOrDefault(j)}'");
    }

    [Fact]
    public async Task Charts_ArePngAndSvgOfTheRows_WithAChineseFileName()
    {
        using var png = await Admin.GetAsync($"/api/charts/ranking.png?year=2024&through=2024-10&level=street&parent={ApiSite.Limit}");
        var svg = await Admin.GetStringAsync($"/api/charts/coverage.svg?year=2024&through=2024-10&level=street&parent={ApiSite.Limit}");
        using var trend = await Admin.GetAsync($"/api/charts/trend.png?year=2024&region={ApiSite.Limit}");

        png.EnsureSuccessStatusCode();
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await png.Content.ReadAsByteArrayAsync())[..4]);
        Assert.StartsWith("排名图_上城区_2024-10", png.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Contains("filename*=UTF-8''%E6%8E%92", string.Join(";", png.Content.Headers.GetValues("Content-Disposition")));
        foreach (var street in site.Regions.Where(r => r.Value.Parent == ApiSite.Limit))
            Assert.Contains(street.Value.Name.Replace("街道", ""), svg);
        Assert.Equal(HttpStatusCode.OK, trend.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync("/api/charts/pie.png?year=2024")).StatusCode);
    }

    [Fact]
    public async Task Briefing_ServesTheStoredFile_ElseMakesOneOnDemand()
    {
        var stored = Path.Combine(site.BriefingsOf(ApiSite.Through), $"简报_{ApiSite.Limit}_{ApiSite.Through}.html");
        using var mine = await Admin.GetAsync($"/api/briefings/{ApiSite.Through}.html?region={ApiSite.Limit}");
        using var pdf = await site.Leader.GetAsync($"/api/briefings/{ApiSite.Through}.pdf");
        using var city = await Admin.GetAsync("/api/briefings/2024-09.html?region=330100");
        using var docx = await Admin.GetAsync("/api/briefings/2024-09.docx?region=330100");

        Assert.Equal(await File.ReadAllBytesAsync(stored), await mine.Content.ReadAsByteArrayAsync());
        Assert.Equal("stored", mine.Headers.GetValues("X-Briefing-Source").Single());
        Assert.Equal($"简报_{ApiSite.Limit}_{ApiSite.Through}.html", mine.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]));
        Assert.Equal("generated", city.Headers.GetValues("X-Briefing-Source").Single());
        var html = await city.Content.ReadAsStringAsync();
        Assert.Contains("杭州市", html);
        Assert.Contains("2024年9月", html);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await docx.Content.ReadAsByteArrayAsync())[..2]));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/ranking?year=2024&through=2024-06&level=street&parent=330102")]
    [InlineData("/regions/330102?year=2024&through=2024-06")]
    [InlineData("/stars?year=2024&through=2024-06")]
    [InlineData("/quality")]
    public async Task DownloadBar_LinksOfEveryViewAnswer_ForAnAnalystLimitedToTheDistrict(string page)
    {
        var html = await site.Analyst.GetStringAsync(page);
        var bar = System.Text.RegularExpressions.Regex.Match(html, "<div class=\"downloads\" data-downloads=\"[a-z]+\">(.*?)</div>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(bar.Success, $"{page} has no download bar");
        var links = System.Text.RegularExpressions.Regex.Matches(bar.Groups[1].Value, "href=\"([^\"]+)\"").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))
            .Where(l => !l.Contains(".pdf", StringComparison.Ordinal)).ToList();

        Assert.Contains(links, l => l.StartsWith("/api/export.xlsx", StringComparison.Ordinal));
        foreach (var link in links)
        {
            using var response = await site.Analyst.GetAsync(link);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {link} answered {(int)response.StatusCode}");
        }
    }

    /// <summary>A CSV field and the workbook's cell agree: the same text, or the same number (numeric cells).</summary>
    private static bool SameValue(string csv, string cell)
    {
        if (csv == cell) return true;
        if (csv.Length == 0 || cell.Length == 0) return false;
        if (csv is "true" or "false") return string.Equals(csv, cell, StringComparison.OrdinalIgnoreCase);
        return decimal.TryParse(csv, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var a)
               && double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var b)
               && Math.Abs((double)a - b) < 1e-9;
    }
}
