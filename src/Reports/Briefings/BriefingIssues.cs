using DuckDB.NET.Data;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Reports.Briefings;

/// <summary>
/// 第 N 期: a per-year counter of each region's briefings kept in the database (<c>briefing_issues</c>). A month keeps
/// the number it was first given; a new month gets the year's highest number plus one.
/// </summary>
public static class BriefingIssues
{
    /// <summary>The month's number, assigning the next one when the month has none (needs a writable connection).</summary>
    public static int Assign(DuckDBConnection connection, string region, int year, int month, DateTime now)
    {
        if (Find(connection, region, year, month) is { } existing) return existing;
        using var tx = connection.BeginTransaction();
        var next = (connection.Scalar<int?>("SELECT max(issue) FROM briefing_issues WHERE region_code = $r AND year = $y", ("r", region), ("y", year)) ?? 0) + 1;
        connection.Execute("INSERT INTO briefing_issues VALUES ($r, $y, $m, $n, $at)", ("r", region), ("y", year), ("m", month), ("n", next), ("at", now));
        tx.Commit();
        return next;
    }

    /// <summary>The month's number if it has one.</summary>
    public static int? Find(DuckDBConnection connection, string region, int year, int month) =>
        connection.Scalar<int?>("SELECT issue FROM briefing_issues WHERE region_code = $r AND year = $y AND month = $m",
            ("r", region), ("y", year), ("m", month));

    /// <summary>The number the month would get now, without storing it (when the database cannot be written).</summary>
    public static int Provisional(DuckDBConnection connection, string region, int year, int month) =>
        Find(connection, region, year, month)
        ?? (connection.Scalar<int?>("SELECT max(issue) FROM briefing_issues WHERE region_code = $r AND year = $y", ("r", region), ("y", year)) ?? 0) + 1;

    /// <summary>Records a set of files written.</summary>
    public static void RecordWritten(DuckDBConnection connection, BriefingContent content, BriefingFiles files, DateTime now) =>
        connection.Execute("INSERT INTO briefings_written VALUES ($r, $y, $m, $n, $folder, $files, $err, $at)",
            ("r", content.RegionCode), ("y", content.Year), ("m", content.Month), ("n", content.Issue), ("folder", files.Folder),
            ("files", string.Join(";", files.Paths.Select(Path.GetFileName))), ("err", files.PdfError), ("at", now));
}
