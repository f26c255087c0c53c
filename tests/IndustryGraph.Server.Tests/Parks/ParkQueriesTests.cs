using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.Parks;

public sealed class ParkQueriesTests(RunningServer server) : IClassFixture<RunningServer>
{
    [Fact]
    public async Task Parks_in_a_district_are_the_parks_whose_district_it_is()
    {
        var data = await server.QueryAsync("""{ parks(district: "管城区", first: 100) { totalCount nodes { name district { name } } } }""");
        var parks = data["parks"]!["nodes"]!.AsArray();
        Assert.Equal(data["parks"]!["totalCount"]!.GetValue<int>(), parks.Count);
        Assert.Contains(parks, park => park!["name"]!.GetValue<string>() == "城发·金岱智慧产业园");
        Assert.All(parks, park => Assert.Equal("管城区", park!["district"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_parks_figures_carry_the_article_and_paragraph_they_come_from()
    {
        var data = await server.QueryAsync("""
            { entity(ref: "金岱智慧产业园", kind: PARK) { name ... on Park { operator { name } }
                facts(key: "enterprise_count") { value number unit sources { document paragraph curated } } } }
            """);
        var park = data["entity"]!;
        Assert.Equal("城发·金岱智慧产业园", park["name"]!.GetValue<string>());
        Assert.Equal("郑州城发产城投资集团", park["operator"]!["name"]!.GetValue<string>());
        var facts = park["facts"]!.AsArray();
        Assert.NotEmpty(facts);
        Assert.All(facts, fact =>
        {
            var source = fact!["sources"]![0]!;
            Assert.False(source["curated"]!.GetValue<bool>());
            Assert.StartsWith("00", source["document"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.True(source["paragraph"]!.GetValue<int>() > 0);
        });
        Assert.Contains(facts, fact => fact!["number"]?.GetValue<double>() == 180 && fact["unit"]!.GetValue<string>() == "家");
    }

    [Fact]
    public async Task Enterprises_of_a_park_page_to_the_end_with_cursors()
    {
        var seen = new List<string>();
        string? after = null;
        int total;
        do
        {
            var data = await server.QueryAsync("""
                query($after: String) { entity(ref: "park-jindai") { ... on Park { enterprises(first: 1, after: $after) {
                  totalCount pageInfo { hasNextPage endCursor } nodes { name } } } } }
                """, new { after });
            var connection = data["entity"]!["enterprises"]!;
            total = connection["totalCount"]!.GetValue<int>();
            seen.AddRange(connection["nodes"]!.AsArray().Select(node => node!["name"]!.GetValue<string>()));
            after = connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? connection["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);
        Assert.True(total >= 2);
        Assert.Equal(total, seen.Distinct().Count());
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
    }
}
