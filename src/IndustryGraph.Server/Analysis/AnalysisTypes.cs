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
using IndustryGraph.Server.Placements;
using IndustryGraph.Server.Vocabulary;

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
        Description = "A chain link in a scope: PRESENT (at least the threshold of enterprises work in it there), WEAK (at least one, fewer than the threshold), SUGGESTED (none placed, some suggested from the register), UNMAPPED (none the graph knows, but an article reports the chain there) or MISSING (no enterprise and no report).";
        this.DescribeValues(
            ("PRESENT", "At least the threshold of enterprises in scope work in the link (stated, curated or confirmed placements)."),
            ("WEAK", "Some enterprises in scope work in the link, fewer than the threshold: a link to strengthen (强链)."),
            ("SUGGESTED", "No enterprise in scope is placed in the link, but some are suggested for it from their register entries: confirm them (see `suggestedInScope` and each one's `evidence`). A suggestion alone never makes a link PRESENT or WEAK."),
            ("UNMAPPED", "No enterprise in scope is mapped to the link, but an article reports the chain present in the scope (a count of its parks or enterprises, a cluster, a leading industry): the graph does not know those enterprises yet. See `reports`."),
            ("MISSING", "No enterprise in scope works in the link and no article reports the chain in the scope: the evidence says it is absent, a gap to fill (补链)."));
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
        Description = "CLOSES a MISSING or UNMAPPED link, STRENGTHENS a WEAK link to PRESENT, or ADDS enterprises without changing the status.";
        this.DescribeValues(
            ("CLOSES", "The link is MISSING or UNMAPPED in scope and the candidates would give it its first enterprises."),
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
        this.LabelField("label", "The scope in words: the place's name, or the whole city (全市).",
            context => context.Source.Kind == ScopeKind.City ? context.Label(VocabularySection.ScopeKinds, "CITY") : context.Source.Label);
        Field<NonNullGraphType<ScopeEnterpriseCoverageType>>("coverage")
            .Description("How many enterprises the graph knows in the scope against how many the articles state there: how far to trust a count of zero.")
            .ResolveAsync(async context =>
            {
                var snapshot = await context.RequestServices!.GetRequiredService<AnalysisIndexProvider>().ForRequestAsync(context);
                return (object?)snapshot.Analysis.Evidence.Coverage(context.Source);
            });
    }
}

