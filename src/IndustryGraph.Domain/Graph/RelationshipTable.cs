using System.Collections;

namespace IndustryGraph.Domain.Graph;

/// <summary>
/// Relationships between the entities of one list, held by position in flat arrays instead of one object each:
/// a store hands millions of them to the analysis index this way, which takes the positions as they are. Each
/// item read makes its <see cref="Relationship"/> (equal to the one stored, not the same object).
/// </summary>
public sealed class RelationshipTable : IReadOnlyList<Relationship>
{
    private readonly int[] from;
    private readonly int[] to;
    private readonly ushort[] typeOf;
    private readonly int[] sourcesOf;

    /// <param name="entities">The entities the positions point into (the dataset's own list).</param>
    /// <param name="from">Each relationship's start, a position in <paramref name="entities"/>.</param>
    /// <param name="to">Each relationship's end, likewise.</param>
    /// <param name="typeNames">The distinct relationship types; <paramref name="typeOf"/> points into it.</param>
    /// <param name="typeOf">Each relationship's type.</param>
    /// <param name="sourceSets">The distinct provenance lists; <paramref name="sourcesOf"/> points into it.</param>
    /// <param name="sourcesOf">Each relationship's provenance.</param>
    /// <param name="count">How many of the arrays' first items are relationships (the arrays may be longer).</param>
    public RelationshipTable(
        IReadOnlyList<Entity> entities, int[] from, int[] to, IReadOnlyList<string> typeNames, ushort[] typeOf,
        IReadOnlyList<IReadOnlyList<SourceRef>> sourceSets, int[] sourcesOf, int count)
    {
        if (count < 0 || from.Length < count || to.Length < count || typeOf.Length < count || sourcesOf.Length < count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "every column needs at least count items");
        }

        Entities = entities;
        this.from = from;
        this.to = to;
        TypeNames = typeNames;
        this.typeOf = typeOf;
        SourceSets = sourceSets;
        this.sourcesOf = sourcesOf;
        Count = count;
    }

    public IReadOnlyList<Entity> Entities { get; }

    public IReadOnlyList<string> TypeNames { get; }

    public IReadOnlyList<IReadOnlyList<SourceRef>> SourceSets { get; }

    public int Count { get; }

    public int FromOf(int relationship) => from[Checked(relationship)];

    public int ToOf(int relationship) => to[Checked(relationship)];

    public int TypeCodeOf(int relationship) => typeOf[Checked(relationship)];

    public int SourcesCodeOf(int relationship) => sourcesOf[Checked(relationship)];

    public Relationship this[int index] =>
        new(Entities[from[Checked(index)]].Key, TypeNames[typeOf[index]], Entities[to[index]].Key, SourceSets[sourcesOf[index]]);

    public IEnumerator<Relationship> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int Checked(int index) => (uint)index < (uint)Count ? index : throw new ArgumentOutOfRangeException(nameof(index));
}
