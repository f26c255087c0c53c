using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;

namespace IndustryGraph.Domain.Tests.Analysis;

/// <summary>
/// Suggested and decided placements on <see cref="FixtureGraph"/>, with register enterprises added. Worked by hand:
/// <code>
/// ent-8  (一区)  SUGGESTED L2 0.8, Y1 0.6
/// ent-9  (二区)  SUGGESTED L4 0.7
/// ent-10 (一区)  CONFIRMED L4
/// ent-11 (一区)  inactive, SUGGESTED L2 0.9
/// ent-12 (二区)  REJECTED L2
/// Y2 EQUIVALENT_TO L4
/// </code>
/// </summary>
public sealed class PlacementAnalysisTests
{
    private readonly GraphIndex index;
    private readonly ChainAnalysis analysis;

    public PlacementAnalysisTests()
    {
        var fixture = FixtureGraph.Build();
        var curated = FixtureGraph.Curated;
        Entity Register(string key, string name, params string[] tags) => new(key, EntityKind.Enterprise, name, [], tags, [curated]);
        Relationship Edge(string from, string type, string to) => new(from, type, to, [curated]);
        PlacementRecord Record(string enterprise, string link, PlacementKind kind, double? score = null) => new(enterprise, link, kind, score, []);
        index = GraphIndex.Build(new GraphDataset(
            [.. fixture.Entities, Register("ent-8", "E8"), Register("ent-9", "E9"), Register("ent-10", "E10"), Register("ent-11", "E11", EntityTags.Inactive), Register("ent-12", "E12")],
            fixture.Facts,
            [
                .. fixture.Relationships,
                Edge("ent-8", RelationshipTypes.LocatedIn, "d-one"), Edge("ent-9", RelationshipTypes.LocatedIn, "d-two"),
                Edge("ent-10", RelationshipTypes.LocatedIn, "d-one"), Edge("ent-11", RelationshipTypes.LocatedIn, "d-one"),
                Edge("ent-12", RelationshipTypes.LocatedIn, "d-two"), Edge("link-y-2", RelationshipTypes.EquivalentTo, "link-x-4"),
            ])
        {
            Placements =
            [
                Record("ent-8", "link-x-2", PlacementKind.Suggested, 0.8), Record("ent-8", "link-y-1", PlacementKind.Suggested, 0.6),
                Record("ent-9", "link-x-4", PlacementKind.Suggested, 0.7), Record("ent-10", "link-x-4", PlacementKind.Confirmed),
                Record("ent-11", "link-x-2", PlacementKind.Suggested, 0.9), Record("ent-12", "link-x-2", PlacementKind.Rejected, 0.5),
            ],
        });
        analysis = new ChainAnalysis(index);
    }

    private int Id(string key) => index.TryGetId(key, out var id) ? id : throw new KeyNotFoundException(key);

    private AnalysisScope District(string name) => ScopeResolver.Resolve(index, park: null, district: name);

    private Dictionary<string, LinkAssessment> Links(string chain, AnalysisScope scope) =>
        analysis.Map(Id(chain), scope, threshold: 2).Segments.SelectMany(segment => segment.Links).ToDictionary(link => link.Link.Name);

    [Fact]
    public void A_suggestion_alone_makes_a_link_SUGGESTED_never_PRESENT_or_WEAK()
    {
        var links = Links("chain-x", District("一区"));

        Assert.Equal(LinkStatus.Suggested, links["L2"].Status);
        Assert.Empty(links["L2"].EnterprisesInScope);
        var suggested = Assert.Single(links["L2"].SuggestedInScope);
        Assert.Equal(("E8", PlacementKind.Suggested, 0.8), (suggested.Enterprise.Name, suggested.Kind, Math.Round(suggested.Score!.Value, 3)));
        Assert.StartsWith("SUGGESTED: no enterprise in 一区 is placed in this link, but 1 enterprise is suggested for it from the register (E8 0.8)", links["L2"].Rule, StringComparison.Ordinal);
        Assert.StartsWith("待确认：一区尚无企业确定在此环节", AnalysisText.Chinese.Rule(links["L2"]), StringComparison.Ordinal);
        Assert.Equal(1, analysis.Map(Id("chain-x"), District("一区"), 2).Counts.Suggested);
    }

