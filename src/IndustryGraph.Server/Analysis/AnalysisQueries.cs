using System.Globalization;
using GraphQL;
using GraphQL.Types;
using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Server.GraphQL;

namespace IndustryGraph.Server.Analysis;

/// <summary>Root fields of chain analysis: chainMap, chainGaps, upstream, downstream, paths, coverage, whatIf.</summary>
public sealed class AnalysisQueries(AnalysisRunner runner) : IQueryFields
{
    public const int MaxList = 100;
    public const int MaxCompared = 20;

    private const string ThresholdHelp = "A link with at least one but fewer enterprises than this in the scope is WEAK (default: the server's setting, 2).";

    public void AddTo(QueryType query)
    {
        query.Field<NonNullGraphType<ChainMapType>>("chainMap")
            .Description("A chain in a scope: its links by segment in chain order, the supplies edges between them, and each link's status (PRESENT, WEAK, UNMAPPED, MISSING) with the enterprises and reports there.")
            .Argument<NonNullGraphType<StringGraphType>>("chain", "The industry chain: id, key, name or alias (e.g. 智能传感器).")
            .Argument<ScopeInputType>("scope", "Where to look; empty for the whole city.")
            .Argument<IntGraphType>("threshold", ThresholdHelp)
            .ResolveAsync(async context => (object?)await runner.RunAsync(context, "chainMap", snapshot =>
            {
                var (chain, scope, threshold) = ChainArguments(context, snapshot);
                return new AnalysisRequest<ChainMap>(Key(chain, scope.CacheKey, threshold), () => snapshot.Analysis.Map(chain, scope, threshold));
            }, context.CancellationToken));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChainGapType>>>>("chainGaps")
            .Description("The MISSING (and UNMAPPED and WEAK) links of a chain in a scope, in chain order, each with the rule and the reports behind it, the scope's targets for the chain, candidate enterprises from elsewhere ranked by a transparent score, research partners, and places elsewhere that host or report the link. An empty list means the chain has no gap there.")
            .Argument<NonNullGraphType<StringGraphType>>("chain", "The industry chain: id, key, name or alias.")
            .Argument<ScopeInputType>("scope", "Where to look; empty for the whole city.")
            .Argument<BooleanGraphType>("includeWeak", "Include WEAK links as well as MISSING ones.", argument => argument.DefaultValue = true)
            .Argument<BooleanGraphType>("includeUnmapped", "Include UNMAPPED links (reported in the scope, no enterprise known there) as well as MISSING ones.", argument => argument.DefaultValue = true)
            .Argument<IntGraphType>("threshold", ThresholdHelp)
            .WithMetadata(CostRule.ItemsMetadata, MostLinks)
            .ResolveAsync(async context => (object?)await runner.RunAsync(context, "chainGaps", snapshot =>
            {
                var (chain, scope, threshold) = ChainArguments(context, snapshot);
                var includeWeak = context.GetArgument("includeWeak", true);
                var includeUnmapped = context.GetArgument("includeUnmapped", true);
                return new AnalysisRequest<IReadOnlyList<ChainGap>>(Key(chain, scope.CacheKey, threshold, includeWeak, includeUnmapped),
                    () => snapshot.Analysis.Gaps(chain, scope, threshold, includeWeak, includeUnmapped).Gaps);
            }, context.CancellationToken));

        foreach (var direction in Enum.GetValues<SupplyDirection>())
        {
            var name = direction.ToString().ToLowerInvariant();
            query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SupplyStepType>>>>(name)
                .Description(direction == SupplyDirection.Upstream
                    ? "The links upstream of a chain link, or of the links an enterprise works in (who supplies them), by SUPPLIES distance, with their status and enterprises in the scope. E.g. which of my suppliers' links are missing in my district."
                    : "The links downstream of a chain link, or of the links an enterprise works in (whom they supply), by SUPPLIES distance, with their status and enterprises in the scope.")
                .Argument<NonNullGraphType<StringGraphType>>("of", "A chain link or an enterprise: id, key, name or alias.")
                .Argument<IntGraphType>("depth", $"How many SUPPLIES steps, 1 to {SupplyTraversal.MaxDepth}.", argument => argument.DefaultValue = SupplyTraversal.DefaultDepth)
                .Argument<ScopeInputType>("scope", "Where to count enterprises; empty for the whole city.")
                .Argument<IntGraphType>("threshold", ThresholdHelp)
                .WithMetadata(CostRule.ItemsMetadata, MostLinks)
                .ResolveAsync(async context => (object?)await runner.RunAsync(context, name, snapshot =>
                {
                    var origin = snapshot.Index.ResolveOne(context.GetArgument<string>("of"), null, "of");
                    var depth = context.GetArgument("depth", SupplyTraversal.DefaultDepth);
                    SupplyTraversal.CheckDepth(depth);
                    var scope = Scope(context, snapshot, "scope");
                    var threshold = Threshold(context);
                    return new AnalysisRequest<IReadOnlyList<SupplyStep>>(Key(origin, depth, scope.CacheKey, threshold),
                        () => snapshot.Analysis.Trace(origin, direction, depth, scope, threshold).Steps);
                }, context.CancellationToken));
        }

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<GraphPathType>>>>("paths")
            .Description("The shortest relationship paths between two entities over all relationships, either direction, up to maxHops; several when they tie. Each hop carries its type, direction and sources. Empty when none is that short.")
            .Argument<NonNullGraphType<StringGraphType>>("from", "Any entity: id, key, name or alias.")
            .Argument<NonNullGraphType<StringGraphType>>("to", "Any entity: id, key, name or alias.")
            .Argument<IntGraphType>("maxHops", $"The longest path to look for, 1 to {PathFinder.MaxHops}.", argument => argument.DefaultValue = PathFinder.DefaultMaxHops)
            .Argument<IntGraphType>("first", $"How many tied paths at most, 1 to {PathFinder.MaxFirst}.", argument => argument.DefaultValue = PathFinder.DefaultFirst)
            .ResolveAsync(async context => (object?)await runner.RunAsync(context, "paths", snapshot =>
            {
                var from = snapshot.Index.ResolveOne(context.GetArgument<string>("from"), null, "from");
                var to = snapshot.Index.ResolveOne(context.GetArgument<string>("to"), null, "to");
                var maxHops = context.GetArgument("maxHops", PathFinder.DefaultMaxHops);
                var first = context.GetArgument("first", PathFinder.DefaultFirst);
                PathFinder.CheckArguments(maxHops, first);
                return new AnalysisRequest<IReadOnlyList<GraphPath>>(Key(from, to, maxHops, first),
                    () => PathFinder.ShortestPaths(snapshot.Index, from, to, maxHops, first));
            }, context.CancellationToken));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ScopeCoverageType>>>>("coverage")
            .Description("For a scope, every chain × segment with counts of links present, weak, unmapped and missing (a heat map). With `compare`, the same for more scopes side by side (first `scope`, then `compare` in order); with `chain`, only that chain.")
            .Argument<ScopeInputType>("scope", "The scope; empty for the whole city.")
            .Argument<ListGraphType<NonNullGraphType<ScopeInputType>>>("compare", $"More scopes to set beside it (at most {MaxCompared}).")
            .Argument<StringGraphType>("chain", "Only this chain: id, key, name or alias.")
            .Argument<IntGraphType>("threshold", ThresholdHelp)
            .ResolveAsync(async context => (object?)await runner.RunAsync(context, "coverage", snapshot =>
            {
                var compare = context.GetArgument<List<ScopeArgument>?>("compare") ?? [];
                if (compare.Count > MaxCompared)
                {
                    throw new AnalysisException(AnalysisError.BadInput, text => text.TooManyScopes(compare.Count, MaxCompared));
                }

                var scopes = new[] { Scope(context, snapshot, "scope") }
                    .Concat(compare.Select((scope, at) => scope.Resolve(snapshot.Index, $"compare[{at}]")))
                    .ToList();
                var chainReference = context.GetArgument<string?>("chain");
                int? chain = chainReference is null ? null : snapshot.Analysis.ResolveChain(chainReference);
                var threshold = Threshold(context);
                return new AnalysisRequest<IReadOnlyList<ScopeCoverage>>(Key(string.Join(";", scopes.Select(scope => scope.CacheKey)), chain ?? -1, threshold),
                    () => scopes.Select(scope => snapshot.Analysis.Coverage(scope, threshold, chain)).ToList());
            }, context.CancellationToken));

        query.Field<NonNullGraphType<WhatIfResultType>>("whatIf")
            .Description("If these enterprises settled in the scope: which MISSING links of the chain they would close, which WEAK links they would strengthen, and the chain's coverage before and after.")
            .Argument<NonNullGraphType<StringGraphType>>("chain", "The industry chain: id, key, name or alias.")
            .Argument<NonNullGraphType<ScopeInputType>>("scope", "Where they would settle ({} for the whole city).")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("enterprises", $"Candidate enterprises: ids, keys, names or aliases (1 to {MaxList}).")
            .Argument<IntGraphType>("threshold", ThresholdHelp)
            .ResolveAsync(async context => (object?)await runner.RunAsync(context, "whatIf", snapshot =>
            {
                var (chain, scope, threshold) = ChainArguments(context, snapshot);
                var references = context.GetArgument<List<string>>("enterprises");
                if (references.Count is 0 or > MaxList)
                {
                    throw new AnalysisException(AnalysisError.BadInput, text => text.EnterpriseCount(references.Count, MaxList));
                }

                var enterprises = references.Select((reference, at) => snapshot.Index.ResolveOne(reference, EntityKind.Enterprise, $"enterprises[{at}]")).ToList();
                return new AnalysisRequest<WhatIfResult>(Key(chain, scope.CacheKey, threshold, string.Join(",", enterprises)),
                    () => snapshot.Analysis.WhatIf(chain, scope, enterprises, threshold));
            }, context.CancellationToken));
    }

