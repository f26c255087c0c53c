using System.Text.Json.Nodes;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Analysis;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.Analysis;

/// <summary>A change of data reaches the next analysis answer through one rebuild of the index; the cache never answers with old data.</summary>
public sealed class AnalysisIndexRefreshTests(RunningServer server) : IClassFixture<RunningServer>
{
    private const string MapQuery = """
        query { chainMap(chain: "智能传感器", scope: { district: "管城区" }) { segments { links { link { key } status countInScope enterprisesInScope { enterprise { key } sources { note } } } } } }
        """;

    private static List<JsonNode> Links(JsonNode data) =>
        data["chainMap"]!["segments"]!.AsArray().SelectMany(segment => segment!["links"]!.AsArray()).Select(link => link!).ToList();

    [Fact]
    public async Task A_write_to_the_store_rebuilds_the_index_once_and_the_next_answer_shows_it()
    {
        var provider = server.Services.GetRequiredService<AnalysisIndexProvider>();
        var store = server.Services.GetRequiredService<IGraphStore>();
        var before = Links(await server.QueryAsync(MapQuery));
        var missing = before.First(link => link["status"]!.GetValue<string>() == "MISSING")["link"]!["key"]!.GetValue<string>();
        var local = (await server.QueryAsync("""{ enterprises(district: "管城区", first: 2) { nodes { key } } }"""))["enterprises"]!["nodes"]!.AsArray()
            .Select(node => node!["key"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(local);
        var builds = provider.BuildCount;

        await store.ImportAsync(new GraphDataset([], [], [new Relationship(local[0], RelationshipTypes.WorksIn, missing, [SourceRef.FromCuration("refresh test")])]), ImportMode.Merge);
        var after = Links(await server.QueryAsync(MapQuery)).Single(link => link["link"]!["key"]!.GetValue<string>() == missing);

        Assert.Equal("WEAK", after["status"]!.GetValue<string>());
        Assert.Equal(local[0], after["enterprisesInScope"]![0]!["enterprise"]!["key"]!.GetValue<string>());
        Assert.Equal("refresh test", after["enterprisesInScope"]![0]!["sources"]![0]!["note"]!.GetValue<string>());
        Assert.Equal(builds + 1, provider.BuildCount);

        await server.QueryAsync(MapQuery);
        Assert.Equal(builds + 1, provider.BuildCount);

        // Many requests arriving right after a change share one rebuild.
        var link = before.Last(link => link["status"]!.GetValue<string>() == "MISSING" && link["link"]!["key"]!.GetValue<string>() != missing)["link"]!["key"]!.GetValue<string>();
        await store.ImportAsync(new GraphDataset([], [], [new Relationship(local[0], RelationshipTypes.WorksIn, link, [SourceRef.FromCuration("second change")])]), ImportMode.Merge);
        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => server.QueryAsync(MapQuery)));

        Assert.Equal(builds + 2, provider.BuildCount);
        Assert.All(answers, answer => Assert.Equal("WEAK", Links(answer).Single(l => l["link"]!["key"]!.GetValue<string>() == link)["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_same_question_at_the_same_data_version_is_answered_from_the_cache()
    {
        var cache = server.Services.GetRequiredService<AnalysisRunner>();
        const string Query = """{ coverage(chain: "超硬材料", scope: { district: "高新区" }, threshold: 3) { chains { total { missing } } } }""";

        var first = await server.QueryAsync(Query);
        var entries = cache.CachedAnswers;
        var second = await server.QueryAsync(Query);
        await server.QueryAsync("""{ coverage(chain: "超硬材料", scope: { district: "高新区" }, threshold: 4) { chains { total { missing } } } }""");

        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        Assert.Equal(entries + 1, cache.CachedAnswers);
    }
}
