using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Placements;

/// <summary>
/// The link profiles' equivalents as EQUIVALENT_TO relationships of the graph (one per pair, from the smaller key
/// to the larger), so the analysis finds candidates across chains and every such step shows its provenance.
/// The profiles stay the one place the equivalences are written.
/// </summary>
public static class LinkEquivalences
{
    public const string Note = "the same industry in two chains (link_profiles.csv, equivalents)";

    public static GraphDataset AddTo(GraphDataset dataset, LinkProfileSet profiles)
    {
        var links = dataset.Entities.Where(entity => entity.Kind == EntityKind.ChainLink).Select(entity => entity.Key).ToHashSet(StringComparer.Ordinal);
        var existing = dataset.Relationships
            .Where(edge => edge.Type == RelationshipTypes.EquivalentTo)
            .Select(edge => Pair(edge.FromKey, edge.ToKey))
            .ToHashSet();
        var source = SourceRef.FromCuration(Note);
        var added = new List<Relationship>();
        foreach (var profile in profiles.Profiles)
        {
            foreach (var other in profile.Equivalents)
            {
                var pair = Pair(profile.LinkKey, other);
                if (pair.From != pair.To && links.Contains(pair.From) && links.Contains(pair.To) && existing.Add(pair))
                {
                    added.Add(new Relationship(pair.From, RelationshipTypes.EquivalentTo, pair.To, [source]));
                }
            }
        }

        return added.Count == 0 ? dataset : dataset with { Relationships = [.. dataset.Relationships, .. added] };
    }

    private static (string From, string To) Pair(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
}
