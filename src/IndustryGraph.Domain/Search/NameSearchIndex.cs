using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Search;

/// <summary>One name or alias of an entity, as a store hands it to <see cref="NameSearchIndex.Build"/>.</summary>
public readonly record struct NamedEntity(long Id, EntityKind Kind, string Key, string Name, bool IsAlias);

/// <summary>
/// Posting lists of every name and alias, each list in <see cref="NameRank"/> order, so the best N matches of
/// any text are the first N that pass a check, read tier by tier: exact names and prefixes from the list of names
/// starting with the text's first two characters (first character for a one-character text), which holds the
/// exact ones (as long as the text) right before the longer ones; substrings from the shortest list of any of the
/// text's character pairs (or single characters for a one-character text). No match is scored beyond the ones
/// returned, however many names contain the text.
/// </summary>
/// <remarks>
/// Sized for a million names: the names and keys are two character blobs with offsets (no string per name), a
/// start list is an int array (searched by name length), and a substring list, read only from its start, is a
/// byte array of varint gaps between positions, a third of the int array it replaces.
/// </remarks>
public sealed class NameSearchIndex
{
    private readonly long[] ids;
    private readonly EntityKind[] kinds;
    private readonly bool[] aliases;
    private readonly char[] nameText;
    private readonly int[] nameStart;
    private readonly char[] keyText;
    private readonly int[] keyStart;
    private readonly Dictionary<long, int[]> startingWith;
    private readonly Dictionary<long, byte[]> containing;

    private NameSearchIndex(IReadOnlyList<NamedEntity> entries)
    {
        var normalized = new string[entries.Count];
        var kept = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            normalized[i] = NameMatch.Normalize(entries[i].Name);
            kept += normalized[i].Length > 0 ? 1 : 0;
        }

