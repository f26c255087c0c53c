using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;

namespace IndustryGraph.Domain.Analysis;

public enum LinkStatus
{
    Present,
    Weak,

    /// <summary>No enterprise in scope is placed in the link, but some are suggested for it from the register: confirm them.</summary>
    Suggested,

    /// <summary>No enterprise in scope is mapped to the link, but an article reports the chain present there.</summary>
    Unmapped,

    /// <summary>No enterprise in scope works in the link and no article reports the chain there.</summary>
    Missing,
}

/// <summary>
/// An enterprise in a chain link, with where that placement comes from: a WORKS_IN relationship (SOURCED by an
/// article, or CURATED), a planner's confirmation (CONFIRMED), or a computed suggestion (SUGGESTED, with its score).
/// </summary>
public sealed record Placement(Entity Enterprise, Entity Link, IReadOnlyList<SourceRef> Sources, bool InScope)
{
    public PlacementKind Kind { get; init; } = Sources.Any(source => !source.Curated) ? PlacementKind.Sourced : PlacementKind.Curated;

    /// <summary>A suggestion's score, 0..1; null for the other kinds.</summary>
    public double? Score { get; init; }

    /// <summary>For a candidate found through an equivalent link in another chain: that link; null when the placement is in the link asked about.</summary>
    public Entity? Via { get; init; }

    /// <summary>True when an article states the placement; false when it is curated, confirmed or suggested.</summary>
    public bool Sourced => Kind == PlacementKind.Sourced;

    /// <summary>True when the placement counts for a link's status: stated, curated or confirmed, never a suggestion alone.</summary>
    public bool Counts => Kind is PlacementKind.Sourced or PlacementKind.Curated or PlacementKind.Confirmed;
}

/// <summary>What a rule rests on besides the enterprises: the scope, the chain, the threshold, what the graph knows there and what the articles report.</summary>
public sealed record RuleBasis(AnalysisScope Scope, Entity Chain, int Threshold, int KnownInScope, IReadOnlyList<ChainReport> Reports, ParkCategory? Category)
{
    /// <summary>Places in the scope that aim for the chain (TARGETS): named in a MISSING rule, since a target is not presence.</summary>
    public IReadOnlyList<TargetingPlace> TargetedBy { get; init; } = [];
}

public sealed record TargetingPlace(Entity Place, IReadOnlyList<SourceRef> Sources);

/// <summary>A link's status in a scope, the evidence behind it (enterprises and reports), and the rule in words.</summary>
public sealed record LinkAssessment(Entity Link, LinkStatus Status, IReadOnlyList<Placement> EnterprisesInScope, int EnterprisesElsewhere, RuleBasis Basis)
{
    public int CountInScope => EnterprisesInScope.Count;

    /// <summary>Enterprises in scope only suggested for the link (best score first): what a SUGGESTED link rests on, never counted.</summary>
    public IReadOnlyList<Placement> SuggestedInScope { get; init; } = [];

    /// <summary>How many enterprises outside the scope are only suggested for the link (candidates, not placements).</summary>
    public int SuggestedElsewhere { get; init; }

    public IReadOnlyList<ChainReport> Reports => Basis.Reports;

    /// <summary>The rule in English; <see cref="AnalysisText.Rule"/> words it in another language.</summary>
    public string Rule => AnalysisText.English.Rule(this);
}

public sealed record SuppliesEdge(Entity From, Entity To, IReadOnlyList<SourceRef> Sources);

public sealed record SegmentLinks(Segment Segment, IReadOnlyList<LinkAssessment> Links);

public sealed record CoverageCounts(int Links, int Present, int Weak, int Unmapped, int Missing)
{
    /// <summary>Links SUGGESTED: no enterprise placed in scope, some suggested (counted apart from the other four).</summary>
    public int Suggested { get; init; }

    public static CoverageCounts Of(IEnumerable<LinkStatus> statuses)
    {
        var list = statuses.ToList();
        return new CoverageCounts(
            list.Count, list.Count(s => s == LinkStatus.Present), list.Count(s => s == LinkStatus.Weak),
            list.Count(s => s == LinkStatus.Unmapped), list.Count(s => s == LinkStatus.Missing))
        {
            Suggested = list.Count(s => s == LinkStatus.Suggested),
        };
    }

    /// <summary>Share of links present or weak (reached by at least one enterprise), 0..1; 0 for a chain without links.</summary>
    public double Reached => Links == 0 ? 0 : Math.Round((double)(Present + Weak) / Links, 4);

    /// <summary>Share of links with any evidence in the scope (an enterprise placed or suggested, or a report), 0..1.</summary>
    public double Evidenced => Links == 0 ? 0 : Math.Round((double)(Present + Weak + Suggested + Unmapped) / Links, 4);
}

public sealed record SegmentCoverage(Segment Segment, CoverageCounts Counts);

public sealed record ChainCoverage(Entity Chain, IReadOnlyList<SegmentCoverage> Segments, CoverageCounts Total);

public sealed record ScopeCoverage(AnalysisScope Scope, int Threshold, IReadOnlyList<ChainCoverage> Chains);

public sealed record ChainMap(Entity Chain, AnalysisScope Scope, int Threshold, IReadOnlyList<SegmentLinks> Segments, IReadOnlyList<SuppliesEdge> Supplies, CoverageCounts Counts);

/// <summary>One part of a candidate's score: what it is, how many points, and the names and numbers behind it (worded by <see cref="AnalysisText.Reason"/>).</summary>
public sealed record ScoreReason(string Code, double Points, IReadOnlyList<string> Args)
{
    public ScoreReason(string code, double points, params string[] args)
        : this(code, points, (IReadOnlyList<string>)args)
    {
    }

