using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using IndustryGraph.Domain.Access;
using IndustryGraph.Server.Tests.Hosting;
using IndustryGraph.Server.Tests.Transfer.Register;
using IndustryGraph.Server.Workbench;
using Microsoft.Playwright;

namespace IndustryGraph.Server.Tests.Workbench;

/// <summary>
/// The 待确认 view in a real browser: a register export is uploaded to this class's own server (POST /imports/register,
/// the path a planner uses), the suggestions show with the matched words marked inside the 经营范围, a decision without
/// a key or with a reader's key is refused in Chinese, an editor's key confirms one, and the chain map counts it.
/// </summary>
public sealed class ReviewBrowserTests(RunningServer server) : IClassFixture<RunningServer>
{
    private const string Chain = "智能传感器";
    private const string District = "管城区";
    private const string CreditCode = "91350100M000100Y43";

    private string Url(string query) => new Uri(server.BaseAddress, "/?" + query).ToString();

    private static string Query(params (string Key, string Value)[] parts) => WorkbenchBrowserTests.Query(parts);

    private async Task ImportRegisterAsync(string editorKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/imports/register?filename=register.csv")
        {
            Content = new ByteArrayContent(RegisterFiles.Gbk.GetBytes(RegisterFiles.Csv([RegisterFiles.SensorMaker(CreditCode)]))),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", editorKey);
        using var response = await server.Http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonNode> SuggestionAsync()
    {
        var placements = (await server.QueryAsync("""
            query($chain: String!, $district: String!) {
              placements(status: SUGGESTED, chain: $chain, district: $district, first: 100) {
                nodes { enterprise { key name facts(key: "business_scope") { value } } link { key name } evidence { kind text start length } }
              }
            }
            """, new { chain = Chain, district = District }))["placements"]!["nodes"]!.AsArray();
        return placements.First(node => node!["enterprise"]!["key"]!.GetValue<string>() == CreditCode)!;
    }

    private async Task<(JsonNode Counts, JsonNode Link)> MapAsync(string linkKey)
    {
        var map = (await server.QueryAsync("""
            query($chain: String!, $district: String!) {
              chainMap(chain: $chain, scope: { district: $district }) { counts { present weak suggested } links { link { key } status countInScope } }
            }
            """, new { chain = Chain, district = District }))["chainMap"]!;
        return (map["counts"]!, map["links"]!.AsArray().Single(link => link!["link"]!["key"]!.GetValue<string>() == linkKey)!);
    }

    [BrowserFact(WorkbenchFeature.BundleFolder)]
    public async Task A_suggestion_shows_its_matched_words_and_a_confirmation_with_an_editor_key_is_counted_on_the_chain_map()
    {
        var editor = await server.CreateKeyAsync(ApiRole.Editor, "review-planner");
        var reader = await server.CreateKeyAsync(ApiRole.Reader, "review-reader");
        await ImportRegisterAsync(editor);
        var suggestion = await SuggestionAsync();
        var linkKey = suggestion["link"]!["key"]!.GetValue<string>();
        var scope = suggestion["enterprise"]!["facts"]!.AsArray()[0]!["value"]!.GetValue<string>();
        var word = suggestion["evidence"]!.AsArray().First(item => item!["kind"]!.GetValue<string>() == "WORD")!;
        var marked = scope.Substring(word["start"]!.GetValue<int>(), word["length"]!.GetValue<int>());
        var (_, before) = await MapAsync(linkKey);

        var playwright = await Playwright.CreateAsync();
        using (playwright)
        await using (var browser = await Hosting.Browser.LaunchAsync(playwright))
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
            page.SetDefaultTimeout(20_000);
            await page.GotoAsync(Url(Query(("view", "review"), ("chain", Chain), ("district", District))));
            await page.Locator("main[data-ready='review']").WaitForAsync();

            var row = page.Locator($"#review-table tr[data-enterprise='{CreditCode}'][data-link='{linkKey}']");
            await Assertions.Expect(row.Locator(".review-scope")).ToHaveTextAsync(scope);
            await Assertions.Expect(row.Locator(".review-scope mark").First).ToHaveTextAsync(marked);
            await Assertions.Expect(row.Locator(".review-status")).ToHaveTextAsync("待确认");

            // Without a key, then with a reader's: refused in Chinese, the row unchanged.
            await row.Locator(".review-confirm").ClickAsync();
            await Assertions.Expect(page.Locator("#review-message")).ToContainTextAsync("没有有效的编辑密钥");
            await page.Locator("#editor-key").FillAsync(reader);
            await page.Locator("#editor-key-save").ClickAsync();
            await row.Locator(".review-confirm").ClickAsync();
            await Assertions.Expect(page.Locator("#review-message")).ToContainTextAsync("没有编辑权限");
            await Assertions.Expect(row).ToHaveAttributeAsync("data-kind", "SUGGESTED");

            await page.Locator("#editor-key").FillAsync(editor);
            await page.Locator("#editor-key-save").ClickAsync();
            await row.Locator(".review-confirm").ClickAsync();
            await Assertions.Expect(row).ToHaveAttributeAsync("data-kind", "CONFIRMED");
            await Assertions.Expect(row.Locator(".review-status")).ToHaveTextAsync("已确认");
            Directory.CreateDirectory(WorkbenchBrowserTests.ScreenshotFolder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WorkbenchBrowserTests.ScreenshotFolder, "review.png") });
            Assert.DoesNotContain(editor, page.Url, StringComparison.Ordinal);
            Assert.Equal(editor, await page.EvaluateAsync<string>("sessionStorage.getItem('industrygraph.editorKey')"));

            var (counts, after) = await MapAsync(linkKey);
            Assert.Equal(before["countInScope"]!.GetValue<int>() + 1, after["countInScope"]!.GetValue<int>());
            await page.GotoAsync(Url(Query(("chain", Chain), ("district", District))));
            await page.Locator("main[data-ready='map']").WaitForAsync();
            var node = page.Locator($".link-node[data-link-key='{linkKey}']");
            await Assertions.Expect(node).ToContainTextAsync($"({after["countInScope"]!.GetValue<int>()})");
            await Assertions.Expect(node).ToHaveAttributeAsync("data-status", after["status"]!.GetValue<string>());
            await Assertions.Expect(page.Locator("#map-counts")).ToContainTextAsync($"已有 {counts["present"]}，薄弱 {counts["weak"]}，待确认 {counts["suggested"]}");

            // The status filter finds the decision; the Chinese page shows no Latin word but the industry code's.
            await page.GotoAsync(Url(Query(("view", "review"), ("chain", Chain), ("district", District), ("status", "CONFIRMED"))));
            await page.Locator("main[data-ready='review']").WaitForAsync();
            await Assertions.Expect(row).ToHaveAttributeAsync("data-kind", "CONFIRMED");
            var allowed = WorkbenchBrowserTests.LatinAllowedInChinese();
            var codes = (await server.QueryAsync("query($key: String!) { entity(ref: $key) { facts(key: \"industry_code\") { value } } }", new { key = CreditCode }))["entity"]!["facts"]!.AsArray();
            allowed.UnionWith(codes.Select(fact => fact!["value"]!.GetValue<string>()));
            var latin = WorkbenchBrowserTests.LatinWord().Matches(await page.Locator("body").InnerTextAsync()).Select(match => match.Value).Where(text => !allowed.Contains(text)).Distinct();
            Assert.Empty(latin);
        }
    }
}
