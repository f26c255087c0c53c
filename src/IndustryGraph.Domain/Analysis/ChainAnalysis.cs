using System.Globalization;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;

namespace IndustryGraph.Domain.Analysis;

/// <summary>
/// Chain analysis over one index snapshot: where a chain's links stand in a scope (chain map, gaps, coverage),
/// who could fill a gap, and what settling given enterprises in a scope would change. Pure and thread-safe.
/// </summary>
public sealed class ChainAnalysis(GraphIndex index)
{
    public const int DefaultThreshold = 2;
    public const int MaxThreshold = 1000;

    private readonly Lazy<ChainEvidence> evidence = new(() => new ChainEvidence(index));

    public GraphIndex Index => index;

    /// <summary>The articles' reports, targets and stated enterprise counts, indexed once per snapshot.</summary>
    public ChainEvidence Evidence => evidence.Value;

    /// <summary>
    /// PRESENT from the threshold, WEAK below it; with no enterprise placed in scope, SUGGESTED when some are
    /// suggested for the link there (a suggestion alone never makes a link PRESENT or WEAK), UNMAPPED when an article
    /// reports the chain in the scope (the graph does not know its enterprises there), else MISSING.
    /// </summary>
    public static LinkStatus StatusOf(int count, int threshold, bool reported, bool suggested = false) =>
        count > 0 ? count < threshold ? LinkStatus.Weak : LinkStatus.Present
        : suggested ? LinkStatus.Suggested
        : reported ? LinkStatus.Unmapped : LinkStatus.Missing;

    public static void CheckThreshold(int threshold, string argument = "threshold")
    {
        if (threshold is < 1 or > MaxThreshold)
        {
            throw new AnalysisException(AnalysisError.BadInput, text => text.OutOfRange(argument, 1, MaxThreshold, threshold));
        }
    }

    private LinkStatus StatusOf(int link, int count, AnalysisScope scope, int threshold) =>
        StatusOf(count, threshold, count == 0 && Evidence.IsReported(index.ChainOf(link), link, scope), count == 0 && AnySuggestedInScope(link, scope));

    public int ResolveChain(string reference, string argument = "chain") => index.ResolveOne(reference, EntityKind.IndustryChain, argument);

    /// <summary>Every enterprise working in the link, each once with all the sources of its placement, marked in scope or not.</summary>
    public IReadOnlyList<Placement> Placements(int link, AnalysisScope scope)
    {
        var workers = WorkersByName(link);
        var placements = new Placement[workers.Length];
        var linkEntity = index.Entity(link);
        for (var i = 0; i < workers.Length; i++)
        {
            var (enterprise, sources, kind) = workers[i];
            placements[i] = new Placement(index.Entity(enterprise), linkEntity, sources, scope.Contains(index, enterprise)) { Kind = kind };
        }

        return placements;
    }

    // The index never changes, so each link's enterprises are merged and put in name order once, on first use.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, (int Enterprise, IReadOnlyList<SourceRef> Sources, PlacementKind Kind)[]> workersByName = new();

    private (int Enterprise, IReadOnlyList<SourceRef> Sources, PlacementKind Kind)[] WorkersByName(int link) => workersByName.GetOrAdd(link, _ =>
    {
        var workers = new List<(int Enterprise, IReadOnlyList<SourceRef> Sources, PlacementKind Kind)>();
        var seen = new Dictionary<int, int>();
        foreach (var edge in index.Edges(link, Direction.In, RelationshipTypes.WorksIn))
        {
            var enterprise = index.EdgeFrom(edge);
            if (!IsPlaceable(enterprise))
            {
                continue;
            }

            var sources = index.Edge(edge).Sources;
            if (seen.TryGetValue(enterprise, out var at))
            {
                workers[at] = (enterprise, [.. workers[at].Sources.Concat(sources).Distinct()], workers[at].Kind);
                continue;
            }

            seen[enterprise] = workers.Count;
            workers.Add((enterprise, sources, sources.Any(source => !source.Curated) ? PlacementKind.Sourced : PlacementKind.Curated));
        }

        // A planner's confirmation counts like curation; a stated or curated placement of the same pair says more.
        foreach (var record in index.PlacementRecordsOf(link))
        {
            var enterprise = index.PlacementEnterprise(record);
            if (index.PlacementKindOf(record) == PlacementKind.Confirmed && IsPlaceable(enterprise) && seen.TryAdd(enterprise, workers.Count))
            {
                workers.Add((enterprise, [], PlacementKind.Confirmed));
            }
        }

        // Stable, as List.Sort of the placements was not: ties in name keep edge order.
        return [.. workers.OrderBy(worker => index.Entity(worker.Enterprise).Name, StringComparer.Ordinal)];
    });

