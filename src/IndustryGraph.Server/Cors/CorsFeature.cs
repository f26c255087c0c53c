namespace IndustryGraph.Server.Cors;

/// <summary>
/// Other teams' front-end apps call the API from their own origins. Allowed origins are a setting, none by default:
/// <c>--cors-origins</c> or <c>INDUSTRYGRAPH_CORS_ORIGINS</c> (comma-separated, e.g. <c>https://a.example,http://localhost:5173</c>).
/// A preflight from an allowed origin is answered; one from any other origin is refused with 403, so the browser
/// never sends the request.
/// </summary>
public static class CorsFeature
{
    public const string Variable = "INDUSTRYGRAPH_CORS_ORIGINS";
    private const string AllowedMethods = "GET, POST, OPTIONS";
    private const string AllowedHeaders = "content-type, accept, accept-language, authorization";

    /// <summary>The origins given on the command line, else those of the environment variable.</summary>
    public static IReadOnlySet<string> AllowedOrigins(string? option) =>
        (option ?? Environment.GetEnvironmentVariable(Variable) ?? "")
            .Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(origin => origin.TrimEnd('/'))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static WebApplication UseAllowedOrigins(this WebApplication app, IReadOnlySet<string> origins)
    {
        app.Use(async (http, next) =>
        {
            var origin = http.Request.Headers.Origin.ToString();
            if (origin.Length == 0)
            {
                await next(http);
                return;
            }

            var allowed = origins.Contains(origin);
            var preflight = HttpMethods.IsOptions(http.Request.Method) && http.Request.Headers.ContainsKey("Access-Control-Request-Method");
            if (allowed)
            {
                http.Response.Headers.AccessControlAllowOrigin = origin;
                http.Response.Headers.Vary = "Origin";
            }

            if (!preflight)
            {
                await next(http);
                return;
            }

            if (!allowed)
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                await http.Response.WriteAsJsonAsync(new { error = $"origin {origin} is not allowed: start the server with --cors-origins {origin} (or set {Variable})" });
                return;
            }

            http.Response.Headers.AccessControlAllowMethods = AllowedMethods;
            http.Response.Headers.AccessControlAllowHeaders = AllowedHeaders;
            http.Response.Headers.AccessControlMaxAge = "600";
            http.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        return app;
    }
}
