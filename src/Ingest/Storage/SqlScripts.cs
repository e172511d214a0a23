using System.Collections.Concurrent;
using System.Reflection;

namespace VolunteerStats.Ingest.Storage;

/// <summary>Loads the embedded <c>.sql</c> resources of an assembly by name (e.g. <c>Storage/Schema/0001_init.sql</c>).</summary>
public static class SqlScripts
{
    private static readonly ConcurrentDictionary<(Assembly, string), string> Cache = new();

    public static string Load(string name) => Load(typeof(SqlScripts).Assembly, name);

    public static string Load(Assembly assembly, string name) =>
        Cache.GetOrAdd((assembly, name), key =>
        {
            using var stream = key.Item1.GetManifestResourceStream(key.Item2)
                ?? throw new InvalidOperationException(
                    $"No embedded SQL script '{key.Item2}' in {key.Item1.GetName().Name}; known: {string.Join(", ", Names(key.Item1))}");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        });

    public static IEnumerable<string> Names(Assembly assembly) =>
        assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
}
