using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.Chains;

public sealed class ChainQueriesTests(RunningServer server) : IClassFixture<RunningServer>
{
    [Fact]
    public async Task Every_chain_has_at_least_six_links_across_three_segments_in_chain_order()
    {
        var data = await server.QueryAsync("{ chains(first: 100) { totalCount nodes { name links { segment position chain { name } } } } }");
        Assert.True(data["chains"]!["totalCount"]!.GetValue<int>() <= 100, "more chains than one page: page this test");
        foreach (var chain in data["chains"]!["nodes"]!.AsArray())
        {
            var links = chain!["links"]!.AsArray();
            var name = chain["name"]!.GetValue<string>();
            Assert.True(links.Count >= 6, $"{name} has {links.Count} links");
            var segments = links.Select(link => link!["segment"]!.GetValue<string>()).ToList();
            Assert.Equal(["UPSTREAM", "MIDSTREAM", "DOWNSTREAM"], segments.Distinct());
            Assert.All(links, link => Assert.Equal(name, link!["chain"]!["name"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Upstream_and_downstream_of_links_mirror_each_other()
    {
        var data = await server.QueryAsync("""{ chainLinks(chain: "智能传感器", first: 50) { nodes { key upstream { key } downstream { key } } } }""");
        var links = data["chainLinks"]!["nodes"]!.AsArray();
        var downstream = links.SelectMany(link => link!["downstream"]!.AsArray().Select(other => (From: link["key"]!.GetValue<string>(), To: other!["key"]!.GetValue<string>()))).ToHashSet();
        var upstream = links.SelectMany(link => link!["upstream"]!.AsArray().Select(other => (From: other!["key"]!.GetValue<string>(), To: link["key"]!.GetValue<string>()))).ToHashSet();
        Assert.NotEmpty(downstream);
        Assert.Equal(downstream.Order(), upstream.Order());
    }

    [Fact]
    public async Task Enterprises_in_the_smart_sensor_chain_show_their_link_with_curated_provenance()
    {
        var data = await server.QueryAsync("""
            { enterprises(chain: "智能传感器", first: 50) { nodes { name district { name }
                relationships(type: "WORKS_IN", direction: OUT) { other { ... on ChainLink { chain { name } } } sources { curated note } } } } }
            """);
        var enterprises = data["enterprises"]!["nodes"]!.AsArray();
        Assert.Contains(enterprises, enterprise => enterprise!["name"]!.GetValue<string>() == "汉威科技");
        var placements = enterprises.SelectMany(enterprise => enterprise!["relationships"]!.AsArray()).ToList();
        Assert.NotEmpty(placements);
        Assert.All(placements, placement => Assert.All(placement!["sources"]!.AsArray(), source =>
            Assert.True(source!["curated"]!.GetValue<bool>() && source["note"]!.GetValue<string>().Length > 0)));
    }
}
