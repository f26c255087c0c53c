using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Tests.Analysis;

public sealed class GraphIndexTests
{
    [Fact]
    public void An_index_from_a_table_of_positions_has_the_edges_of_one_from_records()
    {
        var records = GeneratedGraph.Create(2_000, seed: 7);
        var fromRecords = GraphIndex.Build(records);
        var fromTable = GraphIndex.Build(records with { Relationships = Table(records) });

        Assert.Equal(fromRecords.EdgeCount, fromTable.EdgeCount);
        Assert.Equal(Describe(fromRecords), Describe(fromTable));
        for (var node = 0; node < fromRecords.EntityCount; node++)
        {
            foreach (var direction in new[] { Direction.Out, Direction.In })
            {
                Assert.Equal(fromRecords.Edges(node, direction).ToArray(), fromTable.Edges(node, direction).ToArray());
                Assert.Equal(fromRecords.Edges(node, direction, RelationshipTypes.LocatedIn).ToArray(), fromTable.Edges(node, direction, RelationshipTypes.LocatedIn).ToArray());
            }

            Assert.Equal(fromRecords.DistrictsOf(node).ToArray(), fromTable.DistrictsOf(node).ToArray());
        }
    }

    [Fact]
    public void A_table_reads_back_the_relationships_it_was_made_from()
    {
        var records = GeneratedGraph.Create(500, seed: 3);
        var table = Table(records);
        Assert.Equal(records.Relationships, table);
        Assert.Throws<ArgumentOutOfRangeException>(() => table[table.Count]);
    }

    [Fact]
    public void An_edge_gives_back_the_relationship_it_stands_for_and_its_sources()
    {
        var records = GeneratedGraph.Create(300, seed: 5);
        var index = GraphIndex.Build(records);
        Assert.Equal(records.Relationships, Enumerable.Range(0, index.EdgeCount).Select(index.Edge));
        Assert.All(Enumerable.Range(0, index.EdgeCount), edge => Assert.Same(records.Relationships[edge].Sources, index.EdgeSources(edge)));
    }

    [Fact]
    public void Names_and_aliases_are_found_trimmed_and_in_any_case_by_kind_in_entity_order()
    {
        var sources = new[] { SourceRef.FromCuration("test") };
        var dataset = new GraphDataset(
            [
                new Entity("p-1", EntityKind.Park, "Airport Park", ["AZ", "az"], [], sources),
                new Entity("e-1", EntityKind.Enterprise, "航空港", [], [], sources),
                new Entity("e-2", EntityKind.Enterprise, "Airport park", [], [], sources),
                new Entity("d-1", EntityKind.District, "航空港区", ["航空港"], [], sources),
            ],
            [], []);
        var index = GraphIndex.Build(dataset);

        Assert.Equal([0, 2], index.Find("  airport PARK ", null));
        Assert.Equal([2], index.Find("airport park", EntityKind.Enterprise));
        Assert.Equal([0], index.Find("Az", null));
        Assert.Equal([1, 3], index.Find("航空港", null));
        Assert.Equal([3], index.Find("航空港", EntityKind.District));
        Assert.Empty(index.Find("航空", null));
        Assert.Equal([1], index.Find("e-1", null));
    }

    private static RelationshipTable Table(GraphDataset records)
    {
        var position = records.Entities.Select((entity, i) => (entity.Key, i)).ToDictionary(pair => pair.Key, pair => pair.i, StringComparer.Ordinal);
        var types = records.Relationships.Select(edge => edge.Type).Distinct().ToList();
        var sourceSets = records.Relationships.Select(edge => edge.Sources).Distinct(ReferenceEqualityComparer.Instance).Cast<IReadOnlyList<SourceRef>>().ToList();
        var edges = records.Relationships;
        return new RelationshipTable(
            records.Entities,
            [.. edges.Select(edge => position[edge.FromKey])],
            [.. edges.Select(edge => position[edge.ToKey])],
            types,
            [.. edges.Select(edge => (ushort)types.IndexOf(edge.Type))],
            sourceSets,
            [.. edges.Select(edge => sourceSets.FindIndex(set => ReferenceEquals(set, edge.Sources)))],
            edges.Count);
    }

    private static List<string> Describe(GraphIndex index) =>
        [.. Enumerable.Range(0, index.EdgeCount).Select(edge => $"{index.EdgeFrom(edge)}>{index.EdgeTypeName(edge)}>{index.EdgeTo(edge)}|{string.Join(',', index.EdgeSources(edge))}")];
}
