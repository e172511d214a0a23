using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Ingest.Reading;

namespace VolunteerStats.Dashboard.Tests.Api;

/// <summary>
/// CONTRACT §9: a user limited to one district gets that district and the regions below it only, from every API
/// answer and every download, whatever the parameters; asking for another region answers 403. The routes are taken
/// from the app itself, so a GET route added under /api/ without a case here fails this test.
/// </summary>
[Collection(ApiSiteCollection.Name)]
public sealed class RegionLimitTests(ApiSite site)
{
    /// <summary>A request and whether it names a region outside the limit (then 403 is the only right answer).</summary>
    private sealed record Case(string Url, bool Outside);

    private static readonly string[] Levels = ["", "province", "city", "district", "street", "community"];

    /// <summary>Region arguments: empty, inside the limit (code, name, 12-digit code, a street) and outside it.</summary>
    private List<(string Text, bool Outside)> RegionValues()
    {
        var street = site.Regions.Where(r => r.Value.Parent == ApiSite.Limit).Select(r => r.Key).Order(StringComparer.Ordinal).First();
        var other = site.Regions.Where(r => r.Value.Parent == "330100" && r.Key != ApiSite.Limit).Select(r => r.Key).Order(StringComparer.Ordinal).Last();
        var otherStreet = site.Regions.Where(r => r.Value.Parent == other).Select(r => r.Key).Order(StringComparer.Ordinal).First();
        var values = new List<(string, bool)>
        {
            ("", false), (ApiSite.Limit, false), (ApiSite.LimitName, false), (ApiSite.Limit + "000000", false), (street, false),
            (other, true), (site.Regions[other].Name, true), ("330100", true), ("杭州市", true), (otherStreet, true),
        };
        if (site.Regions.ContainsKey("330000")) values.Add(("330000", true));
        return values;
    }

    private static string Q(string value) => Uri.EscapeDataString(value);

    /// <summary>The grid of requests for one route, by its pattern; null when the route has no case yet.</summary>
    private List<Case>? Cases(string pattern)
    {
        var regions = RegionValues();
        var named = regions.Where(r => r.Text.Length > 0).ToList();
        IEnumerable<Case> Grid(string path, string[] levels, string[] formats, string parameter = "parent", string extra = "") =>
            from level in levels
            from region in regions
            from format in formats
            select new Case($"{path}?year={(format == "json" && path != "/api/indicators" ? "" : "2024")}&through={(level == "street" ? "2024-06" : "")}&level={level}&{parameter}={Q(region.Text)}&format={format}{extra}", region.Outside);

        return pattern switch
        {
            "/api/indicators" => Grid(pattern, Levels, ["csv", "json"]).ToList(),
            "/api/regions" => Grid(pattern, Levels, ["json", "csv"]).ToList(),
            "/api/regions/{code}" => named.Select(r => new Case($"/api/regions/{Q(r.Text)}", r.Outside)).ToList(),
            "/api/regions/{code}/trend" => named.SelectMany(r => new[] { "csv", "json" }.Select(f => new Case($"/api/regions/{Q(r.Text)}/trend?year=2024&through=&format={f}", r.Outside))).ToList(),
            "/api/stars" => Grid(pattern, [""], ["json", "csv"], "region").ToList(),
            "/api/forecast" => Grid(pattern, ["", "district", "street"], ["csv"]).Select(c => c with { Url = c.Url.Replace("through=&", "through=2024-06&", StringComparison.Ordinal) }).ToList(),
            "/api/anomalies" => Grid(pattern, [""], ["csv"], "region").ToList(),
            "/api/demographics" => Grid(pattern, [""], [""], "region").ToList(),
            "/api/rejects" or "/api/quality" or "/api/ingests" or "/api/auth/me" or "/api/users" or "/api/users/" => [new Case(pattern, false)],
            "/api/users/{username}" => [new Case("/api/users/admin", false)],
            "/api/export.xlsx" => Grid(pattern, ["", "city", "district", "street", "community"], [""]).ToList(),
            "/api/charts/{kind}.{format}" =>
            [
                .. Grid("/api/charts/ranking.svg", ["", "district", "street"], [""]),
                .. Grid("/api/charts/coverage.svg", ["", "street"], [""]),
                .. Grid("/api/charts/trend.svg", [""], [""], "region"),
                .. new[] { "ranking", "trend", "coverage" }.Select(k => new Case($"/api/charts/{k}.png?year=2024", false)),
            ],
            "/api/briefings/{month}.{format}" =>
            [
                .. regions.Select(r => new Case($"/api/briefings/{ApiSite.Through}.html?region={Q(r.Text)}", r.Outside)),
                new Case($"/api/briefings/2024-09.html", false),
                new Case($"/api/briefings/{ApiSite.Through}.pdf", false),
                new Case($"/api/briefings/{ApiSite.Through}.docx?region={ApiSite.Limit}", false),
            ],
            _ => null,
        };
    }