    /// <summary>What the cost rule counts for a list of a chain's links (gaps, supply steps): the most links any chain has.</summary>
    private Func<double> MostLinks => () => runner.MostLinksInAChain;

    /// <summary>The size a nested list argument asks for, checked against the limit.</summary>
    public static int ListSize(IResolveFieldContext context, string field, string argument)
    {
        var size = context.GetArgument(argument, MaxList);
        if (size is < 0 or > MaxList)
        {
            throw new ApiError(size < 0 ? ErrorCodes.BadUserInput : ErrorCodes.PageTooLarge, $"{field}: {argument} must be from 0 to {MaxList}, not {size}");
        }

        return size;
    }

    private (int Chain, AnalysisScope Scope, int Threshold) ChainArguments(IResolveFieldContext context, AnalysisSnapshot snapshot) =>
        (snapshot.Analysis.ResolveChain(context.GetArgument<string>("chain")), Scope(context, snapshot, "scope"), Threshold(context));

    private static AnalysisScope Scope(IResolveFieldContext context, AnalysisSnapshot snapshot, string argument) =>
        context.GetArgument<ScopeArgument?>(argument)?.Resolve(snapshot.Index, argument) ?? AnalysisScope.City;

    private int Threshold(IResolveFieldContext context)
    {
        var threshold = context.GetArgument<int?>("threshold") ?? runner.DefaultThreshold;
        ChainAnalysis.CheckThreshold(threshold);
        return threshold;
    }

    private static string Key(params object[] parts) => string.Join("|", parts.Select(part => Convert.ToString(part, CultureInfo.InvariantCulture)));
}
