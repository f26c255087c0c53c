using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Analysis;

/// <summary>Upstream and downstream over SUPPLIES edges, breadth first, so each link gets its shortest distance and cycles end.</summary>
public static class SupplyTraversal
{
    public const int DefaultDepth = 2;
    public const int MaxDepth = 6;

    public static void CheckDepth(int depth)
    {
        if (depth is < 1 or > MaxDepth)
        {
            throw new AnalysisException(AnalysisError.BadInput, text => text.OutOfRange("depth", 1, MaxDepth, depth));
        }
    }

    /// <summary>From a chain link, or from the links an enterprise works in, the links up or down to <paramref name="depth"/> steps.</summary>
    public static SupplyTrace Trace(this ChainAnalysis analysis, int origin, SupplyDirection direction, int depth, AnalysisScope scope, int threshold)
    {
        CheckDepth(depth);
        ChainAnalysis.CheckThreshold(threshold);
        var index = analysis.Index;
        var originEntity = index.Entity(origin);
        var start = originEntity.Kind switch
        {
            EntityKind.ChainLink => [origin],
            EntityKind.Enterprise => index.Edges(origin, Direction.Out, RelationshipTypes.WorksIn).ToArray().Select(index.EdgeTo).Distinct().ToList(),
            _ => throw new AnalysisException(AnalysisError.BadInput, text => text.NotLinkOrEnterprise(originEntity.Name, originEntity.Kind.ToCode())),
        };
        if (start.Count == 0)
        {
            throw new AnalysisException(AnalysisError.BadInput, text => text.WorksInNoLink(originEntity.Name, direction));
        }

        // Upstream follows SUPPLIES edges backwards (who supplies me), downstream forwards (whom I supply).
        var step = direction == SupplyDirection.Upstream ? Direction.In : Direction.Out;
        var distance = start.ToDictionary(link => link, _ => 0);
        var frontier = start;
        var steps = new List<SupplyStep>();
        for (var level = 1; level <= depth && frontier.Count > 0; level++)
        {
            var via = new Dictionary<int, List<int>>();
            foreach (var link in frontier)
            {
                foreach (var edge in index.Edges(link, step, RelationshipTypes.Supplies))
                {
                    var next = index.OtherEnd(edge, link);
                    if (distance.TryGetValue(next, out var known) && known < level)
                    {
                        continue;
                    }

                    distance[next] = level;
                    if (!via.TryGetValue(next, out var from))
                    {
                        via[next] = from = [];
                    }

                    if (!from.Contains(link))
                    {
                        from.Add(link);
                    }
                }
            }

            var reached = via.Keys.OrderBy(link => ChainOrder(index, link)).ToList();
            foreach (var link in reached)
            {
                steps.Add(new SupplyStep(index.Entity(link), level, via[link].Select(index.Entity).ToList(),
                    () => analysis.Placements(link, scope), placements => analysis.Assess(link, scope, threshold, placements)));
            }

            frontier = reached;
        }

        return new SupplyTrace(originEntity, direction, depth, scope, threshold, start.Select(index.Entity).ToList(), steps);
    }

    private static (string Chain, Segment Segment, int Position, string Key) ChainOrder(GraphIndex index, int link)
    {
        var entity = index.Entity(link);
        return (entity.Link?.ChainKey ?? "", entity.Link?.Segment ?? Segment.Downstream, entity.Link?.Position ?? 0, entity.Key);
    }
}
