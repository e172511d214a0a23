using VolunteerStats.Ingest.Storage;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Storage;

public class SqlBatchTests
{
    [Fact]
    public void Execute_SubstitutesMultiLineValues_WhenThePlaceholderIsAlsoNamedInAComment()
    {
        using var db = new TestDb();
        const string script = """
            -- Copies the rows of {source} into t.
            CREATE TEMP TABLE t AS
            {source};
            """;
        SqlBatch.Execute(db.Connection, script, new Dictionary<string, string>
        {
            ["source"] = "-- two rows\nSELECT 1 AS x\nUNION ALL\nSELECT 2",
        });
        Assert.Equal(3, db.Count("SELECT sum(x)::BIGINT FROM t"));
    }
}
