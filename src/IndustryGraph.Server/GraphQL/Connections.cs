using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using IndustryGraph.Domain.Store;
using Microsoft.Extensions.Options;

namespace IndustryGraph.Server.GraphQL;

/// <summary>A page of a list, in the shape of a Relay cursor connection.</summary>
public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges, int TotalCount, PageInfo PageInfo)
{
    public IEnumerable<T> Nodes => Edges.Select(edge => edge.Node);
}

public sealed record Edge<T>(string Cursor, T Node);

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

/// <summary>The first/after/last/before arguments of a list, checked against the page size limit.</summary>
public sealed record PageRequest(int Size, PageCursor? After, PageCursor? Before, bool FromEnd)
{
    public const int DefaultPageSize = 20;

    public static void AddArguments(FieldType field)
    {
        field.Arguments ??= new QueryArguments();
        field.Arguments.Add(new QueryArgument<IntGraphType> { Name = "first", Description = $"Take the first N items (default {DefaultPageSize}, at most the server's page size limit)." });
        field.Arguments.Add(new QueryArgument<StringGraphType> { Name = "after", Description = "Start after this cursor." });
        field.Arguments.Add(new QueryArgument<IntGraphType> { Name = "last", Description = "Take the last N items (before `before`, or of the whole list)." });
        field.Arguments.Add(new QueryArgument<StringGraphType> { Name = "before", Description = "End before this cursor." });
    }

    public static PageRequest From(IResolveFieldContext context)
    {
        var first = context.GetArgument<int?>("first");
        var last = context.GetArgument<int?>("last");
        if (first is not null && last is not null)
        {
            throw new ApiError(ErrorCodes.BadUserInput, $"{context.FieldDefinition.Name}: pass either first or last, not both");
        }

        var size = first ?? last ?? DefaultPageSize;
        var argument = last is not null ? "last" : "first";
        if (size < 0)
        {
            throw new ApiError(ErrorCodes.BadUserInput, $"{context.FieldDefinition.Name}: {argument} must not be negative");
        }

        var maxPageSize = context.Limits().MaxPageSize;
        if (size > maxPageSize)
        {
            throw new ApiError(ErrorCodes.PageTooLarge, $"{context.FieldDefinition.Name}: {argument} is {size}, more than the largest page of {maxPageSize}; page with after/before");
        }

        return new PageRequest(
            size,
            DecodeCursor(context, "after"),
            DecodeCursor(context, "before"),
            FromEnd: last is not null);
    }

    private static PageCursor? DecodeCursor(IResolveFieldContext context, string argument)
    {
        var text = context.GetArgument<string?>(argument);
        if (text is null)
        {
            return null;
        }

        return CursorCodec.TryDecode(text) ?? throw new ApiError(ErrorCodes.BadUserInput, $"{context.FieldDefinition.Name}: {argument} is not a cursor this API handed out");
    }

    public EntityListQuery ApplyTo(EntityListQuery query) =>
        query with { Limit = Size, After = After, Before = Before, FromEnd = FromEnd };
}

public static class ResolveFieldContextLimits
{
    /// <summary>The limits of the server that runs this request.</summary>
    public static GraphQLLimits Limits(this IResolveFieldContext context) =>
        context.RequestServices?.GetRequiredService<IOptions<GraphQLLimits>>().Value ?? throw new InvalidOperationException("no request services");
}

/// <summary>Cursors are opaque to clients: base64url of the sort value and key of an item.</summary>
public static class CursorCodec
{
    public static string Encode(PageCursor cursor) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new[] { cursor.SortValue, cursor.Key }));

    public static PageCursor? TryDecode(string text)
    {
        try
        {
            var parts = JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(text));
            return parts is [var sortValue, var key] ? new PageCursor(sortValue, key) : null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }
}

public static class ConnectionPaging
{
    public static Connection<T> FromPage<T>(EntityPage page, Func<Domain.Graph.Entity, T> map) => Build(
        page.Items.Select(item => new Edge<T>(CursorCodec.Encode(item.Cursor), map(item.Entity))).ToList(),
        page.TotalCount, page.HasNext, page.HasPrevious);

