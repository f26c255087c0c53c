using System.Text.Json.Nodes;
using IndustryGraph.Domain.Access;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.Placements;

/// <summary>A planner's decisions through HTTP on the seed: they are stored, listed, counted by the analysis and refused without a key.</summary>
public sealed class PlacementMutationsTests(RunningServer server) : IClassFixture<RunningServer>
{
    private const string Chain = "智能传感器";
    private const string District = "管城区";

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    private async Task<(string Link, string Status, string Enterprise)> GapAndNewcomerAsync()
    {
        var data = await server.QueryAsync("""
            query($chain: String!, $district: String!) {
              chainMap(chain: $chain, scope: { district: $district }) { links { link { key } status } }
              enterprises(district: $district, first: 1) { nodes { key } }
            }
            """, new { chain = Chain, district = District });
        var gap = data["chainMap"]!["links"]!.AsArray().First(link => Text(link!["status"]) is "MISSING" or "UNMAPPED")!;
        return (Text(gap["link"]!["key"]), Text(gap["status"]), Text(data["enterprises"]!["nodes"]![0]!["key"]));
    }

    private async Task<JsonNode> LinkAsync(string link) =>
        (await server.QueryAsync("""
            query($chain: String!, $district: String!) {
              chainMap(chain: $chain, scope: { district: $district }) { links { link { key } status rule countInScope enterprisesInScope { enterprise { key } kind decidedBy } } }
            }
            """, new { chain = Chain, district = District }))["chainMap"]!["links"]!.AsArray().Single(node => Text(node!["link"]!["key"]) == link)!;

    [Fact]
    public async Task A_confirmed_placement_counts_in_the_chain_map_is_listed_with_who_decided_and_a_rejection_undoes_it()
    {
        var (link, statusBefore, enterprise) = await GapAndNewcomerAsync();
        var key = await server.CreateKeyAsync(ApiRole.Editor, "placement-planner");

        var confirmed = await server.PostWithKeyAsync(key, """
            mutation($enterprise: String!, $link: String!) { confirmPlacement(enterprise: $enterprise, link: $link) { enterprise { key } link { key } kind decidedBy decidedAt } }
            """, new { enterprise, link });
        Assert.Null(confirmed.Errors);
        var stored = confirmed.Data!["confirmPlacement"]![0]!;
        Assert.Equal(("CONFIRMED", "placement-planner"), (Text(stored["kind"]), Text(stored["decidedBy"])));
        Assert.NotNull(stored["decidedAt"]);

        var after = await LinkAsync(link);
        Assert.Equal("WEAK", Text(after["status"]));
        Assert.Equal(1, after["countInScope"]!.GetValue<int>());
        var placed = Assert.Single(after["enterprisesInScope"]!.AsArray())!;
        Assert.Equal((enterprise, "CONFIRMED", "placement-planner"), (Text(placed["enterprise"]!["key"]), Text(placed["kind"]), Text(placed["decidedBy"])));
        Assert.Contains("a planner's confirmation", Text(after["rule"]), StringComparison.Ordinal);

        var listed = await server.QueryAsync("""
            query($chain: String!, $district: String!) { placements(status: CONFIRMED, chain: $chain, district: $district) { totalCount nodes { enterprise { key } link { key } kind } } }
            """, new { chain = Chain, district = District });
        Assert.Contains(listed["placements"]!["nodes"]!.AsArray(), node => Text(node!["enterprise"]!["key"]) == enterprise && Text(node["link"]!["key"]) == link);

        var rejected = await server.PostWithKeyAsync(key, """
            mutation($enterprise: String!, $link: String!) { rejectPlacement(placements: [{ enterprise: $enterprise, link: $link }]) { kind } }
            """, new { enterprise, link });
        Assert.Null(rejected.Errors);
        Assert.Equal("REJECTED", Text(rejected.Data!["rejectPlacement"]![0]!["kind"]));
        Assert.Equal(statusBefore, Text((await LinkAsync(link))["status"]));
        var rejections = await server.QueryAsync("""{ placements(status: REJECTED) { totalCount nodes { enterprise { key } } } }""");
        Assert.Contains(rejections["placements"]!["nodes"]!.AsArray(), node => Text(node!["enterprise"]!["key"]) == enterprise);
    }

    [Fact]
    public async Task Decisions_need_an_editor_key_and_name_what_they_cannot_find()
    {
        var (link, statusBefore, enterprise) = await GapAndNewcomerAsync();
        const string Confirm = "mutation($enterprise: String!, $link: String!) { confirmPlacement(enterprise: $enterprise, link: $link) { kind } }";

        var anonymous = await server.PostWithKeyAsync(null, Confirm, new { enterprise, link });
        Assert.NotEmpty(anonymous.ErrorCodes);
        Assert.Equal(statusBefore, Text((await LinkAsync(link))["status"]));

        var key = await server.CreateKeyAsync(ApiRole.Editor, "placement-planner-2");
        var unknown = await server.PostWithKeyAsync(key, Confirm, new { enterprise, link = "link-does-not-exist" });
        Assert.Equal(["NOT_FOUND"], unknown.ErrorCodes);
        Assert.Contains("confirmPlacement.link", unknown.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(statusBefore, Text((await LinkAsync(link))["status"]));
    }

    [Fact]
    public async Task The_placements_list_pages_with_stable_cursors_and_counts_what_it_filters()
    {
        var first = await server.QueryAsync("""{ placements(chain: "智能传感器", first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { enterprise { key } link { key } kind } } }""");
        var page = first["placements"]!;
        var total = page["totalCount"]!.GetValue<int>();
        Assert.True(total > 2, "the seed places more than two enterprises in the 智能传感器 chain");
        Assert.True(page["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var second = (await server.QueryAsync("""query($after: String!) { placements(chain: "智能传感器", first: 2, after: $after) { nodes { enterprise { key } link { key } } } }""",
            new { after = Text(page["pageInfo"]!["endCursor"]) }))["placements"]!["nodes"]!.AsArray();
        var all = (await server.QueryAsync("""{ placements(chain: "智能传感器", first: 100) { nodes { enterprise { key } link { key } kind } } }"""))["placements"]!["nodes"]!.AsArray();
        Assert.Equal(total, all.Count);
        string Pair(JsonNode? node) => $"{Text(node!["enterprise"]!["key"])}→{Text(node["link"]!["key"])}";
        Assert.Equal(all.Skip(2).Take(2).Select(Pair), second.Select(Pair));
        Assert.All(all, node => Assert.Contains(Text(node!["kind"]), new[] { "SOURCED", "CURATED", "CONFIRMED", "SUGGESTED", "REJECTED" }));

        var forged = await server.PostAsync("""{ placements(after: "bm90IGEgY3Vyc29y") { totalCount } }""");
        Assert.Equal(["BAD_USER_INPUT"], forged.ErrorCodes);
        var badScore = await server.PostAsync("""{ placements(minScore: 2) { totalCount } }""");
        Assert.Equal(["BAD_USER_INPUT"], badScore.ErrorCodes);
    }
}
