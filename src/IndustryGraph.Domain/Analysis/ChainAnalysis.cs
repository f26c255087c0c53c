using System.Globalization;
using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Analysis;

/// <summary>
/// Chain analysis over one index snapshot: where a chain's links stand in a scope (chain map, gaps, coverage),
/// who could fill a gap, and what settling given enterprises in a scope would change. Pure and thread-safe.
/// </summary>
public sealed class ChainAnalysis(GraphIndex index)
{
    public const int DefaultThreshold = 2;
    public const int MaxThreshold = 1000;

    public GraphIndex Index => index;

    public static LinkStatus StatusOf(int count, int threshold) =>
        count == 0 ? LinkStatus.Missing : count < threshold ? LinkStatus.Weak : LinkStatus.Present;

    public static void CheckThreshold(int threshold, string argument = "threshold")
    {
        if (threshold is < 1 or > MaxThreshold)
        {
            throw new AnalysisException(AnalysisError.BadInput, $"{argument}: must be from 1 to {MaxThreshold}, not {threshold}");
        }
    }

    public int ResolveChain(string reference, string argument = "chain") => index.ResolveOne(reference, EntityKind.IndustryChain, argument);

    /// <summary>Every enterprise working in the link, each once with all the sources of its placement, marked in scope or not.</summary>
    public IReadOnlyList<Placement> Placements(int link, AnalysisScope scope)
    {
        var workers = WorkersByName(link);
        var placements = new Placement[workers.Length];
        var linkEntity = index.Entity(link);
        for (var i = 0; i < workers.Length; i++)
        {
            var (enterprise, sources) = workers[i];
            placements[i] = new Placement(index.Entity(enterprise), linkEntity, sources, scope.Contains(index, enterprise));
        }

        return placements;
    }

    // The index never changes, so each link's enterprises are merged and put in name order once, on first use.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, (int Enterprise, IReadOnlyList<SourceRef> Sources)[]> workersByName = new();

    private (int Enterprise, IReadOnlyList<SourceRef> Sources)[] WorkersByName(int link) => workersByName.GetOrAdd(link, _ =>
    {
        var workers = new List<(int Enterprise, IReadOnlyList<SourceRef> Sources)>();
        var seen = new Dictionary<int, int>();
        foreach (var edge in index.Edges(link, Direction.In, RelationshipTypes.WorksIn))
        {
            var enterprise = index.EdgeFrom(edge);
            if (index.KindOf(enterprise) != EntityKind.Enterprise)
            {
                continue;
            }

            var sources = index.Edge(edge).Sources;
            if (seen.TryGetValue(enterprise, out var at))
            {
                workers[at] = (enterprise, [.. workers[at].Sources.Concat(sources).Distinct()]);
                continue;
            }

            seen[enterprise] = workers.Count;
            workers.Add((enterprise, sources));
        }

        // Stable, as List.Sort of the placements was not: ties in name keep edge order.
        return [.. workers.OrderBy(worker => index.Entity(worker.Enterprise).Name, StringComparer.Ordinal)];
    });