    [Fact]
    public void A_confirmed_placement_counts_like_a_curated_one_and_the_rule_says_so()
    {
        var l4 = Links("chain-x", District("一区"))["L4"];

        Assert.Equal(LinkStatus.Weak, l4.Status);
        var confirmed = Assert.Single(l4.EnterprisesInScope);
        Assert.Equal(("E10", PlacementKind.Confirmed), (confirmed.Enterprise.Name, confirmed.Kind));
        Assert.Contains("1 of the curated is a planner's confirmation", l4.Rule, StringComparison.Ordinal);
        Assert.Equal(1, analysis.CountInScope(Id("link-x-4"), District("一区")));
    }

    [Fact]
    public void Inactive_and_rejected_enterprises_are_never_counted_suggested_or_candidates()
    {
        var gap = analysis.Gaps(Id("chain-x"), District("一区"), 2, includeWeak: true).Gaps.Single(g => g.Assessment.Link.Name == "L2");

        Assert.DoesNotContain(gap.Assessment.SuggestedInScope, placement => placement.Enterprise.Name == "E11");
        Assert.Equal(["E3", "E5"], gap.Candidates.Select(candidate => candidate.Enterprise.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Candidates_come_from_suggestions_and_cross_chains_through_equivalent_links()
    {
        var y2 = analysis.Gaps(Id("chain-y"), District("一区"), 2, includeWeak: true).Gaps.Single(g => g.Assessment.Link.Name == "Y2");
        var byName = y2.Candidates.ToDictionary(candidate => candidate.Enterprise.Name);

        // L4's placed enterprises outside 一区 (E4, E7) and its suggestion outside 一区 (E9); E10 is inside 一区.
        Assert.Equal(["E4", "E7", "E9"], byName.Keys.Order(StringComparer.Ordinal));
        Assert.All(y2.Candidates, candidate => Assert.Contains(candidate.Reasons, reason => reason.Code == "EQUIVALENT_LINK" && reason.Args[0] == "L4"));
        var suggested = byName["E9"].Reasons.Single(reason => reason.Code == "SUGGESTED_PLACEMENT");
        Assert.Equal(Math.Round(ChainAnalysis.Points.SuggestedPlacement * 0.7, 2), suggested.Points);
        Assert.Equal(PlacementKind.Suggested, byName["E9"].Placement.Kind);
        Assert.Contains("not confirmed", suggested.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_confirmed_placement_outside_the_scope_is_a_candidate_ranked_above_an_equal_suggestion()
    {
        var l4 = analysis.Gaps(Id("chain-x"), District("二区"), 3, includeWeak: true).Gaps.Single(g => g.Assessment.Link.Name == "L4");

        var e10 = l4.Candidates.Single(candidate => candidate.Enterprise.Name == "E10");
        Assert.Contains(e10.Reasons, reason => reason.Code == "CONFIRMED_PLACEMENT" && reason.Points == ChainAnalysis.Points.ConfirmedPlacement);
        Assert.DoesNotContain(l4.Candidates, candidate => candidate.Enterprise.Name == "E9");
    }

    [Fact]
    public void A_link_with_suggestions_elsewhere_is_not_said_to_have_no_enterprise_anywhere()
    {
        var y2 = Links("chain-y", District("一区"))["Y1"];

        // Y1: E8 (一区) suggested; from 二区 it is a suggestion elsewhere, and the rule does not claim the graph knows nobody.
        var fromTwo = Links("chain-y", District("二区"))["Y1"];
        Assert.Equal((0, 1), (fromTwo.EnterprisesElsewhere, fromTwo.SuggestedElsewhere));
        Assert.DoesNotContain("no enterprise anywhere", fromTwo.Rule, StringComparison.Ordinal);
        Assert.Equal(LinkStatus.Suggested, y2.Status);
    }

    [Fact]
    public void Coverage_counts_known_enterprises_placed_suggested_unplaced_and_inactive()
    {
        var coverage = analysis.Evidence.Coverage(District("一区"));

        Assert.Equal(5, coverage.KnownEnterprises);
        Assert.Equal((3, 1, 0, 1), (coverage.PlacedEnterprises, coverage.SuggestedEnterprises, coverage.UnplacedEnterprises, coverage.InactiveEnterprises));
    }
}
