namespace VolunteerStats.Ingest.Reading;

/// <summary>Records of one file, with how far through its bytes the reading is (for progress).</summary>
public sealed class RecordSource : IDisposable
{
    private readonly FileStream _stream;
    private readonly bool _xlsx;

    public RecordSource(string path)
    {
        _xlsx = SourceFile.IsXlsx(path);
        _stream = File.OpenRead(path);
        Length = _stream.Length;
    }

    public long Length { get; }

    public long Position => _xlsx ? 0 : _stream.Position;

    public IEnumerable<SourceRecord> Records(string path)
    {
        if (_xlsx) return XlsxRecordReader.Read(path);
        return ReadCsv(path);
    }

    private IEnumerable<SourceRecord> ReadCsv(string path)
    {
        var encoding = TextDecoding.Detect(path);
        using var reader = new StreamReader(_stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        foreach (var record in CsvRecordReader.Read(reader)) yield return record;
    }

    public void Dispose() => _stream.Dispose();
}
