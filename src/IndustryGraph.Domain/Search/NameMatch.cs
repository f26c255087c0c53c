using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Search;

/// <summary>How a name holds the searched text: the whole name, its start, or somewhere inside.</summary>
public enum MatchTier
{
    Exact = 0,
    Prefix = 1,
    Contains = 2,
}

/// <summary>
/// Where an entity ranks for a text: compared field by field, smaller first. Tier (exact, prefix, contains),
/// then the length of the matching name (shorter: the text covers more of it), then its own name before an
/// alias, then the kind (<see cref="NameMatch.KindOrder"/>: a chain before its links), then the key.
/// </summary>
public readonly record struct NameRank(MatchTier Tier, int Length, bool IsAlias, int KindOrder, string Key) : IComparable<NameRank>
{
    public int CompareTo(NameRank other)
    {
        var order = Tier.CompareTo(other.Tier);
        if (order == 0) order = Length.CompareTo(other.Length);
        if (order == 0) order = IsAlias.CompareTo(other.IsAlias);
        if (order == 0) order = KindOrder.CompareTo(other.KindOrder);
        return order != 0 ? order : string.CompareOrdinal(Key, other.Key);
    }

    /// <summary>
    /// A number for clients, in the rank's order: an exact name 1, an exact alias 0.95, a prefix 0.6–0.8 and a
    /// substring 0.3–0.5, higher the more of the name the text covers.
    /// </summary>
    public double Score(int textLength) => Tier switch
    {
        MatchTier.Exact => IsAlias ? 0.95 : 1.0,
        MatchTier.Prefix => Math.Round(0.6 + (0.2 * textLength / Length), 6),
        _ => Math.Round(0.3 + (0.2 * textLength / Length), 6),
    };
}

/// <summary>
/// The one ranking of name search, so every backend orders hits the same: see <see cref="NameRank"/>. Names
/// and text are compared after <see cref="Normalize"/>.
/// </summary>
public static class NameMatch
{
    /// <summary>Ties between kinds: the broader thing first, so a chain comes before its own links and a district before its parks.</summary>
    public static int KindOrder(EntityKind kind) => kind switch
    {
        EntityKind.IndustryChain => 0,
        EntityKind.ChainLink => 1,
        EntityKind.District => 2,
        EntityKind.Park => 3,
        EntityKind.ResearchPartner => 4,
        EntityKind.Organization => 5,
        EntityKind.Enterprise => 6,
        _ => 7,
    };

    /// <summary>The entity's best rank for <paramref name="query"/> over its name and aliases, or null when none contains it.</summary>
    public static NameRank? Rank(Entity entity, string query)
    {
        var q = Normalize(query);
        if (q.Length == 0)
        {
            return null;
        }

        NameRank? best = null;
        var isAlias = false;
        foreach (var name in entity.Names)
        {
            var rank = Rank(Normalize(name), q, isAlias, KindOrder(entity.Kind), entity.Key);
            if (rank is { } found && (best is null || found.CompareTo(best.Value) < 0))
            {
                best = found;
            }

            isAlias = true;
        }

        return best;
    }

    /// <summary>The rank of one normalized name for a normalized text, or null when the name does not contain it.</summary>
    public static NameRank? Rank(string normalizedName, string normalizedQuery, bool isAlias, int kindOrder, string key)
    {
        if (normalizedName.Length == 0)
        {
            return null;
        }

        MatchTier tier;
        if (normalizedName.Length == normalizedQuery.Length)
        {
            if (normalizedName != normalizedQuery)
            {
                return null;
            }

            tier = MatchTier.Exact;
        }
        else if (normalizedName.StartsWith(normalizedQuery, StringComparison.Ordinal))
        {
            tier = MatchTier.Prefix;
        }
        else if (normalizedName.Contains(normalizedQuery, StringComparison.Ordinal))
        {
            tier = MatchTier.Contains;
        }
        else
        {
            return null;
        }

        return new NameRank(tier, normalizedName.Length, isAlias, kindOrder, key);
    }

    /// <summary>How well <paramref name="query"/> matches the entity's names: 0 when not at all, 1 for its exact name.</summary>
    public static double Score(Entity entity, string query) =>
        Rank(entity, query) is { } rank ? rank.Score(Normalize(query).Length) : 0;

    /// <summary>Lower case, without spaces and the separators names are written with (·, -, ・).</summary>
    public static string Normalize(string text)
    {
        var clean = true;
        foreach (var c in text)
        {
            if (IsDropped(c) || char.IsUpper(c))
            {
                clean = false;
                break;
            }
        }

        return clean ? text : string.Concat(text.Where(c => !IsDropped(c))).ToLowerInvariant();
    }

    private static bool IsDropped(char c) => char.IsWhiteSpace(c) || c is '·' or '・' or '•' or '-' or '_';
}
