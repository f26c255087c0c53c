using System.Text.Encodings.Web;
using GraphQL;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Analysis;
using IndustryGraph.Server.Access;
using IndustryGraph.Server.Audit;
using IndustryGraph.Server.Cors;
using IndustryGraph.Server.Editing;
using IndustryGraph.Server.Entities;
using IndustryGraph.Server.GraphiQL;
using IndustryGraph.Server.GraphQL;
using IndustryGraph.Server.Reports;
using IndustryGraph.Server.Seed;
using IndustryGraph.Server.Workbench;
using IndustryGraph.Storage.Sqlite;

namespace IndustryGraph.Server.Hosting;

/// <summary>How the server runs; <paramref name="CorsOrigins"/> null means the INDUSTRYGRAPH_CORS_ORIGINS setting (none by default).</summary>
public sealed record ServerOptions(string Urls, string DbPath, string SeedFolder, string? CorsOrigins = null);

/// <summary>Composes the web application: the store, the GraphQL schema (each feature adds its fields) and the endpoint.</summary>
public static class ServerHost
{
    public const string DefaultUrls = "http://127.0.0.1:5080";
    public const string DefaultDb = "data/industrygraph.db";

    public static WebApplication Build(ServerOptions options, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var store = StoreStartup.OpenWithSeed(options.DbPath, options.SeedFolder);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton<IGraphStore>(store);
        builder.Services.AddGraphQLEndpoint(builder.Configuration);
        builder.Services.AddEntities();
        builder.Services.AddAnalysis();
        builder.Services.AddAccess();
        builder.Services.AddEditing();
        builder.Services.AddAudit();
        builder.Services.AddGraphQL(graphQL => graphQL
            .AddSchema<IndustryGraphSchema>()
            // Chinese stays readable in responses instead of \uXXXX escapes.
            .AddSystemTextJson(json => json.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddErrorInfoProvider<StableErrorInfoProvider>()
            .AddDocumentListener<QuerySnapshotListener>()
            .AddGraphTypes(typeof(ServerHost).Assembly));
        configure?.Invoke(builder.Services);

        var app = builder.Build();
        app.Use(StorageFaultReporting.BarrierAsync);
        app.UseAllowedOrigins(CorsFeature.AllowedOrigins(options.CorsOrigins));
        app.MapGraphiQL();
        app.Map("/graphql", (HttpContext http, GraphQLEndpoint endpoint) => endpoint.HandleAsync(http));
        app.MapWorkbench();
        app.MapGapReports();
        app.MapGet("/health", (IGraphStore graphStore) => graphStore.GetDataVersionAsync().ContinueWith(task => Results.Ok(new { status = "ok", dataVersion = task.Result }), TaskScheduler.Default));
        return app;
    }
}

public static class StoreStartup
{
    /// <summary>
    /// Opens the store; a new store (no file yet, or one never written to) is filled from the seed folder first,
    /// all or nothing. The seed is validated before any file is created, so a broken seed leaves nothing behind.
    /// </summary>
    public static SqliteGraphStore OpenWithSeed(string dbPath, string seedFolder)
    {
        var dataset = File.Exists(dbPath) ? null : SeedFolder.ReadOrThrow(seedFolder);
        var store = SqliteGraphStore.Open(dbPath);
        if (store.GetDataVersionAsync().GetAwaiter().GetResult() == 0)
        {
            dataset ??= SeedFolder.ReadOrThrow(seedFolder);
            store.ImportAsync(dataset, ImportMode.Replace).GetAwaiter().GetResult();
        }

        return store;
    }
}
