using System.Runtime.InteropServices;
using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Search;

/// <summary>One name or alias of an entity, as a store hands it to <see cref="NameSearchIndex.Build"/>.</summary>
public readonly record struct NamedEntity(long Id, EntityKind Kind, string Key, string Name, bool IsAlias);

/// <summary>
/// Posting lists of every name and alias, each list in <see cref="NameRank"/> order, so the best N matches of
/// any text are the first N that pass a check, read tier by tier: exact names from a dictionary, prefixes from
/// the list of names starting with the text's first two characters, substrings from the shortest list of any
/// of the text's character pairs (or single characters for a one-character text). No match is scored beyond
/// the ones returned, however many names contain the text.
/// </summary>
public sealed class NameSearchIndex
{
    private readonly long[] ids;
    private readonly EntityKind[] kinds;
    private readonly string[] names;
    private readonly string[] keys;
    private readonly bool[] aliases;
    private readonly Dictionary<string, int[]> exact;
    private readonly Dictionary<long, int[]> startingWith;
    private readonly Dictionary<long, int[]> containing;

    private NameSearchIndex(List<NamedEntity> entries)
    {
        var normalized = entries.Select(entry => NameMatch.Normalize(entry.Name)).ToArray();
        var order = Enumerable.Range(0, entries.Count).Where(i => normalized[i].Length > 0).ToArray();
        var ranks = order.Select(i => new NameRank(MatchTier.Exact, normalized[i].Length, entries[i].IsAlias, NameMatch.KindOrder(entries[i].Kind), entries[i].Key)).ToArray();
        Array.Sort(ranks, order);
        ids = new long[order.Length];
        kinds = new EntityKind[order.Length];
        names = new string[order.Length];
        keys = new string[order.Length];
        aliases = new bool[order.Length];
        var exactLists = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var startLists = new Dictionary<long, List<int>>();
        var containLists = new Dictionary<long, List<int>>();
        var seen = new HashSet<long>();
        for (var position = 0; position < order.Length; position++)
        {
            var entry = entries[order[position]];
            var name = normalized[order[position]];
            (ids[position], kinds[position], names[position], keys[position], aliases[position]) = (entry.Id, entry.Kind, name, entry.Key, entry.IsAlias);
            Append(exactLists, name, position);
            Append(startLists, name[0], position);
            if (name.Length > 1)
            {
                Append(startLists, Pair(name[0], name[1]), position);
            }
            seen.Clear();
            for (var i = 0; i < name.Length; i++)
            {
                if (seen.Add(name[i]))
                {
                    Append(containLists, name[i], position);
                }

                if (i + 1 < name.Length && seen.Add(Pair(name[i], name[i + 1])))
                {
                    Append(containLists, Pair(name[i], name[i + 1]), position);
                }
            }
        }

        exact = exactLists.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
        startingWith = startLists.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray());
        containing = containLists.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray());
    }

    public int NameCount => names.Length;

    public static NameSearchIndex Build(IEnumerable<NamedEntity> entries) => new(entries.ToList());

    /// <summary>Each name is in two start lists: of its first character, and of its first two characters.</summary>
    private static long Start(string name) => name.Length == 1 ? name[0] : Pair(name[0], name[1]);

    /// <summary>Single characters and character pairs share one key space: a pair never collides with a character.</summary>
    private static long Pair(char first, char second) => ((first + 1L) << 16) | second;

    private static void Append<TKey>(Dictionary<TKey, List<int>> lists, TKey key, int position)
        where TKey : notnull
    {
        ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(lists, key, out _);
        (list ??= []).Add(position);
    }

    /// <summary>The best <paramref name="first"/> entities for <paramref name="text"/> by <see cref="NameRank"/>, with their ranks.</summary>
    public IReadOnlyList<(long Id, NameRank Rank)> Search(string text, IReadOnlyCollection<EntityKind>? kindFilter, int first)
    {
        var query = NameMatch.Normalize(text);
        var result = new List<(long, NameRank)>();
        if (query.Length == 0 || first <= 0)
        {
            return result;
        }

        var taken = new HashSet<long>();
        bool Take(int[] list, MatchTier tier)
        {
            foreach (var position in list)
            {
                var name = names[position];
                var matches = tier switch
                {
                    MatchTier.Exact => true,
                    MatchTier.Prefix => name.Length > query.Length && name.StartsWith(query, StringComparison.Ordinal),
                    _ => name.Length > query.Length && !name.StartsWith(query, StringComparison.Ordinal) && name.Contains(query, StringComparison.Ordinal),
                };
                if (!matches || (kindFilter is { Count: > 0 } && !kindFilter.Contains(kinds[position])) || !taken.Add(ids[position]))
                {
                    continue;
                }

                result.Add((ids[position], new NameRank(tier, name.Length, aliases[position], NameMatch.KindOrder(kinds[position]), keys[position])));
                if (result.Count == first)
                {
                    return true;
                }
            }

            return false;
        }

        if (exact.TryGetValue(query, out var exactList) && Take(exactList, MatchTier.Exact))
        {
            return result;
        }

        if (startingWith.TryGetValue(Start(query), out var startList) && Take(startList, MatchTier.Prefix))
        {
            return result;
        }

        var shortest = ContainingList(query);
        if (shortest is not null)
        {
            Take(shortest, MatchTier.Contains);
        }

        return result;
    }

    /// <summary>The shortest list that holds every name containing the query: of its rarest character pair, or its character.</summary>
    private int[]? ContainingList(string query)
    {
        if (query.Length == 1)
        {
            return containing.GetValueOrDefault(query[0]);
        }

        int[]? shortest = null;
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
}
