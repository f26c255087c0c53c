namespace IndustryGraph.Server.Hosting;

/// <summary>
/// The index page of a front-end bundle built at compile time (the workbench, GraphiQL), or, when the bundle is
/// missing, a page that says why and what to install; never a blank or forever-loading page.
/// </summary>
public static class BundlePage
{
    public const string InstallHint =
        "Install Node.js 20 or later with npm (for example <code>apt-get install nodejs npm</code>, or from nodejs.org), " +
        "then run <code>dotnet run --project src/IndustryGraph.Server -c Release</code> again: the build runs <code>npm ci</code> " +
        "and the bundler once and copies the page next to the server.";

    /// <summary>Says at start, in the server's log, when a page is missing and what to install.</summary>
    public static void WarnIfMissing(WebApplication app, string bundle, string title)
    {
        if (!File.Exists(Path.Combine(bundle, "index.html")))
        {
            app.Logger.LogWarning("{Title} is not built (no {Bundle}): install Node.js 20 or later with npm and run the build again; the API works without it", title, bundle);
        }
    }

    public static async Task SendAsync(HttpContext http, string bundle, string title)
    {
        var index = Path.Combine(bundle, "index.html");
        http.Response.ContentType = "text/html; charset=utf-8";
        if (File.Exists(index))
        {
            await http.Response.SendFileAsync(index, http.RequestAborted);
            return;
        }

        // The server runs without the bundle (Node was missing at build time); the API keeps working.
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        await http.Response.WriteAsync(
            $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} · not built</title></head>
            <body><h1>{title} has not been built</h1>
            <p>The GraphQL API works (POST or GET <code>/graphql</code>), but this page's bundle is missing from this build because Node.js was not found when it was built.</p>
            <p>{InstallHint}</p>
            </body></html>
            """, http.RequestAborted);
    }
}
