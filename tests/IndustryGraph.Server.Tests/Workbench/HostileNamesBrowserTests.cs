using IndustryGraph.Domain.Access;
using IndustryGraph.Server.Hosting;
using IndustryGraph.Server.Tests.Hosting;
using IndustryGraph.Server.Workbench;
using Microsoft.Playwright;

namespace IndustryGraph.Server.Tests.Workbench;

/// <summary>
/// Names an editor (or an import) can give: a link, a district and a park named as HTML that runs script. Every view
/// of the workbench is opened and every chart swept with the mouse, so each tooltip is shown; the script never runs.
/// The store is this class's own, since the renames would change what other tests read.
/// </summary>
public sealed class HostileNamesBrowserTests(RunningServer server) : IClassFixture<RunningServer>
{
    private const string Chain = "智能传感器";
    private const string District = "管城区";

    private static string Injection(int mark) => $"<img src=x onerror=\"window.__injected={mark}\">";

    [BrowserFact(WorkbenchFeature.BundleFolder)]
    public async Task A_name_holding_an_img_onerror_never_runs_on_any_view()
    {
        var key = await server.CreateKeyAsync(ApiRole.Editor, "hostile-names");
        var map = await server.QueryAsync("query($chain: String!) { chainMap(chain: $chain) { links { link { key } } } }", new { chain = Chain });
        var linkKey = map["chainMap"]!["links"]!.AsArray()[0]!["link"]!["key"]!.GetValue<string>();
        var parkKey = (await server.QueryAsync("query($district: String!) { parks(district: $district, first: 1) { nodes { key } } }", new { district = District }))["parks"]!["nodes"]!.AsArray()[0]!["key"]!.GetValue<string>();
        var otherDistrict = (await server.QueryAsync("{ districts(first: 100) { nodes { key name } } }"))["districts"]!["nodes"]!.AsArray()
            .First(node => node!["name"]!.GetValue<string>() != District)!["key"]!.GetValue<string>();
        var renames = new[] { (linkKey, 1), (parkKey, 2), (otherDistrict, 3) };
        foreach (var (entity, mark) in renames)
        {
            var renamed = await server.PostWithKeyAsync(key, "mutation($entity: String!, $name: String!) { updateEntity(input: { entity: $entity, name: $name, provenance: { curated: true, note: \"red team\" } }) { name } }",
                new { entity, name = Injection(mark) + "名称" });
            Assert.True(renamed.Errors is null, renamed.Errors?.ToJsonString());
        }

        var playwright = await Playwright.CreateAsync();
        using (playwright)
        await using (var browser = await Hosting.Browser.LaunchAsync(playwright))
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 }, Locale = "zh-CN" });
            page.SetDefaultTimeout(20_000);
            // A name that became an element shows itself while its tooltip is up: the image's request (its src is
            // "x"), and the page's policy blocking its handler. Either is seen whenever it happens, not only at the end.
            var becameMarkup = new List<string>();
            page.Request += (_, request) =>
            {
                if (new Uri(request.Url).AbsolutePath == "/x")
                {
                    becameMarkup.Add("requested " + request.Url);
                }
            };
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                {
                    becameMarkup.Add(message.Text);
                }
            };
            var views = new (string Query, string Ready)[]
            {
                ($"chain={Uri.EscapeDataString(Chain)}&district={Uri.EscapeDataString(District)}", "map"),
                ($"chain={Uri.EscapeDataString(Chain)}&link={Uri.EscapeDataString(linkKey)}", "map"),
                ($"view=heatmap&chain={Uri.EscapeDataString(Chain)}", "heatmap"),
                ($"view=paths&from={Uri.EscapeDataString(linkKey)}&to={Uri.EscapeDataString(parkKey)}", "paths"),
                ($"view=entity&ref={Uri.EscapeDataString(linkKey)}", "entity"),
            };
            var shown = 0;
            foreach (var (query, ready) in views)
            {
                await page.GotoAsync(new Uri(server.BaseAddress, "/?" + query).ToString());
                await page.Locator($"main[data-ready='{ready}']").WaitForAsync();
                await SweepChartsAsync(page);
                Assert.Null(await page.EvaluateAsync<int?>("window.__injected ?? null"));
                // The page's policy blocks inline handlers anyway; the name must not even become an element.
                Assert.Equal(0, await page.EvaluateAsync<int>("document.querySelectorAll('img[onerror]').length"));
                Assert.True(becameMarkup.Count == 0, $"{query}: a name became markup: {string.Join("; ", becameMarkup)}");
                shown += await page.EvaluateAsync<int>("document.body.innerText.split('onerror=').length - 1");
            }

            // The names reached the pages, as the text they are.
            Assert.True(shown > 0, "no view showed the renamed entities' names");
        }
    }

    [Fact]
    public async Task Every_answer_carries_the_page_safety_headers()
    {
        foreach (var path in new[] { "/", "/graphql", "/health", "/workbench/main.js", "/reports/gaps?chain=%E6%99%BA%E8%83%BD%E4%BC%A0%E6%84%9F%E5%99%A8&format=csv" })
        {
            using var response = await server.Http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    /// <summary>Moves the mouse over every chart in a grid fine enough to rest on each node and cell, so every tooltip is drawn.</summary>
    private static async Task SweepChartsAsync(IPage page)
    {
        const int step = 24;
        var charts = page.Locator("main canvas");
        for (var i = 0; i < await charts.CountAsync(); i++)
        {
            var canvas = charts.Nth(i);
            await canvas.ScrollIntoViewIfNeededAsync();
            if (await canvas.BoundingBoxAsync() is not { } box)
            {
                continue;
            }

            for (var y = box.Y + (step / 2); y < box.Y + box.Height; y += step)
            {
                for (var x = box.X + (step / 2); x < box.X + box.Width; x += step)
                {
                    await page.Mouse.MoveAsync(x, y);
                }
            }
        }
    }
}