    [Fact]
    public async Task EveryGetRoute_HoldsOnlyTheUsersDistrict_OverAllParameters()
    {
        var endpoints = site.Server.App.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") != false)
            .ToList();
        var missing = endpoints.Select(e => e.RoutePattern.RawText!).Where(p => Cases(p) is null).ToList();
        Assert.True(missing.Count == 0, $"GET routes without a region-limit case (add one here): {string.Join(", ", missing)}");
        Assert.True(endpoints.Count >= 14, $"only {endpoints.Count} GET routes under /api/ were found");

        var failures = new ConcurrentBag<string>();
        var answered = new ConcurrentDictionary<string, int>();
        foreach (var (user, client, role) in new[] { ("leader", site.Leader, "leader"), ("analyst", site.Analyst, "analyst") })
        {
            var work = endpoints.SelectMany(e => Cases(e.RoutePattern.RawText!)!.Select(c => (Endpoint: e, Case: c))).ToList();
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, ct) =>
            {
                var (endpoint, c) = item;
                var allowed = RoleMayCall(endpoint, role);
                var pattern = endpoint.RoutePattern.RawText!;
                // Rejects are kept per file and may hold any region: a limited user is refused them whatever is asked.
                var expected = !allowed || c.Outside || pattern == "/api/rejects" ? HttpStatusCode.Forbidden : HttpStatusCode.OK;
                using var response = await client.GetAsync(c.Url, ct);
                if (response.StatusCode != expected)
                {
                    failures.Add($"{user} GET {c.Url}: {(int)response.StatusCode} {Shorten(await response.Content.ReadAsStringAsync(ct))}, expected {(int)expected}");
                    return;
                }
                if (expected != HttpStatusCode.OK) return;
                answered.AddOrUpdate(pattern, 1, (_, n) => n + 1);
                foreach (var problem in await Outsiders(response, pattern, ct)) failures.Add($"{user} GET {c.Url}: {problem}");
                if (pattern == "/api/anomalies")
                {
                    // Flags name no region: each must be one of the district's flags (or of the street asked for), listing
                    // only some of its records (those of people living in the district).
                    var mine = Flags(await response.Content.ReadAsStringAsync(ct));
                    var district = Flags(await site.Server.Http.GetStringAsync(c.Url.Replace("region=&", $"region={ApiSite.Limit}&", StringComparison.Ordinal), ct));
                    foreach (var (key, ids) in mine)
                        if (!district.TryGetValue(key, out var all) || !ids.IsSubsetOf(all)) failures.Add($"{user} GET {c.Url}: flag {key} is not one of the district's");
                }
            });
        }

        Assert.True(failures.IsEmpty, $"{failures.Count} answers broke the region limit:\n" + string.Join('\n', failures.Take(30)));
        // Every route a limited analyst may call answered with rows of the district at least once (no vacuous pass).
        var silent = endpoints.Select(e => e.RoutePattern.RawText!)
            .Where(p => p is not ("/api/rejects" or "/api/users" or "/api/users/" or "/api/users/{username}") && !answered.ContainsKey(p)).ToList();
        Assert.True(silent.Count == 0, $"routes that never answered 200 to a limited user: {string.Join(", ", silent)}");
    }

    private static bool RoleMayCall(Endpoint endpoint, string role)
    {
        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).ToList();
        if (policies.Contains(VolunteerStats.Dashboard.Auth.Policies.Admin)) return false;
        return role != "leader" || !policies.Contains(VolunteerStats.Dashboard.Auth.Policies.Analyst);
    }

    /// <summary>What in an answer lies outside the limit: region codes in CSV columns, JSON properties and workbook cells; other districts' names in SVG and HTML.</summary>
    private async Task<List<string>> Outsiders(HttpResponseMessage response, string pattern, CancellationToken ct)
    {
        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        var problems = new List<string>();
        void Check(string where, string? code)
        {
            if (string.IsNullOrEmpty(code) || code == "(other)" || !code.All(char.IsAsciiDigit)) return;
            if (!site.InLimit(code)) problems.Add($"{where} holds region {code}");
        }
        switch (type)
        {
            case "text/csv":
            {
                var lines = (await response.Content.ReadAsStringAsync(ct)).TrimEnd('\n').Split('\n');
                var column = Array.IndexOf(lines[0].Split(','), "region_code");
                if (column < 0 && pattern != "/api/anomalies") problems.Add("a CSV without region_code");
                else if (column >= 0) foreach (var line in lines.Skip(1)) Check("CSV row", line.Split(',')[column]);
                break;
            }
            case "application/json":
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                Walk(json.RootElement, Check);
                break;
            }
            case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
            {
                var path = Path.Combine(site.Root, $"limit-{Guid.NewGuid():N}.xlsx");
                await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync(ct), ct);
                string? sheet = null;
                var columns = new List<int>();
                foreach (var row in XlsxRecordReader.Read(path))
                {
                    if (row.Sheet != sheet)
                    {
                        sheet = row.Sheet;
                        columns = row.Cells.Select((c, i) => (c, i)).Where(x => x.c is "region_code" or "区划代码" or "对象").Select(x => x.i).ToList();
                        continue;
                    }
                    foreach (var i in columns) Check($"sheet {sheet} row {row.Line}", row.Cells.ElementAtOrDefault(i));
                }
                File.Delete(path);
                break;
            }
            case "image/svg+xml" or "text/html":
            {
                var text = await response.Content.ReadAsStringAsync(ct);
                foreach (var (code, r) in site.Regions.Where(r => r.Value.Parent == "330100" && r.Key != ApiSite.Limit))
                    if (text.Contains(r.Name, StringComparison.Ordinal)) problems.Add($"names {r.Name} ({code})");
                break;
            }
        }
        return problems;
    }

    private static void Walk(JsonElement element, Action<string, string?> check)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    if (p.Name is "region_code" or "subject" && p.Value.ValueKind == JsonValueKind.String) check($"JSON {p.Name}", p.Value.GetString());
                    Walk(p.Value, check);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) Walk(item, check);
                break;
        }
    }

    /// <summary>Anomaly CSV rows by kind, organization, volunteer and date, with their record ids.</summary>
    private static Dictionary<string, HashSet<string>> Flags(string csv)
    {
        var flags = new Dictionary<string, HashSet<string>>();
        foreach (var line in csv.TrimEnd('\n').Split('\n').Skip(1))
        {
            var f = ParseCsvLine(line);
            flags[$"{f[0]}|{f[2]}|{f[3]}|{f[4]}"] = f[8].Split(';').ToHashSet();
        }
        return flags;
    }

    private static List<string> ParseCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(ch);
        }
        fields.Add(field.ToString());
        return fields;
    }

    private static string Shorten(string s) => s.Length <= 200 ? s : s[..200] + "…";
}
