using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;

namespace IndustryGraph.Domain.Analysis;

/// <summary>Which placements a list shows: kinds (all when null), a chain or a link, a scope, and a lowest score.</summary>
public sealed record PlacementFilter(IReadOnlySet<PlacementKind>? Kinds, int? Chain, int? Link, AnalysisScope Scope, double? MinScore);

/// <summary>One page of placements and how many match in all.</summary>
public sealed record PlacementPage(IReadOnlyList<Placement> Placements, int TotalCount, int Offset);

/// <summary>
/// Every placement of the graph (WORKS_IN relationships, confirmations, suggestions, rejections) as one list, read from
/// the analysis index: link by link (chains by name, links in chain order), and within a link the placed enterprises
/// by name, then the suggestions and rejections by score, best first. The order depends only on the data version,
/// so offsets are stable cursors within it.
/// </summary>
public static class PlacementListing
{
    public static PlacementPage List(ChainAnalysis analysis, PlacementFilter filter, int offset, int limit)
    {
        var index = analysis.Index;
        var page = new List<Placement>(Math.Min(limit, 256));
        var total = 0;
        foreach (var link in Links(index, filter))
        {
            var linkEntity = index.Entity(link);
            foreach (var placement in analysis.Placements(link, filter.Scope))
            {
                if (placement.InScope && Wanted(filter, placement.Kind, placement.Score))
                {
                    Take(placement);
                }
            }

            foreach (var record in index.PlacementRecordsOf(link))
            {
                var kind = index.PlacementKindOf(record);
                var enterprise = index.PlacementEnterprise(record);
                if (kind == PlacementKind.Confirmed || !Wanted(filter, kind, index.PlacementScore(record)) || !filter.Scope.Contains(index, enterprise))
                {
                    continue;
                }

                // Counting needs no objects; only the page's placements are made.
                if (total >= offset && page.Count < limit)
                {
                    page.Add(new Placement(index.Entity(enterprise), linkEntity, [], true) { Kind = kind, Score = index.PlacementScore(record) });
                }

                total++;
            }
        }

        return new PlacementPage(page, total, offset);

        void Take(Placement placement)
        {
            if (total >= offset && page.Count < limit)
            {
                page.Add(placement);
            }

            total++;
        }
    }

    private static bool Wanted(PlacementFilter filter, PlacementKind kind, double? score) =>
        (filter.Kinds is null || filter.Kinds.Contains(kind)) && (filter.MinScore is not { } min || (score is { } value && value >= min));

    private static IEnumerable<int> Links(GraphIndex index, PlacementFilter filter)
    {
        if (filter.Link is { } link)
        {
            return [link];
        }

        if (filter.Chain is { } chain)
        {
            return index.LinksOf(chain).ToArray();
        }

        return Enumerable.Range(0, index.EntityCount)
            .Where(id => index.KindOf(id) == EntityKind.IndustryChain)
            .OrderBy(id => index.Entity(id).Name, StringComparer.Ordinal)
            .SelectMany(id => index.LinksOf(id).ToArray());
    }
}
