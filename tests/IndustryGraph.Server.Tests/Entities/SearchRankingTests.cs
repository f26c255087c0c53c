using IndustryGraph.Domain.Search;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Tests.Hosting;
using IndustryGraph.Server.Transfer;
using IndustryGraph.Storage.Contract;

namespace IndustryGraph.Server.Tests.Entities;

/// <summary>Search over HTTP on a generated graph, where thousands of names share each short text, against a full scan.</summary>
public sealed class SearchRankingTests : IAsyncLifetime
{
    private readonly TestDirectory folder = new("search");
    private RunningServer server = null!;

    public async Task InitializeAsync()
    {
        new GraphGenerator(GraphSize.S, seed: 5).WriteTo(folder.Path);
        server = new RunningServer { SeedFolderPath = folder.Path };
        await server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        folder.Dispose();
    }

    [Theory]
    [InlineData("装备", 20)]
    [InlineData("医药", 20)]
    [InlineData("科技", 5)]
    [InlineData("有限公司", 20)]
    [InlineData("新能源", 10)]
    [InlineData("园", 20)]
    public async Task Search_returns_exactly_the_best_matches_of_a_full_scan(string text, int first)
    {
        var graph = await server.Services.GetRequiredService<IGraphStore>().ReadAllAsync();
        var containing = graph.Entities.Count(entity => NameMatch.Rank(entity, text) is not null);
        var expected = NameMatch.BestByScan(graph.Entities, text, kinds: null, first);

        var hits = (await server.QueryAsync("query($t: String!, $n: Int) { search(text: $t, first: $n) { score entity { key } } }", new { t = text, n = first }))["search"]!.AsArray();
        var actual = hits.Select(hit => hit!["entity"]!["key"]!.GetValue<string>()).ToList();

        Assert.True(containing > first, $"'{text}' is in only {containing} names: the test needs more matches than it asks for");
        Assert.Equal(expected, actual);
        var scores = hits.Select(hit => hit!["score"]!.GetValue<double>()).ToList();
        Assert.Equal(scores.OrderByDescending(score => score), scores);
    }
}
