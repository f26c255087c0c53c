using System.Collections.Concurrent;
using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Analysis;

/// <summary>How an article reports a chain present in a place.</summary>
public enum ChainReportKind
{
    /// <summary>A count of parks of the industry in the place (fact <c>park_count</c> about the chain).</summary>
    ParkCount,

    /// <summary>A count of enterprises of the industry in the place (fact <c>enterprise_count</c> about the chain).</summary>
    EnterpriseCount,

    /// <summary>An existing base, hub or cluster of the industry (fact <c>cluster</c> about the chain).</summary>
    Cluster,

    /// <summary>A leading industry the place already has (FOCUSES_ON stated by an article).</summary>
    Focus,
}

/// <summary>
/// An article's statement that a chain is present in a place: evidence of presence that does not depend on which
/// enterprises the graph knows. <see cref="Chains"/> are the chains the statement names (several when an article
/// counts parks of two industries together); <see cref="Value"/> is the figure or name as the article writes it.
/// </summary>
public sealed record ChainReport(Entity Place, ChainReportKind Kind, IReadOnlyList<Entity> Chains, string? Value, double? Count, IReadOnlyList<SourceRef> Sources);

/// <summary>What the articles say about enterprises in a scope, against what the graph knows there.</summary>
public sealed record EnterpriseCoverage(int KnownEnterprises, double? StatedEnterprises, IReadOnlyList<SourceRef> Sources, IReadOnlyList<Fact> Figures)
{
    /// <summary>Known enterprises placed in some chain link (stated, curated or confirmed); inactive ones are not counted in any of the three.</summary>
    public int PlacedEnterprises { get; init; }

    /// <summary>Known enterprises only suggested for some link, not placed in any.</summary>
    public int SuggestedEnterprises { get; init; }

    /// <summary>Known active enterprises neither placed nor suggested.</summary>
    public int UnplacedEnterprises { get; init; }

    /// <summary>Known enterprises the register shows deregistered, revoked or moved away.</summary>
    public int InactiveEnterprises { get; init; }
}

/// <summary>
/// The article evidence of the graph, indexed for analysis: reports of chains in places, stated targets, and
/// stated enterprise counts. Built once per index; only rows with an article among their sources are reports.
/// </summary>
public sealed class ChainEvidence
{
    public const string ParkCountKey = "park_count";
    public const string EnterpriseCountKey = "enterprise_count";
    public const string ClusterKey = "cluster";
    public const string TargetSuffix = "_target";

    private readonly GraphIndex index;

    // Per chain: its reports with the place's id and the link covered (-1: the whole chain).
    private readonly Dictionary<int, List<(int Place, int Link, ChainReport Report)>> reports = [];
    private readonly Dictionary<int, List<(int Place, Fact Fact)>> targets = [];
    private readonly ConcurrentDictionary<string, EnterpriseCoverage> coverage = new(StringComparer.Ordinal);

    // One report per fact, however many chains it is about.
    private readonly Dictionary<Fact, ChainReport> reportOfFact = new(ReferenceEqualityComparer.Instance);

    public ChainEvidence(GraphIndex index)
    {
        this.index = index;
        for (var id = 0; id < index.EntityCount; id++)
        {
            switch (index.KindOf(id))
            {
                case EntityKind.IndustryChain:
                    AddFocus(id);
                    AddFacts(id, id, -1);
                    foreach (var link in index.LinksOf(id))
                    {
                        AddFacts(link, id, link);
                    }

                    break;
            }
        }

        foreach (var list in reports.Values)
        {
            list.Sort((a, b) => a.Report.Kind != b.Report.Kind ? a.Report.Kind.CompareTo(b.Report.Kind) : string.CompareOrdinal(a.Report.Place.Name, b.Report.Place.Name));
        }
    }

    public static bool IsSourced(IEnumerable<SourceRef> sources) => sources.Any(source => !source.Curated);

    public static bool IsTargetKey(string key) => key.EndsWith(TargetSuffix, StringComparison.Ordinal);

    private static bool IsPlace(EntityKind kind) => kind is EntityKind.District or EntityKind.Park;

    private void AddFocus(int chain)
    {
        foreach (var edge in index.Edges(chain, Direction.In, RelationshipTypes.FocusesOn))
        {
            var place = index.EdgeFrom(edge);
            var sources = index.Edge(edge).Sources;
            if (IsPlace(index.KindOf(place)) && IsSourced(sources))
            {
                Add(chain, place, -1, new ChainReport(index.Entity(place), ChainReportKind.Focus, [index.Entity(chain)], null, null, sources));
            }
        }
    }

