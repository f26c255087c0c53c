using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.Entities;

public sealed class EntityQueriesTests(RunningServer server) : IClassFixture<RunningServer>
{
    [Theory]
    [InlineData("金岱", "城发·金岱智慧产业园")]
    [InlineData("三磨所", "郑州磨料磨具磨削研究所")]
    [InlineData("汉威", "汉威科技")]
    public async Task Search_finds_chinese_substrings_of_any_length_best_match_first(string text, string expectedFirst)
    {
        var data = await server.QueryAsync("query($t: String!) { search(text: $t) { score entity { name kind } } }", new { t = text });
        var hits = data["search"]!.AsArray();
        Assert.NotEmpty(hits);
        Assert.Equal(expectedFirst, hits[0]!["entity"]!["name"]!.GetValue<string>());
        var scores = hits.Select(hit => hit!["score"]!.GetValue<double>()).ToList();
        Assert.Equal(scores.OrderByDescending(score => score), scores);
    }

    [Fact]
    public async Task Every_id_handed_out_resolves_through_node()
    {
        var data = await server.QueryAsync("{ parks(first: 50) { nodes { id name district { id name } } } }");
        foreach (var park in data["parks"]!["nodes"]!.AsArray())
        {
            foreach (var entity in new[] { park, park!["district"] }.Where(entity => entity is not null))
            {
                var node = await server.QueryAsync("query($id: ID!) { node(id: $id) { id ... on Entity { name } } }", new { id = entity!["id"]!.GetValue<string>() });
                Assert.Equal(entity["name"]!.GetValue<string>(), node["node"]!["name"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public async Task An_unknown_filter_name_is_a_not_found_error_not_an_empty_list()
    {
        var response = await server.PostAsync("{ parks(district: \"不存在区\") { totalCount } }");
        Assert.Contains("NOT_FOUND", response.ErrorCodes);
        Assert.Contains("不存在区", response.Errors![0]!["message"]!.GetValue<string>());
    }
}