        var order = new int[kept];
        kept = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            if (normalized[i].Length > 0)
            {
                order[kept++] = i;
            }
        }

        // The rank of every name as an exact match (tier aside, the order of every tier): length, alias, kind, key.
        Array.Sort(order, (a, b) =>
        {
            var byFields = Packed(normalized[a].Length, entries[a]).CompareTo(Packed(normalized[b].Length, entries[b]));
            return byFields != 0 ? byFields : string.CompareOrdinal(entries[a].Key, entries[b].Key);
        });

        var count = order.Length;
        ids = new long[count];
        kinds = new EntityKind[count];
        aliases = new bool[count];
        nameStart = new int[count + 1];
        keyStart = new int[count + 1];
        for (var position = 0; position < count; position++)
        {
            var entry = entries[order[position]];
            (ids[position], kinds[position], aliases[position]) = (entry.Id, entry.Kind, entry.IsAlias);
            nameStart[position + 1] = nameStart[position] + normalized[order[position]].Length;
            keyStart[position + 1] = keyStart[position] + entry.Key.Length;
        }

        nameText = new char[nameStart[count]];
        keyText = new char[keyStart[count]];
        for (var position = 0; position < count; position++)
        {
            normalized[order[position]].CopyTo(nameText.AsSpan(nameStart[position]));
            entries[order[position]].Key.CopyTo(keyText.AsSpan(keyStart[position]));
        }

        startingWith = BuildStartLists(count);
        containing = BuildContainLists(count);
    }

    public int NameCount => ids.Length;

    public static NameSearchIndex Build(IEnumerable<NamedEntity> entries) => new(entries as IReadOnlyList<NamedEntity> ?? entries.ToList());

    private static long Packed(int length, NamedEntity entry) =>
        ((long)length << 8) | ((entry.IsAlias ? 1L : 0L) << 4) | (long)NameMatch.KindOrder(entry.Kind);

    private ReadOnlySpan<char> Name(int position) => nameText.AsSpan(nameStart[position], nameStart[position + 1] - nameStart[position]);

    private int NameLength(int position) => nameStart[position + 1] - nameStart[position];

    /// <summary>Single characters and character pairs share one key space: a pair never collides with a character.</summary>
    private static long Pair(char first, char second) => ((first + 1L) << 16) | second;

    /// <summary>Each name is in two start lists: of its first character, and of its first two characters.</summary>
    private Dictionary<long, int[]> BuildStartLists(int count)
    {
        var sizes = new Dictionary<long, int>();
        void EachStart(int position, Action<long> add)
        {
            var name = Name(position);
            add(name[0]);
            if (name.Length > 1)
            {
                add(Pair(name[0], name[1]));
            }
        }

        for (var position = 0; position < count; position++)
        {
            EachStart(position, key => sizes[key] = sizes.GetValueOrDefault(key) + 1);
        }

        var lists = sizes.ToDictionary(pair => pair.Key, pair => new int[pair.Value]);
        var filled = new Dictionary<long, int>(sizes.Count);
        for (var position = 0; position < count; position++)
        {
            EachStart(position, key =>
            {
                var at = filled.GetValueOrDefault(key);
                lists[key][at] = position;
                filled[key] = at + 1;
            });
        }

        return lists;
    }

    /// <summary>Each name is in the substring list of every distinct character and character pair it holds.</summary>
    private Dictionary<long, byte[]> BuildContainLists(int count)
    {
        var lists = new Dictionary<long, VarintWriter>();
        var seen = new HashSet<long>();
        for (var position = 0; position < count; position++)
        {
            var name = Name(position);
            seen.Clear();
            for (var i = 0; i < name.Length; i++)
            {
                if (seen.Add(name[i]))
                {
                    Writer(lists, name[i]).Add(position);
                }

                if (i + 1 < name.Length && seen.Add(Pair(name[i], name[i + 1])))
                {
                    Writer(lists, Pair(name[i], name[i + 1])).Add(position);
                }
            }
        }

        return lists.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray());
    }

    private static VarintWriter Writer(Dictionary<long, VarintWriter> lists, long key)
    {
        if (!lists.TryGetValue(key, out var writer))
        {
            lists[key] = writer = new VarintWriter();
        }

        return writer;
    }

    /// <summary>The best <paramref name="first"/> entities for <paramref name="text"/> by <see cref="NameRank"/>, with their ranks.</summary>
    public IReadOnlyList<(long Id, NameRank Rank)> Search(string text, IReadOnlyCollection<EntityKind>? kindFilter, int first)
    {
        var query = NameMatch.Normalize(text);
        var result = new List<(long Id, NameRank Rank)>(Math.Min(first, 64));
        if (query.Length == 0 || first <= 0)
        {
            return result;
        }

        var filter = kindFilter is { Count: > 0 } ? kindFilter : null;
        var q = query.AsSpan();

        // Exact names, then prefixes: a start list holds them in that order from the first name as long as the text.
        var startKey = q.Length == 1 ? q[0] : Pair(q[0], q[1]);
        if (startingWith.TryGetValue(startKey, out var startList))
        {
            for (var at = FirstOfLength(startList, q.Length); at < startList.Length; at++)
            {
                var position = startList[at];
                if (filter is not null && !filter.Contains(kinds[position]))
                {
                    continue;
                }

                var name = Name(position);
                var tier = name.Length == q.Length ? MatchTier.Exact : MatchTier.Prefix;
                if ((tier == MatchTier.Exact ? name.SequenceEqual(q) : name.StartsWith(q)) && Take(result, position, tier) && result.Count == first)
                {
                    return result;
                }
            }
        }

        if (ContainingList(q) is not { } containList)
        {
            return result;
        }

        var reader = new VarintReader(containList);
        while (reader.TryNext(out var position))
        {
            if (NameLength(position) <= q.Length || (filter is not null && !filter.Contains(kinds[position])))
            {
                continue;
            }

            var name = Name(position);
            // Found first at 0 is a prefix, taken above; anywhere else is a substring.
            if (name.IndexOf(q) > 0 && Take(result, position, MatchTier.Contains) && result.Count == first)
            {
                return result;
            }
        }

        return result;
    }

    /// <summary>Adds the entity at a position unless a better name of it was taken already; true when added.</summary>
    private bool Take(List<(long Id, NameRank Rank)> result, int position, MatchTier tier)
    {
        var id = ids[position];
        foreach (var hit in result)
        {
            if (hit.Id == id)
            {
                return false;
            }
        }

        var key = new string(keyText.AsSpan(keyStart[position], keyStart[position + 1] - keyStart[position]));
        result.Add((id, new NameRank(tier, NameLength(position), aliases[position], NameMatch.KindOrder(kinds[position]), key)));
        return true;
    }

    /// <summary>The first place in a start list (sorted by name length first) of a name at least <paramref name="length"/> long.</summary>
    private int FirstOfLength(int[] list, int length)
    {
        var (low, high) = (0, list.Length);
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (NameLength(list[middle]) < length)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>The shortest list that holds every name containing the query: of its rarest character pair, or its character.</summary>
    private byte[]? ContainingList(ReadOnlySpan<char> query)
    {
        if (query.Length == 1)
        {
            return containing.GetValueOrDefault(query[0]);
        }

        byte[]? shortest = null;
        for (var i = 0; i + 1 < query.Length; i++)
        {
            if (!containing.TryGetValue(Pair(query[i], query[i + 1]), out var list))
            {
                return null;
            }

            if (shortest is null || list.Length < shortest.Length)
            {
                shortest = list;
            }
        }

        return shortest;
    }

    /// <summary>An ascending list of positions written as varint gaps (7 bits a byte, high bit: more follows).</summary>
    private sealed class VarintWriter
    {
        private byte[] bytes = new byte[4];
        private int length;
        private int last = -1;

        public void Add(int position)
        {
            if (length + 5 > bytes.Length)
            {
                Array.Resize(ref bytes, bytes.Length * 2);
            }

            var gap = (uint)(position - last);
            last = position;
            while (gap >= 0x80)
            {
                bytes[length++] = (byte)(gap | 0x80);
                gap >>= 7;
            }

            bytes[length++] = (byte)gap;
        }

        public byte[] ToArray() => bytes.AsSpan(0, length).ToArray();
    }

    private struct VarintReader(byte[] bytes)
    {
        private int at;
        private int last = -1;

        public bool TryNext(out int position)
        {
            if (at >= bytes.Length)
            {
                position = -1;
                return false;
            }

            var gap = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = bytes[at++];
                gap |= (b & 0x7F) << shift;
                if (b < 0x80)
                {
                    break;
                }
            }

            last += gap;
            position = last;
            return true;
        }
    }
}
