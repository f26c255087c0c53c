using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.GraphQL;

namespace IndustryGraph.Server.Entities;

/// <summary>The filters a top-level list may offer; each names a related entity by id, key, name or alias.</summary>
[Flags]
public enum ListFilters
{
    None = 0,
    District = 1,
    Park = 2,
    Chain = 4,
    Link = 8,
    Tag = 16,
    Category = 32,
}

public enum OrderField
{
    Name,
    Fact,
}

public enum SortDirection
{
    Asc,
    Desc,
}

public sealed record EntityOrder(OrderField By, string? Fact, SortDirection Direction);

public sealed class OrderFieldEnum : EnumerationGraphType<OrderField>
{
    public OrderFieldEnum()
    {
        Name = "OrderField";
        Description = "What to order a list by: NAME, or the number of a FACT (give its key in `fact`).";
        this.DescribeValues(("NAME", "By name, in code point order."), ("FACT", "By the number of the fact named in `fact`; entities without it come last."));
    }
}

public sealed class SortDirectionEnum : EnumerationGraphType<SortDirection>
{
    public SortDirectionEnum()
    {
        Name = "SortDirection";
        Description = "ASC (a→z, smallest first) or DESC.";
        this.DescribeValues(("ASC", "Ascending: a→z, smallest first."), ("DESC", "Descending: z→a, largest first."));
    }
}

public sealed class EntityOrderInputType : InputObjectGraphType<EntityOrder>
{
    public EntityOrderInputType()
    {
        Name = "EntityOrder";
        Description = "How to order a list. Ordering by a fact puts entities without that fact last.";
        Field<NonNullGraphType<OrderFieldEnum>>("by").Description("NAME or FACT.").DefaultValue(OrderField.Name);
        Field<StringGraphType>("fact").Description("With by: FACT, the fact key to order by, e.g. enterprise_count.");
        Field<NonNullGraphType<SortDirectionEnum>>("direction").Description("ASC or DESC.").DefaultValue(SortDirection.Asc);
    }
}

public static class EntityLists
{
    /// <summary>Adds a filtered, ordered cursor connection over all entities of one kind.</summary>
    public static FieldBuilder<object?, object> AddEntityList<TGraphType>(this QueryType query, string name, EntityKind kind, string description, ListFilters filters)
        where TGraphType : IGraphType
    {
        var field = query.Field<NonNullGraphType<ConnectionType<TGraphType>>>(name).Description(description);
        PageRequest.AddArguments(field.FieldType);
        if (filters.HasFlag(ListFilters.District))
        {
            field.Argument<StringGraphType>("district", "Only those in this district (id, name or alias), directly or through their park.");
        }

        if (filters.HasFlag(ListFilters.Park))
        {
            field.Argument<StringGraphType>("park", "Only those located in this park (id, name or alias).");
        }

        if (filters.HasFlag(ListFilters.Chain))
        {
            field.Argument<StringGraphType>("chain", "Only those tied to this industry chain (id, name or alias), directly or through its links.");
        }

        if (filters.HasFlag(ListFilters.Link))
        {
            field.Argument<StringGraphType>("link", "Only those working in or supporting this chain link (id, name or alias).");
        }

        if (filters.HasFlag(ListFilters.Tag))
        {
            field.Argument<StringGraphType>("tag", "Only those with this tag, e.g. high-tech or anchor.");
        }

        if (filters.HasFlag(ListFilters.Category))
        {
            field.Argument<Parks.ParkCategoryEnum>("category", "Only parks of this category (their `category` fact).");
        }

        field.Argument<StringGraphType>("nameContains", "Only those whose name or an alias contains this text.");
        field.Argument<EntityOrderInputType>("orderBy", "Order by name (default) or by a figure.");
        return field.ResolveAsync(async context =>
        {
            var request = PageRequest.From(context);
            var reader = context.Reader();
            async Task<string?> Key(string argument, EntityKind? filterKind)
            {
                var reference = context.GetArgument<string?>(argument);
                return reference is null ? null : (await reader.ResolveAsync(reference, filterKind, argument, context.CancellationToken)).Key;
            }

            var order = context.GetArgument<EntityOrder?>("orderBy");
            if (order is { By: OrderField.Fact, Fact: null or "" })
            {
                throw new ApiError(ErrorCodes.BadUserInput, $"{name}: orderBy.by is FACT but orderBy.fact names no fact key");
            }

            var listQuery = request.ApplyTo(new EntityListQuery(kind)
            {
                InDistrict = await Key("district", EntityKind.District),
                InPark = await Key("park", EntityKind.Park),
                InChain = await Key("chain", EntityKind.IndustryChain),
                InLink = await Key("link", EntityKind.ChainLink),
                Tag = context.GetArgument<string?>("tag"),
                NameContains = context.GetArgument<string?>("nameContains"),
                WithFact = context.GetArgument<ParkCategory?>("category") is { } category ? new FactFilter(ParkCategories.FactKey, category.ToCode()) : null,
                OrderByFact = order?.By == OrderField.Fact ? order.Fact : null,
                Descending = order?.Direction == SortDirection.Desc,
                // Counting is the whole cost of a small page of a big list: only when asked for (under any alias).
                IncludeTotalCount = context.SubFields?.Values.Any(selected => selected.FieldType.Name == "totalCount") ?? true,
                // A count alone reads no page.
                IncludeItems = context.SubFields?.Values.Any(selected => selected.FieldType.Name is not ("totalCount" or "__typename")) ?? true,
            });
            // A cursor of a figure ordering holds a number; one from another ordering, or forged, does not.
            foreach (var (argument, cursor) in new[] { ("after", listQuery.After), ("before", listQuery.Before) })
            {
                if (listQuery.OrderByFact is not null && cursor is not null
                    && !(double.TryParse(cursor.SortValue, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var figure) && double.IsFinite(figure)))
                {
                    throw new ApiError(ErrorCodes.BadUserInput, $"{name}: {argument} is not a cursor of this ordering (by the figure {listQuery.OrderByFact}): use a cursor from the same list and order");
                }
            }

            var page = await (await reader.ReadsAsync(context.CancellationToken)).ListEntitiesAsync(listQuery, context.CancellationToken);
            return (object?)ConnectionPaging.FromPage<object>(page, entity => entity);
        });
    }
}
