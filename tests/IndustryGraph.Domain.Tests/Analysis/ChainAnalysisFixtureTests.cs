using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Tests.Analysis;

/// <summary>Every capability on <see cref="FixtureGraph"/>; the expected answers are worked out by hand from its picture.</summary>
public sealed class ChainAnalysisFixtureTests
{
    private readonly GraphIndex index = GraphIndex.Build(FixtureGraph.Build());
    private readonly ChainAnalysis analysis;

    public ChainAnalysisFixtureTests()
    {
        analysis = new ChainAnalysis(index);
    }

    private int Id(string key) => index.TryGetId(key, out var id) ? id : throw new KeyNotFoundException(key);

    private AnalysisScope District(string name) => ScopeResolver.Resolve(index, park: null, district: name);

    private AnalysisScope Park(string name) => ScopeResolver.Resolve(index, park: name, district: null);

    private static Dictionary<string, LinkStatus> Statuses(ChainMap map) =>
        map.Segments.SelectMany(segment => segment.Links).ToDictionary(link => link.Link.Name, link => link.Status);

    [Fact]
    public void Chain_map_in_a_district_counts_enterprises_located_directly_and_through_its_parks()
    {
        var map = analysis.Map(Id("chain-x"), District("一区"), threshold: 2);

        Assert.Equal(
            new Dictionary<string, LinkStatus> { ["L1"] = LinkStatus.Weak, ["L2"] = LinkStatus.Missing, ["L3"] = LinkStatus.Present, ["L4"] = LinkStatus.Missing },
            Statuses(map));
        Assert.Equal([Segment.Upstream, Segment.Midstream, Segment.Downstream], map.Segments.Select(segment => segment.Segment));
        Assert.Equal(["L1", "L2"], map.Segments[0].Links.Select(link => link.Link.Name));
        var l3 = map.Segments[1].Links.Single();
        Assert.Equal(["E1", "E2"], l3.EnterprisesInScope.Select(placement => placement.Enterprise.Name));
        Assert.Equal(1, l3.EnterprisesElsewhere);
        Assert.Equal(new CoverageCounts(4, 1, 1, 0, 2), map.Counts);
        Assert.Equal(
            ["L1→L3", "L2→L3", "L3→L4", "L4→L3"],
            map.Supplies.Select(edge => $"{edge.From.Name}→{edge.To.Name}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Rules_state_the_status_the_numbers_and_the_threshold()
    {
        var links = analysis.Map(Id("chain-x"), District("一区"), threshold: 2).Segments.SelectMany(segment => segment.Links).ToDictionary(link => link.Link.Name);

        Assert.Equal("WEAK: 1 enterprise works in this link in 一区 (1 stated by an article, 0 curated), fewer than the threshold of 2 (WEAK is 1, PRESENT from 2)", links["L1"].Rule);
        Assert.Equal("MISSING: no enterprise in 一区 works in this link (0 of the 2 enterprises known there) and no article reports X链 there (WEAK is 1, PRESENT from 2)", links["L2"].Rule);
        Assert.Equal("PRESENT: 2 enterprises work in this link in 一区 (0 stated by an article, 2 curated), at least the threshold of 2", links["L3"].Rule);
    }

    [Fact]
    public void The_threshold_is_configurable()
    {
        var strict = Statuses(analysis.Map(Id("chain-x"), District("一区"), threshold: 3));
        var lenient = Statuses(analysis.Map(Id("chain-x"), District("一区"), threshold: 1));

        Assert.Equal(LinkStatus.Weak, strict["L3"]);
        Assert.Equal(LinkStatus.Present, lenient["L1"]);
        Assert.Throws<AnalysisException>(() => analysis.Map(Id("chain-x"), AnalysisScope.City, threshold: 0));
    }

    [Fact]
    public void Placements_carry_their_provenance()
    {
        var l1 = analysis.Map(Id("chain-x"), District("一区"), 2).Segments[0].Links[0];
        var placement = Assert.Single(l1.EnterprisesInScope);

        Assert.True(placement.Sourced);
        Assert.Equal([FixtureGraph.Article], placement.Sources);
        Assert.False(analysis.Placements(Id("link-x-3"), AnalysisScope.City).Single(p => p.Enterprise.Name == "E2").Sourced);
    }

    [Fact]
    public void A_park_scope_counts_only_enterprises_located_in_the_park()
    {
        var statuses = Statuses(analysis.Map(Id("chain-x"), Park("一号园"), 2));

        Assert.Equal(LinkStatus.Weak, statuses["L1"]);
        Assert.Equal(LinkStatus.Weak, statuses["L3"]);
        Assert.Equal(LinkStatus.Missing, statuses["L2"]);
    }

    [Fact]
    public void A_park_with_no_district_is_a_scope_of_its_own_and_belongs_to_no_district()
    {
        var statuses = Statuses(analysis.Map(Id("chain-x"), Park("孤园"), 2));
        Assert.Equal(LinkStatus.Weak, statuses["L4"]);
        Assert.Equal(LinkStatus.Missing, statuses["L1"]);

        var gap = analysis.Gaps(Id("chain-x"), District("一区"), 2, includeWeak: true).Gaps.Single(g => g.Assessment.Link.Name == "L4");
        var orphan = gap.HostingParks.Single(park => park.Place.Name == "孤园");
        Assert.Null(orphan.District);
        Assert.Equal(["E4"], orphan.Enterprises.Select(placement => placement.Enterprise.Name));
    }

    [Fact]
    public void The_city_holds_every_located_and_unlocated_enterprise()
    {
        var map = analysis.Map(Id("chain-x"), AnalysisScope.City, 2);

        Assert.Equal(new CoverageCounts(4, 4, 0, 0, 0), map.Counts);
        Assert.Empty(analysis.Gaps(Id("chain-x"), AnalysisScope.City, 2, includeWeak: true).Gaps);
    }

    [Fact]
    public void A_chain_with_no_enterprises_in_scope_is_all_missing_with_no_candidates()
    {
        var gaps = analysis.Gaps(Id("chain-y"), District("二区"), 2, includeWeak: true);

        Assert.Equal(["Y1", "Y2"], gaps.Gaps.Select(gap => gap.Assessment.Link.Name));
        Assert.All(gaps.Gaps, gap =>
        {
            Assert.Equal(LinkStatus.Missing, gap.Assessment.Status);
            Assert.Empty(gap.Candidates);
            Assert.Empty(gap.HostingParks);
        });
        Assert.Equal(new CoverageCounts(2, 0, 0, 0, 2), gaps.Counts);
    }

    [Fact]
    public void Gaps_list_missing_and_weak_links_in_chain_order_or_only_missing()
    {
        var withWeak = analysis.Gaps(Id("chain-x"), District("一区"), 2, includeWeak: true).Gaps;
        var missingOnly = analysis.Gaps(Id("chain-x"), District("一区"), 2, includeWeak: false).Gaps;

        Assert.Equal(["L1", "L2", "L4"], withWeak.Select(gap => gap.Assessment.Link.Name));
        Assert.Equal(["L2", "L4"], missingOnly.Select(gap => gap.Assessment.Link.Name));
    }

    [Fact]
    public void Candidates_are_ranked_by_a_score_whose_reasons_add_up()
    {
        var gaps = analysis.Gaps(Id("chain-x"), District("一区"), 2, includeWeak: true).Gaps.ToDictionary(gap => gap.Assessment.Link.Name);

        // L2: E3 works in L1 and L2 (2) and is high-tech (0.5); E5 works in L2 only (1) and has no location.
        var l2 = gaps["L2"].Candidates;
        Assert.Equal(["E3", "E5"], l2.Select(candidate => candidate.Enterprise.Name));
        Assert.Equal([2.5, 1.0], l2.Select(candidate => candidate.Score));
        Assert.Equal(["CHAIN_LINKS", "CURATED_PLACEMENT", "TAG_HIGH_TECH"], l2[0].Reasons.Select(reason => reason.Code));
        Assert.Contains(l2[1].Reasons, reason => reason.Code == "NO_LOCATION");
        Assert.All(l2, candidate => Assert.Equal(candidate.Score, candidate.Reasons.Sum(reason => reason.Points)));

        // L4: E7 (L3 and L4, high-tech) before E4 (L4 only).
        Assert.Equal(["E7", "E4"], gaps["L4"].Candidates.Select(candidate => candidate.Enterprise.Name));
    }

    [Fact]
    public void An_anchor_of_the_chain_scores_its_leads_and_a_sourced_placement()
    {
        var gap = analysis.Gaps(Id("chain-x"), District("二区"), 3, includeWeak: true).Gaps.Single(g => g.Assessment.Link.Name == "L1");
        var e1 = gap.Candidates.Single(candidate => candidate.Enterprise.Name == "E1");

        // LEADS 3 + two links of the chain 2 + sourced placement 0.5 + listed 0.5.
        Assert.Equal(6, e1.Score);
        Assert.Equal(["LEADS_CHAIN", "CHAIN_LINKS", "SOURCED_PLACEMENT", "TAG_LISTED"], e1.Reasons.Select(reason => reason.Code));
    }

    [Fact]
    public void In_a_park_scope_candidates_from_the_same_district_come_first()
    {
        var gap = analysis.Gaps(Id("chain-x"), Park("一号园"), 2, includeWeak: true).Gaps.Single(g => g.Assessment.Link.Name == "L3");

        // E2 (d-one, like the park): one link 1 + same district 2 = 3; E7 (d-two): two links 2 + high-tech 0.5 = 2.5.
        Assert.Equal(["E2", "E7"], gap.Candidates.Select(candidate => candidate.Enterprise.Name));
        Assert.Equal([3.0, 2.5], gap.Candidates.Select(candidate => candidate.Score));
        Assert.Contains(gap.Candidates[0].Reasons, reason => reason.Code == "SAME_DISTRICT");
    }

    [Fact]
    public void Research_partners_of_the_link_come_before_those_of_the_chain_and_are_marked_in_scope()
    {
        var gap = analysis.Gaps(Id("chain-x"), District("一区"), 2, includeWeak: true).Gaps.Single(g => g.Assessment.Link.Name == "L2");

        Assert.Equal([("R1", true, true), ("R2", false, false)], gap.ResearchPartners.Select(p => (p.Partner.Name, p.SupportsLink, p.InScope)));
        Assert.Equal(["二号园"], gap.HostingParks.Select(park => park.Place.Name));
        Assert.Equal("二区", gap.HostingParks[0].District!.Name);
    }

    [Fact]
    public void Hosting_districts_count_enterprises_located_directly_or_through_a_park_outside_the_scope()
    {
        var gap = analysis.Gaps(Id("chain-x"), District("一区"), 2, includeWeak: true).Gaps.Single(g => g.Assessment.Link.Name == "L4");

        // L4: E7 sits in 二区 directly; E4 sits in the park with no district, so it counts in no district.
        var hosting = Assert.Single(gap.HostingDistricts);
        Assert.Equal("二区", hosting.Place.Name);
        Assert.Equal(["E7"], hosting.Enterprises.Select(placement => placement.Enterprise.Name));
        Assert.Empty(analysis.Gaps(Id("chain-x"), District("城市"), 3, includeWeak: true).Gaps.SelectMany(g => g.HostingDistricts));
    }

    [Fact]
    public void Upstream_of_a_link_gives_each_link_its_shortest_distance_and_the_links_it_came_through()
    {
        var trace = analysis.Trace(Id("link-x-4"), SupplyDirection.Upstream, depth: 2, District("一区"), 2);

        Assert.Equal([("L3", 1), ("L1", 2), ("L2", 2)], trace.Steps.Select(step => (step.Link.Name, step.Distance)));
        Assert.All(trace.Steps.Where(step => step.Distance == 2), step => Assert.Equal(["L3"], step.Via.Select(link => link.Name)));
        Assert.Equal(LinkStatus.Present, trace.Steps[0].Assessment.Status);
    }

    [Fact]
    public void A_cycle_in_supplies_edges_ends_the_walk_without_repeating_a_link()
    {
        var trace = analysis.Trace(Id("link-x-1"), SupplyDirection.Downstream, depth: 6, AnalysisScope.City, 2);

        Assert.Equal([("L3", 1), ("L4", 2)], trace.Steps.Select(step => (step.Link.Name, step.Distance)));
    }

    [Fact]
    public void Upstream_of_an_enterprise_starts_from_the_links_it_works_in_and_marks_enterprises_in_scope()
    {
        var trace = analysis.Trace(Id("ent-2"), SupplyDirection.Upstream, depth: 1, District("一区"), 2);

        Assert.Equal(["L3"], trace.StartLinks.Select(link => link.Name));
        Assert.Equal(["L1", "L2", "L4"], trace.Steps.Select(step => step.Link.Name));
        Assert.Equal([LinkStatus.Weak, LinkStatus.Missing, LinkStatus.Missing], trace.Steps.Select(step => step.Assessment.Status));
        var l1 = trace.Steps[0].Enterprises.ToDictionary(placement => placement.Enterprise.Name, placement => placement.InScope);
        Assert.Equal(new Dictionary<string, bool> { ["E1"] = true, ["E3"] = false }, l1);
    }

    [Fact]
    public void Supply_walks_reject_a_bad_depth_and_an_enterprise_without_links()
    {
        Assert.Equal(AnalysisError.BadInput, Assert.Throws<AnalysisException>(() => analysis.Trace(Id("link-x-1"), SupplyDirection.Upstream, 7, AnalysisScope.City, 2)).Error);
        Assert.Throws<AnalysisException>(() => analysis.Trace(Id("link-x-1"), SupplyDirection.Upstream, 0, AnalysisScope.City, 2));
        Assert.Throws<AnalysisException>(() => analysis.Trace(Id("ent-6"), SupplyDirection.Upstream, 2, AnalysisScope.City, 2));
        Assert.Throws<AnalysisException>(() => analysis.Trace(Id("park-one"), SupplyDirection.Upstream, 2, AnalysisScope.City, 2));
    }

    [Fact]
    public void Paths_that_tie_are_all_returned_each_hop_with_type_direction_and_sources()
    {
        var paths = PathFinder.ShortestPaths(index, Id("park-one"), Id("park-two"), maxHops: 4, first: 5);

        Assert.Equal(2, paths.Count);
        Assert.All(paths, path => Assert.Equal(2, path.Length));
        var described = paths.Select(path => string.Join(" ", path.Steps.Select(step => $"{step.From.Name}-{step.Relationship}:{step.Direction}-{step.To.Name}"))).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["一号园-OPERATED_BY:Out-运营集团 运营集团-OPERATED_BY:In-二号园", "一号园-PARTNERS_WITH:In-R3 R3-PARTNERS_WITH:Out-二号园"],
            described);
        Assert.All(paths.SelectMany(path => path.Steps), step => Assert.Equal([FixtureGraph.Curated], step.Sources));
    }

    [Fact]
    public void Paths_respect_first_and_max_hops()
    {
        Assert.Single(PathFinder.ShortestPaths(index, Id("park-one"), Id("park-two"), 4, first: 1));
        Assert.Empty(PathFinder.ShortestPaths(index, Id("park-one"), Id("park-two"), maxHops: 1, first: 3));

        // Chain Y and its links touch nothing else: no path at any length.
        Assert.Empty(PathFinder.ShortestPaths(index, Id("link-y-1"), Id("ent-1"), maxHops: 6, first: 3));
        var direct = Assert.Single(PathFinder.ShortestPaths(index, Id("link-y-1"), Id("link-y-2"), maxHops: 6, first: 3));
        Assert.Equal(("SUPPLIES", Direction.Out), (Assert.Single(direct.Steps).Relationship, direct.Steps[0].Direction));
        Assert.Throws<AnalysisException>(() => PathFinder.ShortestPaths(index, Id("park-one"), Id("park-two"), maxHops: 7, first: 3));
        Assert.Throws<AnalysisException>(() => PathFinder.ShortestPaths(index, Id("park-one"), Id("park-one"), 4, 3));
    }

    [Fact]
    public void A_path_from_an_enterprise_to_a_park_takes_the_shortest_route()
    {
        var paths = PathFinder.ShortestPaths(index, Id("ent-2"), Id("park-one"), maxHops: 6, first: 10);

        // E2 -LOCATED_IN-> d-one <-LOCATED_IN- park-one (2 hops) beats E2 -WORKS_IN-> L3 <-WORKS_IN- E1 -LOCATED_IN-> park-one (3).
        var path = Assert.Single(paths);
        Assert.Equal(["d-one", "park-one"], path.Steps.Select(step => step.To.Key));
        Assert.Equal([Direction.Out, Direction.In], path.Steps.Select(step => step.Direction));
    }

    [Fact]
    public void Coverage_counts_every_chain_and_segment_in_a_scope()
    {
        var coverage = analysis.Coverage(District("一区"), 2);

        Assert.Equal(["X链", "Y链"], coverage.Chains.Select(chain => chain.Chain.Name));
        var x = coverage.Chains[0];
        Assert.Equal(new CoverageCounts(2, 0, 1, 0, 1), x.Segments.Single(s => s.Segment == Segment.Upstream).Counts);
        Assert.Equal(new CoverageCounts(1, 1, 0, 0, 0), x.Segments.Single(s => s.Segment == Segment.Midstream).Counts);
        Assert.Equal(new CoverageCounts(1, 0, 0, 0, 1), x.Segments.Single(s => s.Segment == Segment.Downstream).Counts);
        Assert.Equal(new CoverageCounts(2, 0, 0, 0, 2), coverage.Chains[1].Total);
        Assert.Equal(0.5, x.Total.Reached);
    }

    [Fact]
    public void Coverage_of_several_scopes_on_one_chain_side_by_side()
    {
        var chain = Id("chain-x");
        var totals = new[] { District("一区"), District("二区"), Park("孤园"), AnalysisScope.City }
            .Select(scope => analysis.Coverage(scope, 2, chain).Chains.Single().Total)
            .ToList();

        Assert.Equal([new(4, 1, 1, 0, 2), new(4, 0, 4, 0, 0), new(4, 0, 1, 0, 3), new CoverageCounts(4, 4, 0, 0, 0)], totals);
    }

    [Fact]
    public void What_if_names_the_links_candidates_would_close_or_strengthen_and_the_coverage_after()
    {
        var result = analysis.WhatIf(Id("chain-x"), District("一区"), [Id("ent-3"), Id("ent-4"), Id("ent-1"), Id("ent-6")], 2);

        Assert.Equal(
            [("L1", WhatIfEffect.Strengthens, LinkStatus.Weak, LinkStatus.Present), ("L2", WhatIfEffect.Closes, LinkStatus.Missing, LinkStatus.Weak), ("L4", WhatIfEffect.Closes, LinkStatus.Missing, LinkStatus.Weak)],
            result.Changes.Select(change => (change.Link.Name, change.Effect, change.Before, change.After)));
        Assert.Equal(["E3"], result.Changes[0].Added.Select(placement => placement.Enterprise.Name));
        Assert.Equal(new CoverageCounts(4, 1, 1, 0, 2), result.Before.Total);
        Assert.Equal(new CoverageCounts(4, 2, 2, 0, 0), result.After.Total);
        Assert.Equal(["E1"], result.AlreadyInScope.Select(entity => entity.Name));
        Assert.Equal(["E6"], result.OutsideChain.Select(entity => entity.Name));
    }

    [Fact]
    public void Scopes_and_names_resolve_by_key_name_alias_or_id_and_fail_clearly()
    {
        Assert.Equal(Id("chain-x"), analysis.ResolveChain("CHAIN X"));
        Assert.Equal(Id("chain-x"), analysis.ResolveChain(GlobalId.Encode(EntityKind.IndustryChain, "chain-x")));
        Assert.Equal(AnalysisError.NotFound, Assert.Throws<AnalysisException>(() => analysis.ResolveChain("no such chain")).Error);
        Assert.Equal(AnalysisError.NotFound, Assert.Throws<AnalysisException>(() => District("一号园")).Error);
        Assert.Equal(AnalysisError.BadInput, Assert.Throws<AnalysisException>(() => ScopeResolver.Resolve(index, "二号园", "一区")).Error);
        Assert.Equal(ScopeKind.Park, ScopeResolver.Resolve(index, "一号园", "一区").Kind);
        Assert.Equal(ScopeKind.City, ScopeResolver.Resolve(index, null, " ").Kind);
    }

    [Fact]
    public void A_district_contains_its_sub_districts()
    {
        var statuses = Statuses(analysis.Map(Id("chain-x"), District("城市"), 2));

        // Everything located is in the city district; E5 (nowhere) is not, so L2 has E3 only.
        Assert.Equal(LinkStatus.Weak, statuses["L2"]);
        Assert.Equal(LinkStatus.Present, statuses["L3"]);
    }
}
