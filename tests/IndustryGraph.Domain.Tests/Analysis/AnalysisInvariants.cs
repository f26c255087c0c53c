using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Tests.Analysis;

/// <summary>
/// Properties every answer must have, checked against naive computations straight from the dataset's
/// relationship list (not the index), so a bug in the index cannot hide in both sides.
/// </summary>
public sealed class AnalysisInvariants
{
    private readonly GraphDataset dataset;
    private readonly GraphIndex index;
    private readonly ChainAnalysis analysis;
    private readonly ILookup<string, Relationship> byFrom;
    private readonly Dictionary<string, List<(string Other, Relationship Edge)>> undirected = new(StringComparer.Ordinal);

    public AnalysisInvariants(GraphDataset dataset)
    {
        this.dataset = dataset;
        index = GraphIndex.Build(dataset);
        analysis = new ChainAnalysis(index);
        byFrom = dataset.Relationships.ToLookup(edge => edge.FromKey, StringComparer.Ordinal);
        foreach (var edge in dataset.Relationships)
        {
            Neighbours(edge.FromKey).Add((edge.ToKey, edge));
            Neighbours(edge.ToKey).Add((edge.FromKey, edge));
        }
    }

    public GraphIndex Index => index;

    public IReadOnlyList<AnalysisScope> AllScopes() =>
        [AnalysisScope.City, .. dataset.Entities.Where(entity => entity.Kind is EntityKind.District or EntityKind.Park).Select(AnalysisScope.Of)];

    /// <summary>The index's typed adjacency holds exactly the dataset's edges of each type, each direction.</summary>
    public void CheckAdjacency()
    {
        var types = dataset.Relationships.Select(edge => edge.Type).Distinct().ToList();
        foreach (var entity in dataset.Entities)
        {
            var id = index.IdOf(entity);
            foreach (var type in types)
            {
                var outgoing = new List<string>();
                foreach (var edge in index.Edges(id, Direction.Out, type))
                {
                    outgoing.Add(index.Entity(index.EdgeTo(edge)).Key);
                }

                var incoming = new List<string>();
                foreach (var edge in index.Edges(id, Direction.In, type))
                {
                    incoming.Add(index.Entity(index.EdgeFrom(edge)).Key);
                }

                Assert.Equal(byFrom[entity.Key].Where(edge => edge.Type == type).Select(edge => edge.ToKey).Order(StringComparer.Ordinal), outgoing.Order(StringComparer.Ordinal));
                Assert.Equal(
                    Neighbours(entity.Key).Where(pair => pair.Edge.Type == type && pair.Edge.ToKey == entity.Key && pair.Other == pair.Edge.FromKey).Select(pair => pair.Other).Order(StringComparer.Ordinal),
                    incoming.Order(StringComparer.Ordinal));
            }
        }
    }

    /// <summary>For every chain and scope: PRESENT + WEAK + MISSING = the chain's links, and each count matches a naive count.</summary>
    public int CheckStatuses(int threshold)
    {
        var checkedLinks = 0;
        var chains = dataset.Entities.Where(entity => entity.Kind == EntityKind.IndustryChain).ToList();
        foreach (var scope in AllScopes())
        {
            var coverage = analysis.Coverage(scope, threshold).Chains.ToDictionary(chain => chain.Chain.Key, StringComparer.Ordinal);
            foreach (var chain in chains)
            {
                var chainLinks = dataset.Entities.Where(entity => entity.Link?.ChainKey == chain.Key).Select(entity => entity.Key).ToHashSet(StringComparer.Ordinal);
                var map = analysis.Map(index.IdOf(chain), scope, threshold);
                var links = map.Segments.SelectMany(segment => segment.Links).ToList();
                Assert.Equal(chainLinks.Count, map.Counts.Present + map.Counts.Weak + map.Counts.Unmapped + map.Counts.Missing);
                Assert.Equal(chainLinks.Order(StringComparer.Ordinal), links.Select(link => link.Link.Key).Order(StringComparer.Ordinal));
                Assert.Equal(map.Counts, coverage[chain.Key].Total);
                foreach (var link in links)
                {
                    var naive = NaiveEnterprisesInScope(link.Link.Key, scope);
                    Assert.Equal(naive, link.EnterprisesInScope.Select(placement => placement.Enterprise.Key).ToHashSet(StringComparer.Ordinal));
                    var reported = NaiveReportingPlaces(chain.Key, link.Link.Key).Any(place => NaiveContains(scope, place));
                    if (link.Status == LinkStatus.Missing)
                    {
                        // MISSING only when no enterprise in scope works in the link and no report places the chain there.
                        Assert.Empty(naive);
                        Assert.False(reported);
                        Assert.StartsWith("MISSING", link.Rule, StringComparison.Ordinal);
                    }

                    if (link.Status == LinkStatus.Unmapped)
                    {
                        // Every UNMAPPED names its report and its source.
                        Assert.NotEmpty(link.Reports);
                        Assert.StartsWith("UNMAPPED", link.Rule, StringComparison.Ordinal);
                        Assert.Contains(AnalysisText.English.Sources(link.Reports[0].Sources), link.Rule, StringComparison.Ordinal);
                    }

                    Assert.Equal(
                        naive.Count == 0 ? reported ? LinkStatus.Unmapped : LinkStatus.Missing : naive.Count < threshold ? LinkStatus.Weak : LinkStatus.Present,
                        link.Status);
                    checkedLinks++;
                }

                var gaps = analysis.Gaps(index.IdOf(chain), scope, threshold, includeWeak: true).Gaps;
                Assert.Equal(links.Where(link => link.Status != LinkStatus.Present).Select(link => link.Link.Key), gaps.Select(gap => gap.Assessment.Link.Key));
                foreach (var gap in gaps)
                {
                    Assert.All(gap.Candidates, candidate =>
                    {
                        Assert.DoesNotContain(candidate.Enterprise.Key, NaiveEnterprisesInScope(gap.Assessment.Link.Key, scope));
                        Assert.Equal(candidate.Score, candidate.Reasons.Sum(reason => reason.Points), 6);
                    });
                    Assert.Equal(gap.Candidates.Select(c => c.Score).OrderDescending(), gap.Candidates.Select(c => c.Score));
                }
            }
        }

        return checkedLinks;
    }

