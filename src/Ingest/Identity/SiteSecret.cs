using System.Security.Cryptography;

namespace VolunteerStats.Ingest.Identity;

/// <summary>Where the site secret lives. Defaults to <c>$XDG_CONFIG_HOME/volunteerstats/site.key</c> (or <c>VOLSTATS_SECRET_FILE</c>).</summary>
public sealed class SiteSecretOptions
{
    /// <summary>Path of the 32-byte key file, created with mode 0600 on first use.</summary>
    public string? Path { get; set; }

    internal string ResolvedPath => Path
        ?? (Environment.GetEnvironmentVariable("VOLSTATS_SECRET_FILE") is { Length: > 0 } fromEnv ? fromEnv
        : System.IO.Path.Combine(
            Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
                ? xdg
                : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config"),
            "volunteerstats", "site.key"));
}

/// <summary>
/// The key of the HMAC that turns ID numbers into person keys. It is kept outside the database so that a copy
/// of the database alone cannot be brute-forced back to ID numbers. Lose it and new ID hashes no longer match
/// stored ones; the database records a fingerprint so that such a mismatch stops the ingest instead of
/// silently splitting people in two.
/// </summary>
public sealed class SiteSecret(SiteSecretOptions options)
{
    private readonly Lazy<byte[]> _key = new(() => LoadOrCreate(options.ResolvedPath));

    public string Path => options.ResolvedPath;

    public byte[] Key => _key.Value;

    /// <summary>A value that identifies the key without revealing it.</summary>
    public string Fingerprint => Convert.ToHexStringLower(HMACSHA256.HashData(Key, "volunteerstats-fingerprint"u8))[..16];

    private static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllBytes(path);
            if (existing.Length < 32)
                throw new InvalidOperationException($"The site secret at '{path}' is shorter than 32 bytes; restore it from backup.");
            return existing;
        }
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        var temp = path + ".tmp" + Environment.ProcessId;
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, fileOptions))
            stream.Write(key);
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp); // another process created it first: use theirs
            return File.ReadAllBytes(path);
        }
        return key;
    }
}