    public string Text => AnalysisText.English.Reason(this);
}

public sealed record Candidate(Entity Enterprise, double Score, IReadOnlyList<ScoreReason> Reasons, Placement Placement, Entity? District, IReadOnlyList<Entity> Parks);

/// <summary>A research partner that SUPPORTS the link itself or its chain as a whole.</summary>
public sealed record PartnerSupport(Entity Partner, Entity Supports, bool SupportsLink, bool InScope, IReadOnlyList<SourceRef> Sources);

/// <summary>A park or district outside the scope where enterprises already work in the link; for a park, its district.</summary>
public sealed record HostingPlace(Entity Place, Entity? District, IReadOnlyList<Placement> Enterprises);

/// <summary>
/// A gap (MISSING, UNMAPPED or WEAK link) with what could fill it. The costly parts (candidates, partners, hosting
/// places) are computed on first use, so an answer that does not ask for them does not pay for them.
/// </summary>
public sealed class ChainGap(
    LinkAssessment assessment,
    IReadOnlyList<Fact> targets,
    IReadOnlyList<Entity> focusParks,
    Func<IReadOnlyList<ChainReport>> reportsElsewhere,
    Func<IReadOnlyList<Candidate>> candidates,
    Func<IReadOnlyList<PartnerSupport>> researchPartners,
    Func<IReadOnlyList<HostingPlace>> hostingParks,
    Func<IReadOnlyList<HostingPlace>> hostingDistricts)
{
    private readonly Lazy<IReadOnlyList<ChainReport>> reportsElsewhere = new(reportsElsewhere);
    private readonly Lazy<IReadOnlyList<Candidate>> candidates = new(candidates);
    private readonly Lazy<IReadOnlyList<PartnerSupport>> researchPartners = new(researchPartners);
    private readonly Lazy<IReadOnlyList<HostingPlace>> hostingParks = new(hostingParks);
    private readonly Lazy<IReadOnlyList<HostingPlace>> hostingDistricts = new(hostingDistricts);

    public LinkAssessment Assessment { get; } = assessment;

    /// <summary>Reports of the chain inside the scope (the evidence of an UNMAPPED link).</summary>
    public IReadOnlyList<ChainReport> Reports => Assessment.Reports;

    /// <summary>Stated targets for the chain on places in the scope.</summary>
    public IReadOnlyList<Fact> Targets { get; } = targets;

    /// <summary>Parks in the scope that focus on or report the chain.</summary>
    public IReadOnlyList<Entity> FocusParks { get; } = focusParks;

    /// <summary>Reports of the chain in places outside the scope.</summary>
    public IReadOnlyList<ChainReport> ReportsElsewhere => reportsElsewhere.Value;

    public IReadOnlyList<Candidate> Candidates => candidates.Value;

    public IReadOnlyList<PartnerSupport> ResearchPartners => researchPartners.Value;

    public IReadOnlyList<HostingPlace> HostingParks => hostingParks.Value;

    public IReadOnlyList<HostingPlace> HostingDistricts => hostingDistricts.Value;
}

public sealed record ChainGaps(Entity Chain, AnalysisScope Scope, int Threshold, IReadOnlyList<ChainGap> Gaps, CoverageCounts Counts);

public enum SupplyDirection
{
    Upstream,
    Downstream,
}

/// <summary>
/// A link reached over SUPPLIES edges, with its distance and the links one step closer it was reached from. Its placements and assessment are worked out on first use: a query
/// that asks only for links and distances never gathers and sorts the enterprises of every reached link.
/// </summary>
public sealed class SupplyStep
{
    private readonly Lazy<IReadOnlyList<Placement>> enterprises;
    private readonly Lazy<LinkAssessment> assessment;

    public SupplyStep(Entity link, int distance, IReadOnlyList<Entity> via, Func<IReadOnlyList<Placement>> placements, Func<IReadOnlyList<Placement>, LinkAssessment> assess)
    {
        (Link, Distance, Via) = (link, distance, via);
        enterprises = new(placements);
        assessment = new(() => assess(enterprises.Value));
    }

    public Entity Link { get; }

    public int Distance { get; }

    public IReadOnlyList<Entity> Via { get; }

    public IReadOnlyList<Placement> Enterprises => enterprises.Value;

    public LinkAssessment Assessment => assessment.Value;
}

public sealed record SupplyTrace(Entity Origin, SupplyDirection Direction, int Depth, AnalysisScope Scope, int Threshold, IReadOnlyList<Entity> StartLinks, IReadOnlyList<SupplyStep> Steps);

public sealed record PathStep(Entity From, Entity To, string Relationship, Direction Direction, IReadOnlyList<SourceRef> Sources);

public sealed record GraphPath(IReadOnlyList<PathStep> Steps)
{
    public int Length => Steps.Count;
}

public enum WhatIfEffect
{
    /// <summary>A MISSING or UNMAPPED link gets its first enterprise(s).</summary>
    Closes,

    /// <summary>A WEAK link reaches the threshold.</summary>
    Strengthens,

    /// <summary>More enterprises, same status.</summary>
    Adds,
}

public sealed record WhatIfChange(Entity Link, WhatIfEffect Effect, LinkStatus Before, LinkStatus After, int CountBefore, int CountAfter, IReadOnlyList<Placement> Added);

public sealed record WhatIfResult(
    Entity Chain,
    AnalysisScope Scope,
    int Threshold,
    IReadOnlyList<Entity> Enterprises,
    IReadOnlyList<WhatIfChange> Changes,
    ChainCoverage Before,
    ChainCoverage After,
    IReadOnlyList<Entity> AlreadyInScope,
    IReadOnlyList<Entity> OutsideChain);