public sealed class ScopeEnterpriseCoverageType : ObjectGraphType<EnterpriseCoverage>
{
    public ScopeEnterpriseCoverageType()
    {
        Name = "ScopeCoverage";
        Description = "Enterprises the graph knows in a scope against those the articles state there.";
        Field(coverage => coverage.KnownEnterprises).Description("Enterprises in the graph located in the scope (directly, in its parks, in its sub-districts).");
        Field(coverage => coverage.StatedEnterprises, nullable: true)
            .Description("Enterprises the articles state in the scope: the place's own enterprise_count (the latest, about no particular chain); where the place has none, the sum of the figures of the parks and districts inside it, so a district's figure and its parks' are never added together. Null when no article states one.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SourceRefType>>>>("sources").Description("Where the stated figures come from.").Resolve(context => context.Source.Sources);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FactType>>>>("figures").Description("The enterprise_count facts summed into statedEnterprises.").Resolve(context => context.Source.Figures);
        Field(coverage => coverage.PlacedEnterprises).Description("Known active enterprises placed in some chain link (stated, curated or confirmed).");
        Field(coverage => coverage.SuggestedEnterprises).Description("Known active enterprises only suggested for some link (from the register), not placed in any: to confirm.");
        Field(coverage => coverage.UnplacedEnterprises).Description("Known active enterprises neither placed nor suggested.");
        Field(coverage => coverage.InactiveEnterprises).Description("Known enterprises the register shows deregistered, revoked or moved away (注销, 吊销, 迁出): kept, never placed, never candidates.");
    }
}

public sealed class ChainReportKindEnum : EnumerationGraphType<ChainReportKind>
{
    public ChainReportKindEnum()
    {
        Name = "ChainReportKind";
        Description = "How an article reports a chain present in a place.";
        this.DescribeValues(
            ("PARK_COUNT", "A count of parks of the industry in the place (fact park_count about the chain); `count` is the number."),
            ("ENTERPRISE_COUNT", "A count of enterprises of the industry in the place (fact enterprise_count about the chain); `count` is the number."),
            ("CLUSTER", "An existing base, hub or cluster of the industry in the place (fact cluster about the chain); `value` is how the article names it, `count` its scale when stated."),
            ("FOCUS", "A leading industry the place already has (FOCUSES_ON stated by an article). Curated FOCUSES_ON and TARGETS are not reports."));
    }
}

public sealed class ChainReportType : ObjectGraphType<ChainReport>
{
    public ChainReportType()
    {
        Name = "ChainReport";
        Description = "An article's statement that a chain is present in a place (a district or park). A report on a park counts for the park, its district and the city; one on a district for the district and the city. A report about a chain covers every link of it.";
        Field<NonNullGraphType<EntityInterface>>("place").Description("The district or park the article speaks of.").Resolve(context => context.Source.Place);
        Field<NonNullGraphType<ChainReportKindEnum>>("kind").Description("PARK_COUNT, ENTERPRISE_COUNT, CLUSTER or FOCUS.").Resolve(context => context.Source.Kind);
        Field(report => report.Count, nullable: true).Description("The number stated: parks, enterprises, or a cluster's scale; null when none is.");
        Field(report => report.Value, nullable: true).Description("The figure or name as the article writes it (9个, 全省信息安全产业基地); null for FOCUS.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityInterface>>>>("chains").Description("The chains (or links) the statement names: several when an article counts two industries together.").Resolve(context => context.Source.Chains);
        Field<NonNullGraphType<StringGraphType>>("text").Description("The report in words, in the request's language (Accept-Language: zh for Chinese).").Resolve(context => context.Text().Report(context.Source));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SourceRefType>>>>("sources").Description("Where it is stated.").Resolve(context => context.Source.Sources);
    }
}

public sealed class LinkPlacementType : ObjectGraphType<Placement>
{
    public LinkPlacementType()
    {
        Name = "LinkPlacement";
        Description = "An enterprise in a chain link, with where that placement comes from: stated by an article, curated, confirmed by a planner, or suggested from the register (with its score and evidence).";
        Field<NonNullGraphType<EnterpriseType>>("enterprise").Description("The enterprise.").Resolve(context => context.Source.Enterprise);
        Field<NonNullGraphType<ChainLinkType>>("link").Description("The chain link it works in.").Resolve(context => context.Source.Link);
        Field(placement => placement.InScope).Description("True when the enterprise is inside the scope of the question.");
        Field(placement => placement.Sourced).Description("True when an article states the placement; false when it is curated domain knowledge only.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SourceRefType>>>>("sources").Description("Where the placement comes from.").Resolve(context => context.Source.Sources);
        PlacementFields.AddTo(this);
        Field<ChainLinkType>("via").Description("For a candidate found through an equivalent link of another chain (EQUIVALENT_TO): that link; null otherwise.").Resolve(context => context.Source.Via);
    }
}

public sealed class LinkAssessmentType : ObjectGraphType<LinkAssessment>
{
    public const string RuleHelp = "The rule that gave the status, starting with the status, with its numbers and sources (e.g. `UNMAPPED: 管城区 has 9 parks of 智能制造 (001 ¶7), but none of the 0 enterprises known there is mapped to this link`). In Chinese when the request sends Accept-Language: zh.";

