using System.Text.Json.Nodes;
using IndustryGraph.Domain.Access;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.Editing;

/// <summary>An editor adds a report of a chain in a place (a fact about the chain) and the analysis shows it at once.</summary>
public sealed class FactAboutMutationTests(RunningServer server) : IClassFixture<RunningServer>
{
    private const string AddFact = """
        mutation($input: AddFactInput!) { addFact(input: $input) { key value number entity { name } about { name } } }
        """;

    private static readonly object Article = new { document = "003_18b84582b9f4eec0.txt", paragraph = 5 };

    [Fact]
    public async Task A_park_count_about_a_chain_added_by_an_editor_is_a_report_in_the_analysis()
    {
        var editor = await server.CreateKeyAsync(ApiRole.Editor, "editor-about");
        var response = await server.PostWithKeyAsync(editor, AddFact, new
        {
            input = new { entity = "d-jinshui", key = "park_count", value = "5个", about = new[] { "人工智能" }, provenance = Article },
        });
        Assert.True(response.Errors is null, response.Body?.ToJsonString());
        Assert.Equal(["人工智能"], response.Data!["addFact"]!["about"]!.AsArray().Select(chain => chain!["name"]!.GetValue<string>()));

        var map = (await server.QueryAsync("""
            { chainMap(chain: "人工智能", scope: { district: "金水区" }) { links { status reports { kind count place { name } } } } }
            """))["chainMap"]!;
        Assert.All(map["links"]!.AsArray(), link =>
        {
            Assert.NotEqual("MISSING", link!["status"]!.GetValue<string>());
            Assert.Contains(link["reports"]!.AsArray(), report => report!["kind"]!.GetValue<string>() == "PARK_COUNT" && report["count"]!.GetValue<double>() == 5
                && report["place"]!["name"]!.GetValue<string>() == "金水区");
        });
    }

    [Fact]
    public async Task An_unknown_park_category_or_about_name_is_refused()
    {
        var editor = await server.CreateKeyAsync(ApiRole.Editor, "editor-category");
        var category = await server.PostWithKeyAsync(editor, AddFact, new
        {
            input = new { entity = "park-jindai", key = "category", value = "BUSINESS_PARK", provenance = new { curated = true, note = "a guess" } },
        });
        Assert.Equal(["BAD_USER_INPUT"], category.ErrorCodes);
        Assert.Contains("SMALL_MICRO_PARK", category.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var about = await server.PostWithKeyAsync(editor, AddFact, new
        {
            input = new { entity = "d-jinshui", key = "park_count", value = "5个", about = new[] { "没有这条链" }, provenance = Article },
        });
        Assert.Equal(["NOT_FOUND"], about.ErrorCodes);
        Assert.Contains("about[0]", about.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
