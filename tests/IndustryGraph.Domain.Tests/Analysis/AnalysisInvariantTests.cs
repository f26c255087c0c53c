using IndustryGraph.Domain.Seed;

namespace IndustryGraph.Domain.Tests.Analysis;

/// <summary>The invariants of <see cref="AnalysisInvariants"/> on the shipped seed and on random graphs. No counts are fixed: the seed grows.</summary>
public sealed class AnalysisInvariantTests
{
    private static readonly Lazy<AnalysisInvariants> Seed = new(() =>
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "seed");
        var files = SeedReader.Files.ToDictionary(name => name, name => File.ReadAllBytes(Path.Combine(folder, name)));
        return new AnalysisInvariants(SeedReader.Read(files));
    });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Seed_statuses_add_up_and_missing_means_no_enterprise_in_scope(int threshold)
    {
        Assert.True(Seed.Value.CheckStatuses(threshold) > 0);
    }

    [Fact]
    public void Seed_presence_statements_leave_no_link_of_their_chain_missing_in_their_place()
    {
        Assert.True(Seed.Value.CheckPresenceStatements(threshold: 2) > 0);
    }

    [Fact]
    public void Seed_index_holds_every_edge_by_type_and_direction()
    {
        Seed.Value.CheckAdjacency();
    }

    [Fact]
    public void Seed_paths_are_real_and_shortest()
    {
        Assert.True(Seed.Value.CheckPaths(pairs: 300, seed: 7, maxHops: 6) > 0);
    }

    [Fact]
    public void Seed_supply_walks_have_shortest_distances()
    {
        Seed.Value.CheckSupplies(depth: 6);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Generated_graphs_keep_every_invariant(int seed)
    {
        var invariants = new AnalysisInvariants(GeneratedGraph.Create(enterprises: 400, seed));

        invariants.CheckAdjacency();
        Assert.True(invariants.CheckStatuses(threshold: 2) > 0);
        invariants.CheckPresenceStatements(threshold: 2);
        Assert.True(invariants.CheckPaths(pairs: 200, seed, maxHops: 4) > 0);
        invariants.CheckSupplies(depth: 3);
    }
}
