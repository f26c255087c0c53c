using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;

namespace IndustryGraph.Domain.Analysis;

public sealed partial class GraphIndex
{
    private readonly PlacementTable placements;

    /// <summary>The stored placement records (suggested, confirmed, rejected) of a link, best score first, then by enterprise key.</summary>
    public ReadOnlySpan<int> PlacementRecordsOf(int link) => placements.OfLink(link);

    /// <summary>The enterprise of a placement record.</summary>
    public int PlacementEnterprise(int record) => placements.Enterprise[record];

    public int PlacementLink(int record) => placements.Link[record];

    public PlacementKind PlacementKindOf(int record) => (PlacementKind)placements.Kind[record];

    // Kept as floats for memory; given back at the precision a score is stated with, not as float noise (0.6489999…).
    public double? PlacementScore(int record) => float.IsNaN(placements.Score[record]) ? null : Math.Round((double)placements.Score[record], 4);

    /// <summary>How many placement records the graph holds.</summary>
    public int PlacementRecordCount => placements.Enterprise.Length;

    /// <summary>
    /// Where an enterprise stands: placed (it works in a link, by an article, curation or a planner's
    /// confirmation), only suggested, or neither.
    /// </summary>
    public EnterprisePlacementState PlacementStateOf(int enterprise)
    {
        if (placements.Confirmed.Contains(enterprise) || Edges(enterprise, Direction.Out, RelationshipTypes.WorksIn).Length > 0)
        {
            return EnterprisePlacementState.Placed;
        }

        return placements.Suggested.Contains(enterprise) ? EnterprisePlacementState.Suggested : EnterprisePlacementState.Unplaced;
    }

    /// <summary>
    /// Placement records as flat arrays grouped by link (CSR), scores as floats with NaN for none: a million
    /// enterprises with a few suggestions each stay a few tens of megabytes, and a link's records are one slice.
    /// </summary>
    private sealed class PlacementTable
    {
        private readonly int[] start;
        private readonly int[] order;

        private PlacementTable(int[] start, int[] order, int[] enterprise, int[] link, byte[] kind, float[] score, HashSet<int> confirmed, HashSet<int> suggested)
        {
            this.start = start;
            this.order = order;
            Enterprise = enterprise;
            Link = link;
            Kind = kind;
            Score = score;
            Confirmed = confirmed;
            Suggested = suggested;
        }

        public int[] Enterprise { get; }

        public int[] Link { get; }

        public byte[] Kind { get; }

        public float[] Score { get; }

        public HashSet<int> Confirmed { get; }

        public HashSet<int> Suggested { get; }

        public ReadOnlySpan<int> OfLink(int link) => (uint)link + 1 < (uint)start.Length ? order.AsSpan(start[link], start[link + 1] - start[link]) : [];

        public static PlacementTable Build(IReadOnlyList<PlacementRecord> records, Dictionary<string, int> idByKey, Entity[] entities)
        {
            var enterprise = new List<int>(records.Count);
            var link = new List<int>(records.Count);
            var kind = new List<byte>(records.Count);
            var score = new List<float>(records.Count);
            var keys = new List<string>(records.Count);
            var confirmed = new HashSet<int>();
            var suggested = new HashSet<int>();
            foreach (var record in records)
            {
                // A record whose enterprise or link is gone cannot be placed; the store removes them with the entity.
                if (!idByKey.TryGetValue(record.EnterpriseKey, out var from) || !idByKey.TryGetValue(record.LinkKey, out var to)
                    || entities[from].Kind != EntityKind.Enterprise || entities[to].Kind != EntityKind.ChainLink)
                {
                    continue;
                }

                enterprise.Add(from);
                link.Add(to);
                kind.Add((byte)record.Kind);
                score.Add(record.Score is { } value ? (float)value : float.NaN);
                keys.Add(record.EnterpriseKey);
                if (record.Kind == PlacementKind.Confirmed)
                {
                    confirmed.Add(from);
                }
                else if (record.Kind == PlacementKind.Suggested && !entities[from].IsInactive())
                {
                    suggested.Add(from);
                }
            }

            var count = enterprise.Count;
            var start = new int[entities.Length + 1];
            foreach (var to in link)
            {
                start[to + 1]++;
            }

            for (var id = 0; id < entities.Length; id++)
            {
                start[id + 1] += start[id];
            }

            var order = new int[count];
            var next = start[..^1].ToArray();
            for (var i = 0; i < count; i++)
            {
                order[next[link[i]]++] = i;
            }

            var scores = score.ToArray();
            for (var id = 0; id < entities.Length; id++)
            {
                if (start[id + 1] - start[id] > 1)
                {
                    // Best score first (no score last), then by enterprise key: a stable order for pages and candidates.
                    Array.Sort(order, start[id], start[id + 1] - start[id], Comparer<int>.Create((a, b) =>
                    {
                        var (sa, sb) = (float.IsNaN(scores[a]) ? -1f : scores[a], float.IsNaN(scores[b]) ? -1f : scores[b]);
                        return sa != sb ? sb.CompareTo(sa) : string.CompareOrdinal(keys[a], keys[b]);
                    }));
                }
            }

            return new PlacementTable(start, order, [.. enterprise], [.. link], [.. kind], scores, confirmed, suggested);
        }
    }
}

/// <summary>Where an enterprise stands in the chains: placed in a link, only suggested for one, or neither.</summary>
public enum EnterprisePlacementState
{
    Unplaced,
    Suggested,
    Placed,
}
