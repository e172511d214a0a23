using System.Security.Cryptography;
using System.Text;
using DuckDB.NET.Data;

namespace VolunteerStats.Ingest.Storage;

/// <summary>
/// Which stored data an answer was computed from: one short opaque text (16 hex digits) that changes whenever a
/// committed ingest, an undo or a rebuild of the monthly table changes stored rows (<c>DataVersion.sql</c>: the
/// loaded files and the monthly table's refresh stamp), and stays the same otherwise, also across restarts and in the
/// read-only snapshot the CLI reads. Cheap: one row read from two small tables. The one version of the data for
/// every cache and stored result (the dashboard's answers, the stored anomaly checks, the forecast models).
/// </summary>
public sealed record DataVersion(string Value)
{
    /// <summary>The version of the data <paramref name="connection"/> sees (inside a transaction: that transaction's).</summary>
    public static DataVersion Read(DuckDBConnection connection)
    {
        var raw = connection.Scalar<string>(SqlScripts.Load("Storage/DataVersion.sql"))!;
        return new DataVersion(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)))[..16]);
    }

    public override string ToString() => Value;
}