    /// <summary>Every path is a real chain of relationships of its reported length from one end to the other, and BFS finds none shorter.</summary>
    public int CheckPaths(int pairs, int seed, int maxHops)
    {
        var random = new Random(seed);
        var keys = dataset.Entities.Select(entity => entity.Key).ToArray();
        var found = 0;
        for (var i = 0; i < pairs; i++)
        {
            var (from, to) = (keys[random.Next(keys.Length)], keys[random.Next(keys.Length)]);
            if (from == to)
            {
                continue;
            }

            var paths = PathFinder.ShortestPaths(index, index.IdOf(Entity(from)), index.IdOf(Entity(to)), maxHops, first: 5);
            var shortest = NaiveDistance(from, to, maxHops);
            if (paths.Count == 0)
            {
                Assert.Null(shortest);
                continue;
            }

            found++;
            Assert.Equal(shortest, paths[0].Length);
            Assert.Equal(paths.Count, paths.Select(Describe).Distinct().Count());
            foreach (var path in paths)
            {
                Assert.Equal(shortest, path.Length);
                Assert.Equal(from, path.Steps[0].From.Key);
                Assert.Equal(to, path.Steps[^1].To.Key);
                for (var s = 0; s < path.Steps.Count; s++)
                {
                    var step = path.Steps[s];
                    if (s > 0)
                    {
                        Assert.Equal(path.Steps[s - 1].To.Key, step.From.Key);
                    }

                    var (start, end) = step.Direction == Direction.Out ? (step.From.Key, step.To.Key) : (step.To.Key, step.From.Key);
                    Assert.Contains(byFrom[start], edge => edge.ToKey == end && edge.Type == step.Relationship && edge.Sources.SequenceEqual(step.Sources));
                }
            }
        }

        return found;
    }

    /// <summary>Every upstream/downstream step has the shortest SUPPLIES distance from the start, and nothing within the depth is left out.</summary>
    public void CheckSupplies(int depth)
    {
        foreach (var link in dataset.Entities.Where(entity => entity.Kind == EntityKind.ChainLink))
        {
            foreach (var direction in Enum.GetValues<SupplyDirection>())
            {
                var trace = analysis.Trace(index.IdOf(link), direction, depth, AnalysisScope.City, 2);
                var naive = NaiveSupplyDistances(link.Key, direction, depth);
                Assert.Equal(naive, trace.Steps.ToDictionary(step => step.Link.Key, step => step.Distance, StringComparer.Ordinal));
            }
        }
    }

    private static string Describe(GraphPath path) => string.Join(">", path.Steps.Select(step => $"{step.From.Key}-{step.Relationship}:{step.Direction}-{step.To.Key}"));

    private Entity Entity(string key) => index.Entity(index.TryGetId(key, out var id) ? id : -1);

    private List<(string Other, Relationship Edge)> Neighbours(string key) =>
        undirected.TryGetValue(key, out var list) ? list : undirected[key] = [];

