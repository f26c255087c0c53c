using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Server.Analysis;

/// <summary>
/// What an analysis answer can come to hold in memory, in bytes, for the answer cache's byte bound. A gap's
/// candidates, partners and hosting places, and a supply step's enterprises, are worked out the first time a query
/// asks for them and then stay with the cached answer: they are counted from the start, at their largest (every
/// enterprise working in the link elsewhere), so the cache never holds more than it counted.
/// </summary>
public static class AnswerSize
{
    /// <summary>An answer object with its list of parts: the least any cached answer is counted.</summary>
    public const long Base = 1024;

    /// <summary>A link's assessment: the link, its status, its rule's basis and lists.</summary>
    public const long PerLink = 1024;

    /// <summary>A placement: the enterprise and link references, its sources.</summary>
    public const long PerPlacement = 256;

    /// <summary>A candidate: its placement, its score reasons with their words, its district and parks.</summary>
    public const long PerCandidate = 1024;

    /// <summary>A report, a supplies edge, a path step, a coverage row.</summary>
    public const long PerItem = 256;

    public static long Of(object answer, GraphIndex index) => Base + answer switch
    {
        IReadOnlyList<ChainGap> gaps => gaps.Sum(gap => Gap(gap, index)),
        ChainMap map => map.Segments.Sum(segment => segment.Links.Sum(Assessment)) + (map.Supplies.Count * PerItem),
        IReadOnlyList<SupplyStep> steps => steps.Sum(step => PerLink + (PerPlacement * WorkingIn(index, step.Link))),
        IReadOnlyList<GraphPath> paths => paths.Sum(path => path.Length * PerItem),
        IReadOnlyList<ScopeCoverage> coverage => coverage.Sum(scope => scope.Chains.Sum(chain => (chain.Segments.Count + 1) * PerItem)),
        WhatIfResult whatIf => whatIf.Changes.Sum(change => PerLink + (change.Added.Count * PerPlacement))
            + ((whatIf.Before.Segments.Count + whatIf.After.Segments.Count + whatIf.Enterprises.Count) * PerItem),
        _ => PerLink,
    };

    private static long Assessment(LinkAssessment assessment) =>
        PerLink + (assessment.EnterprisesInScope.Count * PerPlacement) + (assessment.Reports.Count * PerItem);

    /// <summary>The gap as it stands, and its lazy parts at their largest: a candidate, a hosting place and a placement in it for every enterprise working in the link anywhere.</summary>
    private static long Gap(ChainGap gap, GraphIndex index)
    {
        var enterprises = WorkingIn(index, gap.Assessment.Link);
        return Assessment(gap.Assessment) + ((gap.Targets.Count + gap.FocusParks.Count) * PerItem)
            + (enterprises * (PerCandidate + (3 * PerPlacement)))
            + (index.Edges(index.IdOf(gap.Assessment.Link), Direction.In).Length * PerItem);
    }

    private static long WorkingIn(GraphIndex index, Entity link) =>
        index.Edges(index.IdOf(link), Direction.In, RelationshipTypes.WorksIn).Length;
}
