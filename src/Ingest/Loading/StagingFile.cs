using System.Buffers;
using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Ingest.Loading;

/// <summary>
/// The judged rows of one file as a tab-separated temporary file, which DuckDB then loads into <c>stage_rows</c>
/// with its parallel CSV reader: on 2M service records that takes a fraction of what the row-by-row appender
/// took (see bench/README.md). It holds only staged values, already hashed and masked (no raw ID number), is
/// readable by its owner only, and is deleted on dispose, whether the ingest succeeded, failed or was cancelled.
/// </summary>
internal sealed class StagingFile : IDisposable
{
    /// <summary>Prefix of the file name, so that a file left by a killed process can be recognised.</summary>
    public const string Prefix = "volstats-stage-";

    // A value with a control character (a line break in a quoted field, a stray NUL) is not written: the caller
    // appends that row instead, so that the file stays one row a line and DuckDB may split it anywhere.
    private static readonly SearchValues<char> Control = SearchValues.Create(Enumerable.Range(0, 0x20).Select(i => (char)i).ToArray());
    private static readonly SearchValues<char> NeedsQuote = SearchValues.Create("\" ");

    private readonly StreamWriter _writer;

    public string Path { get; }

    public long Rows { get; private set; }

    private StagingFile(string path)
    {
        Path = path;
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0 };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        _writer = new StreamWriter(new FileStream(path, options), new UTF8Encoding(false), 1 << 20);
    }

    /// <summary>Creates an empty staging file in the system's temp folder (<c>TMPDIR</c>).</summary>
    public static StagingFile Create()
    {
        var directory = System.IO.Path.GetTempPath();
        RemoveLeftovers(directory);
        return new StagingFile(System.IO.Path.Combine(directory, $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}.tsv"));
    }

    /// <summary>
    /// Appends one row (<c>seq</c>, the loader's values, <c>line</c>) as a line of the file to <paramref name="text"/>,
    /// or returns false and appends nothing when a text value holds a control character. Thread-safe: the judges
    /// format in parallel.
    /// </summary>
    public static bool TryFormat(StringBuilder text, long seq, object?[] values, long line)
    {
        foreach (var value in values)
            if (value is string s && s.AsSpan().ContainsAny(Control)) return false;
        Span<char> buffer = stackalloc char[40];
        AppendNumber(text, seq, buffer);
        foreach (var value in values)
        {
            text.Append('\t');
            switch (value)
            {
                case null: break; // an empty unquoted field is NULL
                case string s: AppendText(text, s); break;
                case long l: AppendNumber(text, l, buffer); break;
                case int i: AppendNumber(text, i, buffer); break;
                case bool b: text.Append(b ? "true" : "false"); break;
                case DateOnly d:
                    text.Append(buffer[..Parsing.Dates.FormatIso(d, buffer)]);
                    break;
                case Guid g:
                    g.TryFormat(buffer, out var m);
                    text.Append(buffer[..m]);
                    break;
                default: throw new InvalidOperationException($"Cannot stage a value of type {value.GetType()}");
            }
        }
        text.Append('\t');
        AppendNumber(text, line, buffer);
        text.Append('\n');
        return true;
    }

    /// <summary>Writes rows formatted by <see cref="TryFormat"/>. Thread-safe: each judge writes its own batches.</summary>
    public void Write(StringBuilder text, int rows)
    {
        lock (_writer)
        {
            foreach (var chunk in text.GetChunks()) _writer.Write(chunk.Span);
            Rows += rows;
        }
    }

    /// <summary>Closes the file and loads its rows into <paramref name="table"/> (a constant identifier).</summary>
    public void LoadInto(DuckDBConnection connection, string table)
    {
        _writer.Dispose();
        if (Rows == 0) return;
        // COPY takes no parameters: the path is our own, made above, quoted.
        connection.Execute(
            $"""
            COPY {table} FROM '{Path.Replace("'", "''")}'
            (FORMAT csv, DELIMITER '\t', QUOTE '"', ESCAPE '"', HEADER false, NULL '', ALLOW_QUOTED_NULLS false, AUTO_DETECT false)
            """);
    }

    public void Dispose()
    {
        _writer.Dispose();
        File.Delete(Path);
    }

    private static void AppendText(StringBuilder text, string s)
    {
        // Quoted when it could be misread: empty (else NULL), a quote, or a space a reader might trim.
        if (s.Length > 0 && !s.AsSpan().ContainsAny(NeedsQuote))
        {
            text.Append(s);
            return;
        }
        text.Append('"').Append(s.Contains('"') ? s.Replace("\"", "\"\"", StringComparison.Ordinal) : s).Append('"');
    }

    private static void AppendNumber(StringBuilder text, long value, Span<char> buffer)
    {
        value.TryFormat(buffer, out var n, default, CultureInfo.InvariantCulture);
        text.Append(buffer[..n]);
    }

    /// <summary>Deletes staging files of processes that no longer run (killed mid-file: nothing else removes them).</summary>
    private static void RemoveLeftovers(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, Prefix + "*.tsv"))
        {
            var name = System.IO.Path.GetFileNameWithoutExtension(file).AsSpan(Prefix.Length);
            var dash = name.IndexOf('-');
            if (dash <= 0 || !int.TryParse(name[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (pid == Environment.ProcessId || IsRunning(pid)) continue;
            try { File.Delete(file); }
            catch (IOException) { } // another process's cleanup got there first
            catch (UnauthorizedAccessException) { } // another user's file: theirs to remove
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
