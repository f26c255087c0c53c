using System.Text.Json.Nodes;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.Entities;

/// <summary>Cursor connections on the shipped seed: paging both ways, the page size limit, filters and ordering.</summary>
public sealed class ListTests(RunningServer server) : IClassFixture<RunningServer>
{
    private async Task<List<string>> AllKeysAsync(string list, string arguments = "")
    {
        var data = await server.QueryAsync($"{{ {list}(first: 100{arguments}) {{ totalCount nodes {{ key }} }} }}");
        return data[list]!["nodes"]!.AsArray().Select(node => node!["key"]!.GetValue<string>()).ToList();
    }

    [Theory]
    [InlineData("parks", 7)]
    [InlineData("enterprises", 6)]
    [InlineData("chainLinks", 100)]
    public async Task Paging_forward_with_first_after_and_backward_with_last_before_reaches_every_item_once(string list, int size)
    {
        var total = (await server.QueryAsync($"{{ {list} {{ totalCount }} }}"))[list]!["totalCount"]!.GetValue<int>();
        Assert.True(total > size, $"{list}: {total} items is less than one page");

        var forward = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = (await server.QueryAsync($"query($after: String) {{ {list}(first: {size}, after: $after) {{ totalCount pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }} edges {{ cursor node {{ key }} }} }} }}", new { after }))[list]!;
            Assert.Equal(total, page["totalCount"]!.GetValue<int>());
            Assert.Equal(after is not null, page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
            var edges = page["edges"]!.AsArray();
            Assert.Equal(edges[^1]!["cursor"]!.GetValue<string>(), page["pageInfo"]!["endCursor"]!.GetValue<string>());
            forward.AddRange(edges.Select(edge => edge!["node"]!["key"]!.GetValue<string>()));
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
            pages++;
        }
        while (after is not null);

        var backward = new List<string>();
        string? before = null;
        do
        {
            var page = (await server.QueryAsync($"query($before: String) {{ {list}(last: {size}, before: $before) {{ pageInfo {{ hasNextPage hasPreviousPage startCursor }} nodes {{ key }} }} }}", new { before }))[list]!;
            Assert.Equal(before is not null, page["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
            backward.InsertRange(0, page["nodes"]!.AsArray().Select(node => node!["key"]!.GetValue<string>()));
            before = page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>() ? page["pageInfo"]!["startCursor"]!.GetValue<string>() : null;
        }
        while (before is not null);

        Assert.Equal((total + size - 1) / size, pages);
        Assert.Equal(total, forward.Count);
        Assert.Equal(total, forward.Distinct().Count());
        Assert.Equal(forward, backward);
    }

    [Theory]
    [InlineData("{ parks(first: 101) { totalCount } }", "PAGE_TOO_LARGE")]
    [InlineData("{ parks(last: 1000) { totalCount } }", "PAGE_TOO_LARGE")]
    [InlineData("{ parks(first: 1) { nodes { enterprises(first: 500) { totalCount } } } }", "PAGE_TOO_LARGE")]
    [InlineData("{ search(text: \"园\", first: 1000) { score } }", "PAGE_TOO_LARGE")]
    [InlineData("{ parks(first: -1) { totalCount } }", "BAD_USER_INPUT")]
    [InlineData("{ parks(first: 1, last: 1) { totalCount } }", "BAD_USER_INPUT")]
    [InlineData("{ parks(after: \"not-a-cursor\") { totalCount } }", "BAD_USER_INPUT")]
    [InlineData("{ parks(orderBy: {by: FACT}) { totalCount } }", "BAD_USER_INPUT")]
    public async Task Bad_paging_arguments_get_a_clear_coded_error(string query, string code)
    {
        var response = await server.PostAsync(query);
        Assert.Equal(code, Assert.Single(response.ErrorCodes));
        Assert.DoesNotContain("Exception", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parks_filter_by_district_chain_and_name()
    {
        var inGuancheng = (await server.QueryAsync("{ parks(district: \"管城区\", first: 100) { nodes { name district { name } } } }"))["parks"]!["nodes"]!.AsArray();
        Assert.Contains(inGuancheng, park => park!["name"]!.GetValue<string>() == "城发·金岱智慧产业园");
        Assert.All(inGuancheng, park => Assert.Equal("管城区", park!["district"]!["name"]!.GetValue<string>()));

        var byAlias = (await server.QueryAsync("{ parks(district: \"管城回族区\", first: 100) { nodes { name } } }"))["parks"]!["nodes"]!.AsArray();
        Assert.Equal(inGuancheng.Count, byAlias.Count);

        var named = (await server.QueryAsync("{ parks(nameContains: \"金岱\") { nodes { name aliases } } }"))["parks"]!["nodes"]!.AsArray();
        Assert.NotEmpty(named);
        Assert.All(named, park => Assert.True(park!["name"]!.GetValue<string>().Contains("金岱", StringComparison.Ordinal) || park["aliases"]!.AsArray().Any(alias => alias!.GetValue<string>().Contains("金岱", StringComparison.Ordinal))));

        var chainParks = (await server.QueryAsync("{ parks(chain: \"智能制造\", first: 100) { nodes { key chains { name } } } }"))["parks"]!["nodes"]!.AsArray();
        Assert.NotEmpty(chainParks);
        Assert.True(chainParks.Count < (await AllKeysAsync("parks")).Count);
    }

    [Fact]
    public async Task Enterprises_filter_by_park_district_chain_and_tag()
    {
        var inJindai = (await server.QueryAsync("{ enterprises(park: \"金岱智慧产业园\", first: 100) { nodes { name parks { name } } } }"))["enterprises"]!["nodes"]!.AsArray();
        Assert.All(inJindai, enterprise => Assert.Contains(enterprise!["parks"]!.AsArray(), park => park!["name"]!.GetValue<string>() == "城发·金岱智慧产业园"));

        var inGaoxin = (await server.QueryAsync("{ enterprises(district: \"郑州高新技术产业开发区\", first: 100) { nodes { name district { name } } } }"))["enterprises"]!["nodes"]!.AsArray();
        Assert.NotEmpty(inGaoxin);
        Assert.All(inGaoxin, enterprise => Assert.Equal("郑州高新技术产业开发区", enterprise!["district"]!["name"]!.GetValue<string>()));

        var sensors = (await server.QueryAsync("{ enterprises(chain: \"智能传感器\", first: 100) { nodes { name } } }"))["enterprises"]!["nodes"]!.AsArray();
        Assert.Contains(sensors, enterprise => enterprise!["name"]!.GetValue<string>() == "汉威科技");

        var anchors = (await server.QueryAsync("{ enterprises(tag: \"anchor\", first: 100) { nodes { tags } } }"))["enterprises"]!["nodes"]!.AsArray();
        Assert.NotEmpty(anchors);
        Assert.All(anchors, enterprise => Assert.Contains("anchor", enterprise!["tags"]!.AsArray().Select(tag => tag!.GetValue<string>())));
    }

    [Fact]
    public async Task Lists_order_by_name_either_way_and_by_a_figure_with_the_missing_last()
    {
        var ascending = await NamesAsync("{ enterprises(first: 100, orderBy: {by: NAME}) { nodes { name } } }", "enterprises");
        var descending = await NamesAsync("{ enterprises(first: 100, orderBy: {by: NAME, direction: DESC}) { nodes { name } } }", "enterprises");
        Assert.Equal(ascending.Order(StringComparer.Ordinal), ascending);
        Assert.Equal(ascending.AsEnumerable().Reverse(), descending);

        var byCount = (await server.QueryAsync("""{ parks(first: 100, orderBy: {by: FACT, fact: "jobs_target", direction: DESC}) { nodes { name facts(key: "jobs_target") { number } } } }"""))["parks"]!["nodes"]!.AsArray();
        var numbers = byCount.Select(park => park!["facts"]!.AsArray().Select(fact => fact!["number"]?.GetValue<double>()).FirstOrDefault()).ToList();
        var known = numbers.TakeWhile(number => number is not null).Select(number => number!.Value).ToList();
        Assert.True(known.Count >= 2, "the seed should give several parks a jobs_target");
        Assert.Equal(known.OrderDescending(), known);
        Assert.All(numbers.Skip(known.Count), number => Assert.Null(number));
    }

    private async Task<List<string>> NamesAsync(string query, string list) =>
        (await server.QueryAsync(query))[list]!["nodes"]!.AsArray().Select(node => node!["name"]!.GetValue<string>()).ToList();
}

/// <summary>Filters that need data the articles do not give (enterprises placed in chain links), on a generated seed.</summary>
public sealed class GeneratedListTests : IAsyncLifetime
{
    private readonly GeneratedSeed seed = new(parks: 8, enterprisesPerPark: 6);
    private RunningServer server = null!;

    public async Task InitializeAsync()
    {
        server = new RunningServer { SeedFolderPath = seed.Folder };
        await server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        seed.Dispose();
    }

    [Fact]
    public async Task Enterprises_filter_by_link_and_parks_order_by_a_figure()
    {
        var inLink = (await server.QueryAsync("{ enterprises(link: \"测试环节2\", first: 100) { totalCount nodes { chainLinks { name } } } }"))["enterprises"]!;
        Assert.Equal(16, inLink["totalCount"]!.GetValue<int>());
        Assert.All(inLink["nodes"]!.AsArray(), enterprise => Assert.Contains(enterprise!["chainLinks"]!.AsArray(), link => link!["name"]!.GetValue<string>() == "测试环节2"));

        var byArea = (await server.QueryAsync("""{ parks(first: 3, orderBy: {by: FACT, fact: "land_area", direction: DESC}) { nodes { key } } }"""))["parks"]!["nodes"]!.AsArray();
        Assert.Equal(["park-fx-008", "park-fx-007", "park-fx-006"], byArea.Select(park => park!["key"]!.GetValue<string>()));
    }
}
