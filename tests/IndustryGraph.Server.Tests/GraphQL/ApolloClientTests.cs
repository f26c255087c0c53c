using System.Text.Json.Nodes;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.GraphQL;

/// <summary>One run of tests/clients/apollo.mjs against one real server; the tests read its report.</summary>
public sealed class ApolloRun : IAsyncLifetime
{
    private readonly RunningServer server = new();

    public JsonNode Report { get; private set; } = new JsonObject();

    public async Task InitializeAsync()
    {
        await server.InitializeAsync();
        var run = await Repository.RunNodeAsync("apollo.mjs", new Uri(server.BaseAddress, "/graphql").ToString(), Repository.ExamplesFolder);
        Assert.True(run.ExitCode == 0, $"apollo.mjs failed ({run.ExitCode}): {run.Error}");
        Report = JsonNode.Parse(run.Output)!;
    }

    public Task DisposeAsync() => server.DisposeAsync();
}

/// <summary>Apollo Client (node, tests/clients/apollo.mjs) against the real server: examples, paging to the end, persisted queries.</summary>
public sealed class ApolloClientTests(ApolloRun run) : IClassFixture<ApolloRun>
{
    private Task<JsonNode> ReportAsync() => Task.FromResult(run.Report);

    [NodeClientsFact]
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

    [NodeClientsFact]
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

    [NodeClientsFact]
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

    [NodeClientsFact]
    public async Task The_standard_introspection_query_passes_the_limits()
    {
        var introspection = (await ReportAsync())["introspection"]!;
        Assert.True(introspection["ok"]!.GetValue<bool>(), introspection["error"]?.ToJsonString());
        Assert.True(introspection["types"]!.GetValue<int>() > 30);
    }
}