    /// <summary>Pages a list already in memory, ordered by the given sort value then key, with the same cursors as the store's.</summary>
    public static Connection<T> Page<T>(IEnumerable<T> items, Func<T, string> sortValue, Func<T, string> key, PageRequest request)
    {
        var ordered = items
            .Select(item => (Item: item, Cursor: new PageCursor(sortValue(item), key(item))))
            .OrderBy(pair => pair.Cursor.SortValue, StringComparer.Ordinal)
            .ThenBy(pair => pair.Cursor.Key, StringComparer.Ordinal)
            .ToList();
        var window = ordered.AsEnumerable();
        if (request.After is { } after)
        {
            window = window.Where(pair => Compare(pair.Cursor, after) > 0);
        }

        if (request.Before is { } before)
        {
            window = window.Where(pair => Compare(pair.Cursor, before) < 0);
        }

        var candidates = window.ToList();
        var taken = request.FromEnd ? candidates.TakeLast(request.Size).ToList() : candidates.Take(request.Size).ToList();
        var hasMore = candidates.Count > taken.Count;
        return Build(
            taken.Select(pair => new Edge<T>(CursorCodec.Encode(pair.Cursor), pair.Item)).ToList(),
            ordered.Count,
            hasNext: request.FromEnd ? request.Before is not null : hasMore,
            hasPrevious: request.FromEnd ? hasMore : request.After is not null);
    }

    private static int Compare(PageCursor left, PageCursor right)
    {
        var bySort = string.CompareOrdinal(left.SortValue, right.SortValue);
        return bySort != 0 ? bySort : string.CompareOrdinal(left.Key, right.Key);
    }

    private static Connection<T> Build<T>(IReadOnlyList<Edge<T>> edges, int total, bool hasNext, bool hasPrevious) =>
        new(edges, total, new PageInfo(hasNext, hasPrevious, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor));
}

public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Description = "Where a page sits in its list.";
        Field(info => info.HasNextPage).Description("More items follow the last one of this page.");
        Field(info => info.HasPreviousPage).Description("Items come before the first one of this page.");
        Field(info => info.StartCursor, nullable: true).Description("The cursor of the first item, to page backwards with `before`.");
        Field(info => info.EndCursor, nullable: true).Description("The cursor of the last item, to page forwards with `after`.");
    }
}

/// <summary>A cursor connection of <typeparamref name="TNodeType"/>: Park → ParkConnection and ParkEdge.</summary>
public sealed class ConnectionType<TNodeType> : ObjectGraphType<Connection<object>>
    where TNodeType : IGraphType
{
    public ConnectionType()
    {
        var nodeName = GraphTypeName<TNodeType>();
        Name = $"{nodeName}Connection";
        Description = $"A page of {nodeName} items with cursors.";
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description("How many items the whole list holds, across all pages.").Resolve(context => context.Source.TotalCount);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Cursors and whether more pages exist.").Resolve(context => context.Source.PageInfo);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes").Description("The items of this page.").Resolve(context => context.Source.Nodes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeType<TNodeType>>>>>("edges").Description("The items of this page with their cursors.").Resolve(context => context.Source.Edges);
    }

    public static string GraphTypeName<T>()
    {
        var name = typeof(T).Name;
        foreach (var suffix in new[] { "Interface", "Type" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }
}

public sealed class EdgeType<TNodeType> : ObjectGraphType<Edge<object>>
    where TNodeType : IGraphType
{
    public EdgeType()
    {
        var nodeName = ConnectionType<TNodeType>.GraphTypeName<TNodeType>();
        Name = $"{nodeName}Edge";
        Description = $"A {nodeName} with its cursor.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Pass to `after` or `before` to page from here.").Resolve(context => context.Source.Cursor);
        Field<NonNullGraphType<TNodeType>>("node").Description("The item.").Resolve(context => context.Source.Node);
    }
}
