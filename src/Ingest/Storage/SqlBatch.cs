using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace VolunteerStats.Ingest.Storage;

/// <summary>
/// Runs a script of several statements (separated by a semicolon at the end of a line), binding to each
/// statement only the parameters it names. Constant identifiers are substituted for <c>{name}</c> in each statement,
/// after comment lines are dropped.
/// </summary>
public static partial class SqlBatch
{
    public static void Execute(DuckDBConnection connection, string script, IReadOnlyDictionary<string, string>? identifiers = null,
        params (string Name, object? Value)[] parameters)
    {
        // Comment lines go before the substitution: a placeholder named in a comment would otherwise splice a
        // multi-line value into it, leaving all but its first line outside the comment.
        foreach (var statement in Statements(script).Select(s => Substitute(s, identifiers)))
        {
            var used = parameters.Where(p => Regex.IsMatch(statement, @"\$" + p.Name + @"\b")).ToArray();
            try
            {
                connection.Execute(statement, used);
            }
            catch (DuckDBException e)
            {
                throw new InvalidOperationException($"{e.Message} (in SQL: {statement[..Math.Min(statement.Length, 300)]}…)", e);
            }
        }
    }

    public static string Substitute(string script, IReadOnlyDictionary<string, string>? identifiers)
    {
        if (identifiers is null) return script;
        return Placeholder().Replace(script, m => identifiers.TryGetValue(m.Groups[1].Value, out var v)
            ? v
            : throw new InvalidOperationException($"SQL placeholder {{{m.Groups[1].Value}}} has no value"));
    }

    public static IEnumerable<string> Statements(string script) =>
        StatementEnd().Split(string.Join('\n', script.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal))))
            .Select(s => s.Trim())
            .Where(s => s.Length > 0);

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@";[ \t]*(?:\r?\n|$)")]
    private static partial Regex StatementEnd();
}
