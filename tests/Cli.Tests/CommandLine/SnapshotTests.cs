using VolunteerStats.Ingest.Storage;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Storage;

public class SnapshotTests
{
    [Fact]
    public void PublishSnapshot_KeepsOtherProcessesOut_AndSnapshotServesReaders()
    {
        using var db = new TestDb();
        db.IngestText("regions.csv", Samples.Regions);
        db.IngestText("roster.csv", Samples.RosterHeader + "\nV1,张三,,2024-01-05,330102,正常,\n");
        db.Database.PublishSnapshot(db.Connection);
        db.Database.PublishSnapshot(db.Connection); // again, over the previous one

        // Another process must still be refused the file (the POSIX lock survives the snapshot)…
        var ingest = CliProcess.Run(db, "ingest", db.Write("more.csv", Samples.RosterHeader + "\nV2,李四,,2024-01-05,330102,正常,\n"));
        Assert.Equal(2, ingest.ExitCode);
        Assert.Contains("in use", ingest.Error);
        // …and reads through the snapshot.
        var indicators = CliProcess.Run(db, "indicators", "--year", "2024", "--through", "2024-03", "--level", "district", "--format", "csv");
        Assert.Equal(0, indicators.ExitCode);
        Assert.Contains("330102,上城区,district,330100,,1,0,", indicators.Output);
        Assert.Contains("snapshot", indicators.Error);
    }
}
