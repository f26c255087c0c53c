using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Store;

/// <summary>
/// A filtered, ordered, keyset-paged list of one kind. Filters name related entities by key; each one narrows
/// the list to entities related to that key (directly, or through a park for districts, or a link for chains).
/// </summary>
public sealed record EntityListQuery(EntityKind Kind)
{
    public string? InDistrict { get; init; }

    public string? InPark { get; init; }

    public string? InChain { get; init; }

    public string? InLink { get; init; }

    public string? Tag { get; init; }

    public string? NameContains { get; init; }

    /// <summary>Only entities with a fact of this key whose value is exactly this (a fact about the entity alone, e.g. a park's category).</summary>
    public FactFilter? WithFact { get; init; }

    /// <summary>Order by name (null) or by the number of the fact with this key, largest first.</summary>
    public string? OrderByFact { get; init; }

    public bool Descending { get; init; }

    public int Limit { get; init; } = 20;

    /// <summary>Page forward from (after) or backward from (before) this cursor.</summary>
    public PageCursor? After { get; init; }

    public PageCursor? Before { get; init; }

    /// <summary>Count the whole list (<see cref="EntityPage.TotalCount"/>); when false a store may skip the count and answer -1.</summary>
    public bool IncludeTotalCount { get; init; } = true;

    /// <summary>Read the page's items; when false (only the count is wanted) a store may answer no items and no neighbours.</summary>
    public bool IncludeItems { get; init; } = true;

    /// <summary>Take the last <see cref="Limit"/> items (before <see cref="Before"/> when given) instead of the first.</summary>
    public bool FromEnd { get; init; }
}

/// <summary>A fact an entity must have: its key and its exact value.</summary>
public sealed record FactFilter(string Key, string Value);

/// <summary>A keyset position: the sort value and key of the row a page starts after.</summary>
public sealed record PageCursor(string SortValue, string Key);

public sealed record EntityPage(IReadOnlyList<(Entity Entity, PageCursor Cursor)> Items, int TotalCount, bool HasNext, bool HasPrevious)
{
    /// <summary>
    /// A page from rows read one past <see cref="EntityListQuery.Limit"/> in the walking order (reversed for
    /// <see cref="EntityListQuery.FromEnd"/>): the extra row only tells that there is more.
    /// </summary>
    public static EntityPage FromProbe(List<(Entity Entity, PageCursor Cursor)> items, int totalCount, EntityListQuery query)
    {
        var more = items.Count > query.Limit;
        if (more)
        {
            items.RemoveAt(items.Count - 1);
        }

        if (query.FromEnd)
        {
            items.Reverse();
            return new EntityPage(items, totalCount, HasNext: query.Before is not null, HasPrevious: more);
        }

        return new EntityPage(items, totalCount, HasNext: more, HasPrevious: query.After is not null);
    }
}
