using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Tests.Analysis;

/// <summary>
/// Evidence on <see cref="FixtureGraph"/> plus what articles say of its places; each answer worked out by hand.
/// <code>
/// 一区 (d-one):    park_count 3个 about Y (article)           → Y reported in 一区 and the city, not in 一号园
///                  enterprise_count 120家 (article, 2024)       → 一区 states 120 (its parks' 50 not added)
/// 一号园 (park-one): enterprise_count 50家; enterprise_count 4家 about X (article) → X reported in 一号园
///                  FOCUSES_ON Y (curated)                      → not a report, but a focus park of Y in 一区
/// 二区 (d-two):    park_count 2个 about Y (curated)            → not a report
///                  output_target 350亿元 about Y (article)     → a target, not a report
///                  TARGETS Y (article)                         → named in the MISSING rule, not a report
/// 二号园 (park-two): cluster 产业基地 about link Y2 only (article); enterprise_count 30家 (article)
/// 孤园 (park-orphan): FOCUSES_ON Y (article); category HEADQUARTERS
/// rp-one SUPPORTS Y; Y's own output_target 100亿元
/// </code>
/// </summary>
public sealed class ChainEvidenceFixtureTests
{
    private static readonly SourceRef Article = FixtureGraph.Article;
    private static readonly SourceRef Curated = FixtureGraph.Curated;

    private readonly GraphIndex index;
    private readonly ChainAnalysis analysis;

    public ChainEvidenceFixtureTests()
    {
        index = BuildIndex();
        analysis = new ChainAnalysis(index);
    }

    private static GraphIndex BuildIndex(params Fact[] moreFacts)
    {
        var graph = FixtureGraph.Build();
        Fact About(string place, string key, string value, double number, string about, SourceRef source) =>
            new(place, key, value, number, null, null, [source]) { About = [about] };
        var facts = new List<Fact>
        {
            About("d-one", "park_count", "3个", 3, "chain-y", Article),
            new("d-one", "enterprise_count", "120家", 120, "家", "2024", [Article]),
            new("park-one", "enterprise_count", "50家", 50, "家", null, [Article]),
            About("park-one", "enterprise_count", "4家", 4, "chain-x", Article),
            About("d-two", "park_count", "2个", 2, "chain-y", Curated),
            About("d-two", "output_target", "350亿元", 35_000_000_000, "chain-y", Article),
            new("park-two", "cluster", "产业基地", null, null, null, [Article]) { About = ["link-y-2"] },
            new("park-two", "enterprise_count", "30家", 30, "家", null, [Article]),
            new("park-orphan", "category", "HEADQUARTERS", null, null, null, [Curated]),
            new("chain-y", "output_target", "100亿元", 10_000_000_000, "元", "2025 target", [Article]),
        };
        var edges = new List<Relationship>
        {
            new("park-one", RelationshipTypes.FocusesOn, "chain-y", [Curated]),
            new("park-orphan", RelationshipTypes.FocusesOn, "chain-y", [Article]),
            new("rp-one", RelationshipTypes.Supports, "chain-y", [Curated]),
            new("d-two", RelationshipTypes.Targets, "chain-y", [Article]),
        };
        return GraphIndex.Build(new GraphDataset(graph.Entities, [.. facts, .. moreFacts], [.. graph.Relationships, .. edges]));
    }

    private int Id(string key) => index.TryGetId(key, out var id) ? id : throw new KeyNotFoundException(key);

    private AnalysisScope Scope(string key) => key == "city" ? AnalysisScope.City : AnalysisScope.Of(index, Id(key));

    private Dictionary<string, LinkStatus> Statuses(string chain, string scope) =>
        analysis.Map(Id(chain), Scope(scope), threshold: 2).Segments.SelectMany(segment => segment.Links).ToDictionary(link => link.Link.Name, link => link.Status);

    private LinkAssessment Link(string chain, string scope, string link) =>
        analysis.Map(Id(chain), Scope(scope), threshold: 2).Segments.SelectMany(segment => segment.Links).Single(assessment => assessment.Link.Name == link);

