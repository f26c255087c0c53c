using System.Text.Json.Nodes;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.GraphQL;

/// <summary>Apollo Client (node, tests/clients/apollo.mjs) against the real server: examples, paging to the end, persisted queries.</summary>
public sealed class ApolloClientTests(RunningServer server) : IClassFixture<RunningServer>
{
    private JsonNode? report;

    private async Task<JsonNode> ReportAsync()
    {
        if (report is null)
        {
            var run = await Repository.RunNodeAsync("apollo.mjs", new Uri(server.BaseAddress, "/graphql").ToString(), Repository.ExamplesFolder);
            Assert.True(run.ExitCode == 0, $"apollo.mjs failed ({run.ExitCode}): {run.Error}");
            report = JsonNode.Parse(run.Output)!;
        }

        return report;
    }

    [Fact]
    public async Task Apollo_runs_every_example_operation_with_data()
    {
        var examples = (await ReportAsync())["examples"]!.AsArray();
        Assert.Equal(Directory.GetFiles(Repository.ExamplesFolder, "*.graphql").Length, examples.Count);
        foreach (var example in examples)
        {
            Assert.True(example!["ok"]!.GetValue<bool>(), $"{example["file"]}: {example["error"]}");
            Assert.NotNull(example["data"]);
        }
    }

    [Fact]
    public async Task Apollo_pages_a_cursor_connection_to_its_end_forwards_and_backwards()
    {
        var result = await ReportAsync();
        var forward = result["forward"]!;
        var total = forward["totalCount"]!.GetValue<int>();
        var ids = forward["ids"]!.AsArray().Select(id => id!.GetValue<string>()).ToList();
        var backwardIds = result["backward"]!["ids"]!.AsArray().Select(id => id!.GetValue<string>()).ToList();

        Assert.True(total > 20, $"the seed should have more parks than one page: {total}");
        Assert.Equal((total + 9) / 10, forward["pages"]!.GetValue<int>());
        Assert.Equal(total, ids.Count);
        Assert.Equal(total, ids.Distinct().Count());
        Assert.Equal(ids, backwardIds);
    }

    [Fact]
    public async Task Apollo_persisted_queries_miss_then_retry_with_the_query_then_hit_by_hash_over_get()
    {
        var persisted = (await ReportAsync())["persisted"]!;
        Assert.True(persisted["firstOk"]!.GetValue<bool>());
        Assert.True(persisted["secondOk"]!.GetValue<bool>());
        Assert.True(persisted["sameData"]!.GetValue<bool>());
        var first = persisted["requestsForFirst"]!.AsArray();
        Assert.Equal(2, first.Count);
        Assert.False(first[0]!["carriesQuery"]!.GetValue<bool>());
        Assert.True(first[1]!["carriesQuery"]!.GetValue<bool>());
        var second = Assert.Single(persisted["requestsForSecond"]!.AsArray());
        Assert.Equal("GET", second!["method"]!.GetValue<string>());
        Assert.False(second["carriesQuery"]!.GetValue<bool>());
    }
}
