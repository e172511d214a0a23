using Microsoft.Extensions.Hosting;
using VolunteerStats.Dashboard.Users;

namespace VolunteerStats.Dashboard.Auth;

/// <summary>
/// Loads the users at startup, before the server listens; on the first start with no users creates <c>admin</c> with
/// a random password, printed once on standard error and written to <c>DATA/initial-admin-password</c> (owner-only),
/// which is deleted when that password is changed (CONTRACT §9). There is no default password.
/// </summary>
public sealed class InitialAdmin(UserStore users) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var password = await users.EnsureInitialAdminAsync(cancellationToken);
        if (password is null) return;
        await Console.Error.WriteLineAsync(
            $"First start: created the user '{UserStore.InitialAdmin}' (role admin) with the password {password}\n" +
            $"  It is also in {users.InitialPasswordPath} (readable by you only) until you change it: sign in at /login, then /admin/users.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