    private void AddFacts(int subject, int chain, int link)
    {
        foreach (var fact in index.FactsAbout(subject))
        {
            if (!index.TryGetId(fact.EntityKey, out var place) || !IsPlace(index.KindOf(place)))
            {
                continue;
            }

            if (IsTargetKey(fact.Key))
            {
                if (!targets.TryGetValue(chain, out var list))
                {
                    targets[chain] = list = [];
                }

                if (!list.Exists(item => ReferenceEquals(item.Fact, fact)))
                {
                    list.Add((place, fact));
                }

                continue;
            }

            ChainReportKind? kind = fact.Key switch
            {
                ParkCountKey => ChainReportKind.ParkCount,
                EnterpriseCountKey => ChainReportKind.EnterpriseCount,
                ClusterKey => ChainReportKind.Cluster,
                _ => null,
            };
            if (kind is null || !IsSourced(fact.Sources))
            {
                continue;
            }

            if (!reportOfFact.TryGetValue(fact, out var report))
            {
                var chains = fact.About.Select(key => index.TryGetId(key, out var id) ? id : -1)
                    .Where(id => id >= 0 && index.KindOf(id) is EntityKind.IndustryChain or EntityKind.ChainLink)
                    .Select(index.Entity).ToList();
                reportOfFact[fact] = report = new ChainReport(index.Entity(place), kind.Value, chains, fact.Value, fact.Number, fact.Sources);
            }

            Add(chain, place, link, report);
        }
    }

    private void Add(int chain, int place, int link, ChainReport report)
    {
        if (!reports.TryGetValue(chain, out var list))
        {
            reports[chain] = list = [];
        }

        list.Add((place, link, report));
    }

    /// <summary>Reports of the chain that cover the link (all links when null) in the scope, or outside it.</summary>
    public IReadOnlyList<ChainReport> Reports(int chain, int? link, AnalysisScope scope, bool inScope = true)
    {
        if (!reports.TryGetValue(chain, out var list))
        {
            return [];
        }

        return list
            .Where(item => (link is null || item.Link < 0 || item.Link == link) && scope.Contains(index, item.Place) == inScope)
            .Select(item => item.Report)
            .ToList();
    }

    /// <summary>Every report of the chain, anywhere.</summary>
    public IReadOnlyList<ChainReport> AllReports(int chain) =>
        reports.TryGetValue(chain, out var list) ? list.Select(item => item.Report).Distinct(ReferenceEqualityComparer.Instance).Cast<ChainReport>().ToList() : [];

    /// <summary>Every report of any chain on a place inside the scope (for a district: its parks' too).</summary>
    public IReadOnlyList<ChainReport> ReportsIn(AnalysisScope scope) => reports.Values
        .SelectMany(list => list.Where(item => scope.Contains(index, item.Place)).Select(item => item.Report))
        .Distinct(ReferenceEqualityComparer.Instance).Cast<ChainReport>()
        .OrderBy(report => report.Kind).ThenBy(report => report.Place.Name, StringComparer.Ordinal)
        .ToList();

    /// <summary>True when some report places the chain (or this link of it) inside the scope.</summary>
    public bool IsReported(int chain, int link, AnalysisScope scope) =>
        reports.TryGetValue(chain, out var list) && list.Exists(item => (item.Link < 0 || item.Link == link) && scope.Contains(index, item.Place));

    /// <summary>The places in the scope that report the chain, in report order.</summary>
    public IEnumerable<int> ReportingPlaces(int chain, AnalysisScope scope) =>
        reports.TryGetValue(chain, out var list) ? list.Where(item => scope.Contains(index, item.Place)).Select(item => item.Place).Distinct() : [];

    /// <summary>Stated targets for the chain (facts with a key ending in _target about it) on places in the scope; for the whole city, the chain's own too.</summary>
    public IReadOnlyList<Fact> Targets(int chain, AnalysisScope scope)
    {
        var ofPlaces = targets.TryGetValue(chain, out var list) ? list.Where(item => scope.Contains(index, item.Place)).Select(item => item.Fact) : [];
        return scope.Place is null ? AllTargets(chain) : ofPlaces.ToList();
    }

