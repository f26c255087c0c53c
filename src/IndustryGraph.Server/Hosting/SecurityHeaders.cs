namespace IndustryGraph.Server.Hosting;

/// <summary>
/// Headers every response carries, so that a page of this server runs only its own scripts, in no other site's
/// frame, and no answer is sniffed into something it is not. The pages are bundles served from this origin; GraphiQL's
/// editor sets styles at run time and starts its workers from its own files (or blob: URLs), hence those two allowances.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return next(http);
        });
        return app;
    }
}
