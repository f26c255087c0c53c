using GraphQL;
using GraphQL.Types;
using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Server.Chains;
using IndustryGraph.Server.Districts;
using IndustryGraph.Server.Enterprises;
using IndustryGraph.Server.Entities;
using IndustryGraph.Server.GraphQL;
using IndustryGraph.Server.Parks;
using IndustryGraph.Server.Partners;

namespace IndustryGraph.Server.Analysis;

public sealed class ScopeInputType : InputObjectGraphType<ScopeArgument>
{
    public ScopeInputType()
    {
        Name = "ScopeInput";
        Description = "Where an analysis looks. Give a park or a district (id, key, name or alias); give neither for the whole city. A district includes the parks located in it.";
        Field<StringGraphType>("park").Description("A park: its id, key, name or alias.");
        Field<StringGraphType>("district").Description("A district: its id, key, name or alias. With a park too, the park must lie in it.");
    }
}

public sealed class LinkStatusEnum : EnumerationGraphType<LinkStatus>
{
    public LinkStatusEnum()
    {
        Name = "LinkStatus";
        Description = "A chain link in a scope: PRESENT (at least the threshold of enterprises work in it there), WEAK (at least one, fewer than the threshold) or MISSING (none).";
        this.DescribeValues(
            ("PRESENT", "At least the threshold of enterprises in scope work in the link."),
            ("WEAK", "Some enterprises in scope work in the link, fewer than the threshold: a link to strengthen (强链)."),
            ("MISSING", "No enterprise in scope works in the link: a gap to fill (补链)."));
    }
}

public sealed class ScopeKindEnum : EnumerationGraphType<ScopeKind>
{
    public ScopeKindEnum()
    {
        Name = "ScopeKind";
        Description = "CITY (everything), DISTRICT (a district with its parks) or PARK.";
        this.DescribeValues(
            ("CITY", "The whole city: every enterprise in the graph."),
            ("DISTRICT", "A district: enterprises located in it, in its parks and in its sub-districts."),
            ("PARK", "A park: enterprises located in it."));
    }
}

public sealed class WhatIfEffectEnum : EnumerationGraphType<WhatIfEffect>
{
    public WhatIfEffectEnum()
    {
        Name = "WhatIfEffect";
        Description = "CLOSES a MISSING link, STRENGTHENS a WEAK link to PRESENT, or ADDS enterprises without changing the status.";
        this.DescribeValues(
            ("CLOSES", "The link is MISSING in scope and the candidates would give it its first enterprises."),
            ("STRENGTHENS", "The link is WEAK in scope and the candidates would bring it to the threshold."),
            ("ADDS", "The candidates add enterprises to the link without changing its status."));
    }
}

public sealed class AnalysisScopeType : ObjectGraphType<AnalysisScope>
{
    public AnalysisScopeType()
    {
        Name = "AnalysisScope";
        Description = "The scope an answer is about, as resolved from the ScopeInput.";
        Field<NonNullGraphType<ScopeKindEnum>>("kind").Description("CITY, DISTRICT or PARK.").Resolve(context => context.Source.Kind);
        Field<EntityInterface>("place").Description("The district or park; null for the whole city.").Resolve(context => context.Source.Place);
        Field(scope => scope.Label).Description("The scope in words: the place's name, or `whole city`.");
    }
}

