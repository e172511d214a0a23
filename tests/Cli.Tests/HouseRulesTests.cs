using System.Reflection;
using System.Xml.Linq;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Tests;

/// <summary>
/// House rules that matter, checked like any other behaviour (STYLE.md), in one place. Cli.Tests sees every
/// project, so the directions between them are checked here, both as declared (the .csproj files) and as
/// compiled (the assemblies' references).
/// </summary>
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

    private static readonly string[] Projects = ["Ingest", "Metrics", "Reports", "Dashboard", "Generation", "Cli"];

    private static Assembly Compiled(string project) =>
        Assembly.Load(project == "Cli" ? "volstats" : "VolunteerStats." + project);

    private static XDocument Csproj(string project) =>
        XDocument.Load(Path.Combine(Root, "src", project, $"VolunteerStats.{project}.csproj"));

    /// <summary>Who may use what: a library family and the one project allowed to reference it directly.</summary>
    public static TheoryData<string, string, string> Owners => new()
    {
        { "ASP.NET Core", "Microsoft.AspNetCore", "Dashboard" },
        { "ScottPlot", "ScottPlot", "Reports" },
        { "SkiaSharp", "SkiaSharp", "Reports" },
        { "the OpenXML SDK", "DocumentFormat.OpenXml", "Reports" },
        { "Hangfire", "Hangfire", "Dashboard" },
    };

    [Theory]
    [MemberData(nameof(Owners))]
    public void Library_IsReferencedOnlyByItsProject(string library, string prefix, string owner)
    {
        foreach (var project in Projects.Where(p => p != owner))
        {
            var csproj = Csproj(project);
            var declared = csproj.Descendants("PackageReference").Concat(csproj.Descendants("FrameworkReference"))
                .Select(r => r.Attribute("Include")!.Value)
                .Where(n => n.StartsWith(prefix, StringComparison.Ordinal));
            Assert.True(!declared.Any(), $"src/{project} declares {string.Join(", ", declared)}: {library} belongs in src/{owner}.");
            var compiled = Compiled(project).GetReferencedAssemblies().Select(a => a.Name!)
                .Where(n => n.StartsWith(prefix, StringComparison.Ordinal));
            Assert.True(!compiled.Any(), $"src/{project} uses {string.Join(", ", compiled)}: {library} belongs in src/{owner}.");
        }
    }

    /// <summary>Project references point down the stack only: Ingest ← Metrics ← Reports ← Dashboard ← Cli.</summary>
    [Theory]
    [InlineData("Ingest", new string[0])]
    [InlineData("Metrics", new[] { "Ingest" })]
    [InlineData("Reports", new[] { "Ingest", "Metrics" })]
    [InlineData("Generation", new string[0])]
    [InlineData("Dashboard", new[] { "Ingest", "Metrics", "Reports" })]
    public void ProjectReferences_PointDownTheStackOnly(string project, string[] allowed)
    {
        var references = Csproj(project).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value).Replace("VolunteerStats.", ""))
            .ToList();
        Assert.All(references, r => Assert.True(allowed.Contains(r), $"src/{project} references {r}; allowed: {string.Join(", ", allowed)}."));
        var ours = Compiled(project).GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n.StartsWith("VolunteerStats.", StringComparison.Ordinal) || n == "volstats")
            .Select(n => n.Replace("VolunteerStats.", ""));
        Assert.All(ours, r => Assert.True(allowed.Contains(r), $"src/{project} uses {r}; allowed: {string.Join(", ", allowed)}."));
    }

    [Fact]
    public void SqlFiles_AreAllEmbedded_AndLoadByName()
    {
        foreach (var project in Projects)
        {
            var dir = Path.Combine(Root, "src", project);
            var files = Directory.EnumerateFiles(dir, "*.sql", SearchOption.AllDirectories)
                .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/"))
                .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
                .ToList();
            foreach (var file in files) Assert.False(string.IsNullOrWhiteSpace(SqlScripts.Load(Compiled(project), file)), $"src/{project}/{file}");
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
            Assert.Matches(@"^\d+(\.\d+){1,3}$", v.Attribute("Version")!.Value);
        foreach (var csproj in Directory.EnumerateFiles(Root, "*.csproj", SearchOption.AllDirectories).Where(f => !f.Contains("/.build/")))
            Assert.DoesNotContain(XDocument.Load(csproj).Descendants("PackageReference"), r => r.Attribute("Version") is not null);
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

    // Files written before the rule; each leaves this list when it is split. No file joins it.
    static readonly string[] SeveralTypesGrandfathered =
    [
        "src/Dashboard/Pages/Shared/PageData.cs", "src/Dashboard/Pages/Shared/Strings.cs",
    ];

    [Fact]
    public void SourceFiles_HoldOnePublicTopLevelTypeEach()
    {
        // One public type a file. Its exceptions, options, enums and extension methods may sit beside it.
        var declaration = new System.Text.RegularExpressions.Regex(
            @"^public (sealed |static |abstract |partial |readonly )*(class|interface|enum|struct) (\w+)");
        var offenders = new List<string>();
        foreach (var project in Projects)
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "src", project), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/")))
        {
            var main = File.ReadLines(file).Select(l => declaration.Match(l)).Where(m => m.Success)
                .Where(m => m.Groups[2].Value != "enum")
                .Select(m => m.Groups[3].Value)
                .Count(name => !name.EndsWith("Exception") && !name.EndsWith("Options") && !name.EndsWith("Extensions"));
            var relative = Path.GetRelativePath(Root, file);
            if (main > 1 && !SeveralTypesGrandfathered.Contains(relative)) offenders.Add($"{relative} ({main})");
        }
        Assert.True(offenders.Count == 0, "files with several public types: " + string.Join(", ", offenders));
    }
}