    /// <summary>How many enterprises work in the link inside the scope, without building placements.</summary>
    public int CountInScope(int link, AnalysisScope scope)
    {
        // A dataset holds one relationship per (from, type, to), so counting edges counts enterprises.
        var count = 0;
        foreach (var edge in index.Edges(link, Direction.In, RelationshipTypes.WorksIn))
        {
            var enterprise = index.EdgeFrom(edge);
            if (index.KindOf(enterprise) == EntityKind.Enterprise && scope.Contains(index, enterprise))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>A link's status, rule and enterprises in scope, from its placements as <see cref="Placements"/> reads them.</summary>
    public LinkAssessment Assess(int link, AnalysisScope scope, int threshold, IReadOnlyList<Placement> placements)
    {
        var inScope = placements.Where(placement => placement.InScope).ToList();
        var status = StatusOf(inScope.Count, threshold);
        return new LinkAssessment(index.Entity(link), status, Rule(status, inScope, threshold, scope), inScope, placements.Count - inScope.Count);
    }

    public static string Rule(LinkStatus status, IReadOnlyList<Placement> inScope, int threshold, AnalysisScope scope)
    {
        var where = scope.Place is null ? "the whole city" : scope.Place.Name;
        var count = inScope.Count;
        var sourced = inScope.Count(placement => placement.Sourced);
        var basis = count == 0 ? "" : $" ({sourced} stated by an article, {count - sourced} curated)";
        var enterprises = count == 1 ? "1 enterprise works" : $"{count.ToString(CultureInfo.InvariantCulture)} enterprises work";
        return status switch
        {
            LinkStatus.Missing => $"MISSING: no enterprise in {where} works in this link (0 found; {Bands(threshold)})",
            LinkStatus.Weak => $"WEAK: {enterprises} in this link in {where}{basis}, fewer than the threshold of {threshold} ({Bands(threshold)})",
            _ => $"PRESENT: {enterprises} in this link in {where}{basis}, at least the threshold of {threshold}",
        };
    }

    private static string Bands(int threshold) => threshold switch
    {
        1 => "PRESENT from 1",
        2 => "WEAK is 1, PRESENT from 2",
        _ => $"WEAK is 1 to {threshold - 1}, PRESENT from {threshold}",
    };

    public ChainMap Map(int chain, AnalysisScope scope, int threshold)
    {
        CheckThreshold(threshold);
        var assessments = AssessChain(chain, scope, threshold);
        var segments = assessments
            .GroupBy(assessment => assessment.Link.Link!.Segment)
            .OrderBy(group => group.Key)
            .Select(group => new SegmentLinks(group.Key, group.ToList()))
            .ToList();
        var supplies = new List<SuppliesEdge>();
        foreach (var link in index.LinksOf(chain))
        {
            foreach (var edge in index.Edges(link, Direction.Out, RelationshipTypes.Supplies))
            {
                if (index.ChainOf(index.EdgeTo(edge)) == chain)
                {
                    supplies.Add(new SuppliesEdge(index.Entity(link), index.Entity(index.EdgeTo(edge)), index.Edge(edge).Sources));
                }
            }
        }

        return new ChainMap(index.Entity(chain), scope, threshold, segments, supplies, CoverageCounts.Of(assessments.Select(a => a.Status)));
    }

    public ChainGaps Gaps(int chain, AnalysisScope scope, int threshold, bool includeWeak)
    {
        CheckThreshold(threshold);
        var chainLinks = index.LinksOf(chain).ToArray();
        var gaps = new List<ChainGap>();
        var statuses = new List<LinkStatus>();
        foreach (var link in chainLinks)
        {
            var placements = Placements(link, scope);
            var assessment = Assess(link, scope, threshold, placements);
            statuses.Add(assessment.Status);
            if (assessment.Status == LinkStatus.Missing || (includeWeak && assessment.Status == LinkStatus.Weak))
            {
                // Candidates, partners and hosting places only when a query selects them.
                gaps.Add(new ChainGap(
                    assessment,
                    new LazyList<Candidate>(() => RankCandidates(chain, chainLinks, placements, scope)),
                    new LazyList<PartnerSupport>(() => Partners(link, chain, scope)),
                    new LazyList<HostingPlace>(() => HostingPlaces(placements, scope, index.ParksOf)),
                    new LazyList<HostingPlace>(() => HostingPlaces(placements, scope, enterprise => index.PrimaryDistrictOf(enterprise) is var district and >= 0 ? [district] : []))));
            }
        }

        return new ChainGaps(index.Entity(chain), scope, threshold, gaps, CoverageCounts.Of(statuses));
    }

    public ScopeCoverage Coverage(AnalysisScope scope, int threshold, int? onlyChain = null)
    {
        CheckThreshold(threshold);
        var chains = new List<ChainCoverage>();
        for (var id = 0; id < index.EntityCount; id++)
        {
            if (index.KindOf(id) == EntityKind.IndustryChain && (onlyChain is null || onlyChain == id))
            {
                chains.Add(CoverageOf(id, link => StatusOf(CountInScope(link, scope), threshold)));
            }
        }

        chains.Sort((a, b) => string.CompareOrdinal(a.Chain.Name, b.Chain.Name));
        return new ScopeCoverage(scope, threshold, chains);
    }

    public WhatIfResult WhatIf(int chain, AnalysisScope scope, IReadOnlyList<int> enterprises, int threshold)
    {
        CheckThreshold(threshold);
        var newcomers = enterprises.Distinct().Where(id => !scope.Contains(index, id)).ToHashSet();
        var already = enterprises.Distinct().Where(id => scope.Contains(index, id)).Select(index.Entity).ToList();
        var chainLinks = index.LinksOf(chain).ToArray();
        var inChain = new HashSet<int>();
        var changes = new List<WhatIfChange>();
        var before = new Dictionary<int, LinkStatus>();
        var after = new Dictionary<int, LinkStatus>();
        foreach (var link in chainLinks)
        {
            var placements = Placements(link, scope);
            var countBefore = placements.Count(placement => placement.InScope);
            var added = placements.Where(placement => newcomers.Contains(index.IdOf(placement.Enterprise))).Select(placement => placement with { InScope = true }).ToList();
            inChain.UnionWith(placements.Select(placement => index.IdOf(placement.Enterprise)).Where(enterprises.Contains));
            var countAfter = countBefore + added.Count;
            before[link] = StatusOf(countBefore, threshold);
            after[link] = StatusOf(countAfter, threshold);
            if (added.Count > 0)
            {
                var effect = before[link] == LinkStatus.Missing ? WhatIfEffect.Closes
                    : before[link] != after[link] ? WhatIfEffect.Strengthens
                    : WhatIfEffect.Adds;
                changes.Add(new WhatIfChange(index.Entity(link), effect, before[link], after[link], countBefore, countAfter, added));
            }
        }

        var outside = enterprises.Distinct().Where(id => !inChain.Contains(id)).Select(index.Entity).ToList();
        return new WhatIfResult(
            index.Entity(chain), scope, threshold, enterprises.Distinct().Select(index.Entity).ToList(), changes,
            CoverageOf(chain, link => before[link]), CoverageOf(chain, link => after[link]), already, outside);
    }

    private List<LinkAssessment> AssessChain(int chain, AnalysisScope scope, int threshold)
    {
        var assessments = new List<LinkAssessment>();
        foreach (var link in index.LinksOf(chain))
        {
            assessments.Add(Assess(link, scope, threshold, Placements(link, scope)));
        }

        return assessments;
    }

    private ChainCoverage CoverageOf(int chain, Func<int, LinkStatus> statusOf)
    {
        var byLink = index.LinksOf(chain).ToArray().Select(link => (Segment: index.Entity(link).Link!.Segment, Status: statusOf(link))).ToList();
        var segments = Enum.GetValues<Segment>()
            .Select(segment => new SegmentCoverage(segment, CoverageCounts.Of(byLink.Where(item => item.Segment == segment).Select(item => item.Status))))
            .ToList();
        return new ChainCoverage(index.Entity(chain), segments, CoverageCounts.Of(byLink.Select(item => item.Status)));
    }

    /// <summary>Points behind a candidate's score; the reasons name each one, so the ranking can be checked by hand.</summary>
    public static class Points
    {
        public const double LeadsChain = 3;
        public const double AnchorTag = 2;
        public const double PerChainLink = 1;
        public const double SameDistrict = 2;
        public const double InChain = 0.5;
        public const double SourcedPlacement = 0.5;
        public const double QualityTag = 0.5;
    }

    private static readonly string[] QualityTags = ["high-tech", "specialized", "listed"];

    private List<Candidate> RankCandidates(int chain, int[] chainLinks, IReadOnlyList<Placement> placements, AnalysisScope scope)
    {
        var chainEntity = index.Entity(chain);
        var scopeDistrict = scope.Kind == ScopeKind.Park ? index.PrimaryDistrictOf(index.IdOf(scope.Place!)) : -1;
        var candidates = new List<Candidate>();
        foreach (var placement in placements.Where(placement => !placement.InScope))
        {
            var enterprise = index.IdOf(placement.Enterprise);
            var reasons = new List<ScoreReason>();
            if (index.HasEdge(enterprise, RelationshipTypes.Leads, chain))
            {
                reasons.Add(new("LEADS_CHAIN", Points.LeadsChain, $"anchor (链主/龙头) of {chainEntity.Name} (LEADS)"));
            }
            else if (placement.Enterprise.Tags.Contains("anchor"))
            {
                reasons.Add(new("ANCHOR_TAG", Points.AnchorTag, "tagged anchor (a leading enterprise)"));
            }

            var covered = chainLinks.Where(link => index.HasEdge(enterprise, RelationshipTypes.WorksIn, link)).Select(link => index.Entity(link).Name).ToList();
            reasons.Add(new("CHAIN_LINKS", Points.PerChainLink * covered.Count,
                $"works in {covered.Count} of the {chainLinks.Length} links of {chainEntity.Name}: {string.Join("、", covered)}"));
            if (scopeDistrict >= 0 && index.DistrictsOf(enterprise).Contains(scopeDistrict))
            {
                reasons.Add(new("SAME_DISTRICT", Points.SameDistrict, $"already in {index.Entity(scopeDistrict).Name}, the district of {scope.Place!.Name}"));
            }

            if (index.HasEdge(enterprise, RelationshipTypes.InChain, chain))
            {
                reasons.Add(new("IN_CHAIN", Points.InChain, $"an article ties it to {chainEntity.Name} (IN_CHAIN)"));
            }

            reasons.Add(placement.Sourced
                ? new("SOURCED_PLACEMENT", Points.SourcedPlacement, "an article states that it works in this link")
                : new("CURATED_PLACEMENT", 0, "its placement in this link is curated, not stated by an article"));
            foreach (var tag in QualityTags.Where(placement.Enterprise.Tags.Contains))
            {
                reasons.Add(new("TAG_" + tag.ToUpperInvariant().Replace('-', '_'), Points.QualityTag, $"tagged {tag}"));
            }

            var district = index.PrimaryDistrictOf(enterprise);
            var parks = index.ParksOf(enterprise).Select(index.Entity).ToList();
            if (district < 0 && parks.Count == 0)
            {
                reasons.Add(new("NO_LOCATION", 0, "its location is not recorded"));
            }

            candidates.Add(new Candidate(placement.Enterprise, reasons.Sum(reason => reason.Points), reasons, placement, district < 0 ? null : index.Entity(district), parks));
        }

        candidates.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Enterprise.Name, b.Enterprise.Name));
        return candidates;
    }