    /// <summary>For every statement in the data that a chain is present in a place: no link of that chain is MISSING in that place.</summary>
    public int CheckPresenceStatements(int threshold)
    {
        var statements = 0;
        foreach (var chain in dataset.Entities.Where(entity => entity.Kind == EntityKind.IndustryChain))
        {
            foreach (var place in NaiveReportingPlaces(chain.Key, link: null).Distinct(StringComparer.Ordinal))
            {
                var map = analysis.Map(index.IdOf(chain), AnalysisScope.Of(Entity(place)), threshold);
                Assert.All(map.Segments.SelectMany(segment => segment.Links), link => Assert.NotEqual(LinkStatus.Missing, link.Status));
                statements++;
            }
        }

        return statements;
    }

    private static readonly string[] ReportKeys = ["park_count", "enterprise_count", "cluster"];

    /// <summary>Districts and parks an article reports the chain in (a fact about the chain or this link, or a stated FOCUSES_ON), straight from the dataset.</summary>
    private IEnumerable<string> NaiveReportingPlaces(string chain, string? link)
    {
        bool IsPlace(string key) => Entity(key).Kind is EntityKind.District or EntityKind.Park;
        bool Sourced(IEnumerable<SourceRef> sources) => sources.Any(source => !source.Curated);
        var facts = dataset.Facts
            .Where(fact => ReportKeys.Contains(fact.Key) && Sourced(fact.Sources) && IsPlace(fact.EntityKey)
                && (fact.About.Contains(chain) || (link is not null && fact.About.Contains(link))))
            .Select(fact => fact.EntityKey);
        var focus = dataset.Relationships
            .Where(edge => edge.Type == RelationshipTypes.FocusesOn && edge.ToKey == chain && Sourced(edge.Sources) && IsPlace(edge.FromKey))
            .Select(edge => edge.FromKey);
        return facts.Concat(focus);
    }

    private HashSet<string> NaiveEnterprisesInScope(string link, AnalysisScope scope)
    {
        var workers = dataset.Relationships.Where(edge => edge.Type == RelationshipTypes.WorksIn && edge.ToKey == link).Select(edge => edge.FromKey);
        return workers.Where(enterprise => NaiveContains(scope, enterprise)).ToHashSet(StringComparer.Ordinal);
    }

    private bool NaiveContains(AnalysisScope scope, string key)
    {
        if (scope.Place is null)
        {
            return true;
        }

        if (key == scope.Place.Key)
        {
            return true;
        }

        var locatedIn = byFrom[key].Where(edge => edge.Type == RelationshipTypes.LocatedIn).Select(edge => edge.ToKey).ToList();
        if (scope.Kind == ScopeKind.Park)
        {
            // In the park, or in a park inside it.
            return locatedIn.Contains(scope.Place.Key)
                || locatedIn.Any(place => Entity(place).Kind == EntityKind.Park && byFrom[place].Any(edge => edge.Type == RelationshipTypes.LocatedIn && edge.ToKey == scope.Place.Key));
        }

        // The place's sub-districts count as the district (a city holds its districts).
        var districts = new HashSet<string>(StringComparer.Ordinal) { scope.Place.Key };
        districts.UnionWith(dataset.Relationships.Where(edge => edge.Type == RelationshipTypes.PartOf && edge.ToKey == scope.Place.Key).Select(edge => edge.FromKey));
        return districts.Contains(key)
            || locatedIn.Any(districts.Contains)
            || locatedIn.Any(place => byFrom[place].Any(edge => edge.Type == RelationshipTypes.LocatedIn && districts.Contains(edge.ToKey)));
    }

    private int? NaiveDistance(string from, string to, int maxHops)
    {
        var distance = new Dictionary<string, int>(StringComparer.Ordinal) { [from] = 0 };
        var queue = new Queue<string>([from]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            if (node == to)
            {
                return distance[node];
            }

            if (distance[node] == maxHops)
            {
                continue;
            }

            foreach (var (other, _) in Neighbours(node))
            {
                if (distance.TryAdd(other, distance[node] + 1))
                {
                    queue.Enqueue(other);
                }
            }
        }

        return null;
    }

    private Dictionary<string, int> NaiveSupplyDistances(string start, SupplyDirection direction, int depth)
    {
        var supplies = dataset.Relationships.Where(edge => edge.Type == RelationshipTypes.Supplies).ToList();
        var distance = new Dictionary<string, int>(StringComparer.Ordinal) { [start] = 0 };
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            if (distance[node] == depth)
            {
                continue;
            }

            var next = direction == SupplyDirection.Upstream
                ? supplies.Where(edge => edge.ToKey == node).Select(edge => edge.FromKey)
                : supplies.Where(edge => edge.FromKey == node).Select(edge => edge.ToKey);
            foreach (var other in next)
            {
                if (distance.TryAdd(other, distance[node] + 1))
                {
                    queue.Enqueue(other);
                }
            }
        }

        distance.Remove(start);
        return distance;
    }
}