    [Fact]
    public void A_district_park_count_makes_the_chain_unmapped_in_the_district_and_city_but_not_in_its_parks()
    {
        Assert.Equal(new Dictionary<string, LinkStatus> { ["Y1"] = LinkStatus.Unmapped, ["Y2"] = LinkStatus.Unmapped }, Statuses("chain-y", "d-one"));
        Assert.Equal(new Dictionary<string, LinkStatus> { ["Y1"] = LinkStatus.Missing, ["Y2"] = LinkStatus.Missing }, Statuses("chain-y", "park-one"));
        Assert.Equal(LinkStatus.Unmapped, Statuses("chain-y", "city")["Y1"]);
        var report = Assert.Single(Link("chain-y", "d-one", "Y1").Reports);
        Assert.Equal((ChainReportKind.ParkCount, 3.0, "一区"), (report.Kind, report.Count!.Value, report.Place.Name));
    }

    [Fact]
    public void The_unmapped_rule_names_the_report_its_source_and_that_no_enterprise_anywhere_works_in_the_link()
    {
        Assert.Equal(
            "UNMAPPED: 一区 has 3 Y链 parks (article.txt ¶3), but none of the 2 enterprises known there is mapped to this link; no enterprise anywhere in the graph works in this link (what the graph does not know, not evidence that the city lacks it)",
            Link("chain-y", "d-one", "Y1").Rule);
        Assert.Equal(
            "未映射：一区有3个Y链园区（article.txt ¶3），但图中已知的当地2家企业均未对应到此环节；图中任何地方都没有企业在此环节：这是图谱未掌握的信息，不能说明本市缺少此环节",
            AnalysisText.Chinese.Rule(Link("chain-y", "d-one", "Y1")));
    }

    [Fact]
    public void Curated_counts_and_targets_are_not_reports_so_the_link_stays_missing_with_its_target()
    {
        Assert.Equal(LinkStatus.Missing, Statuses("chain-y", "d-two")["Y1"]);
        var gap = analysis.Gaps(Id("chain-y"), Scope("d-two"), 2, includeWeak: true).Gaps.Single(item => item.Assessment.Link.Name == "Y1");
        Assert.Equal("350亿元", Assert.Single(gap.Targets).Value);
        Assert.Empty(gap.Reports);
        Assert.Equal(
            "MISSING: no enterprise in 二区 works in this link (0 of the 3 enterprises known there) and no article reports Y链 there (WEAK is 1, PRESENT from 2); 二区 targets Y链 (TARGETS, article.txt ¶3): a target, not presence; no enterprise anywhere in the graph works in this link (what the graph does not know, not evidence that the city lacks it)",
            gap.Assessment.Rule);
        Assert.Equal(["100亿元", "350亿元"], analysis.Evidence.AllTargets(Id("chain-y")).Select(fact => fact.Value));
        var cityGap = analysis.Gaps(Id("chain-y"), AnalysisScope.City, 2, includeWeak: true).Gaps[0];
        Assert.Equal(["100亿元", "350亿元"], cityGap.Targets.Select(fact => fact.Value));
    }

