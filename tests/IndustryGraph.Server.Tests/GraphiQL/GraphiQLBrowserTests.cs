using Microsoft.AspNetCore.Hosting;
using IndustryGraph.Server.GraphiQL;
using IndustryGraph.Server.Tests.Hosting;
using Microsoft.Playwright;

namespace IndustryGraph.Server.Tests.GraphiQL;

/// <summary>
/// A real browser (Debian's headless chromium driven by Playwright; skipped with the reason when it or the bundle is missing)
/// opens /graphql, finds the examples as tabs, runs one and sees the result.
/// </summary>
public sealed class GraphiQLBrowserTests(RunningServer server) : IClassFixture<RunningServer>
{
    public const string ScreenshotPath = "/tmp/industrygraph-graphiql.png";

    [BrowserFact(GraphiQLFeature.BundleFolder)]
    public async Task A_browser_opening_graphql_gets_graphiql_with_the_examples_and_runs_a_query()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Hosting.Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 }, Locale = "zh-CN" });
        var offSite = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(server.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                offSite.Add(request.Url);
            }
        };

        var introspectionStatuses = new List<int>();
        page.Response += (_, response) =>
        {
            if (response.Request.Method == "POST" && response.Request.PostData?.Contains("__schema", StringComparison.Ordinal) == true)
            {
                introspectionStatuses.Add(response.Status);
            }
        };

        await page.GotoAsync(new Uri(server.BaseAddress, "/graphql").ToString());
        await page.Locator(".graphiql-container").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        var examples = GraphiQLFeature.Examples(Path.Combine(AppContext.BaseDirectory, GraphiQLFeature.ExamplesFolder));
        var tabs = page.Locator(".graphiql-tab");
        await Assertions.Expect(tabs).ToHaveCountAsync(examples.Count, new LocatorAssertionsToHaveCountOptions { Timeout = 15_000 });

        await page.Locator(".graphiql-tab", new PageLocatorOptions { HasText = "ParksInGuancheng" }).ClickAsync();
        await Assertions.Expect(page.Locator(".graphiql-query-editor")).ToContainTextAsync("query ParksInGuancheng");
        var response = page.Locator(".graphiql-response");
        // GraphiQL settles the operation name of a freshly opened tab a moment after the switch; a run before
        // that asks for the previous tab's operation, so run again until the answer is this tab's.
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator(".graphiql-execute-button").ClickAsync();
            try
            {
                await Assertions.Expect(response).ToContainTextAsync("城发·金岱智慧产业园", new LocatorAssertionsToContainTextOptions { Timeout = 5_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                await page.WaitForTimeoutAsync(500);
            }
        }

        await Assertions.Expect(response).ToContainTextAsync("totalCount");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath });

        Assert.Empty(offSite);
        // GraphiQL's own introspection query (for completion and docs) passes the server's limits.
        Assert.Equal([200], introspectionStatuses.Distinct());
    }

    [Fact]
    public async Task Api_clients_still_get_json_from_get_graphql()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=%7B__typename%7D");
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        using var response = await server.Http.SendAsync(request);
        Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_examples_are_served_for_graphiql()
    {
        var examples = await server.Http.GetStringAsync("/graphiql/examples.json");
        Assert.Contains("ParksInGuancheng", examples, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_bundle_a_browser_gets_a_page_saying_how_to_build_it()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGraphiQL(Path.Combine(Path.GetTempPath(), "industrygraph-no-bundle-" + Guid.NewGuid().ToString("N")));
        await app.StartAsync();
        var address = app.Urls.First();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, address + "/graphql");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await http.SendAsync(request);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("GraphiQL has not been built", page, StringComparison.Ordinal);
        Assert.Contains("Install Node.js", page, StringComparison.Ordinal);
        await app.StopAsync();
    }
}