public sealed class LinkPlacementType : ObjectGraphType<Placement>
{
    public LinkPlacementType()
    {
        Name = "LinkPlacement";
        Description = "An enterprise working in a chain link (WORKS_IN), with the provenance of that placement: stated by an article, or curated.";
        Field<NonNullGraphType<EnterpriseType>>("enterprise").Description("The enterprise.").Resolve(context => context.Source.Enterprise);
        Field<NonNullGraphType<ChainLinkType>>("link").Description("The chain link it works in.").Resolve(context => context.Source.Link);
        Field(placement => placement.InScope).Description("True when the enterprise is inside the scope of the question.");
        Field(placement => placement.Sourced).Description("True when an article states the placement; false when it is curated domain knowledge only.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SourceRefType>>>>("sources").Description("Where the placement comes from.").Resolve(context => context.Source.Sources);
    }
}

public sealed class LinkAssessmentType : ObjectGraphType<LinkAssessment>
{
    public LinkAssessmentType()
    {
        Name = "LinkAssessment";
        Description = "A chain link's status in a scope, the rule with the numbers behind it, and the enterprises counted.";
        Field<NonNullGraphType<ChainLinkType>>("link").Description("The chain link.").Resolve(context => context.Source.Link);
        Field<NonNullGraphType<SegmentEnum>>("segment").Description("UPSTREAM, MIDSTREAM or DOWNSTREAM.").Resolve(context => context.Source.Link.Link!.Segment);
        Field<NonNullGraphType<LinkStatusEnum>>("status").Description("PRESENT, WEAK or MISSING in the scope.").Resolve(context => context.Source.Status);
        Field(assessment => assessment.Rule).Description("The rule that gave the status, with the numbers.");
        Field(assessment => assessment.CountInScope).Description("How many enterprises work in the link inside the scope.");
        Field(assessment => assessment.EnterprisesElsewhere).Description("How many enterprises work in the link outside the scope.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LinkPlacementType>>>>("enterprisesInScope").Description("The enterprises working in the link inside the scope, by name, each with its provenance.")
            .Resolve(context => context.Source.EnterprisesInScope);
    }
}

public sealed class ChainSegmentType : ObjectGraphType<SegmentLinks>
{
    public ChainSegmentType()
    {
        Name = "ChainSegment";
        Description = "One segment of a chain map: its links in chain order.";
        Field<NonNullGraphType<SegmentEnum>>("segment").Description("UPSTREAM, MIDSTREAM or DOWNSTREAM.").Resolve(context => context.Source.Segment);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LinkAssessmentType>>>>("links").Description("The segment's links in chain order, each with its status.").Resolve(context => context.Source.Links);
    }
}

public sealed class SuppliesEdgeType : ObjectGraphType<SuppliesEdge>
{
    public SuppliesEdgeType()
    {
        Name = "SuppliesEdge";
        Description = "A SUPPLIES edge between two links of a chain: `from` supplies `to`.";
        Field<NonNullGraphType<ChainLinkType>>("from").Description("The supplying (upstream) link.").Resolve(context => context.Source.From);
        Field<NonNullGraphType<ChainLinkType>>("to").Description("The supplied (downstream) link.").Resolve(context => context.Source.To);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SourceRefType>>>>("sources").Description("Where the edge comes from.").Resolve(context => context.Source.Sources);
    }
}

public sealed class CoverageCountsType : ObjectGraphType<CoverageCounts>
{
    public CoverageCountsType()
    {
        Name = "CoverageCounts";
        Description = "How many links are PRESENT, WEAK and MISSING (they add up to `links`).";
        Field(counts => counts.Links).Description("All links counted.");
        Field(counts => counts.Present).Description("Links PRESENT.");
        Field(counts => counts.Weak).Description("Links WEAK.");
        Field(counts => counts.Missing).Description("Links MISSING.");
        Field(counts => counts.Reached).Description("(present + weak) / links, 0 to 1; 0 when there are no links.");
    }
}

public sealed class ChainMapType : ObjectGraphType<ChainMap>
{
    public ChainMapType()
    {
        Name = "ChainMap";
        Description = "A chain in a scope: its links by segment in chain order, each with its status, and the supplies edges between them.";
        Field<NonNullGraphType<IndustryChainType>>("chain").Description("The chain.").Resolve(context => context.Source.Chain);
        Field<NonNullGraphType<AnalysisScopeType>>("scope").Description("The scope.").Resolve(context => context.Source.Scope);
        Field(map => map.Threshold).Description("Enterprises a link needs in the scope to be PRESENT.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChainSegmentType>>>>("segments").Description("UPSTREAM, MIDSTREAM, DOWNSTREAM, each with its links.").Resolve(context => context.Source.Segments);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LinkAssessmentType>>>>("links").Description("All links in chain order (the segments flattened).")
            .Resolve(context => context.Source.Segments.SelectMany(segment => segment.Links).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SuppliesEdgeType>>>>("supplies").Description("SUPPLIES edges between the chain's links.").Resolve(context => context.Source.Supplies);
        Field<NonNullGraphType<CoverageCountsType>>("counts").Description("Links present, weak and missing.").Resolve(context => context.Source.Counts);
    }
}

public sealed class ScoreReasonType : ObjectGraphType<ScoreReason>
{
    public ScoreReasonType()
    {
        Name = "ScoreReason";
        Description = "One part of a candidate's score: a code, its points, and the fact behind it in words.";
        Field(reason => reason.Code).Description("LEADS_CHAIN (3), ANCHOR_TAG (2), CHAIN_LINKS (1 per link of the chain), SAME_DISTRICT (2), IN_CHAIN (0.5), SOURCED_PLACEMENT (0.5) or CURATED_PLACEMENT (0), TAG_HIGH_TECH / TAG_SPECIALIZED / TAG_LISTED (0.5), NO_LOCATION (0).");
        Field(reason => reason.Points).Description("Points it adds to the score.");
        Field(reason => reason.Text).Description("The reason in words.");
    }
}

public sealed class GapCandidateType : ObjectGraphType<Candidate>
{
    public GapCandidateType()
    {
        Name = "GapCandidate";
        Description = "An enterprise outside the scope that works in the link: someone to attract (补链/强链), with a transparent score.";
        Field<NonNullGraphType<EnterpriseType>>("enterprise").Description("The enterprise.").Resolve(context => context.Source.Enterprise);
        Field(candidate => candidate.Score).Description("The sum of the reasons' points; higher first.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ScoreReasonType>>>>("reasons").Description("Every part of the score.").Resolve(context => context.Source.Reasons);
        Field<NonNullGraphType<LinkPlacementType>>("placement").Description("Its placement in the link, with provenance.").Resolve(context => context.Source.Placement);
        Field<DistrictType>("district").Description("Where it is now: its district (direct, or its park's).").Resolve(context => context.Source.District);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ParkType>>>>("parks").Description("Parks it is located in now.").Resolve(context => context.Source.Parks);
    }
}

public sealed class ResearchPartnerSupportType : ObjectGraphType<PartnerSupport>
{
    public ResearchPartnerSupportType()
    {
        Name = "ResearchPartnerSupport";
        Description = "A research partner that supports the link itself or its chain (SUPPORTS).";
        Field<NonNullGraphType<ResearchPartnerType>>("partner").Description("The lab, university or institute.").Resolve(context => context.Source.Partner);
        Field<NonNullGraphType<EntityInterface>>("supports").Description("What it supports: the link or the chain.").Resolve(context => context.Source.Supports);
        Field(support => support.SupportsLink).Description("True when it supports this very link, false when it supports the chain as a whole.");
        Field(support => support.InScope).Description("True when the partner is located inside the scope.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SourceRefType>>>>("sources").Description("Where the support relationship comes from.").Resolve(context => context.Source.Sources);
    }
}

public sealed class HostingParkType : ObjectGraphType<HostingPlace>
{
    public HostingParkType()
    {
        Name = "HostingPark";
        Description = "A park outside the scope where enterprises already work in the link.";
        Field<NonNullGraphType<ParkType>>("park").Description("The park.").Resolve(context => context.Source.Place);
        Field<DistrictType>("district").Description("The park's district.").Resolve(context => context.Source.District);
        Field<NonNullGraphType<IntGraphType>>("enterpriseCount").Description("How many enterprises there work in the link.").Resolve(context => context.Source.Enterprises.Count);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LinkPlacementType>>>>("enterprises").Description("Those enterprises, with provenance.").Resolve(context => context.Source.Enterprises);
    }
}

public sealed class HostingDistrictType : ObjectGraphType<HostingPlace>
{
    public HostingDistrictType()
    {
        Name = "HostingDistrict";
        Description = "A district outside the scope where enterprises already work in the link (each enterprise counted in its own district, or its park's).";
        Field<NonNullGraphType<DistrictType>>("district").Description("The district.").Resolve(context => context.Source.Place);
        Field<NonNullGraphType<IntGraphType>>("enterpriseCount").Description("How many enterprises there work in the link.").Resolve(context => context.Source.Enterprises.Count);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LinkPlacementType>>>>("enterprises").Description("Those enterprises, with provenance.").Resolve(context => context.Source.Enterprises);
    }
}

public sealed class ChainGapType : ObjectGraphType<ChainGap>
{
    public const int DefaultCandidates = 10;

    public ChainGapType()
    {
        Name = "ChainGap";
        Description = "A MISSING or WEAK link of a chain in a scope: why (the rule), who could fill it, which labs help, and which parks elsewhere host it.";
        Field<NonNullGraphType<ChainLinkType>>("link").Description("The chain link.").Resolve(context => context.Source.Assessment.Link);
        Field<NonNullGraphType<SegmentEnum>>("segment").Description("UPSTREAM, MIDSTREAM or DOWNSTREAM.").Resolve(context => context.Source.Assessment.Link.Link!.Segment);
        Field<NonNullGraphType<LinkStatusEnum>>("status").Description("MISSING or WEAK.").Resolve(context => context.Source.Assessment.Status);
        Field<NonNullGraphType<StringGraphType>>("rule").Description("The rule that gave the status, with the numbers.").Resolve(context => context.Source.Assessment.Rule);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LinkPlacementType>>>>("enterprisesInScope").Description("Enterprises in the link inside the scope (none when MISSING).")
            .Resolve(context => context.Source.Assessment.EnterprisesInScope);
        Field<NonNullGraphType<IntGraphType>>("candidateCount").Description("How many candidates there are in all.").Resolve(context => context.Source.Candidates.Count);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GapCandidateType>>>>("candidates")
            .Description("Enterprises outside the scope working in the link, best score first (ties by name).")
            .Argument<IntGraphType>("first", $"How many (default {DefaultCandidates}, at most {AnalysisQueries.MaxList}).", argument => argument.DefaultValue = DefaultCandidates)
            .Resolve(context => context.Source.Candidates.Take(AnalysisQueries.ListSize(context, "candidates", "first")).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ResearchPartnerSupportType>>>>("researchPartners")
            .Description("Research partners supporting the link first, then the chain; those in the scope first.").Resolve(context => context.Source.ResearchPartners);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<HostingParkType>>>>("hostingParks")
            .Description("Parks outside the scope that host enterprises working in the link, most first.").Resolve(context => context.Source.HostingParks);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<HostingDistrictType>>>>("hostingDistricts")
            .Description("Districts outside the scope where enterprises working in the link are, most first (also those located in a district but in no park).").Resolve(context => context.Source.HostingDistricts);
    }
}

public sealed class SupplyStepType : ObjectGraphType<SupplyStep>
{
    public SupplyStepType()
    {
        Name = "SupplyStep";
        Description = "A link reached over SUPPLIES edges: how far, through which links, its status in the scope and who works in it.";
        Field<NonNullGraphType<ChainLinkType>>("link").Description("The link reached.").Resolve(context => context.Source.Link);
        Field(step => step.Distance).Description("SUPPLIES steps from the start (1 = a direct supplier or customer link).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChainLinkType>>>>("via").Description("The links one step closer to the start it was reached from.").Resolve(context => context.Source.Via);
        Field<NonNullGraphType<LinkStatusEnum>>("status").Description("The link's status in the scope.").Resolve(context => context.Source.Assessment.Status);
        Field<NonNullGraphType<StringGraphType>>("rule").Description("The rule that gave the status, with the numbers.").Resolve(context => context.Source.Assessment.Rule);
        Field<NonNullGraphType<BooleanGraphType>>("inScope").Description("True when at least one enterprise works in the link inside the scope.").Resolve(context => context.Source.Assessment.CountInScope > 0);
        Field<NonNullGraphType<IntGraphType>>("enterprisesInScopeCount").Description("Enterprises in the link inside the scope.").Resolve(context => context.Source.Assessment.CountInScope);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LinkPlacementType>>>>("enterprises")
            .Description("Enterprises working in the link, those in the scope first, each marked inScope and with provenance.")
            .Argument<BooleanGraphType>("inScopeOnly", "Only those inside the scope.", argument => argument.DefaultValue = false)
            .Argument<IntGraphType>("first", $"How many (default {AnalysisQueries.MaxList}, at most {AnalysisQueries.MaxList}).", argument => argument.DefaultValue = AnalysisQueries.MaxList)
            .Resolve(context => context.Source.Enterprises
                .Where(placement => placement.InScope || !context.GetArgument<bool>("inScopeOnly"))
                .OrderByDescending(placement => placement.InScope)
                .Take(AnalysisQueries.ListSize(context, "enterprises", "first"))
                .ToList());
    }
}

public sealed class PathStepType : ObjectGraphType<PathStep>
{
    public PathStepType()
    {
        Name = "PathStep";
        Description = "One hop of a path: a relationship between `from` and `to`, which way it points, and where it comes from.";
        Field<NonNullGraphType<EntityInterface>>("from").Description("The entity the hop starts at.").Resolve(context => context.Source.From);
        Field<NonNullGraphType<EntityInterface>>("to").Description("The entity the hop ends at.").Resolve(context => context.Source.To);
        Field(step => step.Relationship).Description("The relationship type, e.g. LOCATED_IN or WORKS_IN.");
        Field<NonNullGraphType<DirectionEnum>>("direction").Description("OUT when the relationship points from `from` to `to`, IN when it points back.").Resolve(context => context.Source.Direction);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SourceRefType>>>>("sources").Description("Where the relationship comes from.").Resolve(context => context.Source.Sources);
    }
}

public sealed class GraphPathType : ObjectGraphType<GraphPath>
{
    public GraphPathType()
    {
        Name = "Path";
        Description = "A shortest sequence of relationships between two entities.";
        Field(path => path.Length).Description("Number of hops.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PathStepType>>>>("steps").Description("The hops from `from` to `to`.").Resolve(context => context.Source.Steps);
    }
}

public sealed class SegmentCoverageType : ObjectGraphType<SegmentCoverage>
{
    public SegmentCoverageType()
    {
        Name = "SegmentCoverage";
        Description = "Link counts of one segment of a chain in a scope: a cell of the heat map.";
        Field<NonNullGraphType<SegmentEnum>>("segment").Description("UPSTREAM, MIDSTREAM or DOWNSTREAM.").Resolve(context => context.Source.Segment);
        Field<NonNullGraphType<CoverageCountsType>>("counts").Description("Links present, weak and missing.").Resolve(context => context.Source.Counts);
    }
}

public sealed class ChainCoverageType : ObjectGraphType<ChainCoverage>
{
    public ChainCoverageType()
    {
        Name = "ChainCoverage";
        Description = "A chain's link counts in a scope, per segment and in total: a row of the heat map.";
        Field<NonNullGraphType<IndustryChainType>>("chain").Description("The chain.").Resolve(context => context.Source.Chain);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SegmentCoverageType>>>>("segments").Description("UPSTREAM, MIDSTREAM and DOWNSTREAM, always all three.").Resolve(context => context.Source.Segments);
        Field<NonNullGraphType<CoverageCountsType>>("total").Description("All links of the chain.").Resolve(context => context.Source.Total);
    }
}

public sealed class ScopeCoverageType : ObjectGraphType<ScopeCoverage>
{
    public ScopeCoverageType()
    {
        Name = "ScopeCoverage";
        Description = "Every chain (or one) × segment with counts of links present, weak and missing in one scope.";
        Field<NonNullGraphType<AnalysisScopeType>>("scope").Description("The scope.").Resolve(context => context.Source.Scope);
        Field(coverage => coverage.Threshold).Description("Enterprises a link needs in the scope to be PRESENT.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChainCoverageType>>>>("chains").Description("Chains by name.").Resolve(context => context.Source.Chains);
    }
}

public sealed class WhatIfChangeType : ObjectGraphType<WhatIfChange>
{
    public WhatIfChangeType()
    {
        Name = "WhatIfChange";
        Description = "A link that the candidate enterprises would add to if they settled in the scope.";
        Field<NonNullGraphType<ChainLinkType>>("link").Description("The chain link.").Resolve(context => context.Source.Link);
        Field<NonNullGraphType<WhatIfEffectEnum>>("effect").Description("CLOSES, STRENGTHENS or ADDS.").Resolve(context => context.Source.Effect);
        Field<NonNullGraphType<LinkStatusEnum>>("before").Description("Status now.").Resolve(context => context.Source.Before);
        Field<NonNullGraphType<LinkStatusEnum>>("after").Description("Status with the candidates.").Resolve(context => context.Source.After);
        Field(change => change.CountBefore).Description("Enterprises in the link in the scope now.");
        Field(change => change.CountAfter).Description("Enterprises with the candidates.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LinkPlacementType>>>>("added").Description("The candidates' placements in the link, with provenance.").Resolve(context => context.Source.Added);
    }
}

public sealed class WhatIfResultType : ObjectGraphType<WhatIfResult>
{
    public WhatIfResultType()
    {
        Name = "WhatIfResult";
        Description = "What settling the candidate enterprises in the scope would do to the chain: the links they close or strengthen, and coverage before and after.";
        Field<NonNullGraphType<IndustryChainType>>("chain").Description("The chain.").Resolve(context => context.Source.Chain);
        Field<NonNullGraphType<AnalysisScopeType>>("scope").Description("The scope.").Resolve(context => context.Source.Scope);
        Field(result => result.Threshold).Description("Enterprises a link needs in the scope to be PRESENT.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EnterpriseType>>>>("enterprises").Description("The candidates asked about.").Resolve(context => context.Source.Enterprises);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WhatIfChangeType>>>>("changes").Description("Links whose count would rise, in chain order.").Resolve(context => context.Source.Changes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChainLinkType>>>>("closes").Description("MISSING links that would no longer be missing.")
            .Resolve(context => context.Source.Changes.Where(change => change.Effect == WhatIfEffect.Closes).Select(change => change.Link).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChainLinkType>>>>("strengthens").Description("WEAK links that would become PRESENT.")
            .Resolve(context => context.Source.Changes.Where(change => change.Effect == WhatIfEffect.Strengthens).Select(change => change.Link).ToList());
        Field<NonNullGraphType<ChainCoverageType>>("before").Description("The chain's coverage in the scope now.").Resolve(context => context.Source.Before);
        Field<NonNullGraphType<ChainCoverageType>>("after").Description("The chain's coverage with the candidates.").Resolve(context => context.Source.After);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EnterpriseType>>>>("alreadyInScope").Description("Candidates already in the scope: they change nothing.").Resolve(context => context.Source.AlreadyInScope);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EnterpriseType>>>>("outsideChain").Description("Candidates placed in no link of the chain: they change nothing for it.").Resolve(context => context.Source.OutsideChain);
    }
}
