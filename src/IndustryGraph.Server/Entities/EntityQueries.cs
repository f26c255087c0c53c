using GraphQL;
using GraphQL.Types;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Server.Chains;
using IndustryGraph.Server.Districts;
using IndustryGraph.Server.Enterprises;
using IndustryGraph.Server.GraphQL;
using IndustryGraph.Server.Organizations;
using IndustryGraph.Server.Parks;
using IndustryGraph.Server.Partners;
using IndustryGraph.Server.Sources;

namespace IndustryGraph.Server.Entities;

public sealed record SearchHit(Entity Entity, double Score);

public sealed class SearchHitType : ObjectGraphType<SearchHit>
{
    public SearchHitType()
    {
        Name = "SearchHit";
        Description = "An entity found by name, with how well it matched.";
        Field<NonNullGraphType<EntityInterface>>("entity").Description("The entity found.").Resolve(context => context.Source.Entity);
        Field(hit => hit.Score).Description("1 for the exact name, lower for an alias, a prefix or a substring; shorter names rank higher.");
    }
}

/// <summary>Root fields that reach any entity: node, nodes, entity, search.</summary>
public sealed class EntityQueries : IQueryFields
{
    public const int MaxSearchResults = 100;

    public void AddTo(QueryType query)
    {
        query.Field<NodeInterface>("node")
            .Description("The entity with this id (as handed out by any `id` field), or null.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "A global id.")
            .Resolve(context => EntityById(context, context.GetArgument<string>("id")));
        query.Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .Description("The entities with these ids, in the same order; null where an id resolves to nothing.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", "Global ids.")
            .Resolve(context =>
            {
                var ids = context.GetArgument<List<string>>("ids");
                var maxPageSize = context.Limits().MaxPageSize;
                if (ids.Count > maxPageSize)
                {
                    throw new ApiError(ErrorCodes.PageTooLarge, $"nodes: {ids.Count} ids, more than the {maxPageSize} one request may ask for");
                }

                var reader = context.Reader();
                var keys = ids.Select(id => GlobalId.TryDecode(id, out var kind, out var key) ? (kind, key) : ((EntityKind, string)?)null).ToList();
                return reader.Entities(keys.Where(key => key is not null).Select(key => key!.Value.Item2)).Then(found =>
                {
                    var byKey = found.ToDictionary(entity => entity.Key, StringComparer.Ordinal);
                    return keys.Select(key => key is { } k && byKey.TryGetValue(k.Item2, out var entity) && entity.Kind == k.Item1 ? entity : null).ToList();
                });
            });
        query.Field<EntityInterface>("entity")
            .Description("The entity an id, key, exact name or alias names; an error when it names none or several.")
            .Argument<NonNullGraphType<StringGraphType>>("ref", "An id, key, name or alias.")
            .Argument<EntityKindEnum>("kind", "Only entities of this kind.")
            .ResolveAsync(async context => (object?)await context.Reader().ResolveAsync(
                context.GetArgument<string>("ref"), context.GetArgument<EntityKind?>("kind"), "ref", context.CancellationToken));
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SearchHitType>>>>("search")
            .Description("Finds entities by name or alias, Chinese substrings of any length included (金岱, 三磨所), best match first: "
                + "the best `first` of all names that contain the text (case, spaces and the separators · - _ ignored), ranked by "
                + "(1) a name or alias equal to the text, then one starting with it, then one containing it; "
                + "(2) the shorter matching name (the text covers more of it); (3) the entity's own name before an alias; "
                + "(4) the kind: chain, link, district, park, research partner, organization, enterprise, source (so a chain comes before its links of the same name); (5) the key. "
                + "`score` follows the same order: 1 an exact name, 0.95 an exact alias, 0.6–0.8 a prefix, 0.3–0.5 a substring.")
            .Argument<NonNullGraphType<StringGraphType>>("text", "Part of a name or alias.")
            .Argument<ListGraphType<NonNullGraphType<EntityKindEnum>>>("kinds", "Only these kinds.")
            .Argument<IntGraphType>("first", "How many hits at most.", argument => argument.DefaultValue = 20)
            .ResolveAsync(async context =>
            {
                var first = context.GetArgument<int>("first");
                if (first is < 0 or > MaxSearchResults)
                {
                    throw new ApiError(first < 0 ? ErrorCodes.BadUserInput : ErrorCodes.PageTooLarge, $"search: first must be from 0 to {MaxSearchResults}, not {first}");
                }

                var text = context.GetArgument<string>("text");
                if (string.IsNullOrWhiteSpace(text))
                {
                    throw new ApiError(ErrorCodes.BadUserInput, "search: text is empty");
                }

                var hits = await (await context.Reader().ReadsAsync(context.CancellationToken)).SearchAsync(text, context.GetArgument<List<EntityKind>?>("kinds"), first, context.CancellationToken);
                return (object?)hits.Select(hit => new SearchHit(hit.Entity, hit.Score)).ToList();
            });

        query.AddEntityList<ParkType>("parks", EntityKind.Park, "Parks, filtered and ordered.", ListFilters.District | ListFilters.Chain | ListFilters.Link | ListFilters.Tag | ListFilters.Category);
        query.AddEntityList<EnterpriseType>("enterprises", EntityKind.Enterprise, "Enterprises, filtered and ordered.", ListFilters.District | ListFilters.Park | ListFilters.Chain | ListFilters.Link | ListFilters.Tag);
        query.AddEntityList<IndustryChainType>("chains", EntityKind.IndustryChain, "Industry chains.", ListFilters.Tag);
        query.AddEntityList<ChainLinkType>("chainLinks", EntityKind.ChainLink, "Chain links, across all chains or of one.", ListFilters.Chain | ListFilters.Tag);
        query.AddEntityList<DistrictType>("districts", EntityKind.District, "Districts, counties and development zones.", ListFilters.Chain | ListFilters.Tag);
        query.AddEntityList<ResearchPartnerType>("researchPartners", EntityKind.ResearchPartner, "Labs, universities, institutes and platforms.", ListFilters.District | ListFilters.Park | ListFilters.Chain | ListFilters.Link | ListFilters.Tag);
        query.AddEntityList<OrganizationType>("organizations", EntityKind.Organization, "Park operators, investment groups, funds and associations.", ListFilters.District | ListFilters.Tag);
        query.AddEntityList<SourceDocumentType>("sourceDocuments", EntityKind.SourceDocument, "The source articles facts are traced to.", ListFilters.None);
    }

    private static object EntityById(IResolveFieldContext context, string id) =>
        GlobalId.TryDecode(id, out var kind, out var key)
            ? context.Reader().Entity(key).Then(entity => entity?.Kind == kind ? entity : null)
            : new ReadyResult<Entity?>(null);
}
