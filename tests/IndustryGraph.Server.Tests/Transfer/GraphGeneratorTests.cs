using IndustryGraph.Domain.Graph;
using IndustryGraph.Server.Seed;
using IndustryGraph.Server.Transfer;
using IndustryGraph.Storage.Contract;

namespace IndustryGraph.Server.Tests.Transfer;

public sealed class GraphGeneratorTests : IDisposable
{
    private readonly TestDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    private string Generate(int seed, string name)
    {
        var folder = Path.Combine(scratch.Path, name);
        new GraphGenerator(GraphSize.S, seed).WriteTo(folder);
        return folder;
    }

    [Fact]
    public void The_same_seed_writes_the_same_files_and_another_seed_other_files()
    {
        var first = Generate(7, "a");
        var again = Generate(7, "b");
        var other = Generate(8, "c");
        foreach (var file in Directory.GetFiles(first).Select(Path.GetFileName))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, file!)), File.ReadAllBytes(Path.Combine(again, file!)));
        }

        Assert.NotEqual(File.ReadAllBytes(Path.Combine(first, "entities.csv")), File.ReadAllBytes(Path.Combine(other, "entities.csv")));
    }

    [Fact]
    public void A_generated_graph_is_valid_with_chinese_names_and_skewed_park_sizes()
    {
        var result = SeedFolder.Read(Generate(1, "s"));
        Assert.Empty(result.Errors);
        var graph = result.Dataset!;
        var enterprises = graph.Entities.Where(entity => entity.Kind == EntityKind.Enterprise).ToList();
        Assert.Equal(GraphSize.S.Enterprises, enterprises.Count);
        Assert.All(enterprises, enterprise => Assert.InRange(enterprise.Name.Length, 2, 12));
        Assert.All(enterprises, enterprise => Assert.True(enterprise.Name.All(c => c >= '\u4e00' && c <= '\u9fff'), enterprise.Name));

        var parkSizes = graph.Relationships
            .Where(edge => edge.Type == RelationshipTypes.LocatedIn && edge.FromKey.StartsWith("ent-", StringComparison.Ordinal) && edge.ToKey.StartsWith("park-", StringComparison.Ordinal))
            .GroupBy(edge => edge.ToKey).Select(group => group.Count()).Order().ToList();
        Assert.True(parkSizes[^1] >= 10 * parkSizes[parkSizes.Count / 2], $"largest {parkSizes[^1]}, median {parkSizes[parkSizes.Count / 2]}");
        Assert.Contains(graph.Relationships, edge => edge.Type == RelationshipTypes.Supplies);
        Assert.Contains(graph.Relationships, edge => edge.Type == RelationshipTypes.Supports);
    }
}
