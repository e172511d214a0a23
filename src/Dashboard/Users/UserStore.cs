using System.Data;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VolunteerStats.Dashboard.Auth;
using VolunteerStats.Dashboard.Hosting;
using VolunteerStats.Ingest.Parsing;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Dashboard.Users;

/// <summary>A stored user (table <c>users</c>). Times are UTC.</summary>
public sealed record UserRecord(
    string Username, string PasswordHash, string Role, string? Region, string SecurityStamp,
    int FailedLogins, DateTime? LockedUntil, DateTime CreatedAt, DateTime ChangedAt);

/// <summary>What an admin asks for when creating a user.</summary>
public sealed record NewUser(string? Username, string? Password, string? Role, string? Region);

/// <summary>A change to a user: null leaves a field as it is; <see cref="ClearRegion"/> lifts the region limit.</summary>
public sealed record UserChange(string? Password = null, string? Role = null, string? Region = null, bool ClearRegion = false, bool Unlock = false);

/// <summary>Why a user could not be created or changed, in words for the person who asked.</summary>
public sealed class UserValidationException(string message) : Exception(message);

public enum PasswordCheck { Success, Failed, LockedOut }

/// <summary>
/// The dashboard's users: kept in the database through the server's single writer, and in memory for the checks every
/// request makes (the table is small and only this process writes it). Sign-in failures count towards a lockout; they
/// are stored without making the sign-in wait for a running ingest.
/// </summary>
public sealed partial class UserStore(
    DatabaseWriter writer,
    TimeProvider clock,
    IOptions<AuthOptions> options,
    IOptions<ServerOptions> server,
    ILogger<UserStore> logger)
{
    private static readonly System.Reflection.Assembly Sql = typeof(UserStore).Assembly;
    private static readonly PasswordHasher<UserRecord> Hasher = new();
    // Verified against when the user does not exist, so that a wrong name takes as long as a wrong password.
    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(null!, RandomNumberGenerator.GetHexString(32)));

    private readonly Lock _lock = new();
    private Dictionary<string, UserRecord> _users = new(StringComparer.OrdinalIgnoreCase);
    private volatile bool _loaded;

    /// <summary>The file holding the first admin's generated password until it is changed (CONTRACT §9).</summary>
    public string InitialPasswordPath => Path.Combine(server.Value.DataDirectory, "initial-admin-password");

    /// <summary>The name of the admin created on the first start.</summary>
    public const string InitialAdmin = "admin";

    /// <summary>Reads the users into memory; the server calls it once at startup.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        var users = await writer.ReadAsync(connection => connection.Query(SqlScripts.Load(Sql, "Users/ListUsers.sql")).Select(Read).ToList(), ct);
        lock (_lock) _users = users.ToDictionary(u => u.Username, StringComparer.OrdinalIgnoreCase);
        _loaded = true;
    }

    public UserRecord? Find(string? username)
    {
        EnsureLoaded();
        if (string.IsNullOrEmpty(username)) return null;
        lock (_lock) return _users.GetValueOrDefault(username);
    }

    public IReadOnlyList<UserRecord> List()
    {
        EnsureLoaded();
        lock (_lock) return _users.Values.OrderBy(u => u.Username, StringComparer.Ordinal).ToList();
    }

    public int Count
    {
        get
        {
            EnsureLoaded();
            lock (_lock) return _users.Count;
        }
    }

    /// <summary>Creates a user; throws <see cref="UserValidationException"/> when a field is not acceptable or the name is taken.</summary>
    public async Task<UserRecord> CreateAsync(NewUser request, CancellationToken ct)
    {
        var username = ValidUsername(request.Username);
        var password = ValidPassword(request.Password, username);
        var role = ValidRole(request.Role);
        var region = ValidRegion(request.Region);
        var now = clock.GetUtcNow().UtcDateTime;
        var user = new UserRecord(username, Hasher.HashPassword(null!, password), role, region, NewStamp(), 0, null, now, now);
        return await writer.WriteAsync(connection =>
        {
            lock (_lock)
                if (_users.ContainsKey(username)) throw new UserValidationException($"用户名 {username} 已存在 (the user name is taken).");
            connection.Execute(SqlScripts.Load(Sql, "Users/InsertUser.sql"), Parameters(user));
            lock (_lock) _users[username] = user;
            logger.LogInformation("User {User} created with role {Role}, region {Region}", username, role, region ?? "(all)");
            return user;
        }, ct);
    }

    /// <summary>Changes a user; null when there is none. A new password, role or region ends the user's sessions and tokens.</summary>
    public async Task<UserRecord?> UpdateAsync(string username, UserChange change, CancellationToken ct)
    {
        var role = change.Role is null ? null : ValidRole(change.Role);
        var region = change.ClearRegion ? null : change.Region is null ? null : ValidRegion(change.Region);
        return await writer.WriteAsync(connection =>
        {
            var old = Find(username);
            if (old is null) return null;
            var password = change.Password is null ? null : ValidPassword(change.Password, old.Username);
            var newRole = role ?? old.Role;
            var newRegion = change.ClearRegion ? null : region ?? old.Region;
            if (old.Role == Roles.Admin && newRole != Roles.Admin && AdminCount() == 1)
                throw new UserValidationException("不能取消最后一个管理员的管理员角色 (the last admin must stay admin).");
            var identityChanged = password is not null || newRole != old.Role || newRegion != old.Region;
            var user = old with
            {
                PasswordHash = password is null ? old.PasswordHash : Hasher.HashPassword(null!, password),
                Role = newRole,
                Region = newRegion,
                SecurityStamp = identityChanged ? NewStamp() : old.SecurityStamp,
                FailedLogins = change.Unlock || password is not null ? 0 : old.FailedLogins,
                LockedUntil = change.Unlock || password is not null ? null : old.LockedUntil,
                ChangedAt = clock.GetUtcNow().UtcDateTime,
            };
            connection.Execute(SqlScripts.Load(Sql, "Users/UpdateUser.sql"), Parameters(user));
            lock (_lock) _users[user.Username] = user;
            if (password is not null) ForgetInitialPassword(user.Username);
            logger.LogInformation("User {User} changed (role {Role}, region {Region}, password {Password})",
                user.Username, user.Role, user.Region ?? "(all)", password is null ? "kept" : "changed");
            return user;
        }, ct);
    }

    /// <summary>Deletes a user; false when there is none. The last admin cannot be deleted.</summary>
    public async Task<bool> DeleteAsync(string username, CancellationToken ct) =>
        await writer.WriteAsync(connection =>
        {
            var old = Find(username);
            if (old is null) return false;
            if (old.Role == Roles.Admin && AdminCount() == 1)
                throw new UserValidationException("不能删除最后一个管理员 (the last admin cannot be deleted).");
            connection.Execute(SqlScripts.Load(Sql, "Users/DeleteUser.sql"), ("username", old.Username));
            lock (_lock) _users.Remove(old.Username);
            ForgetInitialPassword(old.Username);
            logger.LogInformation("User {User} deleted", old.Username);
            return true;
        }, ct);

    /// <summary>
    /// Checks a password, counting failures: after <see cref="AuthOptions.MaxFailedLogins"/> wrong ones in a row the
    /// account is locked for <see cref="AuthOptions.LockoutTime"/>, during which even the right password is refused.
    /// </summary>
    public (PasswordCheck Result, UserRecord? User) CheckPassword(string? username, string? password)
    {
        var user = Find(username);
        if (user is null || string.IsNullOrEmpty(password))
        {
            Hasher.VerifyHashedPassword(null!, DummyHash.Value, password ?? "");
            return (PasswordCheck.Failed, null);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (user.LockedUntil is { } until && until > now) return (PasswordCheck.LockedOut, user);
        var ok = Hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
        UserRecord updated;
        lock (_lock)
        {
            // Re-read under the lock: another request may have counted a failure meanwhile.
            var current = _users.GetValueOrDefault(user.Username);
            if (current is null) return (PasswordCheck.Failed, null);
            if (ok)
            {
                if (current.FailedLogins == 0 && current.LockedUntil is null) return (PasswordCheck.Success, current);
                updated = current with { FailedLogins = 0, LockedUntil = null };
            }
            else
            {
                var failures = current.LockedUntil is { } l && l <= now ? 1 : current.FailedLogins + 1;
                updated = failures >= options.Value.MaxFailedLogins
                    ? current with { FailedLogins = failures, LockedUntil = now + options.Value.LockoutTime }
                    : current with { FailedLogins = failures, LockedUntil = null };
            }
            _users[user.Username] = updated;
        }
        if (!ok && updated.LockedUntil is not null)
            logger.LogWarning("User {User} locked until {Until:u} after {Failures} wrong passwords", updated.Username, updated.LockedUntil, updated.FailedLogins);
        PersistLoginState(updated);
        return (ok ? PasswordCheck.Success : PasswordCheck.Failed, updated);
    }

    /// <summary>Creates <c>admin</c> with a random password when there is no user at all; returns that password, or null.</summary>
    public async Task<string?> EnsureInitialAdminAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Count > 0) return null;
        var password = RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
        await CreateAsync(new NewUser(InitialAdmin, password, Roles.Admin, null), ct);
        Directory.CreateDirectory(server.Value.DataDirectory);
        var path = InitialPasswordPath;
        if (File.Exists(path)) File.Delete(path);
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var stream = new FileStream(path, fileOptions))
        await using (var text = new StreamWriter(stream))
            await text.WriteAsync(password + "\n");
        return password;
    }

    private void PersistLoginState(UserRecord user) =>
        // Not awaited: a sign-in must not wait for an ingest holding the writer. The memory copy already counts.
        _ = writer.WriteAsync(connection =>
        {
            var current = Find(user.Username);
            if (current is not null) connection.Execute(SqlScripts.Load(Sql, "Users/UpdateUser.sql"), Parameters(current));
        }, CancellationToken.None).ContinueWith(
            t => logger.LogError(t.Exception, "Could not store the sign-in state of {User}", user.Username),
            TaskContinuationOptions.OnlyOnFaulted);

    private void ForgetInitialPassword(string username)
    {
        if (!string.Equals(username, InitialAdmin, StringComparison.OrdinalIgnoreCase) || !File.Exists(InitialPasswordPath)) return;
        File.Delete(InitialPasswordPath);
        logger.LogInformation("The initial admin password was changed; {File} deleted", InitialPasswordPath);
    }

    private int AdminCount()
    {
        lock (_lock) return _users.Values.Count(u => u.Role == Roles.Admin);
    }

    private void EnsureLoaded()
    {
        if (!_loaded) throw new InvalidOperationException("UserStore.LoadAsync has not run: the server has not finished starting.");
    }

    private string ValidUsername(string? username)
    {
        username = username?.Trim();
        if (string.IsNullOrEmpty(username) || !UsernamePattern().IsMatch(username))
            throw new UserValidationException("用户名须为 1–64 个字母、数字或 . _ - @ (user name: 1–64 letters, digits or . _ - @).");
        return username;
    }

    private string ValidPassword(string? password, string username)
    {
        var min = options.Value.MinPasswordLength;
        if (string.IsNullOrEmpty(password) || password.Length < min)
            throw new UserValidationException($"密码至少 {min} 个字符 (the password needs at least {min} characters).");
        if (string.Equals(password, username, StringComparison.OrdinalIgnoreCase))
            throw new UserValidationException("密码不能与用户名相同 (the password must differ from the user name).");
        return password;
    }

    private static string ValidRole(string? role)
    {
        role = role?.Trim().ToLowerInvariant();
        if (!Roles.IsKnown(role)) throw new UserValidationException($"角色须为 {string.Join(", ", Roles.All)} (role must be one of {string.Join(", ", Roles.All)}).");
        return role!;
    }

    private static string? ValidRegion(string? region)
    {
        if (string.IsNullOrWhiteSpace(region)) return null;
        if (!RegionCodes.TryNormalize(region, out var code))
            throw new UserValidationException($"区划代码须为 6、9 或 12 位数字，收到 '{region}' (region must be a 6-, 9- or 12-digit code).");
        return code;
    }

    private static string NewStamp() => RandomNumberGenerator.GetHexString(32, lowercase: true);

    private static UserRecord Read(IDataRecord r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4),
        r.GetInt32(5), r.IsDBNull(6) ? null : r.GetDateTime(6), r.GetDateTime(7), r.GetDateTime(8));

    private static (string, object?)[] Parameters(UserRecord u) =>
    [
        ("username", u.Username), ("password_hash", u.PasswordHash), ("role", u.Role), ("region_code", u.Region),
        ("security_stamp", u.SecurityStamp), ("failed_logins", u.FailedLogins), ("locked_until", u.LockedUntil),
        ("created_at", u.CreatedAt), ("changed_at", u.ChangedAt),
    ];

    [GeneratedRegex(@"^[\p{L}\p{Nd}._@-]{1,64}$")]
    private static partial Regex UsernamePattern();
}
