using System.Text;

namespace VolunteerStats.Ingest.Reading;

/// <summary>
/// Splits CSV text into records the way CONTRACT §1/§4 describes: comma-separated, a field that starts with
/// a quote is quoted (<c>""</c> inside is a quote, commas and line breaks are data), a quote anywhere else is an
/// ordinary character. A quoted field still open at the end of the file makes the record it starts on
/// malformed, and reading resumes on the next physical line. Text after a closing quote other than a comma
/// makes the record malformed. Every record keeps its starting line and raw text.
/// </summary>
/// <remarks>
/// Written here rather than on CsvHelper because the contract's recovery rule (resume on the line after an
/// unterminated quote) and the raw text of each record need control over physical lines.
/// </remarks>
public static class CsvRecordReader
{
    public static IEnumerable<SourceRecord> Read(TextReader text)
    {
        var pending = new Queue<(long Line, string Text)>();
        long nextLine = 1;

        bool TryNext(out long number, out string line)
        {
            if (pending.TryDequeue(out var p)) { number = p.Line; line = p.Text; return true; }
            var read = text.ReadLine();
            if (read is null) { number = 0; line = ""; return false; }
            number = nextLine++;
            line = read;
            return true;
        }

        var fields = new List<string>();
        var field = new StringBuilder();
        var consumed = new List<(long Line, string Text)>();
        while (TryNext(out var startLine, out var first))
        {
            if (first.IndexOf('"') < 0)
            {
                yield return SourceRecord.Unquoted(startLine, first);
                continue;
            }

            fields.Clear();
            field.Clear();
            consumed.Clear();
            consumed.Add((startLine, first));
            var malformed = false;
            var line = first;
            var state = State.FieldStart;
            var complete = false;
            while (true)
            {
                foreach (var c in line)
                {
                    switch (state)
                    {
                        case State.FieldStart:
                            if (c == '"') state = State.Quoted;
                            else if (c == ',') fields.Add("");
                            else { field.Append(c); state = State.Unquoted; }
                            break;
                        case State.Unquoted:
                            if (c == ',') { fields.Add(field.ToString()); field.Clear(); state = State.FieldStart; }
                            else field.Append(c);
                            break;
                        case State.Quoted:
                            if (c == '"') state = State.QuoteInQuoted;
                            else field.Append(c);
                            break;
                        case State.QuoteInQuoted:
                            if (c == '"') { field.Append('"'); state = State.Quoted; }
                            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); state = State.FieldStart; }
                            else { malformed = true; field.Append(c); state = State.Unquoted; }
                            break;
                    }
                }

                if (state != State.Quoted) { complete = true; break; }
                if (!TryNext(out var number, out line)) break;
                consumed.Add((number, line));
                field.Append('\n');
            }

            if (!complete)
            {
                // Unterminated quote at end of file: only the starting line is the bad record.
                // The end of the file was reached, so everything pending was consumed: re-read from line 2 on.
                for (var i = 1; i < consumed.Count; i++) pending.Enqueue(consumed[i]);
                yield return new SourceRecord(startLine, [first], null, first, true);
                continue;
            }

            fields.Add(field.ToString());
            var raw = consumed.Count == 1 ? first : string.Join('\n', consumed.Select(l => l.Text));
            yield return new SourceRecord(startLine, fields.ToArray(), null, raw, malformed);
        }
    }

    private enum State { FieldStart, Unquoted, Quoted, QuoteInQuoted }
}
