using System.Reflection;
using System.Xml.Linq;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Tests;

/// <summary>House rules that matter, checked like any other behaviour (STYLE.md).</summary>
public class HouseRulesTests
{
    private static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VolunteerStats.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    private static readonly Assembly[] Assemblies =
        [typeof(Database).Assembly, typeof(VolunteerStats.Metrics.Indicators.IndicatorService).Assembly];

    [Fact]
    public void SqlFiles_AreAllEmbedded_AndLoadByName()
    {
        foreach (var project in new[] { "Ingest", "Metrics", "Dashboard" })
        {
            var dir = Path.Combine(Root, "src", project);
            var files = Directory.EnumerateFiles(dir, "*.sql", SearchOption.AllDirectories)
                .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/"))
                .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
                .ToList();
            var assembly = AppDomain.CurrentDomain.GetAssemblies().Concat(Assemblies)
                .FirstOrDefault(a => a.GetName().Name == "VolunteerStats." + project)
                ?? Assembly.Load("VolunteerStats." + project);
            foreach (var file in files) Assert.False(string.IsNullOrWhiteSpace(SqlScripts.Load(assembly, file)), file);
        }
    }

    [Fact]
    public void Load_Throws_WhenScriptNameUnknown() =>
        Assert.Throws<InvalidOperationException>(() => SqlScripts.Load("Storage/NoSuchScript.sql"));

    [Fact]
    public void PackageVersions_AreExact()
    {
        var props = XDocument.Load(Path.Combine(Root, "Directory.Packages.props"));
        foreach (var v in props.Descendants("PackageVersion"))
        {
            var version = v.Attribute("Version")!.Value;
            Assert.Matches(@"^\d+(\.\d+){1,3}$", version);
        }
        foreach (var csproj in Directory.EnumerateFiles(Root, "*.csproj", SearchOption.AllDirectories))
            Assert.DoesNotContain(XDocument.Load(csproj).Descendants("PackageReference"), r => r.Attribute("Version") is not null);
    }

    [Fact]
    public void IngestAndMetrics_HaveNoAspNetReference()
    {
        foreach (var assembly in Assemblies)
            Assert.DoesNotContain(assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void SchemaScripts_AreNumberedUniquelyInOrder()
    {
        // Numbers are handed out per feature before they land, so a gap is allowed; a database applies every
        // version it has not recorded, in order.
        var versions = Database.SchemaScripts().Select(s => s.Version).ToList();
        Assert.Equal(versions.Order().Distinct(), versions);
        Assert.Equal(1, versions[0]);
    }
}