    [Fact]
    public void A_cluster_about_one_link_covers_that_link_only_and_counts_for_the_park_s_district()
    {
        Assert.Equal(new Dictionary<string, LinkStatus> { ["Y1"] = LinkStatus.Missing, ["Y2"] = LinkStatus.Unmapped }, Statuses("chain-y", "d-two"));
        Assert.Equal(new Dictionary<string, LinkStatus> { ["Y1"] = LinkStatus.Missing, ["Y2"] = LinkStatus.Unmapped }, Statuses("chain-y", "park-two"));
        var report = Assert.Single(Link("chain-y", "park-two", "Y2").Reports);
        Assert.Equal((ChainReportKind.Cluster, "产业基地", (double?)null), (report.Kind, report.Value, report.Count));
        Assert.StartsWith("UNMAPPED: 二号园 is described as “产业基地”, with Y2 already present (article.txt ¶3), but", Link("chain-y", "park-two", "Y2").Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void One_sentence_read_as_a_focus_and_a_cluster_is_one_piece_of_evidence_and_other_places_are_named()
    {
        var both = new ChainAnalysis(BuildIndex(
            new Fact("park-orphan", "cluster", "产业高地", null, null, null, [Article]) { About = ["chain-y"] }));
        var orphan = both.Map(Id("chain-y"), AnalysisScope.Of(index, Id("park-orphan")), threshold: 2).Segments.SelectMany(segment => segment.Links).First();
        Assert.Equal(2, orphan.Reports.Count);
        Assert.StartsWith("UNMAPPED: 孤园 is described as “产业高地”, with Y链 already present (article.txt ¶3), but none of", orphan.Rule, StringComparison.Ordinal);
        Assert.StartsWith("未映射：孤园被称为“产业高地”，已有Y链产业（article.txt ¶3），但图中", AnalysisText.Chinese.Rule(orphan), StringComparison.Ordinal);

        var city = both.Map(Id("chain-y"), AnalysisScope.City, threshold: 2).Segments.SelectMany(segment => segment.Links).First();
        Assert.Equal(3, city.Reports.Count); // 一区 park count; 孤园 cluster and focus, one sentence
        Assert.Contains(", and 1 more report (", city.Rule, StringComparison.Ordinal);
        Assert.Contains("，另有1条报道（", AnalysisText.Chinese.Rule(city), StringComparison.Ordinal);
    }

    [Fact]
    public void A_stated_focus_is_a_report_a_curated_one_only_a_focus_park()
    {
        Assert.Equal(ChainReportKind.Focus, Assert.Single(Link("chain-y", "park-orphan", "Y1").Reports).Kind);
        Assert.Equal(LinkStatus.Missing, Statuses("chain-y", "park-one")["Y1"]);
        var gap = analysis.Gaps(Id("chain-y"), Scope("d-one"), 2, includeWeak: true).Gaps[0];
        Assert.Equal(["一号园"], gap.FocusParks.Select(park => park.Name));
        Assert.Equal(["孤园"], gap.ReportsElsewhere.Select(report => report.Place.Name)); // 二号园 reports Y2 only
    }

    [Fact]
    public void A_gap_no_enterprise_anywhere_works_in_still_names_labs_and_reports_elsewhere()
    {
        var gap = analysis.Gaps(Id("chain-y"), Scope("park-one"), 2, includeWeak: true).Gaps.Single(item => item.Assessment.Link.Name == "Y1");
        Assert.Empty(gap.Candidates);
        Assert.Equal(["R1"], gap.ResearchPartners.Select(partner => partner.Partner.Name));
        Assert.Equal(["一区", "孤园"], gap.ReportsElsewhere.Select(report => report.Place.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_enterprise_count_about_a_chain_makes_its_empty_links_unmapped_and_what_if_closes_them()
    {
        Assert.Equal(
            new Dictionary<string, LinkStatus> { ["L1"] = LinkStatus.Weak, ["L2"] = LinkStatus.Unmapped, ["L3"] = LinkStatus.Weak, ["L4"] = LinkStatus.Unmapped },
            Statuses("chain-x", "park-one"));
        var result = analysis.WhatIf(Id("chain-x"), Scope("park-one"), [Id("ent-3")], threshold: 2);
        var change = result.Changes.Single(item => item.Link.Name == "L2");
        Assert.Equal((WhatIfEffect.Closes, LinkStatus.Unmapped, LinkStatus.Weak), (change.Effect, change.Before, change.After));
        Assert.Equal(new CoverageCounts(4, 0, 2, 2, 0), result.Before.Total);
        Assert.Equal(new CoverageCounts(4, 1, 2, 1, 0), result.After.Total);
    }

    [Fact]
    public void Includeunmapped_false_leaves_unmapped_links_out_of_the_gaps_but_in_the_counts()
    {
        var gaps = analysis.Gaps(Id("chain-x"), Scope("park-one"), 2, includeWeak: false, includeUnmapped: false);
        Assert.Empty(gaps.Gaps);
        Assert.Equal(2, gaps.Counts.Unmapped);
        Assert.Equal(2, analysis.Gaps(Id("chain-x"), Scope("park-one"), 2, includeWeak: false).Gaps.Count);
    }

    [Fact]
    public void Scope_coverage_prefers_a_place_s_own_stated_figure_to_its_parks()
    {
        var district = analysis.Evidence.Coverage(Scope("d-one"));
        Assert.Equal((2, 120.0), (district.KnownEnterprises, district.StatedEnterprises!.Value));
        Assert.Equal(30, analysis.Evidence.Coverage(Scope("d-two")).StatedEnterprises);
        var city = analysis.Evidence.Coverage(AnalysisScope.City);
        Assert.Equal((7, 150.0), (city.KnownEnterprises, city.StatedEnterprises!.Value));
        Assert.Null(analysis.Evidence.Coverage(Scope("park-orphan")).StatedEnterprises);
    }

    [Fact]
    public void A_park_that_hosts_no_industry_says_so_in_its_rules()
    {
        Assert.EndsWith("; 孤园 is a headquarters building or commercial complex (HEADQUARTERS): it hosts offices, not production", Link("chain-x", "park-orphan", "L1").Rule, StringComparison.Ordinal);
        Assert.DoesNotContain("HEADQUARTERS", Link("chain-x", "park-one", "L1").Rule, StringComparison.Ordinal);
    }
}