    /// <summary>Every stated target for the chain: its own _target facts and those of places about it.</summary>
    public IReadOnlyList<Fact> AllTargets(int chain)
    {
        var own = index.FactsOf(chain).ToArray().Where(fact => IsTargetKey(fact.Key));
        return [.. own, .. targets.TryGetValue(chain, out var list) ? list.Select(item => item.Fact) : []];
    }

    /// <summary>
    /// Enterprises known in the scope against those the articles state there: the place's own enterprise_count
    /// (about nothing else), else the sum over the places inside it, so a district's figure and its parks' are never added up.
    /// </summary>
    public EnterpriseCoverage Coverage(AnalysisScope scope) => coverage.GetOrAdd(scope.CacheKey, key =>
    {
        if (scope.Place is not null && !index.TryGetId(scope.Place.Key, out var placeId))
        {
            // The place is gone from this version of the graph.
            return new EnterpriseCoverage(0, null, [], []);
        }

        var known = 0;
        var byState = new int[Enum.GetValues<EnterprisePlacementState>().Length];
        var inactive = 0;
        for (var id = 0; id < index.EntityCount; id++)
        {
            if (index.KindOf(id) == EntityKind.Enterprise && scope.Contains(index, id))
            {
                known++;
                if (index.Entity(id).IsInactive())
                {
                    inactive++;
                }
                else
                {
                    byState[(int)index.PlacementStateOf(id)]++;
                }
            }
        }

        var figures = new List<Fact>();
        var visited = new HashSet<int>();
        double? stated = null;
        foreach (var root in Roots(scope))
        {
            stated = Add(stated, Stated(root, figures, visited));
        }

        return new EnterpriseCoverage(known, stated, figures.SelectMany(fact => fact.Sources).Where(source => !source.Curated).Distinct().ToList(), figures)
        {
            PlacedEnterprises = byState[(int)EnterprisePlacementState.Placed],
            SuggestedEnterprises = byState[(int)EnterprisePlacementState.Suggested],
            UnplacedEnterprises = byState[(int)EnterprisePlacementState.Unplaced],
            InactiveEnterprises = inactive,
        };
    });

    private static double? Add(double? a, double? b) => a is null ? b : b is null ? a : a + b;

    private IEnumerable<int> Roots(AnalysisScope scope)
    {
        if (scope.Place is not null)
        {
            yield return index.IdOf(scope.Place);
            yield break;
        }

        // The whole city: every district that is part of no other, and every park in no district.
        for (var id = 0; id < index.EntityCount; id++)
        {
            var kind = index.KindOf(id);
            if ((kind == EntityKind.District && index.Edges(id, Direction.Out, RelationshipTypes.PartOf).IsEmpty)
                || (kind == EntityKind.Park && index.Edges(id, Direction.Out, RelationshipTypes.LocatedIn).IsEmpty))
            {
                yield return id;
            }
        }
    }

    private double? Stated(int place, List<Fact> figures, HashSet<int> visited)
    {
        if (!visited.Add(place))
        {
            return null;
        }

        var own = OwnFigure(place);
        if (own is not null)
        {
            figures.Add(own);
            return own.Number;
        }

        double? sum = null;
        foreach (var edge in index.Edges(place, Direction.In, RelationshipTypes.LocatedIn))
        {
            var child = index.EdgeFrom(edge);
            if (index.KindOf(child) == EntityKind.Park)
            {
                sum = Add(sum, Stated(child, figures, visited));
            }
        }

        foreach (var edge in index.Edges(place, Direction.In, RelationshipTypes.PartOf))
        {
            var child = index.EdgeFrom(edge);
            if (index.KindOf(child) == EntityKind.District)
            {
                sum = Add(sum, Stated(child, figures, visited));
            }
        }

        return sum;
    }

    /// <summary>The place's own stated enterprise count: the latest period's, sourced, about no other entity.</summary>
    private Fact? OwnFigure(int place)
    {
        Fact? best = null;
        foreach (var fact in index.FactsOf(place))
        {
            if (fact.Key == EnterpriseCountKey && fact.About.Count == 0 && fact.Number is not null && IsSourced(fact.Sources)
                && (best is null || string.CompareOrdinal(fact.AsOf ?? "", best.AsOf ?? "") > 0))
            {
                best = fact;
            }
        }

        return best;
    }

    /// <summary>The park's category, when it has one.</summary>
    public ParkCategory? CategoryOf(int park) => ParkCategories.Of(index.FactsOf(park).ToArray());
}
