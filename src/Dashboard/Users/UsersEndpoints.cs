using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using VolunteerStats.Dashboard.Auth;

namespace VolunteerStats.Dashboard.Users;

/// <summary>
/// <c>/api/users</c> (admin): <c>POST</c> JSON <c>{"username","password","role","region"}</c> → 201, <c>GET</c> the
/// list, <c>GET/PUT/DELETE /api/users/{username}</c>. Passwords are never answered, not even as hashes.
/// </summary>
public static class UsersEndpoints
{
    public sealed record UserBody(
        [property: JsonPropertyName("username")] string? Username,
        [property: JsonPropertyName("password")] string? Password,
        [property: JsonPropertyName("role")] string? Role,
        [property: JsonPropertyName("region")] string? Region);

    /// <summary>A change: absent fields stay as they are; <c>"region": ""</c> lifts the region limit; <c>"unlock": true</c> ends a lockout.</summary>
    public sealed record UserChangeBody(
        [property: JsonPropertyName("password")] string? Password,
        [property: JsonPropertyName("role")] string? Role,
        [property: JsonPropertyName("region")] string? Region,
        [property: JsonPropertyName("unlock")] bool? Unlock);

    public sealed record UserView(
        [property: JsonPropertyName("username")] string Username,
        [property: JsonPropertyName("role")] string Role,
        [property: JsonPropertyName("region")] string? Region,
        [property: JsonPropertyName("locked_until")] DateTime? LockedUntil,
        [property: JsonPropertyName("created_at")] DateTime CreatedAt,
        [property: JsonPropertyName("changed_at")] DateTime ChangedAt)
    {
        public static UserView Of(UserRecord u) => new(u.Username, u.Role, u.Region,
            u.LockedUntil is { } l ? DateTime.SpecifyKind(l, DateTimeKind.Utc) : null,
            DateTime.SpecifyKind(u.CreatedAt, DateTimeKind.Utc), DateTime.SpecifyKind(u.ChangedAt, DateTimeKind.Utc));
    }

    public sealed record ErrorBody([property: JsonPropertyName("error")] string Error);

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").RequireAuthorization(Policies.Admin).WithTags("users");
        users.MapGet("/", (UserStore store) => TypedResults.Ok(store.List().Select(UserView.Of).ToList()))
            .WithSummary("Every user with role and region limit (admin).");
        users.MapPost("/", CreateAsync).WithSummary("Creates a user (admin): role leader, analyst or admin; region null or a code.");
        users.MapGet("/{username}", Results<Ok<UserView>, NotFound> (string username, UserStore store) =>
            store.Find(username) is { } u ? TypedResults.Ok(UserView.Of(u)) : TypedResults.NotFound()).WithSummary("One user with role and region limit (admin).");
        users.MapPut("/{username}", UpdateAsync).WithSummary("Changes password, role, region or lockout (admin); ends the user's sessions and tokens.");
        users.MapDelete("/{username}", DeleteAsync).WithSummary("Deletes a user (admin); the last admin cannot be deleted.");
        return app;
    }

    private static async Task<Results<Created<UserView>, BadRequest<ErrorBody>, Conflict<ErrorBody>>> CreateAsync(UserBody body, UserStore store, CancellationToken ct)
    {
        try
        {
            var user = await store.CreateAsync(new NewUser(body.Username, body.Password, body.Role, body.Region), ct);
            return TypedResults.Created($"/api/users/{Uri.EscapeDataString(user.Username)}", UserView.Of(user));
        }
        catch (UserValidationException e) when (store.Find(body.Username?.Trim()) is not null)
        {
            return TypedResults.Conflict(new ErrorBody(e.Message));
        }
        catch (UserValidationException e)
        {
            return TypedResults.BadRequest(new ErrorBody(e.Message));
        }
    }

    private static async Task<Results<Ok<UserView>, NotFound, BadRequest<ErrorBody>>> UpdateAsync(
        string username, UserChangeBody body, UserStore store, CancellationToken ct)
    {
        try
        {
            var change = new UserChange(body.Password, body.Role, body.Region, ClearRegion: body.Region is { Length: 0 }, Unlock: body.Unlock == true);
            return await store.UpdateAsync(username, change, ct) is { } user ? TypedResults.Ok(UserView.Of(user)) : TypedResults.NotFound();
        }
        catch (UserValidationException e)
        {
            return TypedResults.BadRequest(new ErrorBody(e.Message));
        }
    }

    private static async Task<Results<NoContent, NotFound, BadRequest<ErrorBody>>> DeleteAsync(string username, UserStore store, CancellationToken ct)
    {
        try
        {
            return await store.DeleteAsync(username, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
        }
        catch (UserValidationException e)
        {
            return TypedResults.BadRequest(new ErrorBody(e.Message));
        }
    }
}
