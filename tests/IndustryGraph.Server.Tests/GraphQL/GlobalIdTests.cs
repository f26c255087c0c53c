using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.GraphQL;

/// <summary>Global object identification: every id resolves through node/nodes, ids are opaque and stable.</summary>
public sealed class GlobalIdTests(RunningServer server) : IClassFixture<RunningServer>
{
    private static readonly string[] Lists = ["parks", "enterprises", "chains", "chainLinks", "districts", "researchPartners", "organizations", "sourceDocuments"];

    /// <summary>Every entity of every top-level list: key → id, paged to the end.</summary>
    private static async Task<Dictionary<string, string>> AllIdsAsync(RunningServer target)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var list in Lists)
        {
            string? after = null;
            do
            {
                var page = (await target.QueryAsync($"query($after: String) {{ {list}(first: 100, after: $after) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ id key }} }} }}", new { after }))[list]!;
                foreach (var node in page["nodes"]!.AsArray())
                {
                    ids.Add(node!["key"]!.GetValue<string>(), node["id"]!.GetValue<string>());
                }

                after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
            }
            while (after is not null);
        }

        return ids;
    }

    [Fact]
    public async Task Ids_are_identical_on_two_servers_loaded_from_the_same_seed()
    {
        var first = await AllIdsAsync(server);
        var other = new RunningServer();
        await other.InitializeAsync();
        try
        {
            var second = await AllIdsAsync(other);
            Assert.True(first.Count > 500, $"expected the whole seed, got {first.Count} entities");
            Assert.Equal(first.OrderBy(pair => pair.Key, StringComparer.Ordinal), second.OrderBy(pair => pair.Key, StringComparer.Ordinal));
        }
        finally
        {
            await other.DisposeAsync();
        }
    }

    [Fact]
    public async Task Ids_are_opaque_and_distinct()
    {
        var ids = await AllIdsAsync(server);
        Assert.Equal(ids.Count, ids.Values.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, pair => Assert.DoesNotContain(pair.Key, pair.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nodes_resolves_every_id_in_order_with_null_for_unknown_ones()
    {
        var ids = (await AllIdsAsync(server)).ToList();
        for (var start = 0; start < ids.Count; start += 100)
        {
            var batch = ids.Skip(start).Take(100).ToList();
            var nodes = (await server.QueryAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Entity { key } } }", new { ids = batch.Select(pair => pair.Value).ToArray() }))["nodes"]!.AsArray();
            Assert.Equal(batch.Select(pair => pair.Key), nodes.Select(node => node!["key"]!.GetValue<string>()));
        }

        var mixed = (await server.QueryAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids = new[] { ids[0].Value, "bm90LWFuLWlk", "%%%", ids[1].Value } }))["nodes"]!.AsArray();
        Assert.Equal(ids[0].Value, mixed[0]!["id"]!.GetValue<string>());
        Assert.Null(mixed[1]);
        Assert.Null(mixed[2]);
        Assert.Equal(ids[1].Value, mixed[3]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Nodes_refuses_more_ids_than_the_page_size_limit()
    {
        var response = await server.PostAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids = Enumerable.Repeat("x", 101).ToArray() });
        Assert.Contains("PAGE_TOO_LARGE", response.ErrorCodes);
    }
}
