using IndustryGraph.Domain.Cancellation;
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

    /// <summary>
    /// What search answers, by definition: of every entity (of <paramref name="kinds"/>, when given) whose name or
    /// alias contains <paramref name="query"/>, the keys of the <paramref name="first"/> best by rank. It ranks every
    /// entity; the search index answers the same without doing so, and is held to this.
    /// </summary>
    public static List<string> BestByScan(IEnumerable<Entity> entities, string query, IReadOnlyCollection<EntityKind>? kinds, int first) =>
        [.. entities
            .Where(entity => kinds is null || kinds.Contains(entity.Kind))
            .Select(entity => (entity.Key, Rank: Rank(entity, query)))
            .Where(item => item.Rank is not null)
            .OrderBy(item => item.Rank!.Value)
            .Take(first)
            .Select(item => item.Key)];

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

    public const int MaxSuggestions = 5;

    /// <summary>
    /// Which entity a typed name means, among candidates of the kind asked for. An exact name or alias wins; else a
    /// name or alias that starts with the text; else one that contains it (管城 → 管城区, 高新 → 郑州高新区). The first of
    /// these that fits any entity decides: one entity is the answer, several are ambiguous. Nothing fitting gives
    /// suggestions by shared characters, only those at least <see cref="MinSuggestionSimilarity"/> alike. Every store and the analysis index resolve through this, so all agree.
    /// </summary>
    public static NameResolution Resolve(string text, IEnumerable<Entity> candidates)
    {
        var query = Normalize(text);
        var list = candidates.DistinctBy(entity => entity.Key).ToList();
        if (query.Length == 0)
        {
            return new NameResolution(null, []);
        }

        var steps = 0;
        for (var tier = 0; tier < 3; tier++)
        {
            var fitting = list.Where(entity =>
            {
                WorkCancellation.ThrowIfCancelled(++steps);
                return entity.Names.Any(name => Fits(Normalize(name), query, tier));
            }).ToList();
            if (fitting.Count == 1)
            {
                return new NameResolution(fitting[0], []);
            }

            if (fitting.Count > 1)
            {
                return new NameResolution(null, Best(fitting, entity => Score(entity, text))) { Ambiguous = true };
            }
        }

        return new NameResolution(null, Best(list, entity =>
        {
            WorkCancellation.ThrowIfCancelled(++steps);
            return Similarity(entity, query) is var similarity && similarity >= MinSuggestionSimilarity ? similarity : 0;
        }));
    }

    /// <summary>
    /// How similar a name must be to be suggested for a name that fits none: half of the text's characters in it (at
    /// most twice its length). One shared character of five (不存在的区 → 金水区) is no suggestion; better none than a wrong one.
    /// </summary>
    public const double MinSuggestionSimilarity = 0.5;

    private static bool Fits(string name, string query, int tier) => tier switch
    {
        0 => name == query,
        1 => name.StartsWith(query, StringComparison.Ordinal),
        _ => name.Contains(query, StringComparison.Ordinal),
    };

    private static List<Entity> Best(IEnumerable<Entity> entities, Func<Entity, double> score) => entities
        .Select(entity => (Entity: entity, Score: score(entity)))
        .Where(item => item.Score > 0)
        .OrderByDescending(item => item.Score)
        .ThenBy(item => item.Entity.Name.Length)
        .ThenBy(item => item.Entity.Name, StringComparer.Ordinal)
        .Take(MaxSuggestions)
        .Select(item => item.Entity)
        .ToList();

    /// <summary>Share of the query's characters found in the entity's best name, 0..1: ranks suggestions for a name that fits none.</summary>
    public static double Similarity(Entity entity, string normalizedQuery)
    {
        var wanted = normalizedQuery.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return 0;
        }

        return entity.Names.Select(name => Normalize(name)).Max(name => (double)wanted.Count(name.Contains) / Math.Max(wanted.Count, name.Length / 2.0));
    }

    /// <summary>The text pieces a store can search to find suggestion candidates: the distinct characters of the query.</summary>
    public static IEnumerable<string> SuggestionProbes(string text) => Normalize(text).Distinct().Take(6).Select(c => c.ToString());
}

/// <summary>The entity a name resolved to, or none with the names to suggest (best first).</summary>
public sealed record NameResolution(Entity? Match, IReadOnlyList<Entity> Suggestions)
{
    /// <summary>True when several entities fit the name; false when none does.</summary>
    public bool Ambiguous { get; init; }

    public IReadOnlyList<string> SuggestionNames => Suggestions.Select(entity => entity.Name).Distinct().ToList();
}