    /// <summary>An enterprise that can be placed: not one the register shows deregistered, revoked or moved away.</summary>
    private bool IsPlaceable(int enterprise) => index.KindOf(enterprise) == EntityKind.Enterprise && !index.Entity(enterprise).IsInactive();

    /// <summary>
    /// Enterprises only suggested for the link (no stated, curated or confirmed placement there), best score
    /// first, marked in scope or not; at most <paramref name="limit"/> of them when given.
    /// </summary>
    public IReadOnlyList<Placement> Suggestions(int link, AnalysisScope scope, bool inScopeOnly = false, int limit = int.MaxValue)
    {
        var suggestions = new List<Placement>();
        var linkEntity = index.Entity(link);
        foreach (var record in index.PlacementRecordsOf(link))
        {
            if (suggestions.Count >= limit)
            {
                break;
            }

            var enterprise = index.PlacementEnterprise(record);
            if (index.PlacementKindOf(record) != PlacementKind.Suggested || !IsPlaceable(enterprise) || IsPlaced(enterprise, link))
            {
                continue;
            }

            var inScope = scope.Contains(index, enterprise);
            if (inScope || !inScopeOnly)
            {
                suggestions.Add(new Placement(index.Entity(enterprise), linkEntity, [], inScope) { Kind = PlacementKind.Suggested, Score = index.PlacementScore(record) });
            }
        }

        return suggestions;
    }

    private int CountSuggestedElsewhere(int link, AnalysisScope scope)
    {
        var count = 0;
        foreach (var record in index.PlacementRecordsOf(link))
        {
            var enterprise = index.PlacementEnterprise(record);
            if (index.PlacementKindOf(record) == PlacementKind.Suggested && IsPlaceable(enterprise) && !IsPlaced(enterprise, link) && !scope.Contains(index, enterprise))
            {
                count++;
            }
        }

        return count;
    }

    private bool AnySuggestedInScope(int link, AnalysisScope scope) => Suggestions(link, scope, inScopeOnly: true, limit: 1).Count > 0;

    // A store keeps one record per (enterprise, link), so a suggested pair has no confirmation beside it: only a
    // WORKS_IN relationship can place it already.
    private bool IsPlaced(int enterprise, int link) => index.HasEdge(enterprise, RelationshipTypes.WorksIn, link);

    /// <summary>Links of other chains named the same industry as this one (EQUIVALENT_TO, either way), by name.</summary>
    public IReadOnlyList<int> EquivalentLinks(int link)
    {
        var found = new List<int>();
        foreach (var direction in new[] { Direction.Out, Direction.In })
        {
            foreach (var edge in index.Edges(link, direction, RelationshipTypes.EquivalentTo))
            {
                var other = index.OtherEnd(edge, link);
                if (other != link && !found.Contains(other))
                {
                    found.Add(other);
                }
            }
        }

        return [.. found.OrderBy(other => index.Entity(other).Name, StringComparer.Ordinal)];
    }

