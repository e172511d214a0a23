namespace VolunteerStats.Ingest.Loading;

/// <summary>
/// The handshake between the ingest and its observers (<see cref="IIngestObserver"/>): the temporary tables and
/// views of the file being loaded, named once. The ingest's SQL (<c>Loading/*.sql</c>) and the observers' SQL
/// (e.g. <c>Metrics/Indicators/Affected*.sql</c>) name them as <c>{stage_final}</c> and so on, substituted from
/// <see cref="Identifiers"/>. All live on the ingest's connection only.
/// </summary>
public static class StageTables
{
    /// <summary>Every valid row of the file that may change what is stored: <c>seq</c>, the loader's columns, <c>line</c>.</summary>
    public const string Rows = "stage_rows";

    /// <summary>The file's rejected rows (line, reason, redacted raw text).</summary>
    public const string Rejects = "stage_rejects";

    /// <summary>One row per staged row: its key, content hash, versions before and after it, stored hash, <c>is_final</c>.</summary>
    public const string Outcome = "stage_outcome";

    /// <summary>View: the rows this file stores (the final version of each key it changes).</summary>
    public const string Final = "stage_final";

    /// <summary>View: the stored rows that <see cref="Final"/> replaces.</summary>
    public const string Replaced = "stage_replaced";

    /// <summary>The names as SQL placeholders: <c>{stage_rows}</c>, <c>{stage_rejects}</c>, <c>{stage_outcome}</c>, <c>{stage_final}</c>, <c>{stage_replaced}</c>.</summary>
    public static IReadOnlyDictionary<string, string> Identifiers { get; } = new Dictionary<string, string>
    {
        ["stage_rows"] = Rows,
        ["stage_rejects"] = Rejects,
        ["stage_outcome"] = Outcome,
        ["stage_final"] = Final,
        ["stage_replaced"] = Replaced,
    };
}
