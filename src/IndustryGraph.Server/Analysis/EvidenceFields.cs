using GraphQL;
using GraphQL.Types;
using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Server.Entities;

namespace IndustryGraph.Server.Analysis;

/// <summary>
/// Fields the analysis evidence adds to places and chains: the articles' reports of chains present, and stated
/// targets. They read the analysis index (the latest data version), so they agree with chainMap and chainGaps.
/// </summary>
public static class EvidenceFields
{
    private static async Task<(ChainEvidence Evidence, GraphIndex Index)> EvidenceAsync(IResolveFieldContext context)
    {
        var snapshot = await context.RequestServices!.GetRequiredService<AnalysisIndexProvider>().GetAsync(context.CancellationToken);
        return (snapshot.Analysis.Evidence, snapshot.Index);
    }

    /// <summary>reports on a district or park: what the articles state is present there.</summary>
    public static void AddPlaceReports(this ObjectGraphType<Entity> type, string description) =>
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChainReportType>>>>("reports")
            .Description(description)
            .ResolveAsync(async context =>
            {
                var (evidence, index) = await EvidenceAsync(context);
                return index.TryGetId(context.Source.Key, out var id) ? evidence.ReportsIn(AnalysisScope.Of(index, id)) : (object)Array.Empty<ChainReport>();
            });

    /// <summary>reportedIn and targets on an industry chain.</summary>
    public static void AddChainEvidence(this ObjectGraphType<Entity> type)
    {
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChainReportType>>>>("reportedIn")
            .Description("Where articles report the chain present: counts of its parks or enterprises in a place, clusters, stated leading industries (FOCUSES_ON). Targets are not reports: see `targets`.")
            .ResolveAsync(async context =>
            {
                var (evidence, index) = await EvidenceAsync(context);
                return index.TryGetId(context.Source.Key, out var id) ? evidence.AllReports(id) : (object)Array.Empty<ChainReport>();
            });
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<FactType>>>>("targets")
            .Description("Stated targets for the chain (facts with a key ending in _target): its own, and those of districts and parks about it (e.g. a district's 350亿元 scale target); each fact's `entity` is the place whose target it is. The same facts are on the place's `facts` and are each gap's `targets` in the place's scope.")
            .ResolveAsync(async context =>
            {
                var (evidence, index) = await EvidenceAsync(context);
                return index.TryGetId(context.Source.Key, out var id) ? evidence.AllTargets(id) : (object)Array.Empty<Fact>();
            });
    }
}
