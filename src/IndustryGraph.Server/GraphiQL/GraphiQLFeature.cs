using IndustryGraph.Server.Hosting;
using Microsoft.Extensions.FileProviders;

namespace IndustryGraph.Server.GraphiQL;

/// <summary>
/// GraphiQL for people: a browser asking GET /graphql for HTML gets the IDE, bundled at build time into
/// GraphiQL/dist and served from the program's folder (no CDN), with the operations of schema/examples as tabs.
/// </summary>
public static class GraphiQLFeature
{
    public const string BundleFolder = "graphiql";
    public const string ExamplesFolder = "schema/examples";

    public static WebApplication MapGraphiQL(this WebApplication app) => app.MapGraphiQL(Path.Combine(AppContext.BaseDirectory, BundleFolder));

    /// <summary>Serves the bundle from <paramref name="bundle"/>, or a page saying how to build it when it is missing.</summary>
    public static WebApplication MapGraphiQL(this WebApplication app, string bundle)
    {
        BundlePage.WarnIfMissing(app, bundle, "GraphiQL");
        app.Use(async (http, next) =>
        {
            if (IsBrowserAskingForGraphiQL(http.Request))
            {
                await BundlePage.SendAsync(http, bundle, "GraphiQL");
                return;
            }

            await next(http);
        });
        if (Directory.Exists(bundle))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(bundle), RequestPath = "/graphiql" });
        }

        app.MapGet("/graphiql/examples.json", () => Results.Json(Examples(Path.Combine(AppContext.BaseDirectory, ExamplesFolder))));
        return app;
    }

    /// <summary>GET /graphql from a browser (HTML accepted) without a query; API clients never list text/html.</summary>
    private static bool IsBrowserAskingForGraphiQL(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && request.Path.Equals("/graphql", StringComparison.OrdinalIgnoreCase)
        && !request.Query.ContainsKey("query")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    /// <summary>An example operation, with the variables it needs (from name.variables.json beside it) if any.</summary>
    public sealed record Example(string Name, string Query, string? Variables);

    /// <summary>Each .graphql file of the examples folder, by file name.</summary>
    public static IReadOnlyList<Example> Examples(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.graphql")
                .Order(StringComparer.Ordinal)
                .Select(path =>
                {
                    var variables = Path.ChangeExtension(path, ".variables.json");
                    return new Example(Path.GetFileNameWithoutExtension(path), File.ReadAllText(path), File.Exists(variables) ? File.ReadAllText(variables) : null);
                })
                .ToList()
            : [];
}
