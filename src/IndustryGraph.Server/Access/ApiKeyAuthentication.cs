using System.Security.Claims;
using System.Text.Json;
using IndustryGraph.Domain.Access;
using IndustryGraph.Server.GraphQL;

namespace IndustryGraph.Server.Access;

/// <summary>
/// Reads <c>Authorization: Bearer &lt;key&gt;</c> and makes the caller the key's name and role. Without the
/// header a request is anonymous (reads are open); a key that is unknown or revoked is refused with 401 at
/// once, so a client learns its key is wrong instead of silently reading as anonymous.
/// </summary>
public sealed class ApiKeyAuthentication(RequestDelegate next)
{
    public const string AuthenticationType = "ApiKey";

    public async Task InvokeAsync(HttpContext http, IApiKeyStore keys)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            await next(http);
            return;
        }

        const string Bearer = "Bearer ";
        var key = header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? header[Bearer.Length..].Trim() : "";
        var found = key.Length == 0 ? null : await keys.FindKeyAsync(ApiKeySecrets.Hash(key), http.RequestAborted);
        if (found is null)
        {
            await RefuseAsync(http, key.Length == 0
                ? "the Authorization header must be 'Bearer <key>'"
                : "the API key is not valid (unknown or revoked): ask an admin for a key (industrygraph keys create --role editor --name NAME)");
            return;
        }

        http.User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, found.Name), new Claim(ClaimTypes.Role, found.Role.ToString().ToLowerInvariant())],
            AuthenticationType, ClaimTypes.Name, ClaimTypes.Role));
        await next(http);
    }

    private static async Task RefuseAsync(HttpContext http, string message)
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = "Bearer";
        http.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body,
            new { errors = new[] { new { message, extensions = new { code = ErrorCodes.Unauthenticated } } } }, cancellationToken: http.RequestAborted);
    }
}

/// <summary>Puts the key check in front of every endpoint.</summary>
public sealed class ApiKeyStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<ApiKeyAuthentication>();
        next(app);
    };
}
