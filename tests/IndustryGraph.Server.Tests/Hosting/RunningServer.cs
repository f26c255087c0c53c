using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IndustryGraph.Server.Analysis;
using IndustryGraph.Server.Hosting;
using IndustryGraph.Server.Seed;
using IndustryGraph.Storage.Contract;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IndustryGraph.Server.Tests.Hosting;

/// <summary>
/// The real server on a loopback port over a fresh SQLite file loaded from the seed, and an HTTP client for it.
/// Each test class gets its own (xunit class fixture), so no test shares a store with another class.
/// </summary>
public sealed class RunningServer : IAsyncLifetime
{
    private WebApplication? app;

    /// <summary>The folder of the store file: a fresh temporary one unless a test gives its own (a small file system, say).</summary>
    public string Folder { get; init; } = TestDirectory.NewPath();

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    public HttpClient Http { get; private set; } = new();

    public string DbPath => Path.Combine(Folder, "graph.db");

    public IServiceProvider Services => app!.Services;

    /// <summary>Seed folder to load; the shipped seed unless a test class overrides it.</summary>
    public string SeedFolderPath { get; init; } = SeedFolder.Default;

    public Action<IServiceCollection>? Configure { get; init; }

    /// <summary>The store to serve; a fresh SQLite file unless a test class sets one.</summary>
    public StoreSettings? Store { get; init; }

    /// <summary>Origins allowed to call from browsers (--cors-origins); null leaves the default, none.</summary>
    public string? CorsOrigins { get; init; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        app = ServerHost.Build(new ServerOptions("http://127.0.0.1:0", DbPath, SeedFolderPath, CorsOrigins ?? "") { Store = Store }, Configure);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await AnalysisIndexReadyAsync();
    }

    /// <summary>
    /// The server builds its analysis index in the background after it starts listening; a test begins once that
    /// build is done, so its reads through the store (counted by some tests) are the test's own.
    /// </summary>
    private async Task AnalysisIndexReadyAsync()
    {
        try
        {
            await app!.Services.GetRequiredService<AnalysisIndexProvider>().GetLatestAsync();
        }
        catch (AnalysisTooLargeException)
        {
            // A test that sets a tiny in-memory limit expects no index.
        }
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A file still held by the OS is cleaned with the temp folder later; the test result stands.
        }
    }

    /// <summary>POSTs a GraphQL request and returns the status and parsed body.</summary>
    public async Task<GraphQLResponse> PostAsync(string query, object? variables = null, string? operationName = null, string? acceptLanguage = null)
    {
        var body = JsonSerializer.Serialize(new { query, variables, operationName });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        using var response = await Http.SendAsync(request);
        return await GraphQLResponse.ReadAsync(response);
    }

    /// <summary>POSTs a query that must succeed, and returns its data.</summary>
    public async Task<JsonNode> QueryAsync(string query, object? variables = null)
    {
        var response = await PostAsync(query, variables);
        Assert.True(response.Errors is null, $"errors: {response.Errors?.ToJsonString()}");
        return response.Data ?? throw new InvalidOperationException("no data");
    }
}

public sealed record GraphQLResponse(int Status, string? ContentType, JsonNode? Body)
{
    public JsonNode? Data => Body?["data"];

    public JsonArray? Errors => Body?["errors"] as JsonArray;

    public IEnumerable<string> ErrorCodes => Errors?.Select(error => error?["extensions"]?["code"]?.GetValue<string>() ?? "") ?? [];

    public static async Task<GraphQLResponse> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        try
        {
            body = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        catch (JsonException)
        {
            body = null;
        }

        return new GraphQLResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }
}
