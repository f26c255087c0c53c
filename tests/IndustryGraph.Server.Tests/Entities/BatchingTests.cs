using IndustryGraph.Server.Tests.Hosting;
using IndustryGraph.Storage.Contract;
using Xunit.Abstractions;

namespace IndustryGraph.Server.Tests.Entities;

/// <summary>
/// No N+1: relationship fields are batched, so store round-trips (calls through the port, counted by a decorator,
/// whichever adapter serves) do not grow with the number of parents.
/// </summary>
public sealed class BatchingTests(ITestOutputHelper output)
{
    private const string ParksWithEnterprises = """
        query($first: Int!) {
          parks(first: $first) {
            totalCount
            nodes {
              name
              district { name }
              operator { name }
              enterprises(first: 10) { totalCount nodes { name chainLinks { name segment } } }
            }
          }
        }
        """;

    private static async Task<(long RoundTrips, int Parks, int Enterprises, int Links)> RunAsync(int parks)
    {
        using var seed = new GeneratedSeed(parks, enterprisesPerPark: 12);
        CountingGraphStore? store = null;
        var server = new RunningServer { SeedFolderPath = seed.Folder, Configure = services => services.DecorateGraphStore(inner => store = new CountingGraphStore(inner)) };
        await server.InitializeAsync();
        try
        {
            Assert.NotNull(store);
            var before = store.RoundTrips;
            var data = await server.QueryAsync(ParksWithEnterprises, new { first = parks });
            var roundTrips = store.RoundTrips - before;
            var nodes = data["parks"]!["nodes"]!.AsArray();
            Assert.All(nodes, park =>
            {
                Assert.NotNull(park!["district"]);
                Assert.NotNull(park["operator"]);
            });
            var enterprises = nodes.SelectMany(park => park!["enterprises"]!["nodes"]!.AsArray()).ToList();
            var links = enterprises.Sum(enterprise => enterprise!["chainLinks"]!.AsArray().Count);
            return (roundTrips, nodes.Count, enterprises.Count, links);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Fifty_parks_with_district_operator_enterprises_and_chain_links_cost_as_many_round_trips_as_ten()
    {
        var ten = await RunAsync(10);
        var fifty = await RunAsync(50);
        output.WriteLine($"10 parks: {ten.RoundTrips} round-trips ({ten.Enterprises} enterprises, {ten.Links} links); 50 parks: {fifty.RoundTrips} round-trips ({fifty.Enterprises} enterprises, {fifty.Links} links)");

        Assert.Equal((10, 100, 200), (ten.Parks, ten.Enterprises, ten.Links));
        Assert.Equal((50, 500, 1000), (fifty.Parks, fifty.Enterprises, fifty.Links));
        Assert.Equal(ten.RoundTrips, fifty.RoundTrips);
        Assert.InRange(fifty.RoundTrips, 1, 12);
    }
}
