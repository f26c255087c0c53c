namespace IndustryGraph.Domain.Graph;

/// <summary>A node of the graph. <see cref="Key"/> is the stable key from the dataset; API ids derive from it.</summary>
public sealed record Entity(
    string Key,
    EntityKind Kind,
    string Name,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Tags,
    IReadOnlyList<SourceRef> Sources,
    ChainLinkPlacement? Link = null)
{
    public IEnumerable<string> Names => Aliases.Prepend(Name);

    public bool IsNamed(string text) => Names.Any(name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Where a chain link sits: its chain, segment and order within the chain.</summary>
public sealed record ChainLinkPlacement(string ChainKey, Segment Segment, int Position);

/// <summary>
/// A figure or attribute: the original text, and where it reads as one, the number and its unit.
/// <see cref="About"/> names the entities the figure is about (a district's count of parks of a chain is on the
/// district, about the chain); empty when it is about its entity alone.
/// </summary>
public sealed record Fact(
    string EntityKey,
    string Key,
    string Value,
    double? Number,
    string? Unit,
    string? AsOf,
    IReadOnlyList<SourceRef> Sources)
{
    public IReadOnlyList<string> About { get; init; } = [];
}

/// <summary>A typed, directed edge. The same edge stated by several sources is one relationship with several sources.</summary>
public sealed record Relationship(string FromKey, string Type, string ToKey, IReadOnlyList<SourceRef> Sources)
{
    public string OtherEnd(string key) => key == FromKey ? ToKey : FromKey;
}
