using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Storage.Contract;

/// <summary>Small graphs the store tests import: one district, the parks given, a figure of park-a.</summary>
public static class ContractGraphs
{
    public static readonly SourceRef Curated = SourceRef.FromCuration("test");

    public static Entity Park(string key, string name) => new(key, EntityKind.Park, name, [], [], [Curated]);

    public static GraphDataset Graph(params Entity[] entities) =>
        new([new Entity("d-one", EntityKind.District, "一区", [], [], [Curated]), .. entities],
            [new Fact("park-a", "land_area", "5.3平方公里", 5.3, "平方公里", null, [Curated])],
            [.. entities.Select(entity => new Relationship(entity.Key, RelationshipTypes.LocatedIn, "d-one", [Curated]))]);
}