    public LinkAssessmentType()
    {
        Name = "LinkAssessment";
        Description = "A chain link's status in a scope, the rule with the numbers behind it, and the enterprises counted.";
        Field<NonNullGraphType<ChainLinkType>>("link").Description("The chain link.").Resolve(context => context.Source.Link);
        Field<NonNullGraphType<SegmentEnum>>("segment").Description("UPSTREAM, MIDSTREAM or DOWNSTREAM.").Resolve(context => context.Source.Link.Link!.Segment);
        Field<NonNullGraphType<LinkStatusEnum>>("status").Description("PRESENT, WEAK, UNMAPPED or MISSING in the scope.").Resolve(context => context.Source.Status);
        this.LabelField("statusLabel", "The status in words (已有, 薄弱, 待确认, 未映射, 缺失).", context => context.StatusLabel(context.Source.Status));
        Field<NonNullGraphType<StringGraphType>>("rule").Description(RuleHelp).Resolve(context => context.Text().Rule(context.Source));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChainReportType>>>>("reports").Description("Articles' reports of the chain in the scope that cover this link (what makes a link without enterprises UNMAPPED rather than MISSING).").Resolve(context => context.Source.Reports);
        Field(assessment => assessment.CountInScope).Description("How many enterprises work in the link inside the scope.");
        Field(assessment => assessment.EnterprisesElsewhere).Description("How many enterprises work in the link outside the scope.");
        Field(assessment => assessment.SuggestedElsewhere).Description("How many enterprises outside the scope are only suggested for the link from the register (candidates to confirm, not placements).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LinkPlacementType>>>>("enterprisesInScope").Description("The enterprises working in the link inside the scope, by name, each with its provenance.")
            .Resolve(context => context.Source.EnterprisesInScope);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LinkPlacementType>>>>("suggestedInScope")
            .Description("For a SUGGESTED link: the enterprises in scope suggested for it from the register, best score first, each with its score and evidence. Not counted in countInScope.")
            .Resolve(context => context.Source.SuggestedInScope);
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
        Description = "How many links are PRESENT, WEAK, SUGGESTED, UNMAPPED and MISSING (they add up to `links`).";
        Field(counts => counts.Links).Description("All links counted.");
        Field(counts => counts.Present).Description("Links PRESENT.");
        Field(counts => counts.Weak).Description("Links WEAK.");
        Field(counts => counts.Unmapped).Description("Links UNMAPPED: no enterprise known in scope, but the chain is reported there.");
        Field(counts => counts.Missing).Description("Links MISSING: no enterprise and no report in scope.");
        Field(counts => counts.Suggested).Description("Links SUGGESTED: no enterprise placed in scope, some suggested from the register.");
        Field(counts => counts.Reached).Description("(present + weak) / links, 0 to 1; 0 when there are no links.");
        Field(counts => counts.Evidenced).Description("(present + weak + suggested + unmapped) / links: the share with any evidence in the scope, 0 to 1.");
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
        Field(reason => reason.Code).Description("LEADS_CHAIN (3), ANCHOR_TAG (2), CHAIN_LINKS (1 per link of the chain), SAME_DISTRICT (2), IN_CHAIN (0.5), SOURCED_PLACEMENT (0.5), CONFIRMED_PLACEMENT (0.5), SUGGESTED_PLACEMENT (0.4 × the suggestion's score: computed, not confirmed) or CURATED_PLACEMENT (0), EQUIVALENT_LINK (0: placed in the same industry's link of another chain), TAG_HIGH_TECH / TAG_SPECIALIZED / TAG_LISTED (0.5), NO_LOCATION (0).");
        Field(reason => reason.Points).Description("Points it adds to the score.");
        Field<NonNullGraphType<StringGraphType>>("text").Description("The reason in words, in the request's language (Accept-Language: zh for Chinese).").Resolve(context => context.Text().Reason(context.Source));
    }
}

public sealed class GapCandidateType : ObjectGraphType<Candidate>
{
    public GapCandidateType()
    {
        Name = "GapCandidate";
        Description = "An enterprise outside the scope placed in or suggested for the link (or an equivalent link of another chain): someone to attract (补链/强链), with a transparent score. A suggested one says so in its reasons and its placement's kind.";
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
        Description = "A MISSING, UNMAPPED or WEAK link of a chain in a scope: why (the rule and the reports), the scope's targets for the chain, who could fill it, which labs help, and where else it is hosted or reported. Never a dead end: when no enterprise anywhere works in the link, the rule says so and reportsElsewhere and researchPartners still answer.";
        Field<NonNullGraphType<ChainLinkType>>("link").Description("The chain link.").Resolve(context => context.Source.Assessment.Link);
        Field<NonNullGraphType<SegmentEnum>>("segment").Description("UPSTREAM, MIDSTREAM or DOWNSTREAM.").Resolve(context => context.Source.Assessment.Link.Link!.Segment);
        Field<NonNullGraphType<LinkStatusEnum>>("status").Description("MISSING, UNMAPPED or WEAK.").Resolve(context => context.Source.Assessment.Status);
        this.LabelField("statusLabel", "The status in words.", context => context.StatusLabel(context.Source.Assessment.Status));
        Field<NonNullGraphType<StringGraphType>>("rule").Description(LinkAssessmentType.RuleHelp).Resolve(context => context.Text().Rule(context.Source.Assessment));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChainReportType>>>>("reports").Description("Articles' reports of the chain in the scope (the evidence that makes the link UNMAPPED); empty for MISSING.").Resolve(context => context.Source.Reports);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChainReportType>>>>("reportsElsewhere").Description("Reports of the chain in places outside the scope: where it is known to be.").Resolve(context => context.Source.ReportsElsewhere);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FactType>>>>("targets").Description("The scope's stated targets for this chain (facts with a key ending in _target about it, such as a 350亿元 scale target), on the district or its parks. The same facts are on the place's `facts` and the chain's `targets`.").Resolve(context => context.Source.Targets);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ParkType>>>>("focusParks").Description("Parks in the scope that focus on the chain (FOCUSES_ON) or where an article reports it, by name: where to place a newcomer.").Resolve(context => context.Source.FocusParks);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LinkPlacementType>>>>("enterprisesInScope").Description("Enterprises in the link inside the scope (none when MISSING).")
            .Resolve(context => context.Source.Assessment.EnterprisesInScope);
        Field<NonNullGraphType<IntGraphType>>("candidateCount").Description("How many candidates there are in all.").Resolve(context => context.Source.Candidates.Count);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GapCandidateType>>>>("candidates")
            .Description("Enterprises outside the scope placed in the link, suggested for it, or placed in or suggested for an equivalent link of another chain; best score first (ties by name).")
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
        this.LabelField("statusLabel", "The status in words.", context => context.StatusLabel(context.Source.Assessment.Status));
        Field<NonNullGraphType<StringGraphType>>("rule").Description(LinkAssessmentType.RuleHelp).Resolve(context => context.Text().Rule(context.Source.Assessment));
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
        Name = "CoverageMap";
        Description = "Every chain (or one) × segment with counts of links present, weak, unmapped and missing in one scope (a heat map). The scope's enterprise coverage is `scope.coverage`.";
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
        this.LabelField("effectLabel", "The effect in words.", context => context.Label(VocabularySection.Effects, context.Source.Effect.ToString().ToUpperInvariant()));
        this.LabelField("beforeLabel", "The status now, in words.", context => context.StatusLabel(context.Source.Before));
        this.LabelField("afterLabel", "The status with the candidates, in words.", context => context.StatusLabel(context.Source.After));
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
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChainLinkType>>>>("closes").Description("MISSING or UNMAPPED links that would get their first enterprises.")
            .Resolve(context => context.Source.Changes.Where(change => change.Effect == WhatIfEffect.Closes).Select(change => change.Link).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChainLinkType>>>>("strengthens").Description("WEAK links that would become PRESENT.")
            .Resolve(context => context.Source.Changes.Where(change => change.Effect == WhatIfEffect.Strengthens).Select(change => change.Link).ToList());
        Field<NonNullGraphType<ChainCoverageType>>("before").Description("The chain's coverage in the scope now.").Resolve(context => context.Source.Before);
        Field<NonNullGraphType<ChainCoverageType>>("after").Description("The chain's coverage with the candidates.").Resolve(context => context.Source.After);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EnterpriseType>>>>("alreadyInScope").Description("Candidates already in the scope: they change nothing.").Resolve(context => context.Source.AlreadyInScope);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EnterpriseType>>>>("outsideChain").Description("Candidates placed in no link of the chain: they change nothing for it.").Resolve(context => context.Source.OutsideChain);
    }
}
