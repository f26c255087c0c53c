using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Analysis;

/// <summary>
/// Shortest relationship paths between two entities, over every relationship in either direction.
/// Breadth-first from both ends at once (the smaller frontier grows first), so a hub such as a district
/// is expanded at most once per side; every shortest path passes through exactly one meeting node,
/// so listing prefix × suffix per meeting node gives each tied path once.
/// </summary>
public static class PathFinder
{
    public const int DefaultMaxHops = 4;
    public const int MaxHops = 6;
    public const int DefaultFirst = 3;
    public const int MaxFirst = 50;

    public static void CheckArguments(int maxHops, int first)
    {
        if (maxHops is < 1 or > MaxHops)
        {
            throw new AnalysisException(AnalysisError.BadInput, text => text.OutOfRange("maxHops", 1, MaxHops, maxHops));
        }

        if (first is < 1 or > MaxFirst)
        {
            throw new AnalysisException(AnalysisError.BadInput, text => text.OutOfRange("first", 1, MaxFirst, first));
        }
    }

    public static IReadOnlyList<GraphPath> ShortestPaths(GraphIndex index, int from, int to, int maxHops, int first)
    {
        CheckArguments(maxHops, first);
        if (from == to)
        {
            throw new AnalysisException(AnalysisError.BadInput, text => text.SameEnds(index.Entity(from).Name));
        }

        var fromSide = new Dictionary<int, int> { [from] = 0 };
        var toSide = new Dictionary<int, int> { [to] = 0 };
        List<int> fromFrontier = [from], toFrontier = [to];
        int fromDepth = 0, toDepth = 0;
        var meeting = new List<int>();
        while (fromDepth + toDepth < maxHops && fromFrontier.Count > 0 && toFrontier.Count > 0)
        {
            var growFrom = fromFrontier.Count <= toFrontier.Count;
            var (side, other, frontier) = growFrom ? (fromSide, toSide, fromFrontier) : (toSide, fromSide, toFrontier);
            var depth = (growFrom ? fromDepth : toDepth) + 1;
            var next = new List<int>();
            foreach (var node in frontier)
            {
                foreach (var neighbour in Neighbours(index, node))
                {
                    if (side.TryAdd(neighbour, depth))
                    {
                        next.Add(neighbour);
                        if (other.ContainsKey(neighbour))
                        {
                            meeting.Add(neighbour);
                        }
                    }
                }
            }

            if (growFrom)
            {
                (fromFrontier, fromDepth) = (next, depth);
            }
            else
            {
                (toFrontier, toDepth) = (next, depth);
            }

            if (meeting.Count > 0)
            {
                break;
            }
        }

        var paths = new List<GraphPath>();
        foreach (var node in meeting)
        {
            foreach (var prefix in Walks(index, node, fromSide))
            {
                foreach (var suffix in Walks(index, node, toSide))
                {
                    // Walks run from the meeting node back to an end: the prefix is reversed, the suffix read as is.
                    var steps = prefix.AsEnumerable().Reverse().Select(hop => Step(index, hop.Edge, hop.Other, hop.Node))
                        .Concat(suffix.Select(hop => Step(index, hop.Edge, hop.Node, hop.Other)))
                        .ToList();
                    paths.Add(new GraphPath(steps));
                    if (paths.Count == first)
                    {
                        return paths;
                    }
                }
            }
        }

        return paths;
    }

    private static IEnumerable<int> Neighbours(GraphIndex index, int node)
    {
        foreach (var direction in (Direction[])[Direction.Out, Direction.In])
        {
            var edges = index.Edges(node, direction).ToArray();
            foreach (var edge in edges)
            {
                yield return index.OtherEnd(edge, node);
            }
        }
    }

    private readonly record struct Hop(int Node, int Edge, int Other);

    /// <summary>Every edge sequence from <paramref name="node"/> down the distances of one side to its end (distance 0).</summary>
    private static IEnumerable<List<Hop>> Walks(GraphIndex index, int node, Dictionary<int, int> distance)
    {
        var here = distance[node];
        if (here == 0)
        {
            yield return [];
            yield break;
        }

        foreach (var direction in (Direction[])[Direction.Out, Direction.In])
        {
            foreach (var edge in index.Edges(node, direction).ToArray())
            {
                var other = index.OtherEnd(edge, node);
                if (other == node || !distance.TryGetValue(other, out var there) || there != here - 1)
                {
                    continue;
                }

                foreach (var rest in Walks(index, other, distance))
                {
                    yield return [new Hop(node, edge, other), .. rest];
                }
            }
        }
    }

    private static PathStep Step(GraphIndex index, int edge, int from, int to) =>
        new(index.Entity(from), index.Entity(to), index.EdgeTypeName(edge), index.EdgeFrom(edge) == from ? Direction.Out : Direction.In, index.Edge(edge).Sources);
}