    /// <summary>How many enterprises are placed in the link inside the scope (stated, curated or confirmed), without building placements.</summary>
    public int CountInScope(int link, AnalysisScope scope)
    {
        // A dataset holds one relationship per (from, type, to), so counting edges counts enterprises.
        var count = 0;
        foreach (var edge in index.Edges(link, Direction.In, RelationshipTypes.WorksIn))
        {
            var enterprise = index.EdgeFrom(edge);
            if (IsPlaceable(enterprise) && scope.Contains(index, enterprise))
            {
                count++;
            }
        }

        foreach (var record in index.PlacementRecordsOf(link))
        {
            var enterprise = index.PlacementEnterprise(record);
            if (index.PlacementKindOf(record) == PlacementKind.Confirmed && IsPlaceable(enterprise) && scope.Contains(index, enterprise)
                && !index.HasEdge(enterprise, RelationshipTypes.WorksIn, link))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>A link's status, evidence and enterprises in scope, from its placements as <see cref="Placements"/> reads them.</summary>
    public LinkAssessment Assess(int link, AnalysisScope scope, int threshold, IReadOnlyList<Placement> placements)
    {
        var inScope = placements.Where(placement => placement.InScope).ToList();
        var chain = index.ChainOf(link);
        var reports = chain < 0 ? [] : Evidence.Reports(chain, link, scope);
        var suggested = inScope.Count == 0 ? Suggestions(link, scope, inScopeOnly: true) : [];
        var status = StatusOf(inScope.Count, threshold, reports.Count > 0, suggested.Count > 0);
        var category = scope.Kind == ScopeKind.Park ? Evidence.CategoryOf(index.IdOf(scope.Place!)) : null;
        var basis = new RuleBasis(scope, chain < 0 ? index.Entity(link) : index.Entity(chain), threshold, Evidence.Coverage(scope).KnownEnterprises, reports, category)
        {
            TargetedBy = status == LinkStatus.Missing && chain >= 0 ? TargetingPlaces(chain, scope) : [],
        };
        return new LinkAssessment(index.Entity(link), status, inScope, placements.Count - inScope.Count, basis)
        {
            SuggestedInScope = suggested,
            SuggestedElsewhere = CountSuggestedElsewhere(link, scope),
        };
    }

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

    public ChainGaps Gaps(int chain, AnalysisScope scope, int threshold, bool includeWeak, bool includeUnmapped = true)
    {
        CheckThreshold(threshold);
        var chainLinks = index.LinksOf(chain).ToArray();
        var gaps = new List<ChainGap>();
        var statuses = new List<LinkStatus>();
        var targets = Evidence.Targets(chain, scope);
        var focusParks = FocusParks(chain, scope);
        foreach (var link in chainLinks)
        {
            var placements = Placements(link, scope);
            var assessment = Assess(link, scope, threshold, placements);
            statuses.Add(assessment.Status);
            if (assessment.Status is LinkStatus.Missing or LinkStatus.Suggested
                || (includeUnmapped && assessment.Status == LinkStatus.Unmapped)
                || (includeWeak && assessment.Status == LinkStatus.Weak))
            {
                gaps.Add(new ChainGap(
                    assessment,
                    targets,
                    focusParks,
                    () => Evidence.Reports(chain, link, scope, inScope: false),
                    () => RankCandidates(chain, link, chainLinks, placements, scope),
                    () => Partners(link, chain, scope),
                    () => HostingPlaces(placements, scope, index.ParksOf),
                    () => HostingPlaces(placements, scope, enterprise => index.PrimaryDistrictOf(enterprise) is var district and >= 0 ? [district] : [])));
            }
        }

        return new ChainGaps(index.Entity(chain), scope, threshold, gaps, CoverageCounts.Of(statuses));
    }

    private List<TargetingPlace> TargetingPlaces(int chain, AnalysisScope scope)
    {
        var places = new List<TargetingPlace>();
        foreach (var edge in index.Edges(chain, Direction.In, RelationshipTypes.Targets))
        {
            var place = index.EdgeFrom(edge);
            if (index.KindOf(place) is EntityKind.District or EntityKind.Park && scope.Contains(index, place))
            {
                places.Add(new TargetingPlace(index.Entity(place), index.Edge(edge).Sources));
            }
        }

        // The scope's own place first, then by name.
        return places.OrderByDescending(item => item.Place == scope.Place).ThenBy(item => item.Place.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Parks in the scope that focus on the chain (FOCUSES_ON, stated or curated) or where an article reports it, by name.</summary>
    public IReadOnlyList<Entity> FocusParks(int chain, AnalysisScope scope)
    {
        var parks = new HashSet<int>(Evidence.ReportingPlaces(chain, scope).Where(place => index.KindOf(place) == EntityKind.Park));
        foreach (var edge in index.Edges(chain, Direction.In, RelationshipTypes.FocusesOn))
        {
            var place = index.EdgeFrom(edge);
            if (index.KindOf(place) == EntityKind.Park && scope.Contains(index, place))
            {
                parks.Add(place);
            }
        }

        return parks.Select(index.Entity).OrderBy(park => park.Name, StringComparer.Ordinal).ToList();
    }

    public ScopeCoverage Coverage(AnalysisScope scope, int threshold, int? onlyChain = null)
    {
        CheckThreshold(threshold);
        var chains = new List<ChainCoverage>();
        for (var id = 0; id < index.EntityCount; id++)
        {
            if (index.KindOf(id) == EntityKind.IndustryChain && (onlyChain is null || onlyChain == id))
            {
                chains.Add(CoverageOf(id, link => StatusOf(link, CountInScope(link, scope), scope, threshold)));
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
            before[link] = StatusOf(link, countBefore, scope, threshold);
            after[link] = StatusOf(link, countAfter, scope, threshold);
            if (added.Count > 0)
            {
                var effect = before[link] is LinkStatus.Missing or LinkStatus.Unmapped ? WhatIfEffect.Closes
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
        public const double ConfirmedPlacement = 0.5;

        /// <summary>Times the suggestion's score (0..1): a computed suggestion never outweighs a stated or confirmed placement.</summary>
        public const double SuggestedPlacement = 0.4;
        public const double QualityTag = 0.5;
    }

    private static readonly string[] QualityTags = ["high-tech", "specialized", "listed"];

    /// <summary>
    /// Everyone outside the scope who could fill the link: placed in it (stated, curated, confirmed) or suggested for
    /// it, then the same for its equivalent links in other chains; each enterprise once, by its strongest placement.
    /// </summary>
    private List<Placement> CandidatePool(int link, IReadOnlyList<Placement> placements, AnalysisScope scope)
    {
        var pool = new List<Placement>();
        var seen = new HashSet<int>();
        void Add(Placement placement)
        {
            if (!placement.InScope && seen.Add(index.IdOf(placement.Enterprise)))
            {
                pool.Add(placement);
            }
        }

        placements.ToList().ForEach(Add);
        Suggestions(link, scope).ToList().ForEach(Add);
        foreach (var equivalent in EquivalentLinks(link))
        {
            var via = index.Entity(equivalent);
            foreach (var placement in Placements(equivalent, scope).Concat(Suggestions(equivalent, scope)))
            {
                Add(placement with { Via = via });
            }
        }

        return pool;
    }

    private List<Candidate> RankCandidates(int chain, int link, int[] chainLinks, IReadOnlyList<Placement> placements, AnalysisScope scope)
    {
        var chainEntity = index.Entity(chain);
        var scopeDistrict = scope.Kind == ScopeKind.Park ? index.PrimaryDistrictOf(index.IdOf(scope.Place!)) : -1;
        var candidates = new List<Candidate>();
        foreach (var placement in CandidatePool(link, placements, scope))
        {
            var enterprise = index.IdOf(placement.Enterprise);
            var reasons = new List<ScoreReason>();
            if (index.HasEdge(enterprise, RelationshipTypes.Leads, chain))
            {
                reasons.Add(new("LEADS_CHAIN", Points.LeadsChain, chainEntity.Name));
            }
            else if (placement.Enterprise.Tags.Contains("anchor"))
            {
                reasons.Add(new("ANCHOR_TAG", Points.AnchorTag));
            }

            var covered = chainLinks.Where(link => index.HasEdge(enterprise, RelationshipTypes.WorksIn, link)).Select(link => index.Entity(link).Name).ToList();
            reasons.Add(new("CHAIN_LINKS", Points.PerChainLink * covered.Count,
                covered.Count.ToString(CultureInfo.InvariantCulture), chainLinks.Length.ToString(CultureInfo.InvariantCulture), chainEntity.Name, string.Join("、", covered)));
            if (scopeDistrict >= 0 && index.DistrictsOf(enterprise).Contains(scopeDistrict))
            {
                reasons.Add(new("SAME_DISTRICT", Points.SameDistrict, index.Entity(scopeDistrict).Name, scope.Place!.Name));
            }

            if (index.HasEdge(enterprise, RelationshipTypes.InChain, chain))
            {
                reasons.Add(new("IN_CHAIN", Points.InChain, chainEntity.Name));
            }

            reasons.Add(placement.Kind switch
            {
                PlacementKind.Sourced => new ScoreReason("SOURCED_PLACEMENT", Points.SourcedPlacement),
                PlacementKind.Confirmed => new ScoreReason("CONFIRMED_PLACEMENT", Points.ConfirmedPlacement),
                PlacementKind.Suggested => new ScoreReason(
                    "SUGGESTED_PLACEMENT", Math.Round(Points.SuggestedPlacement * (placement.Score ?? 0), 2), AnalysisText.Number(placement.Score ?? 0)),
                _ => new ScoreReason("CURATED_PLACEMENT", 0),
            });
            if (placement.Via is { } via)
            {
                var viaChain = index.ChainOf(index.IdOf(via));
                reasons.Add(new("EQUIVALENT_LINK", 0, via.Name, viaChain < 0 ? "" : index.Entity(viaChain).Name, index.Entity(link).Name));
            }
            foreach (var tag in QualityTags.Where(placement.Enterprise.Tags.Contains))
            {
                reasons.Add(new("TAG_" + tag.ToUpperInvariant().Replace('-', '_'), Points.QualityTag, tag));
            }

            var district = index.PrimaryDistrictOf(enterprise);
            var parks = index.ParksOf(enterprise).Select(index.Entity).ToList();
            if (district < 0 && parks.Count == 0)
            {
                reasons.Add(new("NO_LOCATION", 0));
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
