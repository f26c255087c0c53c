using System.Globalization;
using GraphQL;
using GraphQL.Types;
using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Analysis;
using IndustryGraph.Server.GraphQL;

namespace IndustryGraph.Server.Placements;

/// <summary>The root list of placements, read from the analysis index at the request's data version.</summary>
public sealed class PlacementQueries(AnalysisRunner runner) : IQueryFields
{
    // Offsets into the list the index gives at one data version; the marker keeps other lists' cursors out.
    private const string CursorMarker = "placement";

    public void AddTo(QueryType query)
    {
        var field = query.Field<NonNullGraphType<ConnectionType<PlacementType>>>("placements")
            .Description("Placements of enterprises in chain links: stated, curated, suggested from the register, confirmed or rejected. Link by link (chains by name, links in chain order); within a link the placed enterprises by name, then suggestions and rejections by score, best first. A suggestion is computed, not a fact: see its `evidence`.")
            .Argument<PlacementKindEnum>("status", "Only placements of this kind (e.g. SUGGESTED for what awaits a planner).")
            .Argument<StringGraphType>("chain", "Only links of this chain: id, key, name or alias.")
            .Argument<StringGraphType>("link", "Only this chain link: id, key, name or alias.")
            .Argument<StringGraphType>("district", "Only enterprises in this district (directly or through its parks).")
            .Argument<StringGraphType>("park", "Only enterprises in this park.")
            .Argument<FloatGraphType>("minScore", "Only placements with a score of at least this (0 to 1); placements without a score (SOURCED, CURATED, a confirmation made without a suggestion) are left out when given.")
            .Argument<IntGraphType>("first", $"How many (default {PageRequest.DefaultPageSize}, at most the server's page size limit).")
            .Argument<StringGraphType>("after", "Start after this cursor.");
        field.ResolveAsync(async context => (object?)await runner.RunAsync(context, "placements", snapshot =>
        {
            var index = snapshot.Index;
            var status = context.GetArgument<PlacementKind?>("status");
            var chainReference = context.GetArgument<string?>("chain");
            var linkReference = context.GetArgument<string?>("link");
            int? chain = chainReference is null ? null : snapshot.Analysis.ResolveChain(chainReference);
            int? link = linkReference is null ? null : index.ResolveOne(linkReference, EntityKind.ChainLink, "link");
            if (chain is { } c && link is { } l && index.ChainOf(l) != c)
            {
                throw new ApiError(ErrorCodes.BadUserInput, $"placements.link: {index.Entity(l).Name} is not a link of {index.Entity(c).Name}");
            }

            var place = new ScopeArgument { District = context.GetArgument<string?>("district"), Park = context.GetArgument<string?>("park") };
            var scope = place is { District: null, Park: null } ? AnalysisScope.City : place.Resolve(index, "placements");
            var minScore = context.GetArgument<double?>("minScore");
            if (minScore is { } min && (!double.IsFinite(min) || min is < 0 or > 1))
            {
                throw new ApiError(ErrorCodes.BadUserInput, $"placements.minScore: must be from 0 to 1, not {min.ToString(CultureInfo.InvariantCulture)}");
            }

            var size = PageSize(context);
            var offset = Offset(context);
            var filter = new PlacementFilter(status is { } kind ? new HashSet<PlacementKind> { kind } : null, chain, link, scope, minScore);
            return new AnalysisRequest<Connection<object>>(
                string.Join("|", status, chain, link, scope.CacheKey, minScore?.ToString("R", CultureInfo.InvariantCulture), offset, size),
                () => ToConnection(PlacementListing.List(snapshot.Analysis, filter, offset, size)));
        }, context.CancellationToken));
    }

    private static Connection<object> ToConnection(PlacementPage page)
    {
        var edges = page.Placements
            .Select((placement, at) => new Edge<object>(CursorCodec.Encode(new PageCursor(CursorMarker, (page.Offset + at + 1).ToString(CultureInfo.InvariantCulture))), placement))
            .ToList();
        var hasNext = page.Offset + edges.Count < page.TotalCount;
        return new Connection<object>(edges, page.TotalCount, new PageInfo(hasNext, page.Offset > 0, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor));
    }

    private static int PageSize(IResolveFieldContext context)
    {
        var size = context.GetArgument<int?>("first") ?? PageRequest.DefaultPageSize;
        var max = context.Limits().MaxPageSize;
        return size < 0 ? throw new ApiError(ErrorCodes.BadUserInput, "placements: first must not be negative")
            : size > max ? throw new ApiError(ErrorCodes.PageTooLarge, $"placements: first is {size}, more than the largest page of {max}; page with after")
            : size;
    }

    private static int Offset(IResolveFieldContext context)
    {
        var after = context.GetArgument<string?>("after");
        if (after is null)
        {
            return 0;
        }

        return CursorCodec.TryDecode(after) is { SortValue: CursorMarker } cursor && int.TryParse(cursor.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : throw new ApiError(ErrorCodes.BadUserInput, "placements: after is not a cursor this list handed out");
    }
}
