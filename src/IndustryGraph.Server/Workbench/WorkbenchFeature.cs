using IndustryGraph.Server.Hosting;
using Microsoft.Extensions.FileProviders;

namespace IndustryGraph.Server.Workbench;

/// <summary>
/// The planner's workbench at GET /: a page bundled at build time into Workbench/dist (ECharts, no CDN) and served
/// from the program's folder; everything it shows comes from the GraphQL API at /graphql.
/// </summary>
public static class WorkbenchFeature
{
    public const string BundleFolder = "workbench";
    private const string Title = "IndustryGraph 产业链工作台 (workbench)";

    public static WebApplication MapWorkbench(this WebApplication app) => app.MapWorkbench(Path.Combine(AppContext.BaseDirectory, BundleFolder));

    /// <summary>Serves the bundle from <paramref name="bundle"/>, or a page saying how to build it when it is missing.</summary>
    public static WebApplication MapWorkbench(this WebApplication app, string bundle)
    {
        if (Directory.Exists(bundle))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(bundle), RequestPath = "/workbench" });
        }

        BundlePage.WarnIfMissing(app, bundle, Title);
        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], (HttpContext http) => BundlePage.SendAsync(http, bundle, Title));
        return app;
    }
}