    private List<PartnerSupport> Partners(int link, int chain, AnalysisScope scope)
    {
        var partners = new List<PartnerSupport>();
        var seen = new HashSet<int>();
        foreach (var (target, supportsLink) in new[] { (link, true), (chain, false) })
        {
            foreach (var edge in index.Edges(target, Direction.In, RelationshipTypes.Supports))
            {
                var partner = index.EdgeFrom(edge);
                if (seen.Add(partner))
                {
                    partners.Add(new PartnerSupport(index.Entity(partner), index.Entity(target), supportsLink, scope.Contains(index, partner), index.Edge(edge).Sources));
                }
            }
        }

        return partners
            .OrderByDescending(partner => partner.SupportsLink)
            .ThenByDescending(partner => partner.InScope)
            .ThenBy(partner => partner.Partner.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Places outside the scope (parks, or districts) where enterprises of the link are, most enterprises first.</summary>
    private List<HostingPlace> HostingPlaces(IReadOnlyList<Placement> placements, AnalysisScope scope, Func<int, IEnumerable<int>> placesOf)
    {
        var byPlace = new Dictionary<int, List<Placement>>();
        foreach (var placement in placements.Where(placement => !placement.InScope))
        {
            foreach (var place in placesOf(index.IdOf(placement.Enterprise)))
            {
                if (!scope.Contains(index, place))
                {
                    if (!byPlace.TryGetValue(place, out var list))
                    {
                        byPlace[place] = list = [];
                    }

                    list.Add(placement);
                }
            }
        }

        return byPlace
            .Select(pair => new HostingPlace(
                index.Entity(pair.Key),
                index.KindOf(pair.Key) == EntityKind.Park && index.PrimaryDistrictOf(pair.Key) is var district and >= 0 ? index.Entity(district) : null,
                pair.Value))
            .OrderByDescending(place => place.Enterprises.Count)
            .ThenBy(place => place.Place.Name, StringComparer.Ordinal)
            .ToList();
    }
}
