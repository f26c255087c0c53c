namespace IndustryGraph.Domain.Graph;

/// <summary>A whole graph in memory: what a seed folder or an import holds, and what a store hands to analysis.</summary>
public sealed record GraphDataset(
    IReadOnlyList<Entity> Entities,
    IReadOnlyList<Fact> Facts,
    IReadOnlyList<Relationship> Relationships)
{
    public static GraphDataset Empty { get; } = new([], [], []);

    /// <summary>Suggested and decided placements of enterprises in chain links (SOURCED and CURATED ones are WORKS_IN relationships).</summary>
    public IReadOnlyList<Placements.PlacementRecord> Placements { get; init; } = [];

    public int RowCount => Entities.Count + Facts.Count + Relationships.Count + Placements.Count;
}
