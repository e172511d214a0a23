using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.CommandLine;

/// <summary>Every verb reads <c>--through</c> the same way: YYYY-MM or YYYY-M, with one message when it is neither.</summary>
public class MonthArgumentTests
{
    [Fact]
    public void Through_AcceptsTheSameForms_InIndicatorsAndStars()
    {
        using var db = new TestDb();
        db.IngestText("regions.csv", Samples.Regions);
        db.IngestText("roster.csv", Samples.RosterHeader + "\nV1,张三,,2024-01-05,330102,正常,\n");
        db.Connection.Dispose(); // the child process needs the file

        foreach (var verb in new[] { new[] { "indicators", "--year", "2024" }, ["stars"] })
        {
            var ok = CliProcess.Run(db, [.. verb, "--through", "2024-3"]);
            Assert.True(ok.ExitCode == 0, $"{verb[0]} --through 2024-3: {ok.Error}");
            var bad = CliProcess.Run(db, [.. verb, "--through", "2024-13"]);
            Assert.Equal(64, bad.ExitCode); // EX_USAGE
            Assert.Contains("--through expects YYYY-MM, got '2024-13'", bad.Error);
        }
    }
}
