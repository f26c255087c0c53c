using System.Collections.Concurrent;
using IndustryGraph.Domain.Cancellation;
using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Analysis;

/// <summary>
/// Shortest relationship paths between two entities, over every relationship in either direction.
/// Breadth-first from both ends at once, the frontier with fewer edges growing first, so a hub such as a
/// district or a large park is expanded at most once per side, and only when the other side costs more.
/// Every shortest path passes through exactly one meeting node, so listing prefix × suffix per meeting node
/// gives each tied path once. Meeting nodes are taken in the order they are found and the search stops as
/// soon as they give <c>first</c> paths: asking for one path does not finish a level of a million entities.
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

        var search = PathSearch.Rent(index.EntityCount);
        try
        {
            return search.Run(index, from, to, maxHops, first);
        }
        finally
        {
            PathSearch.Return(search);
        }
    }

    private readonly record struct Hop(int Node, int Edge, int Other);

    /// <summary>
    /// The reusable state of one search: per side, each entity's distance stamped with the search's generation (so
    /// nothing is cleared between searches), and the frontiers. Arrays of the entity count, lent to one search at a time.
    /// </summary>
    private sealed class PathSearch
    {
        private const int DepthBits = 3;
        private const int DepthMask = (1 << DepthBits) - 1;
        private static readonly ConcurrentBag<PathSearch> Pool = [];

        private readonly int[] fromMarks;
        private readonly int[] toMarks;
        private List<int> fromFrontier = [];
        private List<int> toFrontier = [];
        private List<int> next = [];
        private int generation;

        private PathSearch(int entityCount)
        {
            fromMarks = new int[entityCount];
            toMarks = new int[entityCount];
        }

        public static PathSearch Rent(int entityCount) =>
            Pool.TryTake(out var search) && search.fromMarks.Length == entityCount ? search : new PathSearch(entityCount);

        public static void Return(PathSearch search)
        {
            // Enough for the requests running at once; more would only hold memory.
            if (Pool.Count < Environment.ProcessorCount)
            {
                Pool.Add(search);
            }
        }

        private int Mark(int depth) => (generation << DepthBits) | depth;

        private int Distance(int[] marks, int node) => marks[node] >>> DepthBits == generation ? marks[node] & DepthMask : -1;

        public IReadOnlyList<GraphPath> Run(GraphIndex index, int from, int to, int maxHops, int first)
        {
            if (++generation > int.MaxValue >>> DepthBits)
            {
                Array.Clear(fromMarks);
                Array.Clear(toMarks);
                generation = 1;
            }

            fromMarks[from] = Mark(0);
            toMarks[to] = Mark(0);
            fromFrontier.Clear();
            toFrontier.Clear();
            fromFrontier.Add(from);
            toFrontier.Add(to);
            int fromDepth = 0, toDepth = 0;
            var paths = new List<GraphPath>();
            while (fromDepth + toDepth < maxHops && fromFrontier.Count > 0 && toFrontier.Count > 0)
            {
                WorkCancellation.ThrowIfCancelled();
                var fromCost = Cost(index, fromFrontier, long.MaxValue);
                var growFrom = Cost(index, toFrontier, fromCost) >= fromCost;
                var (marks, otherMarks, frontier) = growFrom ? (fromMarks, toMarks, fromFrontier) : (toMarks, fromMarks, toFrontier);
                var depth = (growFrom ? fromDepth : toDepth) + 1;
                var mark = Mark(depth);
                next.Clear();
                foreach (var node in frontier)
                {
                    for (var direction = 0; direction < 2; direction++)
                    {
                        foreach (var edge in index.Edges(node, direction == 0 ? Direction.Out : Direction.In))
                        {
                            var neighbour = index.OtherEnd(edge, node);
                            if (marks[neighbour] >>> DepthBits == generation)
                            {
                                continue;
                            }

                            marks[neighbour] = mark;
                            next.Add(neighbour);
                            if (otherMarks[neighbour] >>> DepthBits == generation && AddPathsThrough(index, neighbour, paths, first))
                            {
                                return paths;
                            }
                        }
                    }
                }

                if (paths.Count > 0)
                {
                    return paths;
                }

                // The old frontier becomes the next level's list, so no level allocates.
                if (growFrom)
                {
                    (fromFrontier, next, fromDepth) = (next, fromFrontier, depth);
                }
                else
                {
                    (toFrontier, next, toDepth) = (next, toFrontier, depth);
                }
            }

            return paths;
        }

        /// <summary>The edges a frontier's growth would read, counted no further than <paramref name="enough"/>.</summary>
        private static long Cost(GraphIndex index, List<int> frontier, long enough)
        {
            var cost = 0L;
            foreach (var node in frontier)
            {
                cost += index.Edges(node, Direction.Out).Length + index.Edges(node, Direction.In).Length;
                if (cost >= enough)
                {
                    break;
                }
            }

            return cost;
        }

        /// <summary>Adds the paths through one meeting node, prefix by prefix; true when <paramref name="first"/> are reached.</summary>
        private bool AddPathsThrough(GraphIndex index, int meeting, List<GraphPath> paths, int first)
        {
            List<List<Hop>>? suffixes = null;
            foreach (var prefix in Walks(index, meeting, fromMarks))
            {
                // The suffixes are the same for every prefix: walked once, and only as many as can still be used.
                suffixes ??= Walks(index, meeting, toMarks).Take(first - paths.Count).ToList();
                foreach (var suffix in suffixes)
                {
                    // Walks run from the meeting node back to an end: the prefix is read backwards, the suffix as is.
                    var steps = new List<PathStep>(prefix.Count + suffix.Count);
                    for (var i = prefix.Count - 1; i >= 0; i--)
                    {
                        steps.Add(Step(index, prefix[i].Edge, prefix[i].Other, prefix[i].Node));
                    }

                    foreach (var hop in suffix)
                    {
                        steps.Add(Step(index, hop.Edge, hop.Node, hop.Other));
                    }

                    paths.Add(new GraphPath(steps));
                    if (paths.Count == first)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Every edge sequence from <paramref name="node"/> down the distances of one side to its end (distance 0).</summary>
        private IEnumerable<List<Hop>> Walks(GraphIndex index, int node, int[] marks)
        {
            var here = Distance(marks, node);
            if (here == 0)
            {
                yield return [];
                yield break;
            }

            foreach (var direction in (Direction[])[Direction.Out, Direction.In])
            {
                // Only indexes into the span are kept across a yield: a span cannot live in an iterator.
                var count = index.Edges(node, direction).Length;
                for (var at = 0; at < count; at++)
                {
                    var edge = index.Edges(node, direction)[at];
                    var other = index.OtherEnd(edge, node);
                    if (other == node || Distance(marks, other) != here - 1)
                    {
                        continue;
                    }

                    foreach (var rest in Walks(index, other, marks))
                    {
                        rest.Insert(0, new Hop(node, edge, other));
                        yield return rest;
                    }
                }
            }
        }
    }

    private static PathStep Step(GraphIndex index, int edge, int from, int to) =>
        new(index.Entity(from), index.Entity(to), index.EdgeTypeName(edge), index.EdgeFrom(edge) == from ? Direction.Out : Direction.In, index.Edge(edge).Sources);
}
