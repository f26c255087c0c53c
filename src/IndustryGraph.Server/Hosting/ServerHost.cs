using IndustryGraph.Server.Placements;
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
using IndustryGraph.Server.Transfer.Register;
using IndustryGraph.Server.Workbench;

namespace IndustryGraph.Server.Hosting;

/// <summary>How the server runs; <paramref name="CorsOrigins"/> null means the INDUSTRYGRAPH_CORS_ORIGINS setting (none by default).</summary>
public sealed record ServerOptions(string Urls, string DbPath, string SeedFolder, string? CorsOrigins = null)
{
    /// <summary>The store to serve; an SQLite file at <see cref="DbPath"/> unless set.</summary>
    public StoreSettings? Store { get; init; }

    public StoreSettings StoreSettings => Store ?? StoreSettings.Sqlite(DbPath);
}

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
        // It logs each request's start and end (Information, off here) and a start-up failure, which also ends the
        // command with its exception. While any of its levels is on, ASP.NET Core starts an Activity for every
        // request to give those messages a trace id: a twentieth of a small answer's time.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Services.AddStore(options.StoreSettings);
        builder.Services.AddGraphQLEndpoint(builder.Configuration);
        builder.Services.AddEntities();
        builder.Services.AddAnalysis();
        builder.Services.AddAccess();
        builder.Services.AddEditing();
        builder.Services.AddAudit();
        builder.Services.AddPlacements();
        builder.Services.AddGraphQL(graphQL => graphQL
            .AddSchema<IndustryGraphSchema>()
            // Chinese stays readable in responses instead of \uXXXX escapes.
            .AddSystemTextJson(json => json.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddErrorInfoProvider<StableErrorInfoProvider>()
            .AddDocumentListener<QuerySnapshotListener>()
            .AddGraphTypes(typeof(ServerHost).Assembly));
        configure?.Invoke(builder.Services);

        var app = builder.Build();
        StoreSelection.OpenWithSeedAsync(app.Services, options.StoreSettings, options.SeedFolder).GetAwaiter().GetResult();
        app.Use(StorageFaultReporting.BarrierAsync);
        app.UseAllowedOrigins(CorsFeature.AllowedOrigins(options.CorsOrigins));
        app.MapGraphiQL();
        app.Map("/graphql", (HttpContext http, GraphQLEndpoint endpoint) => endpoint.HandleAsync(http));
        app.MapWorkbench();
        app.MapGapReports();
        app.MapRegisterImport();
        app.MapGet("/health", (IGraphStore graphStore) => graphStore.GetDataVersionAsync().ContinueWith(task => Results.Ok(new { status = "ok", dataVersion = task.Result }), TaskScheduler.Default));
        return app;
    }
}
