using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Ingest.Loading;

/// <summary>
/// The judged rows of one file as tab-separated temporary files, which DuckDB then loads into <c>stage_rows</c>
/// with its parallel CSV reader: on 2M service records that takes a fraction of what the row-by-row appender
/// took (see bench/README.md). The rows go to parts of a fixed number of rows, so that DuckDB can load a
/// finished part while the judges write the next (<see cref="LoadReady"/>). The files hold only staged values,
/// already hashed and masked (no raw ID number), are readable by their owner only, and are deleted once loaded
/// or on dispose, whether the ingest succeeded, failed or was cancelled.
/// </summary>
internal sealed class StagingFile : IDisposable
{
    /// <summary>Prefix of the file names, so that a file left by a killed process can be recognised.</summary>
    public const string Prefix = "volstats-stage-";

    /// <summary>
    /// Rows of a part by default: about 130 MB of service records (131 MB measured in bench/ingest.sh: record ids, a
    /// 64-character ID hash, a UUID), four parts for a 2M-row file.
    /// </summary>
    public const long DefaultPartRows = 1 << 19;

    // A value with a control character (a line break in a quoted field, a stray NUL) is not written: the caller
    // appends that row instead, so that the file stays one row a line and DuckDB may split it anywhere.
    private static readonly SearchValues<char> Control = SearchValues.Create(Enumerable.Range(0, 0x20).Select(i => (char)i).ToArray());
    private static readonly SearchValues<char> NeedsQuote = SearchValues.Create("\" ");

    private readonly string _directory;
    private readonly long _partRows;
    private readonly ConcurrentQueue<string> _finished = new();
    private readonly List<string> _created = [];
    private readonly Lock _gate = new(); // the judges' writes, a part's rotation and the close
    private StreamWriter _writer;
    private long _rowsInPart;
    private bool _closed;

    /// <summary>The part being written now.</summary>
    public string Path { get; private set; }

    /// <summary>Rows written to every part so far.</summary>
    public long Rows { get; private set; }

    private StagingFile(string directory, long partRows)
    {
        _directory = directory;
        _partRows = partRows;
        (Path, _writer) = NewPart();
    }

    /// <summary>Creates an empty staging file in the system's temp folder (<c>TMPDIR</c>).</summary>
    public static StagingFile Create(long partRows = DefaultPartRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partRows, 1);
        var directory = System.IO.Path.GetTempPath();
        RemoveLeftovers(directory);
        return new StagingFile(directory, partRows);
    }

    private (string Path, StreamWriter Writer) NewPart()
    {
        var path = System.IO.Path.Combine(_directory, $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}.tsv");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0 };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var writer = new StreamWriter(new FileStream(path, options), new UTF8Encoding(false), 1 << 20);
        _created.Add(path);
        return (path, writer);
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

    /// <summary>
    /// Writes rows formatted by <see cref="TryFormat"/>, and starts a new part once this one holds the part size
    /// (<see cref="DefaultPartRows"/> unless created with another). Thread-safe: each judge writes its own batches.
    /// </summary>
    public void Write(StringBuilder text, int rows)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            foreach (var chunk in text.GetChunks()) _writer.Write(chunk.Span);
            Rows += rows;
            _rowsInPart += rows;
            if (_rowsInPart >= _partRows) FinishPart(startNext: true);
        }
    }

    /// <summary>Loads the parts finished so far into <paramref name="table"/> and deletes them; returns their number.</summary>
    public int LoadReady(DuckDBConnection connection, string table)
    {
        var loaded = 0;
        while (_finished.TryDequeue(out var part))
        {
            // COPY takes no parameters: the path is our own, made above, quoted.
            connection.Execute(
                $"""
                COPY {table} FROM '{part.Replace("'", "''")}'
                (FORMAT csv, DELIMITER '\t', QUOTE '"', ESCAPE '"', HEADER false, NULL '', ALLOW_QUOTED_NULLS false, AUTO_DETECT false)
                """);
            File.Delete(part);
            loaded++;
        }
        return loaded;
    }

    /// <summary>Closes the last part and loads every part not loaded yet into <paramref name="table"/> (a constant identifier).</summary>
    public void LoadInto(DuckDBConnection connection, string table)
    {
        lock (_gate)
        {
            if (!_closed) FinishPart(startNext: false);
        }
        LoadReady(connection, table);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
            _closed = true;
        }
        foreach (var part in _created) File.Delete(part);
    }

    private void FinishPart(bool startNext)
    {
        _writer.Dispose();
        if (_rowsInPart > 0) _finished.Enqueue(Path);
        else File.Delete(Path);
        _rowsInPart = 0;
        if (startNext) (Path, _writer) = NewPart();
        else _closed = true;
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
